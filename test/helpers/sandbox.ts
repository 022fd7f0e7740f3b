/**
 * The sandbox for a test file: one server per file on a free port, back to its seed before every test.
 */
import axios, { type AxiosInstance } from 'axios';

import type { RecordedRequest, RequestFilter, Sandbox, SandboxOptions } from '../../sandbox';
import { startSandbox } from '../../sandbox';

export interface SandboxRef {
	/** The running sandbox (only inside tests and hooks). */
	readonly sb: Sandbox;
	/** An HTTP client on the sandbox's address that returns every answer, errors included (the sandbox's own tests). */
	readonly http: AxiosInstance;
}

/** Starts a sandbox in beforeAll, resets it in beforeEach, closes it in afterAll. */
export function useSandbox(options: SandboxOptions = {}): SandboxRef {
	let running: { sb: Sandbox; http: AxiosInstance } | undefined;
	beforeAll(async () => {
		const sb = await startSandbox({ port: 0, ...options });
		running = {
			sb,
			http: axios.create({ baseURL: sb.url, validateStatus: () => true, timeout: 10000 }),
		};
	});
	beforeEach(() => running?.sb.reset());
	afterAll(async () => await running?.sb.close());
	const current = () => {
		if (!running) throw new Error('The sandbox runs only inside tests and hooks');
		return running;
	};
	return {
		get sb(): Sandbox {
			return current().sb;
		},
		get http(): AxiosInstance {
			return current().http;
		},
	};
}

/** The Oho API requests that reached the sandbox, oldest first. */
export function ohoRequests(
	sb: Sandbox,
	filter: Omit<RequestFilter, 'api'> = {},
): RecordedRequest[] {
	return sb.requests({ ...filter, api: 'oho' });
}

/** The Oho API requests that reached the sandbox as "METHOD path" lines, oldest first. */
export function ohoCalls(sb: Sandbox, filter: Omit<RequestFilter, 'api'> = {}): string[] {
	return ohoRequests(sb, filter).map((request) => `${request.method} ${request.path}`);
}

/** The JSON bodies of the Oho requests of one method, oldest first. */
export function sentBodies(sb: Sandbox, method: 'POST' | 'PATCH', path?: string): unknown[] {
	return ohoRequests(sb, { method, path }).map((request) => request.body);
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'http';
import type { Api, LoggedApi } from './types';
import { isPlainObject } from './validate';

/** What a handler answers; written by `send`. */
export interface Reply {
	status: number;
	/** JSON-serialised unless `text` is given. */
	body?: unknown;
	text?: string;
	contentType?: string;
	headers?: Record<string, string>;
}

export interface ParsedBody {
	raw: string;
	/** 'none' = empty; 'json' / 'form' by Content-Type; 'other' = anything else (including no Content-Type). */
	kind: 'none' | 'json' | 'form' | 'other';
	value: unknown;
	invalidJson: boolean;
}

export interface Ctx {
	method: string;
	path: string;
	/** The query string, without the `?` (empty when there is none). */
	query: string;
	params: string[];
	headers: IncomingHttpHeaders;
	body: ParsedBody;
}

export type Handler = (ctx: Ctx) => Reply;

export interface Route {
	api: Api;
	pattern: RegExp;
	methods: Record<string, Handler>;
}

export const MAX_BODY_BYTES = 1024 * 1024;

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
	const v = headers[name];
	return Array.isArray(v) ? v[0] : v;
}

export function parseBody(raw: string, contentType: string | undefined): ParsedBody {
	const ct = (contentType ?? '').toLowerCase();
	if (raw === '') return { raw, kind: 'none', value: undefined, invalidJson: false };
	if (ct.includes('application/json') || ct.includes('+json')) {
		try {
			return { raw, kind: 'json', value: JSON.parse(raw), invalidJson: false };
		} catch {
			return { raw, kind: 'json', value: raw, invalidJson: true };
		}
	}
	if (ct.includes('application/x-www-form-urlencoded')) {
		return {
			raw,
			kind: 'form',
			value: Object.fromEntries(new URLSearchParams(raw)),
			invalidJson: false,
		};
	}
	return { raw, kind: 'other', value: raw, invalidJson: false };
}

/** Reads the whole body as UTF-8; resolves undefined when it is larger than `limit` bytes. */
export function readBody(
	req: IncomingMessage,
	limit = MAX_BODY_BYTES,
): Promise<string | undefined> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= limit) chunks.push(chunk);
		});
		req.on('end', () =>
			resolve(
				size > limit
					? undefined
					: chunks.length === 1
						? chunks[0].toString('utf8')
						: Buffer.concat(chunks).toString('utf8'),
			),
		);
		req.on('error', reject);
	});
}

/** Why the body is not a JSON object (undefined when it is). */
export function isJsonObjectBody(body: ParsedBody): string | undefined {
	if (body.kind === 'form' || body.kind === 'other') return 'Content-Type must be application/json';
	if (body.invalidJson) return 'body is not valid JSON';
	return isPlainObject(body.value) ? undefined : 'body must be a JSON object';
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
	return { status, body, headers };
}

export function send(res: ServerResponse, reply: Reply): void {
	const payload = reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
	res.writeHead(reply.status, {
		'content-type': reply.contentType ?? 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(payload),
		...reply.headers,
	});
	res.end(payload);
}

/** Which API a path belongs to, by prefix (used for unknown routes too). */
export function apiOfPath(path: string): LoggedApi {
	if (path.startsWith('/contact') || path.startsWith('/chat/')) return 'oho';
	if (path.startsWith('/v1/') || path.startsWith('/v3/')) return 'gofive';
	if (path.startsWith('/authorization/')) return 'gofive-token';
	return 'other';
}

export type RouteMatch =
	| { api: LoggedApi; handler: Handler; params: string[] }
	| { api: LoggedApi; handler?: undefined; allow?: string[] };

/** Finds the route; `allow` is set when the path is known but the method is not. */
export function matchRoute(routes: Route[], method: string, path: string): RouteMatch {
	for (const route of routes) {
		const m = route.pattern.exec(path);
		if (!m) continue;
		const handler = route.methods[method];
		if (!handler) return { api: route.api, allow: Object.keys(route.methods) };
		try {
			return { api: route.api, handler, params: m.slice(1).map(decodeURIComponent) };
		} catch {
			return { api: route.api };
		}
	}
	return { api: apiOfPath(path) };
}

/** Each API's own error body and its "2xx but failed" answer. */
export interface Flavor {
	error(status: number, message: string): Reply;
	okFalse(): Reply;
}

const OAUTH_ERRORS: Record<number, string> = {
	401: 'invalid_client',
	404: 'not_found',
	405: 'invalid_request',
	413: 'invalid_request',
	429: 'too_many_requests',
	500: 'server_error',
	502: 'server_error',
	503: 'temporarily_unavailable',
};

const TEMPORARY = 'Temporary processing error';

export function ohoEnvelope(status: number, message: string, data?: unknown): Reply {
	const body: Record<string, unknown> = {
		ok: status >= 200 && status < 300,
		status_code: status,
		message,
	};
	if (data !== undefined) body.data = data;
	return { status, body };
}

export function gofiveStatus(
	httpStatus: number,
	code: string,
	description: string,
	extra?: Record<string, unknown>,
	headers?: Record<string, string>,
): Reply {
	return { status: httpStatus, body: { status: { code, description }, ...extra }, headers };
}

const OHO_FLAVOR: Flavor = {
	error: (status, message) => ohoEnvelope(status, message),
	okFalse: () => ({ status: 200, body: { ok: false, status_code: 200, message: TEMPORARY } }),
};

export const FLAVORS: Record<LoggedApi, Flavor> = {
	oho: OHO_FLAVOR,
	other: OHO_FLAVOR,
	gofive: {
		error: (status, message) => gofiveStatus(status, String(status), message),
		okFalse: () => gofiveStatus(201, '4001', TEMPORARY, { data: null }),
	},
	'gofive-token': {
		error: (status, message) =>
			json(status, {
				error: OAUTH_ERRORS[status] ?? 'invalid_request',
				error_description: message,
			}),
		okFalse: () => json(200, { error: 'temporarily_unavailable', error_description: TEMPORARY }),
	},
};

export const STATUS_MESSAGES: Record<number, string> = {
	413: 'Payload too large',
	429: 'Too many requests',
	500: 'Internal server error',
	502: 'Bad gateway',
	503: 'Service unavailable',
};

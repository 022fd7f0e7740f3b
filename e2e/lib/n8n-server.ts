/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
import { spawn, type ChildProcess } from 'child_process';

import type { N8n } from './n8n';
import { freePort, tail } from './proc';

/**
 * `n8n start` (the editor and REST API) on one N8n's user folder, for the browser check and
 * `npm start`. Same environment as the CLI harness (`N8n.env()`), plus the address, a free
 * task-broker port and plain-HTTP cookies.
 */
export interface N8nServer {
	/** e.g. http://127.0.0.1:5678 */
	url: string;
	port: number;
	child: ChildProcess;
	/** Everything n8n printed so far (stdout and stderr). */
	output(): string;
	/** SIGTERM to n8n's process group, SIGKILL after `graceMs`. */
	stop(graceMs?: number): Promise<void>;
}

export interface StartServerOptions {
	/** Default: a free port. */
	port?: number;
	/** Interface n8n listens on (N8N_LISTEN_ADDRESS). Default 127.0.0.1. */
	listenAddress?: string;
	/** Host name in the URLs n8n shows (N8N_HOST). Default 127.0.0.1. */
	host?: string;
	/** Extra environment for n8n (over N8n.env()). */
	env?: Record<string, string>;
	/** How long to wait for the REST API to answer. Default 4 minutes. */
	readyTimeoutMs?: number;
	/** Stream n8n's output to stderr as it arrives. */
	echo?: boolean;
}

export async function startN8nServer(n8n: N8n, opts: StartServerOptions = {}): Promise<N8nServer> {
	const port = opts.port ?? (await freePort());
	const host = opts.host ?? '127.0.0.1';
	const env = {
		...n8n.env(),
		N8N_PORT: String(port),
		N8N_HOST: host,
		N8N_LISTEN_ADDRESS: opts.listenAddress ?? '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://${host}:${port}/`,
		WEBHOOK_URL: `http://${host}:${port}/`,
		// The editor is served over plain HTTP: the auth cookie must not be "Secure".
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_PERSONALIZATION_ENABLED: 'false',
		...opts.env,
	};
	const child = spawn(n8n.install.nodeBin, [n8n.install.n8nScript, 'start'], {
		cwd: n8n.userFolder,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let out = '';
	const echo = opts.echo ?? process.env.E2E_VERBOSE === '1';
	for (const stream of [child.stdout!, child.stderr!]) {
		stream.setEncoding('utf8');
		stream.on('data', (d: string) => {
			out += d;
			if (out.length > 2_000_000) out = out.slice(-1_000_000);
			if (echo) process.stderr.write(d);
		});
	}
	let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
	const exitPromise = new Promise<void>((resolve) =>
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			resolve();
		}),
	);

	const url = `http://${host}:${port}`;
	const server: N8nServer = {
		url,
		port,
		child,
		output: () => out,
		async stop(graceMs = 20_000) {
			if (exited) return;
			try {
				process.kill(-child.pid!, 'SIGTERM');
			} catch {
				child.kill('SIGTERM');
			}
			const timer = setTimeout(() => {
				try {
					process.kill(-child.pid!, 'SIGKILL');
				} catch {
					child.kill('SIGKILL');
				}
			}, graceMs);
			await exitPromise;
			clearTimeout(timer);
		},
	};

	// Ready when the REST API answers (the health endpoint answers before the routes are mounted).
	const deadline = Date.now() + (opts.readyTimeoutMs ?? 4 * 60_000);
	const probe = `http://127.0.0.1:${port}`;
	for (;;) {
		if (exited) {
			throw new Error(
				`n8n start exited (${exited.code ?? exited.signal}) before it was ready:\n${tail(out, 60)}`,
			);
		}
		try {
			const r = await fetch(`${probe}/rest/settings`, { signal: AbortSignal.timeout(5000) });
			if (r.status === 200) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			await server.stop(5000);
			throw new Error(
				`n8n start was not ready after ${opts.readyTimeoutMs ?? 240_000} ms:\n${tail(out, 60)}`,
			);
		}
		await new Promise((r) => setTimeout(r, 1000));
	}
	return server;
}

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

/** The `n8n-auth=…` cookie of a REST answer, or undefined. */
function authCookie(r: Response): string | undefined {
	const cookies = r.headers.getSetCookie?.() ?? [r.headers.get('set-cookie') ?? ''];
	for (const c of cookies) {
		const m = /(?:^|,\s*)(n8n-auth=[^;]+)/.exec(c);
		if (m) return m[1].split('=').slice(1).join('=');
	}
	return undefined;
}

/**
 * Creates the instance owner (`POST /rest/owner/setup`, n8n 1.x and 2.x: `{ email, firstName,
 * lastName, password }`, password 8-64 characters with a digit and an upper-case letter) and
 * returns the session cookie's value. When the instance already has an owner, `setup` answers 400:
 * then `login()` is the way in.
 *
 * Just after start, n8n has once answered the setup 200 with no `n8n-auth` cookie (a CI run on a busy
 * 2-core machine): then the owner logs in, and when that fails too the setup is tried again a few times.
 */
export async function setupOwner(
	server: N8nServer,
	owner: Owner,
): Promise<{ created: boolean; cookie?: string; message?: string }> {
	const attempts = 5;
	let message = '';
	for (let attempt = 1; attempt <= attempts; attempt++) {
		const r = await fetch(`${server.url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(owner),
		});
		const text = await r.text();
		const answer = `HTTP ${r.status} (${r.headers.get('content-type') ?? 'no content type'}): ${text.slice(0, 300)}`;
		if (r.status === 200) {
			const cookie =
				authCookie(r) ?? (await login(server, owner.email, owner.password).catch(() => undefined));
			if (cookie) return { created: true, cookie };
			message = `the setup answered ${answer}, with no n8n-auth cookie, and the owner could not log in`;
		} else if (r.status === 404 || r.status >= 500) {
			message = `the setup answered ${answer}`;
		} else if (attempt > 1 && r.status === 400) {
			// An earlier attempt made the owner after all: log in as it.
			const cookie = await login(server, owner.email, owner.password).catch(() => undefined);
			if (cookie) return { created: true, cookie };
			return { created: false, message: answer };
		} else {
			return { created: false, message: answer };
		}
		if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, 2000 * attempt));
	}
	return { created: false, message: `${message} (${attempts} attempts)` };
}

/** `POST /rest/login` → the `n8n-auth` cookie's value. Throws on a refused login. */
export async function login(server: N8nServer, email: string, password: string): Promise<string> {
	const r = await fetch(`${server.url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: email, password }),
	});
	const cookie = authCookie(r);
	if (r.status !== 200 || !cookie) {
		throw new Error(`login as ${email} failed: HTTP ${r.status} ${(await r.text()).slice(0, 300)}`);
	}
	return cookie;
}

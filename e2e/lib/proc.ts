/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
import { spawn } from 'child_process';

export interface RunResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	ms: number;
}

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** Kill the process (and its group) after this many ms. Default 10 minutes. */
	timeoutMs?: number;
	/** Text written to stdin, which is then closed. */
	input?: string;
	/** Echo the child's output to ours as it arrives (E2E_VERBOSE=1 turns this on everywhere). */
	echo?: boolean;
}

/** Runs a command without a shell; never throws for a non-zero exit (see `check`). */
export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
	const started = Date.now();
	const echo = opts.echo ?? process.env.E2E_VERBOSE === '1';
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, {
			cwd: opts.cwd,
			env: opts.env ?? process.env,
			stdio: ['pipe', 'pipe', 'pipe'],
			detached: true,
		});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8');
		child.stderr.setEncoding('utf8');
		child.stdout.on('data', (d: string) => {
			stdout += d;
			if (echo) process.stderr.write(d);
		});
		child.stderr.on('data', (d: string) => {
			stderr += d;
			if (echo) process.stderr.write(d);
		});
		const timeoutMs = opts.timeoutMs ?? 10 * 60_000;
		const timer = setTimeout(() => {
			stderr += `\n[e2e] timed out after ${timeoutMs} ms: ${cmd} ${args.join(' ')}\n`;
			try {
				process.kill(-child.pid!, 'SIGKILL');
			} catch {
				child.kill('SIGKILL');
			}
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
		});
		// A child that exits before reading its input (a command that fails at once) closes the pipe: EPIPE here
		// is that exit, which 'close' reports with its code; unhandled, it would crash the test run instead.
		child.stdin.on('error', (error: NodeJS.ErrnoException) => {
			if (error.code !== 'EPIPE') stderr += `\n[e2e] stdin: ${error.message}\n`;
		});
		child.stdin.end(opts.input ?? '');
	});
}

/** Like `run`, but throws with the tail of the output when the exit code is not 0. */
export async function check(
	cmd: string,
	args: string[],
	opts: RunOptions = {},
): Promise<RunResult> {
	const r = await run(cmd, args, opts);
	if (r.code !== 0) {
		throw new Error(
			`command failed (exit ${r.code ?? r.signal}): ${cmd} ${args.join(' ')}\n` +
				`--- stdout (tail) ---\n${tail(r.stdout)}\n--- stderr (tail) ---\n${tail(r.stderr)}`,
		);
	}
	return r;
}

export function tail(text: string, lines = 40): string {
	return text.split('\n').slice(-lines).join('\n');
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
	const { createServer } = await import('net');
	return await new Promise((resolve, reject) => {
		const srv = createServer();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const addr = srv.address();
			const port = typeof addr === 'object' && addr ? addr.port : 0;
			srv.close(() => resolve(port));
		});
	});
}

/**
 * process.env without what `npm run` / `npx` add (npm_config_ignore_scripts,
 * npm_config_local_prefix, npm_config_prefix, NODE = the Node 20 binary, ...): the n8n
 * processes and the npm installs the harness starts must see a user's clean environment,
 * not our repo's npm settings.
 */
export function cleanEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (/^npm_/i.test(k) || k === 'INIT_CWD' || k === 'NODE' || k === 'NODE_OPTIONS') continue;
		env[k] = v;
	}
	return env;
}

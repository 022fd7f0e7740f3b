/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * Long-running processes for the queue-mode e2e run (e2e/queue/): a background process with its output
 * kept, Redis (Debian's redis-server) and a throwaway PostgreSQL cluster, each on a free port, installed
 * with apt only when missing, and stopped (process group) on exit.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'fs';
import { connect } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';

import { check, freePort, run, tail } from './proc';

const live = new Set<BackgroundProcess>();
let exitHookInstalled = false;

/** On any exit of this process, SIGKILL every background process still running (their whole group). */
function installExitHook(): void {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.on('exit', () => {
		for (const p of live) p.killNow();
	});
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.once(signal, () => {
			for (const p of live) p.killNow();
			process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
		});
	}
}

export interface BackgroundOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** Echo output as it arrives, prefixed with the name (E2E_VERBOSE=1 turns it on everywhere). */
	echo?: boolean;
}

/** A process started in its own process group; its output is kept in memory. */
export class BackgroundProcess {
	readonly child: ChildProcess;
	output = '';
	exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
	readonly exited: Promise<void>;
	readonly startedAt = Date.now();

	constructor(
		readonly name: string,
		cmd: string,
		args: string[],
		opts: BackgroundOptions = {},
	) {
		installExitHook();
		const echo = opts.echo ?? process.env.E2E_VERBOSE === '1';
		this.child = spawn(cmd, args, {
			cwd: opts.cwd,
			env: opts.env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		const onData = (d: Buffer) => {
			const text = d.toString('utf8');
			this.output += text;
			if (echo) process.stderr.write(text.replace(/^(?=.)/gm, `[${this.name}] `));
		};
		this.child.stdout!.on('data', onData);
		this.child.stderr!.on('data', onData);
		live.add(this);
		this.exited = new Promise((resolve) => {
			this.child.on('close', (code, signal) => {
				this.exit = { code, signal };
				live.delete(this);
				resolve();
			});
			this.child.on('error', (e) => {
				this.output += `\n[e2e] could not start ${cmd}: ${e.message}\n`;
				this.exit = { code: null, signal: null };
				live.delete(this);
				resolve();
			});
		});
	}

	get pid(): number | undefined {
		return this.child.pid;
	}

	get running(): boolean {
		return this.exit === null;
	}

	/** Resolves when `pattern` shows up in the output; rejects if the process exits first or after `timeoutMs`. */
	async waitFor(pattern: RegExp, timeoutMs: number, from = 0): Promise<RegExpMatchArray> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const m = this.output.slice(from).match(pattern);
			if (m) return m;
			if (!this.running)
				throw new Error(
					`${this.name} exited (${JSON.stringify(this.exit)}) before ${pattern}:\n${tail(this.output, 60)}`,
				);
			if (Date.now() > deadline)
				throw new Error(
					`${this.name}: no ${pattern} within ${timeoutMs} ms:\n${tail(this.output, 60)}`,
				);
			await sleep(100);
		}
	}

	/** SIGKILL to the whole group, now (for exit hooks). */
	killNow(): void {
		if (!this.running || !this.pid) return;
		try {
			process.kill(-this.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}

	/** `signal` to the group, then SIGKILL after `graceMs`; resolves when the process has exited. */
	async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 20_000): Promise<void> {
		if (!this.running || !this.pid) return;
		try {
			process.kill(-this.pid, signal);
		} catch {
			// already gone
		}
		const timer = setTimeout(() => this.killNow(), graceMs);
		await this.exited;
		clearTimeout(timer);
	}
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Rejects after `ms` with a message naming the step; the step itself is not cancelled. */
export async function withTimeout<T>(label: string, ms: number, work: Promise<T>): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	try {
		return await Promise.race([
			work,
			new Promise<never>((_, reject) => {
				timer = setTimeout(() => reject(new Error(`step "${label}" timed out after ${ms} ms`)), ms);
			}),
		]);
	} finally {
		clearTimeout(timer);
	}
}

function which(cmd: string): string | undefined {
	const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
	const path = r.stdout.trim();
	return r.status === 0 && path ? path : undefined;
}

/** `apt-get install -y <packages>` (waits for another apt to finish); needs root. */
export async function aptInstall(packages: string[]): Promise<void> {
	if (process.getuid?.() !== 0) {
		throw new Error(
			`${packages.join(', ')} missing and not root: install with "sudo apt-get install -y ${packages.join(' ')}"`,
		);
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const args = [
		'install',
		'-y',
		'--no-install-recommends',
		'-o',
		'DPkg::Lock::Timeout=900',
		...packages,
	];
	let r = await run('apt-get', args, { env, timeoutMs: 20 * 60_000 });
	if (r.code !== 0) {
		// A fresh machine may have no package lists yet.
		await run('apt-get', ['update', '-o', 'DPkg::Lock::Timeout=900'], {
			env,
			timeoutMs: 10 * 60_000,
		});
		r = await run('apt-get', args, { env, timeoutMs: 20 * 60_000 });
	}
	if (r.code !== 0)
		throw new Error(
			`apt-get install ${packages.join(' ')} failed (exit ${r.code}):\n${tail(r.stdout + r.stderr, 30)}`,
		);
}

/** Waits until a TCP port on 127.0.0.1 accepts connections. */
export async function waitForPort(
	port: number,
	timeoutMs: number,
	proc?: BackgroundProcess,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const open = await new Promise<boolean>((resolve) => {
			const socket = connect(port, '127.0.0.1');
			socket.once('connect', () => {
				socket.destroy();
				resolve(true);
			});
			socket.once('error', () => resolve(false));
		});
		if (open) return;
		if (proc && !proc.running)
			throw new Error(
				`${proc.name} exited (${JSON.stringify(proc.exit)}):\n${tail(proc.output, 40)}`,
			);
		if (Date.now() > deadline)
			throw new Error(
				`port ${port} not open within ${timeoutMs} ms${proc ? `:\n${tail(proc.output, 40)}` : ''}`,
			);
		await sleep(100);
	}
}

// ---------------------------------------------------------------------------------------------------
// Redis

export interface Redis {
	port: number;
	version: string;
	process: BackgroundProcess;
	/** Sends one inline command (e.g. `PING`, `INFO server`) and returns the raw reply. */
	command(line: string): Promise<string>;
	stop(): Promise<void>;
}

/** Starts redis-server on a free port (no persistence, no daemon), installing Debian's redis-server if missing. */
export async function startRedis(): Promise<Redis> {
	let bin = which('redis-server');
	if (!bin) {
		await aptInstall(['redis-server']);
		bin = which('redis-server');
		if (!bin) throw new Error('redis-server still missing after apt-get install');
	}
	const version = (await check(bin, ['--version'])).stdout.trim();
	const port = await freePort();
	const proc = new BackgroundProcess('redis', bin, [
		'--port',
		String(port),
		'--bind',
		'127.0.0.1',
		'--save',
		'',
		'--appendonly',
		'no',
		'--daemonize',
		'no',
		'--protected-mode',
		'no',
		'--dir',
		tmpdir(),
	]);
	await waitForPort(port, 20_000, proc);
	const command = (line: string) =>
		new Promise<string>((resolve, reject) => {
			const socket = connect(port, '127.0.0.1');
			let reply = '';
			socket.setTimeout(5000, () => socket.destroy(new Error('redis: no reply')));
			socket.on('data', (d) => {
				reply += d.toString('utf8');
				// A simple string, an error or an integer: one line; a bulk string: its length says when it is done.
				const bulk = /^\$(\d+)\r\n/.exec(reply);
				if (
					(reply[0] !== '$' && reply.endsWith('\r\n')) ||
					(bulk && Buffer.byteLength(reply) >= bulk[0].length + Number(bulk[1]) + 2)
				) {
					socket.end();
					resolve(reply);
				}
			});
			socket.on('error', reject);
			socket.write(`${line}\r\n`);
		});
	const pong = await command('PING');
	if (!pong.startsWith('+PONG')) throw new Error(`redis PING answered ${pong}`);
	return { port, version, process: proc, command, stop: () => proc.stop('SIGTERM', 10_000) };
}

// ---------------------------------------------------------------------------------------------------
// PostgreSQL

export interface Postgres {
	port: number;
	version: string;
	user: string;
	dataDir: string;
	process: BackgroundProcess;
	/** `psql -Atc <sql>` on `database`; rows as arrays of fields ('|'-separated by psql). */
	query(database: string, sql: string): Promise<string[][]>;
	/** `psql -Atc <sql>`'s output as it is (for one value that may hold '|' or newlines). */
	queryRaw(database: string, sql: string): Promise<string>;
	createDatabase(name: string): Promise<void>;
	stop(): Promise<void>;
}

/** The folder with initdb/postgres/psql: Debian keeps them in /usr/lib/postgresql/<major>/bin. */
function postgresBinDir(): string | undefined {
	const base = '/usr/lib/postgresql';
	if (existsSync(base)) {
		const majors = readdirSync(base)
			.filter((d) => existsSync(join(base, d, 'bin', 'initdb')))
			.sort((a, b) => Number(b) - Number(a));
		if (majors.length) return join(base, majors[0], 'bin');
	}
	const initdb = which('initdb');
	return initdb ? join(initdb, '..') : undefined;
}

/**
 * A throwaway PostgreSQL cluster: `initdb` into a temp folder, `postgres` on a free port on 127.0.0.1,
 * trust authentication, fsync off (it is thrown away). PostgreSQL refuses to run as root: as root it runs
 * as the `postgres` user Debian's package creates (`setpriv`, which execs, so the process we hold is the
 * server itself).
 */
export async function startPostgres(): Promise<Postgres> {
	let bin = postgresBinDir();
	if (!bin) {
		await aptInstall(['postgresql']);
		bin = postgresBinDir();
		if (!bin) throw new Error('PostgreSQL binaries still missing after apt-get install postgresql');
	}
	const asRoot = process.getuid?.() === 0;
	const runAs = (cmd: string, args: string[]): [string, string[]] =>
		asRoot
			? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', cmd, ...args]]
			: [cmd, args];
	const dataParent = mkdtempSync(join(tmpdir(), 'e2e-pg-'));
	const dataDir = join(dataParent, 'data');
	const socketDir = join(dataParent, 'socket');
	if (asRoot) {
		const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
		const gids = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
		if (ids.status !== 0)
			throw new Error('running as root but there is no "postgres" user to run PostgreSQL as');
		chownSync(dataParent, Number(ids.stdout.trim()), Number(gids.stdout.trim()));
		chmodSync(dataParent, 0o700);
	}
	const user = 'n8n';
	const [initCmd, initArgs] = runAs(join(bin, 'initdb'), [
		'-D',
		dataDir,
		'-U',
		user,
		'-A',
		'trust',
		'-E',
		'UTF8',
		'--no-sync',
		'--locale=C',
	]);
	await check(initCmd, initArgs, { timeoutMs: 120_000, cwd: '/' });
	const [mkCmd, mkArgs] = runAs('mkdir', ['-p', socketDir]);
	await check(mkCmd, mkArgs, { cwd: '/' });
	const version = (await check(join(bin, 'postgres'), ['--version'])).stdout.trim();
	const port = await freePort();
	const [pgCmd, pgArgs] = runAs(join(bin, 'postgres'), [
		'-D',
		dataDir,
		'-p',
		String(port),
		'-k',
		socketDir,
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=100',
	]);
	const proc = new BackgroundProcess('postgres', pgCmd, pgArgs, { cwd: '/' });
	await proc.waitFor(/database system is ready to accept connections/, 60_000);
	await waitForPort(port, 20_000, proc);
	const psql = join(bin, 'psql');
	const queryRaw = async (database: string, sql: string) => {
		const r = await check(
			psql,
			[
				'-h',
				'127.0.0.1',
				'-p',
				String(port),
				'-U',
				user,
				'-d',
				database,
				'-v',
				'ON_ERROR_STOP=1',
				'-At',
				'-c',
				sql,
			],
			{
				timeoutMs: 60_000,
				cwd: '/',
			},
		);
		return r.stdout;
	};
	const query = async (database: string, sql: string) => {
		return (await queryRaw(database, sql))
			.split('\n')
			.filter((l) => l !== '')
			.map((l) => l.split('|'));
	};
	return {
		port,
		version,
		user,
		dataDir,
		process: proc,
		query,
		queryRaw,
		createDatabase: async (name) => {
			await query('postgres', `CREATE DATABASE "${name}"`);
		},
		stop: async () => {
			await proc.stop('SIGINT', 20_000); // "fast shutdown"
			rmSync(dataParent, { recursive: true, force: true });
		},
	};
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * The real-n8n route: n8n 2.x from the e2e harness (e2e/install-n8n.sh, on its own Node 24), our package packed and
 * installed as a community package, workflows imported, each run one `n8n execute --id … --rawOutput` process
 * measured by /usr/bin/time (wall, user+sys CPU, peak RSS).
 *
 * The run is read from n8n's database afterwards (bench/lib/n8n-db-run.cjs), not from what n8n prints: `n8n execute`
 * always prints the whole run pretty-printed (every node's items), tens to hundreds of MB at 10,000 items, and that
 * output came back cut off (n8n exits before its stdout is drained), so a 10,000-item run that had done everything
 * counted as failed with every item errored. n8n's stdout now goes to a file that is only looked at (head and tail)
 * for error messages, then deleted.
 */
import { spawn } from 'child_process';
import {
	closeSync,
	existsSync,
	fstatSync,
	mkdtempSync,
	openSync,
	readFileSync,
	readSync,
	rmSync,
} from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';

import { installCommunityPackage } from '../../e2e/lib/community';
import type { N8nInstall } from '../../e2e/lib/install';
import { ensureN8n } from '../../e2e/lib/install';
import type { CredentialImport, WorkflowImport } from '../../e2e/lib/n8n';
import { LOAD_PROBLEM_PATTERNS, N8n } from '../../e2e/lib/n8n';
import { buildAndPackRepo, npmPack } from '../../e2e/lib/pack';
import { freePort, run, tail } from '../../e2e/lib/proc';
import { FLOOR_PACKAGE, writeFloorPackage } from './floor-package';

/** What bench/lib/n8n-db-run.cjs reads from n8n's database about one execution. */
export interface RunSummary {
	found: boolean;
	executionId?: number;
	status?: string;
	finished?: boolean;
	error?: { message?: string; description?: string; node?: { name?: string } };
	nodes: Record<
		string,
		{
			startTime?: number;
			executionTime?: number;
			error?: { message?: string };
			/** Per output: its items, and those with `json.error` or `json.statusCode` ≥ 400. */
			outputs: Array<{ items: number; errorItems: number }>;
		}
	>;
}

export interface ProcessRun {
	ok: boolean;
	/** n8n 2.41.1 sometimes dies of SIGSEGV after completing and storing a run (see e2e/lib/n8n.ts). */
	crashedOnExit: boolean;
	wallS: number;
	cpuS: number;
	peakRssMb: number;
	run?: RunSummary;
	error?: string;
}

/** Runs a command with stdout and stderr into files (nothing of it held in memory); kills its group on timeout. */
function runToFiles(
	cmd: string,
	args: string[],
	opts: {
		cwd: string;
		env: NodeJS.ProcessEnv;
		timeoutMs: number;
		stdoutFile: string;
		stderrFile: string;
	},
): Promise<{ code: number | null; signal: NodeJS.Signals | null; timedOut: boolean }> {
	const out = openSync(opts.stdoutFile, 'w');
	const err = openSync(opts.stderrFile, 'w');
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, {
			cwd: opts.cwd,
			env: opts.env,
			stdio: ['ignore', out, err],
			detached: true,
		});
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			try {
				process.kill(-child.pid!, 'SIGKILL');
			} catch {
				child.kill('SIGKILL');
			}
		}, opts.timeoutMs);
		const done = () => {
			clearTimeout(timer);
			closeSync(out);
			closeSync(err);
		};
		child.on('error', (e) => {
			done();
			reject(e);
		});
		child.on('close', (code, signal) => {
			done();
			resolve({ code, signal, timedOut });
		});
	});
}

/** The first and last `bytes` of a file (all of it when small): enough for log lines and error messages. */
function headAndTail(file: string, bytes = 64 * 1024): string {
	if (!existsSync(file)) return '';
	const fd = openSync(file, 'r');
	try {
		const size = fstatSync(fd).size;
		const read = (at: number, length: number) => {
			const buffer = Buffer.alloc(length);
			const n = readSync(fd, buffer, 0, length, at);
			return buffer.subarray(0, n).toString('utf8');
		};
		if (size <= 2 * bytes) return read(0, size);
		return `${read(0, bytes)}\n[… ${size - 2 * bytes} bytes …]\n${read(size - bytes, bytes)}`;
	} finally {
		closeSync(fd);
	}
}

export class RealN8n {
	private constructor(
		readonly install: N8nInstall,
		readonly n8n: N8n,
	) {}

	/** Installs (or finds) n8n, builds and packs this repository and installs it as a community package. */
	static async setup(log: (line: string) => void): Promise<RealN8n> {
		log('e2e/install-n8n.sh (idempotent; minutes the first time)');
		const install = await ensureN8n();
		log(
			`n8n ${install.n8nVersion} on Node ${install.nodeVersion}; building and packing this package`,
		);
		const tarball = await buildAndPackRepo();
		// Its own user folder (own SQLite DB), not /tmp/e2e-n8n-user-*: other suites' clean-ups of those must not
		// pull it away during a run of tens of minutes. Removed by dispose() (kept with E2E_KEEP=1).
		const n8n = new N8n(install, { userFolder: mkdtempSync(join(tmpdir(), 'oho-bench-n8n-')) });
		await installCommunityPackage(install, n8n.userFolder, tarball);
		// The floor contender's throwaway package, installed the same way.
		const floorDir = writeFloorPackage();
		const floorTarball = await npmPack(floorDir);
		await installCommunityPackage(install, n8n.userFolder, floorTarball);
		rmSync(floorDir, { recursive: true, force: true });
		rmSync(dirname(floorTarball), { recursive: true, force: true });
		log(`installed as community packages in ${n8n.userFolder}: ours and ${FLOOR_PACKAGE}`);
		return new RealN8n(install, n8n);
	}

	dispose(): void {
		if (process.env.E2E_KEEP !== '1') rmSync(this.n8n.userFolder, { recursive: true, force: true });
	}

	get label(): string {
		return `real n8n ${this.install.n8nVersion} (n8n execute, Node ${this.install.nodeVersion})`;
	}

	async importAll(credentials: CredentialImport[], workflows: WorkflowImport[]): Promise<void> {
		await this.n8n.importCredentials(credentials);
		await this.n8n.importWorkflows(workflows);
	}

	/**
	 * One `n8n execute` process under /usr/bin/time; the run then read from n8n's database.
	 * BENCH_N8N_NODE_OPTIONS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) becomes the n8n process's NODE_OPTIONS.
	 */
	async execute(id: string, timeoutMs = 20 * 60_000): Promise<ProcessRun> {
		const env = this.n8n.env();
		env.N8N_RUNNERS_BROKER_PORT = String(await freePort());
		if (process.env.BENCH_N8N_NODE_OPTIONS) env.NODE_OPTIONS = process.env.BENCH_N8N_NODE_OPTIONS;
		const dir = mkdtempSync(join(tmpdir(), 'bench-run-'));
		const files = {
			time: join(dir, 'time.txt'),
			stdout: join(dir, 'stdout.txt'),
			stderr: join(dir, 'stderr.txt'),
		};
		try {
			const result = await runToFiles(
				'/usr/bin/time',
				[
					'-f',
					'%e %U %S %M',
					'-o',
					files.time,
					this.install.nodeBin,
					this.install.n8nScript,
					'execute',
					`--id=${id}`,
					'--rawOutput',
				],
				{
					cwd: this.n8n.userFolder,
					env,
					timeoutMs,
					stdoutFile: files.stdout,
					stderrFile: files.stderr,
				},
			);
			const timeLine = existsSync(files.time)
				? (readFileSync(files.time, 'utf8').trim().split('\n').pop() ?? '')
				: '';
			const [wall, user, sys, rssKb] = timeLine.split(' ').map(Number);
			let summary: RunSummary | undefined;
			let readError = '';
			try {
				summary = await this.readRun(id);
			} catch (error) {
				readError = `reading the run from n8n's database: ${(error as Error).message}`;
			}
			const stored = summary?.found === true;
			const runError = summary?.error;
			const succeeded = stored && !runError && summary!.status === 'success';
			// /usr/bin/time exits 128+signal when the command died of a signal; 139 = SIGSEGV.
			const crashedOnExit = succeeded && result.code === 139;
			const ok = succeeded && !result.timedOut && (result.code === 0 || crashedOnExit);
			let error: string | undefined;
			if (!ok) {
				const output = `${headAndTail(files.stderr, 16 * 1024)}\n${headAndTail(files.stdout, 16 * 1024)}`;
				const problems = output
					.split('\n')
					.filter((line) => LOAD_PROBLEM_PATTERNS.some((p) => p.test(line)));
				error = runError
					? `${runError.message ?? ''} ${runError.description ?? ''} (node ${runError.node?.name ?? '?'})`
					: `exit ${result.code}${result.timedOut ? ` (killed after ${timeoutMs} ms)` : ''}, run ${stored ? `stored with status ${summary!.status}` : `not stored (${summary?.status ?? readError})`}: ${problems.join(' | ')} ${tail(headAndTail(files.stderr, 4096), 15)}`;
			}
			return {
				ok,
				crashedOnExit,
				wallS: wall,
				cpuS: user + sys,
				peakRssMb: rssKb / 1024,
				run: stored ? summary : undefined,
				error,
			};
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}

	/** The latest execution of workflow `id`, from n8n's SQLite database (on n8n's Node, which has node:sqlite). */
	private async readRun(id: string): Promise<RunSummary> {
		const database = join(this.n8n.userFolder, '.n8n', 'database.sqlite');
		// flatted: the format n8n stores runs in (n8n's own dependency, hoisted in the install).
		const flatted = join(this.install.dir, 'node_modules', 'flatted');
		const r = await run(
			this.install.nodeBin,
			[join(__dirname, 'n8n-db-run.cjs'), database, id, flatted],
			{ timeoutMs: 5 * 60_000 },
		);
		if (r.code !== 0) throw new Error(`exit ${r.code}: ${tail(r.stderr, 10)}`);
		return JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as RunSummary;
	}
}

/** Start and end (ms since epoch) of the named nodes' first runs, and their errors. */
export function nodeSpan(summary: RunSummary, names: string[]): { ms: number; errors: string[] } {
	let start = Infinity;
	let end = -Infinity;
	const errors: string[] = [];
	for (const name of names) {
		const task = summary.nodes[name];
		if (!task || task.startTime === undefined) continue;
		start = Math.min(start, task.startTime);
		end = Math.max(end, task.startTime + (task.executionTime ?? 0));
		if (task.error) errors.push(`${name}: ${task.error.message ?? 'error'}`);
	}
	return { ms: Number.isFinite(start) ? end - start : NaN, errors };
}

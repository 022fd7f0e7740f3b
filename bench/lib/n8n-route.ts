/**
 * The real-n8n route: n8n 2.x from the e2e harness (e2e/install-n8n.sh, on its own Node 24), our package packed and
 * installed as a community package, workflows imported, each run one `n8n execute --id … --rawOutput` process
 * measured by /usr/bin/time (wall, user+sys CPU, peak RSS).
 */
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { installCommunityPackage } from '../../e2e/lib/community';
import type { N8nInstall } from '../../e2e/lib/install';
import { ensureN8n } from '../../e2e/lib/install';
import { extractJson } from '../../e2e/lib/json-output';
import type { CredentialImport, N8nRun, WorkflowImport } from '../../e2e/lib/n8n';
import { N8n, loadProblems } from '../../e2e/lib/n8n';
import { buildAndPackRepo } from '../../e2e/lib/pack';
import { freePort, run, tail } from '../../e2e/lib/proc';

export interface ProcessRun {
	ok: boolean;
	/** n8n 2.41.1 sometimes dies of SIGSEGV after printing a complete run (see e2e/lib/n8n.ts). */
	crashedOnExit: boolean;
	wallS: number;
	cpuS: number;
	peakRssMb: number;
	run?: N8nRun;
	error?: string;
}

/**
 * `--rawOutput` prints the run as one pretty-printed document that starts at a line "{" and ends at a line "}".
 * Parsed directly; extractJson (which tries spans of lines, quadratic in the output's length) only as a fallback:
 * with 10,000 items the output has hundreds of thousands of lines.
 */
function fastJson(stdout: string): N8nRun | undefined {
	const end = stdout.lastIndexOf('\n}');
	if (end < 0) return undefined;
	// Each line that is exactly "{" may open the document (a log line before it may hold one too).
	const starts = stdout.startsWith('{\n') ? [0] : [];
	for (let at = stdout.indexOf('\n{\n'); at >= 0 && at < end; at = stdout.indexOf('\n{\n', at + 1)) starts.push(at + 1);
	for (const start of starts) {
		try {
			const run = JSON.parse(stdout.slice(start, end + 2)) as N8nRun;
			if (run?.data?.resultData) return run;
		} catch {
			// not this one
		}
	}
	return undefined;
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
		log(`n8n ${install.n8nVersion} on Node ${install.nodeVersion}; building and packing this package`);
		const tarball = await buildAndPackRepo();
		const n8n = new N8n(install);
		await installCommunityPackage(install, n8n.userFolder, tarball);
		log(`installed as a community package in ${n8n.userFolder}`);
		return new RealN8n(install, n8n);
	}

	get label(): string {
		return `real n8n ${this.install.n8nVersion} (n8n execute, Node ${this.install.nodeVersion})`;
	}

	async importAll(credentials: CredentialImport[], workflows: WorkflowImport[]): Promise<void> {
		await this.n8n.importCredentials(credentials);
		await this.n8n.importWorkflows(workflows);
	}

	/** One `n8n execute` process under /usr/bin/time. */
	async execute(id: string, timeoutMs = 20 * 60_000): Promise<ProcessRun> {
		const env = this.n8n.env();
		env.N8N_RUNNERS_BROKER_PORT = String(await freePort());
		const timeFile = join(mkdtempSync(join(tmpdir(), 'bench-time-')), 'time.txt');
		const result = await run(
			'/usr/bin/time',
			['-f', '%e %U %S %M', '-o', timeFile, this.install.nodeBin, this.install.n8nScript, 'execute', `--id=${id}`, '--rawOutput'],
			{ cwd: this.n8n.userFolder, env, timeoutMs },
		);
		const timeLine = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
		const [wall, user, sys, rssKb] = timeLine.split(' ').map(Number);
		let parsed = fastJson(result.stdout);
		// extractJson tries spans of lines: quadratic, hours on a 10,000-item output. Only for small ones.
		if (!parsed && result.stdout.length < 2_000_000) {
			try {
				parsed = extractJson<N8nRun>(result.stdout);
			} catch {
				parsed = undefined;
			}
		}
		const runError = parsed?.data?.resultData?.error;
		// /usr/bin/time exits 128+signal when the command died of a signal; 139 = SIGSEGV.
		const crashedOnExit = parsed !== undefined && !runError && result.code === 139;
		const ok = parsed !== undefined && !runError && (result.code === 0 || crashedOnExit);
		const problems = loadProblems(result);
		return {
			ok,
			crashedOnExit,
			wallS: wall,
			cpuS: user + sys,
			peakRssMb: rssKb / 1024,
			run: parsed,
			error: ok
				? undefined
				: runError
					? `${runError.message ?? ''} ${runError.description ?? ''} (node ${runError.node?.name ?? '?'})`
					: `exit ${result.code}: ${problems.join(' | ')} ${tail(result.stderr + result.stdout, 15)}`,
		};
	}
}

/** Start and end (ms since epoch) of the named nodes' first runs, and the items each output. */
export function nodeSpan(runData: N8nRun, names: string[]): { ms: number; errors: string[] } {
	let start = Infinity;
	let end = -Infinity;
	const errors: string[] = [];
	const data = runData.data.resultData.runData as Record<
		string,
		Array<{ startTime?: number; executionTime?: number; error?: { message?: string } }>
	>;
	for (const name of names) {
		const task = data[name]?.[0];
		if (!task || task.startTime === undefined) continue;
		start = Math.min(start, task.startTime);
		end = Math.max(end, task.startTime + (task.executionTime ?? 0));
		if (task.error) errors.push(`${name}: ${task.error.message ?? 'error'}`);
	}
	return { ms: Number.isFinite(start) ? end - start : NaN, errors };
}

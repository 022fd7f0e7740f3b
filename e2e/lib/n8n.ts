/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import type { N8nInstall } from './install';
import { extractJson } from './json-output';
import { cleanEnv, freePort, run, tail, type RunResult } from './proc';

/** A credential as `n8n import:credentials` reads it; `data` in clear text (n8n encrypts it on import). */
export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** A workflow as `n8n import:workflow` reads it. `id`: at most 21 characters. */
export interface WorkflowImport {
	id: string;
	name: string;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	active?: boolean;
	[key: string]: unknown;
}

export interface NodeItem {
	json: Record<string, unknown>;
	[key: string]: unknown;
}

/** The part of n8n's IRun that the harness reads. */
export interface N8nRun {
	status?: string;
	finished?: boolean;
	mode?: string;
	data: {
		resultData: {
			runData: Record<
				string,
				Array<{
					data?: { main?: Array<NodeItem[] | null> };
					error?: unknown;
					executionStatus?: string;
				}>
			>;
			lastNodeExecuted?: string;
			error?: { message?: string; description?: string; node?: { name?: string } };
		};
	};
}

export interface ExecuteResult {
	ok: boolean;
	/**
	 * n8n printed the whole successful run, then died of SIGSEGV while exiting. n8n 2.41.1
	 * does this in about 1 run of 3 here: at exit, IsolatePool.replenish() disposes a freshly
	 * made expression isolate without awaiting it (`void bridge.dispose()`), and
	 * process.exit() races isolated-vm's thread (backtrace: V8 heap allocation on an
	 * isolated-vm thread while the main thread joins it). The run itself is complete and
	 * stored, so it counts as a success; this flag says it happened.
	 */
	crashedOnExit: boolean;
	/** The run n8n printed (also on failure, when it could be found in the log). */
	run?: N8nRun;
	result: RunResult;
}

/** For a test's diagnostic when ExecuteResult.crashedOnExit. */
export const CRASH_NOTE =
	'n8n printed the complete run, then crashed with SIGSEGV while exiting (n8n 2.x expression isolate-pool race at process.exit); counted as a success';

/** Lines of n8n's output that mean a community package (or a node in it) did not load. */
export const LOAD_PROBLEM_PATTERNS = [
	/Failed to load package/i,
	/Skipping package/i,
	/failed to load package metadata/i,
	/Unrecognized node type/i,
	/Unrecognized credential type/i,
	/is not installed/i,
	/Cannot find module/i,
];

/**
 * Runs n8n CLI commands against one user folder (its own SQLite DB, config and
 * .n8n/nodes), on the cached Node.
 */
export class N8n {
	readonly userFolder: string;

	constructor(
		readonly install: N8nInstall,
		opts: { userFolder?: string; env?: Record<string, string | undefined> } = {},
	) {
		this.ownsFolder = opts.userFolder === undefined;
		this.userFolder = opts.userFolder ?? mkdtempSync(join(tmpdir(), 'e2e-n8n-user-'));
		mkdirSync(this.userFolder, { recursive: true });
		this.extraEnv = opts.env ?? {};
	}

	private readonly extraEnv: Record<string, string | undefined>;

	private readonly ownsFolder: boolean;

	/** Deletes the temp user folder it made (kept with E2E_KEEP=1, for a look at it afterwards). */
	dispose(): void {
		if (this.ownsFolder && process.env.E2E_KEEP !== '1')
			rmSync(this.userFolder, { recursive: true, force: true });
	}

	env(): NodeJS.ProcessEnv {
		const env = cleanEnv();
		// Our own test setup may point N8N_* somewhere else; n8n here gets only what we set.
		for (const key of Object.keys(env)) {
			if (key.startsWith('N8N_') || key.startsWith('DB_')) delete env[key];
		}
		Object.assign(env, {
			PATH: `${join(this.install.nodeDir, 'bin')}:${process.env.PATH ?? ''}`,
			N8N_USER_FOLDER: this.userFolder,
			// Honoured by n8n 1.x; n8n 2.x has no such switch (its runners are always on).
			N8N_RUNNERS_ENABLED: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_LOG_LEVEL: process.env.E2E_N8N_LOG_LEVEL ?? 'info',
			N8N_LOG_OUTPUT: 'console',
			DB_TYPE: 'sqlite',
			// One connection: several CLI processes never share this DB at once anyway.
			DB_SQLITE_POOL_SIZE: '1',
			N8N_HIDE_USAGE_PAGE: 'true',
			NODE_ENV: 'production',
			npm_config_nodedir: this.install.nodeDir,
		});
		for (const [k, v] of Object.entries(this.extraEnv)) {
			if (v === undefined) delete env[k];
			else env[k] = v;
		}
		return env;
	}

	/** `n8n <args>` on the cached Node. Never throws for a non-zero exit. */
	async cli(args: string[], timeoutMs = 5 * 60_000): Promise<RunResult> {
		const env = this.env();
		// n8n 2.x always starts its task broker (default port 5679): give each process its own
		// port so that harness runs, a developer's n8n and parallel suites do not collide.
		if (!this.extraEnv.N8N_RUNNERS_BROKER_PORT)
			env.N8N_RUNNERS_BROKER_PORT = String(await freePort());
		return await run(this.install.nodeBin, [this.install.n8nScript, ...args], {
			cwd: this.userFolder,
			env,
			timeoutMs,
		});
	}

	private writeInput(name: string, data: unknown): string {
		const dir = join(this.userFolder, 'e2e-input');
		mkdirSync(dir, { recursive: true });
		const file = join(dir, name);
		writeFileSync(file, JSON.stringify(data, null, 2));
		return file;
	}

	async importCredentials(credentials: CredentialImport[]): Promise<RunResult> {
		const file = this.writeInput(`credentials-${Date.now()}.json`, credentials);
		const r = await this.cli(['import:credentials', `--input=${file}`]);
		const out = r.stdout + r.stderr;
		if (r.code !== 0 || !/Successfully imported \d+ credential/.test(out)) {
			throw new Error(`n8n import:credentials failed (exit ${r.code}):\n${tail(out, 60)}`);
		}
		return r;
	}

	async importWorkflows(workflows: WorkflowImport[]): Promise<RunResult> {
		const file = this.writeInput(`workflows-${Date.now()}.json`, workflows);
		const r = await this.cli(['import:workflow', `--input=${file}`]);
		const out = r.stdout + r.stderr;
		if (r.code !== 0 || !/Successfully imported \d+ workflow/.test(out)) {
			throw new Error(`n8n import:workflow failed (exit ${r.code}):\n${tail(out, 60)}`);
		}
		return r;
	}

	/** `n8n execute --id <id> --rawOutput`, with the printed run parsed. */
	async execute(id: string, timeoutMs = 5 * 60_000): Promise<ExecuteResult> {
		const result = await this.cli(['execute', `--id=${id}`, '--rawOutput'], timeoutMs);
		let parsed: N8nRun | undefined;
		for (const text of [result.stdout, result.stdout + '\n' + result.stderr]) {
			try {
				const candidate = extractJson<N8nRun>(text);
				if (candidate?.data?.resultData) {
					parsed = candidate;
					break;
				}
			} catch {
				// try the next
			}
		}
		const succeeded =
			parsed !== undefined && !parsed.data.resultData.error && parsed.status !== 'error';
		const crashedOnExit = succeeded && result.code === null && result.signal === 'SIGSEGV';
		const ok = succeeded && (result.code === 0 || crashedOnExit);
		return { ok, crashedOnExit, run: parsed, result };
	}
}

/** The JSON of the items a node returned on its first run (output `output`, default 0). */
export function nodeOutput(
	runResult: N8nRun,
	nodeName: string,
	output = 0,
): Array<Record<string, unknown>> {
	const runs = runResult.data.resultData.runData[nodeName];
	if (!runs?.length) {
		throw new Error(
			`node "${nodeName}" did not run; ran: ${Object.keys(runResult.data.resultData.runData).join(', ')}`,
		);
	}
	return (runs[0].data?.main?.[output] ?? []).map((i) => i.json);
}

/** Output lines that show a package or node failing to load. */
export function loadProblems(result: RunResult): string[] {
	return (result.stdout + '\n' + result.stderr)
		.split('\n')
		.filter((line) => LOAD_PROBLEM_PATTERNS.some((p) => p.test(line)));
}

/** A readable summary of a failed execute, for assertion messages. */
export function describeFailure(r: ExecuteResult): string {
	const err = r.run?.data.resultData.error;
	return [
		`exit ${r.result.code}${r.result.signal ? ` (${r.result.signal})` : ''} after ${r.result.ms} ms`,
		err
			? `error: ${err.message ?? ''} ${err.description ?? ''} (node: ${err.node?.name ?? '?'})`
			: '',
		'--- stdout (tail) ---',
		tail(r.result.stdout, 40),
		'--- stderr (tail) ---',
		tail(r.result.stderr, 40),
	].join('\n');
}

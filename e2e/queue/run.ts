/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * n8n queue mode: our package in n8n's distributed engine.
 *
 * 1. Single process (the baseline): `n8n start` in regular mode with its default SQLite database. The
 *    1,000-item upsert workflow (workflow.ts) is published and called on its production webhook URL.
 * 2. Queue mode: Redis (Debian's redis-server) and PostgreSQL (a throwaway cluster), one `n8n start` main
 *    and two `n8n worker`s, all on ONE user folder (package, encryption key) and one database. The same
 *    workflow, called the same way: the main enqueues the execution in Redis, a worker runs it.
 *
 * Both start from the same sandbox state (reset, 500 of the 1,000 contacts created before). Checked: 1,000
 * output items, 0 errors, 0 items lost (every contact in the sandbox as the item says), the execution ran
 * on a worker (the worker's and the main's logs, the execution row in PostgreSQL), and the sandbox's contacts
 * and chat rooms after the queue-mode run equal those after the single-process run (ids and timestamps
 * left out).
 *
 * Why PostgreSQL: n8n 2.41.1 starts in queue mode on SQLite with only a warning ("Scaling mode is not
 * officially supported with sqlite. Please use PostgreSQL instead.", commands/base-command.js), but three
 * processes writing one SQLite file is what n8n says not to do, and users who move to queue mode move to
 * PostgreSQL. `E2E_QUEUE_DB=sqlite` runs the queue mode on SQLite instead, to compare.
 *
 * `tsx e2e/queue/run.ts` runs it and prints the summary (exit 1 on a failed check);
 * e2e/tests/queue-mode.test.ts runs it under node's test runner (`npm run test:queue`).
 */
import { randomBytes } from 'crypto';
import { mkdirSync, rmSync, writeFileSync } from 'fs';
import { loadavg } from 'os';
import { dirname, join } from 'path';

import { startSandbox, type Sandbox } from '../../sandbox';
import { installCommunityPackage } from '../lib/community';
import { ensureN8n, type N8nInstall } from '../lib/install';
import { sqliteQuery } from '../lib/leaks';
import { N8n, loadProblems } from '../lib/n8n';
import { buildAndPackRepo } from '../lib/pack';
import { DEFAULT_N8N_VERSION, PACKAGE_NAME, REPO_ROOT } from '../lib/paths';
import { freePort, tail } from '../lib/proc';
import {
	BackgroundProcess,
	sleep,
	startPostgres,
	startRedis,
	withTimeout,
	type Postgres,
	type Redis,
} from '../lib/queue';
import { createContacts, demoLineContact } from '../lib/seed';
import {
	TRIGGER_PATH,
	TRIGGER_SECRET_HEADER,
	TRIGGER_WORKFLOW_ID,
	WEBHOOK_PATH,
	WORKFLOW_ID,
	burstUserIdOf,
	comparableState,
	credentials,
	existsBefore,
	prepareSandbox,
	triggerCredentials,
	triggerWorkflow,
	upsertWorkflow,
	userIdOf,
} from './workflow';

const MIN = 60_000;
/** Hard time limits per step. */
const LIMIT = {
	setup: 15 * MIN, // install n8n (first time), build + pack
	infra: 20 * MIN, // apt-get install (first time) + start Redis / PostgreSQL
	prepare: 5 * MIN, // package install + imports
	boot: 5 * MIN, // n8n main / workers ready
	seed: 2 * MIN,
	run: 10 * MIN, // the webhook call, the whole execution
	stop: 1 * MIN,
};

export interface ModeResult {
	mode: 'single process' | 'queue';
	db: string;
	processes: string[];
	itemsIn: number;
	itemsOut: number;
	errors: number;
	created: number;
	updated: number;
	/** Items whose contact is not in the sandbox as the item says. */
	lost: number;
	httpStatus: number;
	requests: { total: number; byStatus: Record<string, number> };
	execution: { id: string; status: string; mode: string; ms: number | null } | undefined;
	executionsStored: number;
	/** Which process ran the execution, from the logs. */
	ranOn: string;
	bootMs: number;
	webhookMs: number;
	/** 1-minute load average when the webhook was called. */
	load: number;
	/** Each node's execution time (ms) in the stored execution. */
	nodeMs: Record<string, number>;
	/** n8n's warnings about the setup worth knowing (e.g. queue mode on SQLite). */
	warnings: string[];
	loadProblems: string[];
	state: { contacts: unknown[]; rooms: unknown[] };
	/** Queue mode only: the Oho Trigger burst. */
	trigger?: TriggerBurst;
	/** Problems found (empty when the mode passed its own checks). */
	failures: string[];
}

/** Oho's webhook delivered `deliveries` times in a row to a published Oho Trigger → Gofive Chat workflow. */
export interface TriggerBurst {
	deliveries: number;
	/** The trigger's answers to the sandbox, by HTTP status. */
	answered: Record<string, number>;
	executions: number;
	succeeded: number;
	/** "Worker started execution" lines per process during the burst. */
	startedBy: Record<string, number>;
	messages: number;
	/** Contacts with no Gofive message, and with more than one. */
	lost: number;
	duplicated: number;
	/** From the first contact created to the last execution finished. */
	ms: number;
}

export interface QueueSummary {
	n8nVersion: string;
	nodeVersion: string;
	items: number;
	redis?: string;
	postgres?: string;
	single: ModeResult;
	queue: ModeResult;
	stateIdentical: boolean;
	stateDifference?: string;
	failures: string[];
	totalMs: number;
	/** 1-minute load average when each mode's webhook call began (the machine may be shared). */
	loadAverage: { single: number; queue: number };
}

type Log = (line: string) => void;

interface N8nProcessSpec {
	name: string;
	args: string[];
	env: NodeJS.ProcessEnv;
}

async function startN8nProcess(
	install: N8nInstall,
	userFolder: string,
	spec: N8nProcessSpec,
): Promise<BackgroundProcess> {
	return new BackgroundProcess(spec.name, install.nodeBin, [install.n8nScript, ...spec.args], {
		cwd: userFolder,
		env: spec.env,
	});
}

/** SQLite keeps n8n's dates as UTC text without a zone ('2026-01-01 10:00:00.123'). */
function sqliteMs(startedAt: string | null, stoppedAt: string | null): number | null {
	if (!startedAt || !stoppedAt) return null;
	const utc = (t: string) =>
		Date.parse(/Z$|[+-]\d\d:?\d\d$/.test(t) ? t : `${t.replace(' ', 'T')}Z`);
	return utc(stoppedAt) - utc(startedAt);
}

/** Each node's execution time from an execution's stored data (n8n keeps it `flatted`; its own copy parses it). */
function nodeTimes(install: N8nInstall, data: string): Record<string, number> {
	try {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { parse } = require(join(install.dir, 'node_modules', 'flatted')) as {
			parse: (text: string) => unknown;
		};
		const run = parse(data.trim()) as {
			resultData?: { runData?: Record<string, Array<{ executionTime?: number }>> };
		};
		return Object.fromEntries(
			Object.entries(run.resultData?.runData ?? {}).map(([node, runs]) => [
				node,
				runs[0]?.executionTime ?? NaN,
			]),
		);
	} catch {
		return {};
	}
}

const NOTABLE_WARNINGS = [
	/Scaling mode is not officially supported[^\n]*/,
	/not supported in queue mode[^\n]*/i,
	/Falling back to regular mode[^\n]*/,
];

function notableWarnings(procs: BackgroundProcess[]): string[] {
	return procs.flatMap((p) =>
		NOTABLE_WARNINGS.flatMap((re) =>
			[...new Set(p.output.match(new RegExp(re.source, 'g')) ?? [])].map(
				(w) => `${p.name}: ${w.trim()}`,
			),
		),
	);
}

/** Reads the webhook's answer: all items of the last node. */
function countItems(items: Array<Record<string, unknown>>) {
	let errors = 0;
	let created = 0;
	let updated = 0;
	for (const item of items) {
		if (item.error !== undefined) errors++;
		else if (item.operation === 'created') created++;
		else if (item.operation === 'updated') updated++;
	}
	return { errors, created, updated };
}

/** Items whose effect is not in the sandbox: the contact missing, or not with the item's values. */
function countLost(sb: Sandbox, count: number): number {
	let lost = 0;
	const byUser = new Map(sb.state().contacts.map((c) => [c.social_profile.id, c]));
	for (let i = 0; i < count; i++) {
		const c = byUser.get(userIdOf(i));
		const ok =
			c !== undefined &&
			c.first_name === `First${i}` &&
			c.display_name === `Customer ${i}` &&
			c.email === `customer${i}@example.com` &&
			c.platform_display_name === (existsBefore(i) ? 'Old name' : `Customer ${i}`) &&
			JSON.stringify(c.tags) === JSON.stringify(['queue', `batch-${i % 10}`]);
		if (!ok) lost++;
	}
	return lost;
}

function requestStats(sb: Sandbox): { total: number; byStatus: Record<string, number> } {
	const requests = sb.requests({ api: 'oho' });
	const byStatus: Record<string, number> = {};
	for (const r of requests)
		byStatus[`${r.method} ${r.status}`] = (byStatus[`${r.method} ${r.status}`] ?? 0) + 1;
	return { total: requests.length, byStatus };
}

/** POSTs the production webhook and returns the items of the last node. */
async function callWebhook(
	port: number,
): Promise<{ status: number; items: Array<Record<string, unknown>>; ms: number; raw: string }> {
	const started = Date.now();
	const response = await fetch(`http://127.0.0.1:${port}/webhook/${WEBHOOK_PATH}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ from: 'e2e/queue' }),
		signal: AbortSignal.timeout(LIMIT.run),
	});
	const raw = await response.text();
	let items: Array<Record<string, unknown>> = [];
	try {
		const parsed = JSON.parse(raw) as unknown;
		items = Array.isArray(parsed)
			? (parsed as Array<Record<string, unknown>>)
			: [parsed as Record<string, unknown>];
	} catch {
		// reported through the status and the count
	}
	return { status: response.status, items, ms: Date.now() - started, raw };
}

/** The trigger status n8n records when it has (or has not) activated a published workflow's trigger. */
type TriggerStatusQuery = () => Promise<Array<{ status: string; errorMessage: string | null }>>;

/**
 * n8n 2.41.1 activates published workflows through its publication outbox (polled every 15 s by default,
 * N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS), after "Editor is now accessible", and logs nothing at
 * info level when it has: the row in workflow_publication_trigger_status says so.
 */
async function waitActivated(
	query: TriggerStatusQuery,
	main: BackgroundProcess,
	timeoutMs: number,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const rows = await query();
		if (rows.some((r) => r.status === 'activated')) return;
		const failed = rows.find((r) => r.status === 'failed');
		if (failed)
			throw new Error(
				`n8n could not activate the webhook: ${failed.errorMessage}\n${tail(main.output, 40)}`,
			);
		if (!main.running)
			throw new Error(
				`${main.name} exited (${JSON.stringify(main.exit)}):\n${tail(main.output, 60)}`,
			);
		if (Date.now() > deadline)
			throw new Error(
				`the webhook was not activated within ${timeoutMs} ms:\n${tail(main.output, 60)}`,
			);
		await sleep(1000);
	}
}

async function waitReady(
	main: BackgroundProcess,
	workers: BackgroundProcess[],
	triggerStatus: TriggerStatusQuery,
): Promise<void> {
	await Promise.all([
		(async () => {
			await main.waitFor(/Editor is now accessible via/, LIMIT.boot - 10_000);
			await waitActivated(triggerStatus, main, LIMIT.boot - 10_000);
		})(),
		...workers.map((w) => w.waitFor(/n8n worker is now ready/, LIMIT.boot - 10_000)),
	]);
}

function baseFailures(r: ModeResult, count: number): string[] {
	const f: string[] = [];
	if (r.httpStatus !== 200) f.push(`${r.mode}: webhook answered HTTP ${r.httpStatus}`);
	if (r.itemsOut !== count) f.push(`${r.mode}: ${r.itemsOut} output items, expected ${count}`);
	if (r.errors !== 0) f.push(`${r.mode}: ${r.errors} error items`);
	if (r.lost !== 0) f.push(`${r.mode}: ${r.lost} items lost`);
	const expectCreated = Array.from({ length: count }, (_, i) => i).filter(
		(i) => !existsBefore(i),
	).length;
	if (r.created !== expectCreated || r.updated !== count - expectCreated) {
		f.push(
			`${r.mode}: created ${r.created} / updated ${r.updated}, expected ${expectCreated} / ${count - expectCreated}`,
		);
	}
	if (r.execution?.status !== 'success')
		f.push(`${r.mode}: stored execution ${JSON.stringify(r.execution)}`);
	if (r.loadProblems.length)
		f.push(`${r.mode}: package load problems: ${r.loadProblems.join(' | ')}`);
	return f;
}

async function singleProcess(
	install: N8nInstall,
	tarball: string,
	sb: Sandbox,
	count: number,
	log: Log,
): Promise<ModeResult> {
	const n8n = new N8n(install, { env: { EXECUTIONS_MODE: 'regular' } });
	let main: BackgroundProcess | undefined;
	try {
		await withTimeout(
			'single: prepare n8n',
			LIMIT.prepare,
			(async () => {
				await installCommunityPackage(install, n8n.userFolder, tarball);
				await n8n.importCredentials(credentials(sb.url));
				await n8n.importWorkflows([upsertWorkflow(count)]);
				const p = await n8n.cli(['publish:workflow', `--id=${WORKFLOW_ID}`]);
				if (p.code !== 0) throw new Error(`publish:workflow failed:\n${tail(p.stdout + p.stderr)}`);
			})(),
		);
		const port = await freePort();
		const bootStart = Date.now();
		main = await startN8nProcess(install, n8n.userFolder, {
			name: 'n8n-single',
			args: ['start'],
			env: {
				...n8n.env(),
				N8N_PORT: String(port),
				N8N_LISTEN_ADDRESS: '127.0.0.1',
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			},
		});
		const dbFile = join(n8n.userFolder, '.n8n', 'database.sqlite');
		const triggerStatus = () =>
			sqliteQuery<{ status: string; errorMessage: string | null }>(
				install,
				dbFile,
				`SELECT status, errorMessage FROM workflow_publication_trigger_status WHERE workflowId = '${WORKFLOW_ID}'`,
			);
		await withTimeout('single: n8n ready', LIMIT.boot, waitReady(main, [], triggerStatus));
		const bootMs = Date.now() - bootStart;
		log(`single process: n8n start (pid ${main.pid}) ready in ${bootMs} ms on port ${port}`);

		await withTimeout('single: seed sandbox', LIMIT.seed, prepareSandbox(sb, count));
		const load = loadavg()[0];
		const call = await withTimeout('single: webhook run', LIMIT.run, callWebhook(port));
		log(
			`single process: webhook answered HTTP ${call.status} with ${call.items.length} items in ${call.ms} ms`,
		);
		const state = comparableState(sb);
		const counts = countItems(call.items);

		const rows = await sqliteQuery<{
			id: number;
			status: string;
			mode: string;
			startedAt: string;
			stoppedAt: string;
		}>(
			install,
			dbFile,
			`SELECT id, status, mode, startedAt, stoppedAt FROM execution_entity WHERE workflowId = '${WORKFLOW_ID}' ORDER BY id`,
		);
		const last = rows[rows.length - 1];
		const data = last
			? await sqliteQuery<{ data: string }>(
					install,
					dbFile,
					`SELECT data FROM execution_data WHERE executionId = ${Number(last.id)}`,
				)
			: [];
		const result: ModeResult = {
			mode: 'single process',
			db: 'SQLite (n8n default)',
			processes: [`n8n start (regular mode) pid ${main.pid}`],
			itemsIn: count,
			itemsOut: call.items.length,
			...counts,
			lost: countLost(sb, count),
			httpStatus: call.status,
			requests: requestStats(sb),
			execution: last && {
				id: String(last.id),
				status: last.status,
				mode: last.mode,
				ms: sqliteMs(last.startedAt, last.stoppedAt),
			},
			executionsStored: rows.length,
			ranOn: 'the n8n main process (regular mode)',
			bootMs,
			webhookMs: call.ms,
			load,
			nodeMs: data[0] ? nodeTimes(install, data[0].data) : {},
			warnings: notableWarnings([main]),
			loadProblems: loadProblems({ stdout: main.output, stderr: '', code: 0, signal: null, ms: 0 }),
			state,
			failures: [],
		};
		if (call.status !== 200)
			result.failures.push(`single: webhook body: ${call.raw.slice(0, 500)}`);
		result.failures.push(...baseFailures(result, count));
		return result;
	} finally {
		await main?.stop('SIGTERM', 30_000);
		n8n.dispose();
	}
}

async function queueMode(
	install: N8nInstall,
	tarball: string,
	sb: Sandbox,
	count: number,
	workerCount: number,
	log: Log,
	infra: { redis: Redis; pg?: Postgres },
): Promise<ModeResult> {
	const { redis, pg } = infra;
	const dbEnv: Record<string, string | undefined> = pg
		? {
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: '127.0.0.1',
				DB_POSTGRESDB_PORT: String(pg.port),
				DB_POSTGRESDB_DATABASE: 'n8n',
				DB_POSTGRESDB_USER: pg.user,
				DB_POSTGRESDB_PASSWORD: '',
				DB_SQLITE_POOL_SIZE: undefined,
			}
		: { DB_TYPE: 'sqlite', DB_SQLITE_POOL_SIZE: '2' };
	const n8n = new N8n(install, {
		env: {
			...dbEnv,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			// One key for every process (they share the user folder; set here so no process makes its own).
			N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		},
	});
	const procs: BackgroundProcess[] = [];
	const triggerSecret = randomBytes(16).toString('hex');
	try {
		await withTimeout(
			'queue: prepare n8n',
			LIMIT.prepare,
			(async () => {
				await installCommunityPackage(install, n8n.userFolder, tarball);
				await n8n.importCredentials([
					...credentials(sb.url),
					...triggerCredentials(sb.url, triggerSecret),
				]);
				await n8n.importWorkflows([upsertWorkflow(count), triggerWorkflow()]);
				for (const id of [WORKFLOW_ID, TRIGGER_WORKFLOW_ID]) {
					const p = await n8n.cli(['publish:workflow', `--id=${id}`]);
					if (p.code !== 0)
						throw new Error(`publish:workflow ${id} failed:\n${tail(p.stdout + p.stderr)}`);
				}
			})(),
		);
		const port = await freePort();
		const bootStart = Date.now();
		const main = await startN8nProcess(install, n8n.userFolder, {
			name: 'n8n-main',
			args: ['start'],
			env: {
				...n8n.env(),
				N8N_PORT: String(port),
				N8N_LISTEN_ADDRESS: '127.0.0.1',
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			},
		});
		procs.push(main);
		const workers: BackgroundProcess[] = [];
		for (let w = 1; w <= workerCount; w++) {
			const worker = await startN8nProcess(install, n8n.userFolder, {
				name: `n8n-worker-${w}`,
				args: ['worker', '--concurrency=5'],
				env: {
					...n8n.env(),
					N8N_RUNNERS_BROKER_PORT: String(await freePort()),
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				},
			});
			workers.push(worker);
			procs.push(worker);
		}
		const triggerStatus: TriggerStatusQuery = pg
			? async () =>
					(
						await pg.query(
							'n8n',
							`SELECT status, coalesce("errorMessage", '') FROM workflow_publication_trigger_status WHERE "workflowId" = '${WORKFLOW_ID}'`,
						)
					).map(([status, errorMessage]) => ({ status, errorMessage }))
			: () =>
					sqliteQuery<{ status: string; errorMessage: string | null }>(
						install,
						join(n8n.userFolder, '.n8n', 'database.sqlite'),
						`SELECT status, errorMessage FROM workflow_publication_trigger_status WHERE workflowId = '${WORKFLOW_ID}'`,
					);
		await withTimeout(
			'queue: main and workers ready',
			LIMIT.boot,
			waitReady(main, workers, triggerStatus),
		);
		const bootMs = Date.now() - bootStart;
		log(
			`queue: main (pid ${main.pid}, port ${port}) and ${workers.map((w) => `${w.name} (pid ${w.pid})`).join(', ')} ready in ${bootMs} ms`,
		);

		await withTimeout('queue: seed sandbox', LIMIT.seed, prepareSandbox(sb, count));
		const marks = procs.map((p) => p.output.length);
		const load = loadavg()[0];
		const call = await withTimeout('queue: webhook run', LIMIT.run, callWebhook(port));
		log(
			`queue: webhook answered HTTP ${call.status} with ${call.items.length} items in ${call.ms} ms`,
		);
		const state = comparableState(sb);
		const counts = countItems(call.items);

		// Which process ran it: the main logs "Enqueued execution N (job J)", a worker "Worker started execution N
		// (job J)" and "Worker finished execution N (job J)".
		const since = (p: BackgroundProcess) => p.output.slice(marks[procs.indexOf(p)]);
		const enqueued = /Enqueued execution (\d+) \(job (\d+)\)/.exec(since(main));
		const ranBy = workers
			.map((w) => ({
				w,
				started: /Worker started execution (\d+) \(job (\d+)\)/.exec(since(w)),
				finished: /Worker finished execution (\d+) \(job (\d+)\)/.exec(since(w)),
			}))
			.filter((x) => x.started);
		const mainRan = /Worker started execution/.test(since(main));

		let rows: Array<{ id: string; status: string; mode: string; ms: number | null }>;
		if (pg) {
			const result = await pg.query(
				'n8n',
				`SELECT id, status, mode, (EXTRACT(EPOCH FROM ("stoppedAt" - "startedAt")) * 1000)::int FROM execution_entity WHERE "workflowId" = '${WORKFLOW_ID}' ORDER BY id`,
			);
			rows = result.map(([id, status, mode, ms]) => ({
				id,
				status,
				mode,
				ms: ms === '' ? null : Number(ms),
			}));
		} else {
			const result = await sqliteQuery<{
				id: number;
				status: string;
				mode: string;
				startedAt: string;
				stoppedAt: string;
			}>(
				install,
				join(n8n.userFolder, '.n8n', 'database.sqlite'),
				`SELECT id, status, mode, startedAt, stoppedAt FROM execution_entity WHERE workflowId = '${WORKFLOW_ID}' ORDER BY id`,
			);
			rows = result.map((r) => ({
				id: String(r.id),
				status: r.status,
				mode: r.mode,
				ms: sqliteMs(r.startedAt, r.stoppedAt),
			}));
		}
		const last = rows[rows.length - 1];
		let data = '';
		if (last) {
			data = pg
				? await pg.queryRaw(
						'n8n',
						`SELECT data FROM execution_data WHERE "executionId" = ${Number(last.id)}`,
					)
				: ((
						await sqliteQuery<{ data: string }>(
							install,
							join(n8n.userFolder, '.n8n', 'database.sqlite'),
							`SELECT data FROM execution_data WHERE executionId = ${Number(last.id)}`,
						)
					)[0]?.data ?? '');
		}
		const result: ModeResult = {
			mode: 'queue',
			db: pg ? `PostgreSQL (${pg.version})` : 'SQLite (shared file)',
			processes: [main, ...workers].map((p) => `${p.name} pid ${p.pid}`),
			itemsIn: count,
			itemsOut: call.items.length,
			...counts,
			lost: countLost(sb, count),
			httpStatus: call.status,
			requests: requestStats(sb),
			execution: last,
			executionsStored: rows.length,
			ranOn: ranBy.length
				? ranBy
						.map(
							(x) =>
								`${x.w.name} (pid ${x.w.pid}): started execution ${x.started![1]} (job ${x.started![2]})${x.finished ? ', finished it' : ''}`,
						)
						.join('; ')
				: 'no worker',
			bootMs,
			webhookMs: call.ms,
			load,
			nodeMs: data ? nodeTimes(install, data) : {},
			warnings: notableWarnings(procs),
			loadProblems: procs.flatMap((p) =>
				loadProblems({ stdout: p.output, stderr: '', code: 0, signal: null, ms: 0 }).map(
					(l) => `${p.name}: ${l}`,
				),
			),
			state,
			failures: [],
		};
		if (call.status !== 200) result.failures.push(`queue: webhook body: ${call.raw.slice(0, 500)}`);
		result.failures.push(...baseFailures(result, count));
		if (!enqueued) result.failures.push(`queue: the main did not log "Enqueued execution"`);
		if (ranBy.length !== 1)
			result.failures.push(
				`queue: ${ranBy.length} workers logged "Worker started execution" (expected exactly 1)`,
			);
		if (ranBy.length === 1 && !ranBy[0].finished)
			result.failures.push(`queue: ${ranBy[0].w.name} did not log "Worker finished execution"`);
		if (enqueued && ranBy.length === 1 && ranBy[0].started![1] !== enqueued[1])
			result.failures.push(
				`queue: the main enqueued execution ${enqueued[1]}, the worker ran ${ranBy[0].started![1]}`,
			);
		if (last && ranBy.length === 1 && ranBy[0].started![1] !== last.id)
			result.failures.push(
				`queue: the stored execution is ${last.id}, the worker ran ${ranBy[0].started![1]}`,
			);
		if (mainRan) result.failures.push('queue: the main process logged "Worker started execution"');

		const triggerExecutions = async () =>
			pg
				? (
						await pg.query(
							'n8n',
							`SELECT status FROM execution_entity WHERE "workflowId" = '${TRIGGER_WORKFLOW_ID}'`,
						)
					).map(([status]) => status)
				: (
						await sqliteQuery<{ status: string }>(
							install,
							join(n8n.userFolder, '.n8n', 'database.sqlite'),
							`SELECT status FROM execution_entity WHERE workflowId = '${TRIGGER_WORKFLOW_ID}'`,
						)
					).map((row) => row.status);
		const burst = await withTimeout(
			'queue: Oho Trigger burst',
			LIMIT.run,
			triggerBurst({
				sb,
				port,
				secret: triggerSecret,
				main,
				workers,
				executions: triggerExecutions,
				log,
			}),
		);
		result.trigger = burst.result;
		result.failures.push(...burst.failures);
		if (result.failures.length) {
			for (const p of procs) log(`--- ${p.name} output (tail) ---\n${tail(p.output, 40)}`);
		}
		return result;
	} finally {
		await Promise.all(procs.map((p) => p.stop('SIGTERM', 30_000)));
		n8n.dispose();
	}
}

const BURST = Number(process.env.E2E_QUEUE_BURST ?? 200);

/**
 * The Oho Trigger burst: the sandbox creates BURST contacts through its API (16 at a time) and delivers Oho's webhook for each,
 * one right after another, to the published Oho Trigger on the main; every delivery must become one execution on a
 * worker and one Gofive message naming the contact.
 */
async function triggerBurst(opts: {
	sb: Sandbox;
	port: number;
	secret: string;
	main: BackgroundProcess;
	workers: BackgroundProcess[];
	executions: () => Promise<string[]>;
	log: Log;
}): Promise<{ result: TriggerBurst; failures: string[] }> {
	const { sb, port, secret, main, workers, executions, log } = opts;
	const url = `http://127.0.0.1:${port}/webhook/${TRIGGER_PATH}`;
	// Active once a wrong secret is answered 403 (404 before): such a probe starts nothing.
	for (const deadline = Date.now() + LIMIT.boot; ; ) {
		const probe = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', [TRIGGER_SECRET_HEADER]: 'probe' },
			body: '{}',
		});
		if (probe.status === 403) break;
		if (Date.now() > deadline)
			throw new Error(
				`the Oho Trigger was not active within ${LIMIT.boot} ms (last answer HTTP ${probe.status})`,
			);
		await sleep(1000);
	}
	const procs = [main, ...workers];
	const marks = procs.map((p) => p.output.length);
	sb.registerWebhook({ url, headers: { [TRIGGER_SECRET_HEADER]: secret } });
	const messagesBefore = sb.state().gofiveMessages.length;
	const started = Date.now();
	const bodies = Array.from({ length: BURST }, (_, i) =>
		demoLineContact(burstUserIdOf(i), 'https://profile.line-scdn.net/0hBurst', {
			platform_display_name: `Burst ${i}`,
			display_name: `Burst ${i}`,
			first_name: 'Burst',
		}),
	);
	await createContacts(sb, bodies);
	await sb.settleWebhooks();
	let statuses: string[] = [];
	for (const deadline = Date.now() + LIMIT.run - 30_000; ; ) {
		statuses = await executions();
		const done = statuses.filter(
			(status) => !['new', 'running', 'waiting'].includes(status),
		).length;
		if (done >= BURST || Date.now() > deadline) break;
		await sleep(1000);
	}
	const ms = Date.now() - started;
	await sleep(2000);
	statuses = await executions();
	sb.registerWebhook(null);

	const answered: Record<string, number> = {};
	for (const delivery of sb.webhookDeliveries())
		answered[String(delivery.status)] = (answered[String(delivery.status)] ?? 0) + 1;
	const startedBy = Object.fromEntries(
		procs.map((p, i) => [
			p.name,
			(p.output.slice(marks[i]).match(/Worker started execution/g) ?? []).length,
		]),
	);
	const messages = sb
		.state()
		.gofiveMessages.slice(messagesBefore)
		.map((message) => message.content);
	const perContact = new Map<string, number>();
	for (const content of messages) {
		const userId = /^contact created: (\S+)$/.exec(content)?.[1] ?? content;
		perContact.set(userId, (perContact.get(userId) ?? 0) + 1);
	}
	const ids = Array.from({ length: BURST }, (_, i) => burstUserIdOf(i));
	const result: TriggerBurst = {
		deliveries: sb.webhookDeliveries().length,
		answered,
		executions: statuses.length,
		succeeded: statuses.filter((status) => status === 'success').length,
		startedBy,
		messages: messages.length,
		lost: ids.filter((id) => !perContact.has(id)).length,
		duplicated: ids.filter((id) => (perContact.get(id) ?? 0) > 1).length,
		ms,
	};
	log(`queue: Oho Trigger burst: ${JSON.stringify(result)}`);
	const failures: string[] = [];
	if (result.deliveries !== BURST || answered['200'] !== BURST)
		failures.push(
			`trigger burst: ${BURST} deliveries expected, all answered 200: ${JSON.stringify(answered)}`,
		);
	if (result.executions !== BURST || result.succeeded !== BURST)
		failures.push(
			`trigger burst: ${result.succeeded} of ${result.executions} executions succeeded, ${BURST} expected`,
		);
	if (result.lost || result.duplicated || result.messages !== BURST)
		failures.push(
			`trigger burst: ${result.messages} messages, ${result.lost} contacts without one, ${result.duplicated} with more than one`,
		);
	if (startedBy[main.name])
		failures.push(
			`trigger burst: the main process started ${startedBy[main.name]} executions itself`,
		);
	const onWorkers = workers.reduce((sum, w) => sum + startedBy[w.name], 0);
	if (onWorkers !== BURST)
		failures.push(
			`trigger burst: workers logged ${onWorkers} started executions, ${BURST} expected`,
		);
	return { result, failures };
}

function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
	if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
	if (a && b && typeof a === 'object' && typeof b === 'object') {
		const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
		for (const k of keys) {
			const d = firstDifference(
				(a as Record<string, unknown>)[k],
				(b as Record<string, unknown>)[k],
				`${path}/${k}`,
			);
			if (d) return d;
		}
	}
	return `${path || '/'}: ${JSON.stringify(a)?.slice(0, 200)} ≠ ${JSON.stringify(b)?.slice(0, 200)}`;
}

export async function runQueueComparison(
	opts: { items?: number; workers?: number; log?: Log } = {},
): Promise<QueueSummary> {
	const started = Date.now();
	const count = opts.items ?? Number(process.env.E2E_QUEUE_ITEMS ?? 1000);
	const workerCount = opts.workers ?? 2;
	const log = opts.log ?? ((line: string) => console.log(line));
	const useSqlite = process.env.E2E_QUEUE_DB === 'sqlite';

	const install = await withTimeout('install n8n', LIMIT.setup, ensureN8n());
	const tarball =
		process.env.E2E_TARBALL ?? (await withTimeout('build + pack', LIMIT.setup, buildAndPackRepo()));
	const sb = await startSandbox({ port: 0 });
	let redis: Redis | undefined;
	let pg: Postgres | undefined;
	try {
		log(
			`n8n ${install.n8nVersion} on Node ${install.nodeVersion}; ${PACKAGE_NAME} from ${tarball}; sandbox ${sb.url}; ${count} items`,
		);
		const single = await singleProcess(install, tarball, sb, count, log);

		const infraStart = Date.now();
		redis = await withTimeout('start Redis', LIMIT.infra, startRedis());
		log(
			`Redis: ${redis.version.split(' ').slice(0, 3).join(' ')} on port ${redis.port} (pid ${redis.process.pid})`,
		);
		if (!useSqlite) {
			pg = await withTimeout('start PostgreSQL', LIMIT.infra, startPostgres());
			await pg.createDatabase('n8n');
			log(
				`PostgreSQL: ${pg.version} on port ${pg.port} (pid ${pg.process.pid}), throwaway cluster ${pg.dataDir}`,
			);
		}
		log(`infrastructure ready in ${Date.now() - infraStart} ms`);
		const queue = await queueMode(install, tarball, sb, count, workerCount, log, { redis, pg });

		const stateDifference = firstDifference(single.state, queue.state);
		const failures = [...single.failures, ...queue.failures];
		if (stateDifference)
			failures.push(`sandbox state differs between the runs: ${stateDifference}`);
		return {
			n8nVersion: install.n8nVersion,
			nodeVersion: install.nodeVersion,
			items: count,
			redis: redis.version.split(' ').slice(0, 3).join(' '),
			postgres: pg?.version,
			single,
			queue,
			stateIdentical: stateDifference === undefined,
			stateDifference,
			failures,
			totalMs: Date.now() - started,
			loadAverage: { single: single.load, queue: queue.load },
		};
	} finally {
		await pg?.stop().catch(() => undefined);
		await redis?.stop().catch(() => undefined);
		await sb.close();
		if (!process.env.E2E_TARBALL) rmSync(dirname(tarball), { recursive: true, force: true });
	}
}

export function formatSummary(s: QueueSummary): string {
	const row = (label: string, f: (r: ModeResult) => string) =>
		`| ${label} | ${f(s.single)} | ${f(s.queue)} |`;
	const requests = (r: ModeResult) =>
		`${r.requests.total} (${Object.entries(r.requests.byStatus)
			.map(([k, v]) => `${k}: ${v}`)
			.join(', ')})`;
	return [
		`n8n ${s.n8nVersion} (Node ${s.nodeVersion}), ${s.items} items; Redis: ${s.redis ?? '-'}; queue DB: ${s.postgres ? s.postgres : 'SQLite'}`,
		'',
		'| | single process | queue mode |',
		'| --- | --- | --- |',
		row('database', (r) => r.db),
		row('processes', (r) => r.processes.join(', ')),
		row('ran on', (r) => r.ranOn),
		row('items in / out', (r) => `${r.itemsIn} / ${r.itemsOut}`),
		row('errors', (r) => String(r.errors)),
		row('created / updated', (r) => `${r.created} / ${r.updated}`),
		row('lost', (r) => String(r.lost)),
		row('Oho requests', requests),
		row('stored execution', (r) =>
			r.execution ? `#${r.execution.id} ${r.execution.mode} ${r.execution.status}` : 'none',
		),
		row('execution (started → stopped)', (r) =>
			r.execution?.ms != null ? `${(r.execution.ms / 1000).toFixed(1)} s` : '-',
		),
		row('node times (ms)', (r) =>
			Object.entries(r.nodeMs)
				.map(([n, ms]) => `${n} ${ms}`)
				.join(', '),
		),
		row('webhook call (request → answer)', (r) => `${(r.webhookMs / 1000).toFixed(1)} s`),
		row('boot (until ready)', (r) => `${(r.bootMs / 1000).toFixed(1)} s`),
		row('load average (1 min) at the call', (r) => r.load.toFixed(2)),
		row("n8n's warnings", (r) => r.warnings.join('; ') || 'none'),
		'',
		`sandbox state (contacts + rooms, without ids/timestamps) identical: ${s.stateIdentical ? 'yes' : `NO: ${s.stateDifference}`}`,
		s.queue.trigger
			? `Oho Trigger burst (queue mode): ${s.queue.trigger.deliveries} webhook deliveries (${Object.entries(
					s.queue.trigger.answered,
				)
					.map(([k, v]) => `HTTP ${k}: ${v}`)
					.join(', ')}), ` +
				`${s.queue.trigger.succeeded}/${s.queue.trigger.executions} executions succeeded, started by ${Object.entries(
					s.queue.trigger.startedBy,
				)
					.map(([k, v]) => `${k} ${v}`)
					.join(', ')}; ` +
				`${s.queue.trigger.messages} Gofive messages, ${s.queue.trigger.lost} lost, ${s.queue.trigger.duplicated} duplicated; ${(s.queue.trigger.ms / 1000).toFixed(1)} s`
			: 'Oho Trigger burst: not run',
		`total ${(s.totalMs / 1000).toFixed(0)} s; ${s.failures.length ? `FAILED:\n - ${s.failures.join('\n - ')}` : 'all checks passed'}`,
	].join('\n');
}

/** Writes the summary (without the states) to test-results/queue-mode.json. */
export function saveSummary(s: QueueSummary): string {
	const file = join(REPO_ROOT, 'test-results', 'queue-mode.json');
	mkdirSync(dirname(file), { recursive: true });
	const strip = (r: ModeResult) => ({
		...r,
		state: { contacts: r.state.contacts.length, rooms: r.state.rooms.length },
	});
	writeFileSync(
		file,
		JSON.stringify(
			{ ...s, single: strip(s.single), queue: strip(s.queue), n8n: DEFAULT_N8N_VERSION },
			null,
			2,
		),
	);
	return file;
}

if (require.main === module) {
	runQueueComparison()
		.then((s) => {
			console.log(formatSummary(s));
			console.log(`summary: ${saveSummary(s)}`);
			process.exit(s.failures.length ? 1 : 0);
		})
		.catch((e: unknown) => {
			console.error(e);
			process.exit(1);
		});
}

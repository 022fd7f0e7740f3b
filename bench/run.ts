/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/*
 * The benchmark: our nodes against n8n's HTTP Request node, in one run, on one machine, against one sandbox.
 *
 *   npm run bench          real n8n 2.x (e2e harness): W1 1,000 ×3 and 10,000 ×1, W2–W6 1,000 ×3
 *   npm run bench:smoke    a few dozen items, our nodes only, n8n-core engine harness; asserts nothing about time
 *
 * Environment: BENCH_ROUTE=n8n|engine, BENCH_REPEATS (default 3), BENCH_SIZE (default 1000),
 * BENCH_LARGE (W1's large size, default 10000; 0 = skip), BENCH_LARGE_REPEATS (default 1), BENCH_ONLY=W1,W3,
 * BENCH_LATENCY_MS / BENCH_JITTER_MS (the sandbox's latency ± jitter for W1–W3 and W6; default 25 / 0),
 * BENCH_CONTENDERS=ours-default,http-default (default: all), BENCH_LARGE_CONTENDERS (those of W1's large size; default: all), BENCH_OUT=results.extra.json (another results file in bench/;
 * the README's tables are then left alone).
 * Writes bench/results.json and the tables in bench/README.md (between the BENCH:TABLES markers);
 * the smoke run writes bench/results.smoke.json only.
 */
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { cpus, loadavg, totalmem, type as osType, release } from 'os';
import { join } from 'path';

import type { CredentialImport, WorkflowImport } from '../e2e/lib/n8n';
import { findN8nInstall } from '../e2e/lib/install';
import { run } from '../e2e/lib/proc';
import { DEMO, startSandbox, type Sandbox } from '../sandbox';
import type { Contender, CredentialIds } from './lib/contenders';
import {
	CONTENDERS,
	CONTENDER_NODES,
	contenderInputItems,
	contenderWorkflow,
	requestLimit,
} from './lib/contenders';
import { runSpec, type EngineSpec } from './lib/engine-child';
import { RealN8n, nodeSpan, type ProcessRun, type RunSummary } from './lib/n8n-route';
import { cell, median, round } from './lib/stats';
import type { Workload, WorkloadId } from './lib/workloads';
import {
	BENCH_ROOMS,
	RATE_LIMIT_PER_SECOND,
	WORKLOADS,
	groundTruth,
	latencyText,
	prepareSandbox,
} from './lib/workloads';

const SMOKE = process.argv.includes('--smoke');
const ROOT = join(__dirname, '..');
const REPEATS = Number(process.env.BENCH_REPEATS ?? (SMOKE ? 1 : 3));
const SIZE = Number(process.env.BENCH_SIZE ?? (SMOKE ? 24 : 1000));
const LARGE = Number(process.env.BENCH_LARGE ?? (SMOKE ? 0 : 10000));
const LARGE_REPEATS = Number(process.env.BENCH_LARGE_REPEATS ?? 1);
const ONLY = (process.env.BENCH_ONLY ?? Object.keys(WORKLOADS).join(',')).split(
	',',
) as WorkloadId[];
const ONLY_CONTENDERS = process.env.BENCH_CONTENDERS?.split(',');
const LARGE_CONTENDERS = process.env.BENCH_LARGE_CONTENDERS?.split(',');
/** The command as run, with the BENCH_* knobs that were set (so a reduced run says so). */
const COMMAND = [
	...Object.entries(process.env)
		.filter(([k]) => k.startsWith('BENCH_') && k !== 'BENCH_N8N_NODE_OPTIONS')
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([k, v]) => `${k}=${v}`),
	SMOKE ? 'npm run bench:smoke' : 'npm run bench',
].join(' ');

const log = (line: string) =>
	process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

interface Case {
	workload: Workload;
	size: number;
	contender: Contender | null;
	repeats: number;
	/** Workflow id per repeat (real n8n). */
	ids: string[];
}

interface RunRecord {
	ok: boolean;
	error?: string;
	crashedOnExit?: boolean;
	nodeS: number;
	wallS: number;
	cpuS: number;
	peakRssMb: number;
	lost: number;
	errored: number;
	requests: number;
	throttled: number;
	tokenRequests: number;
	/** The machine's 1-minute load average when the run started and when it ended. */
	loadAtStart?: number;
	loadAtEnd?: number;
}

// ---------------------------------------------------------------- routes

interface Route {
	name: string;
	fallback: boolean;
	prepare(cases: Case[], sb: Sandbox): Promise<void>;
	execute(c: Case, repeat: number, sb: Sandbox): Promise<RunRecord>;
}

const CODES: Record<string, string> = {
	'ours-default': 'od',
	'ours-automap': 'oa',
	'ours-tuned': 'ot',
	floor: 'fl',
	'http-default': 'hd',
	'http-batched': 'hb',
};

/** Gofive runs (W3, W6) get their own credential each, so every run starts without a token, as a first run does. */
function credentialIds(c: Case, repeat: number): CredentialIds {
	const w3 = `bench-${c.workload.id}${CODES[c.contender?.id ?? ''] ?? 'bl'}-${repeat}`;
	return {
		ohoApi: { id: 'benchOhoApi00001', name: 'Oho (bench)' },
		httpHeaderAuth: { id: 'benchHeaderAuth01', name: 'Oho header auth (bench)' },
		gofiveApi: { id: `gf${w3}`.slice(0, 21), name: `Gofive ${w3}` },
		oAuth2Api: { id: `oa${w3}`.slice(0, 21), name: `Gofive OAuth2 ${w3}` },
	};
}

function credentialImports(sb: Sandbox, cases: Case[]): CredentialImport[] {
	const list: CredentialImport[] = [
		{
			id: 'benchOhoApi00001',
			name: 'Oho (bench)',
			type: 'ohoApi',
			data: { apiKey: DEMO.ohoApiKey, baseUrl: sb.url },
		},
		{
			id: 'benchHeaderAuth01',
			name: 'Oho header auth (bench)',
			type: 'httpHeaderAuth',
			data: { name: 'x-oho-api-key', value: DEMO.ohoApiKey },
		},
	];
	const tokenUrl = `${sb.url}/authorization/connect/token`;
	for (const c of cases.filter((x) => x.workload.api !== 'oho' && x.contender)) {
		// Venio's Customer API asks for the subscription key; the chat API does not, and W3 sends none.
		const subscriptionKey =
			c.workload.api === 'venio' ? { subscriptionKey: DEMO.gofiveSubscriptionKey } : {};
		for (let r = 0; r < c.repeats; r++) {
			const ids = credentialIds(c, r);
			list.push(
				{
					...ids.gofiveApi,
					type: 'gofiveApi',
					data: {
						authentication: 'clientCredentials',
						clientId: DEMO.gofiveClientId,
						clientSecret: DEMO.gofiveClientSecret,
						tokenUrl,
						baseUrl: sb.url,
						...subscriptionKey,
					},
				},
				{
					...ids.oAuth2Api,
					type: 'oAuth2Api',
					data: {
						grantType: 'clientCredentials',
						accessTokenUrl: tokenUrl,
						clientId: DEMO.gofiveClientId,
						clientSecret: DEMO.gofiveClientSecret,
						scope: '',
						authentication: 'body',
					},
				},
			);
		}
	}
	return list;
}

/** Items of the contender's nodes that ended in an error (an error item, or an HTTP status ≥ 400 other than the handled 409). */
function erroredItems(summary: RunSummary): number {
	let errored = 0;
	// Where items end: our node's output, Send, Update, and the IF's false branch (Create's items all go to the IF).
	for (const name of CONTENDER_NODES.filter((n) => n !== 'Create')) {
		for (const [output, counts] of (summary.nodes[name]?.outputs ?? []).entries()) {
			if (name === 'Is 409' && output === 0) continue;
			errored += counts.errorItems;
		}
	}
	return errored;
}

function realN8nRoute(real: RealN8n): Route {
	return {
		name: real.label,
		fallback: false,
		async prepare(cases, sb) {
			const workflows: WorkflowImport[] = [];
			for (const c of cases) {
				for (let r = 0; r < c.repeats; r++) {
					workflows.push(
						contenderWorkflow(
							c.ids[r],
							c.workload,
							c.size,
							c.contender,
							sb.url,
							credentialIds(c, r),
						),
					);
				}
			}
			log(`importing ${workflows.length} workflows`);
			await real.importAll(credentialImports(sb, cases), workflows);
		},
		async execute(c, repeat, sb) {
			const p: ProcessRun = await real.execute(c.ids[repeat]);
			const span = p.run ? nodeSpan(p.run, CONTENDER_NODES) : { ms: NaN, errors: [] };
			const ground = groundTruth(sb, c.workload, c.size);
			return {
				ok: p.ok,
				error: p.error ?? (span.errors.length ? span.errors.join('; ') : undefined),
				crashedOnExit: p.crashedOnExit,
				nodeS: span.ms / 1000,
				wallS: p.wallS,
				cpuS: p.cpuS,
				peakRssMb: p.peakRssMb,
				lost: ground.lost,
				errored: p.run ? erroredItems(p.run) : c.size,
				requests: ground.requests,
				throttled: ground.throttled,
				tokenRequests: ground.tokenRequests,
			};
		},
	};
}

/** The fallback: our node in n8n-core's engine (test/helpers/n8n.ts), one tsx process per run. */
function engineRoute(inProcess: boolean): Route {
	const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
	const child = join(__dirname, 'lib', 'engine-child.ts');
	return {
		name:
			'FALLBACK: n8n-core engine harness (test/helpers/n8n.ts WorkflowExecute), Node ' +
			process.version +
			(inProcess
				? ', in the bench process (CPU/RSS include the sandbox)'
				: ', one process per run') +
			'; no HTTP Request node',
		fallback: true,
		async prepare() {},
		async execute(c, repeat, sb) {
			let spec: EngineSpec | undefined;
			if (c.contender) {
				const workflow = contenderWorkflow(
					'engine',
					c.workload,
					c.size,
					c.contender,
					sb.url,
					credentialIds(c, repeat),
				);
				const node = workflow.nodes[workflow.nodes.length - 1];
				spec = {
					api: c.workload.api,
					parameters: node.parameters as EngineSpec['parameters'],
					typeVersion: node.typeVersion as number | undefined,
					credentials:
						c.workload.api === 'oho'
							? { ohoApi: { apiKey: DEMO.ohoApiKey, baseUrl: sb.url } }
							: {
									gofiveApi: {
										authentication: 'clientCredentials',
										clientId: DEMO.gofiveClientId,
										clientSecret: DEMO.gofiveClientSecret,
										tokenUrl: `${sb.url}/authorization/connect/token`,
										baseUrl: sb.url,
										...(c.workload.api === 'venio'
											? { subscriptionKey: DEMO.gofiveSubscriptionKey }
											: {}),
									},
								},
					items: contenderInputItems(c.workload, c.size, c.contender),
				};
			}
			if (inProcess) {
				// Smoke: in this process (no start-up per run); CPU and RSS then include the sandbox's.
				const cpu = process.cpuUsage();
				const started = performance.now();
				const out = spec ? await runSpec(spec) : undefined;
				const used = process.cpuUsage(cpu);
				const ground = groundTruth(sb, c.workload, c.size);
				return {
					ok: !out?.error,
					error: out?.error,
					nodeS: (out?.nodeMs ?? NaN) / 1000,
					wallS: (performance.now() - started) / 1000,
					cpuS: (used.user + used.system) / 1e6,
					peakRssMb: process.memoryUsage().rss / 2 ** 20,
					lost: c.contender ? ground.lost : 0,
					errored: out?.errorItems ?? 0,
					requests: ground.requests,
					throttled: ground.throttled,
					tokenRequests: ground.tokenRequests,
				};
			}
			const r = await run(
				'/usr/bin/time',
				['-f', '%e %U %S %M', tsx, child, ...(spec ? [JSON.stringify(spec)] : [])],
				{
					timeoutMs: 10 * 60_000,
				},
			);
			const timeLine = r.stderr.trim().split('\n').pop() ?? '';
			const [wall, user, sys, rssKb] = timeLine.split(' ').map(Number);
			let out: { nodeMs?: number; errorItems?: number; outputItems?: number; error?: string } = {};
			try {
				out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}');
			} catch {
				out = { error: `no result: ${r.stdout.slice(-500)} ${r.stderr.slice(-500)}` };
			}
			const ground = groundTruth(sb, c.workload, c.size);
			return {
				ok: r.code === 0 && !out.error,
				error: out.error,
				nodeS: (out.nodeMs ?? NaN) / 1000,
				wallS: wall,
				cpuS: user + sys,
				peakRssMb: rssKb / 1024,
				lost: c.contender ? ground.lost : 0,
				errored: out.errorItems ?? 0,
				requests: ground.requests,
				throttled: ground.throttled,
				tokenRequests: ground.tokenRequests,
			};
		},
	};
}

// ---------------------------------------------------------------- figures

interface Row {
	workload: WorkloadId;
	size: number;
	contender: string;
	label: string;
	runs: number;
	failedRuns: number;
	errors: string[];
	/** Items done (not lost) per second of the contender's node(s), median. */
	itemsPerS: number;
	lostMedian: number;
	lostMax: number;
	erroredMedian: number;
	wallSPer1000: number;
	cpuSPer1000: number;
	peakRssMb: number;
	rssGrowthMb: number;
	requestsPerItem: number;
	throttledPerItem: number;
	tokenRequests: number;
	/** min(parallelism ÷ latency, rate limit) in requests/s, and in items/s at the workload's requests per item. */
	limitRequestsPerS: number;
	limitItemsPerS: number;
	ratioToLimit: number;
	ratioToHttpDefault?: number;
	ratioToHttpBatched?: number;
	/** Ours ÷ the floor (the thinnest node) on the same workload and size. */
	ratioToFloor?: number;
	cpuRatioToHttpDefault?: number;
	/** The fastest and slowest run's items/s. */
	itemsPerSMin: number;
	itemsPerSMax: number;
	perRun: RunRecord[];
}

interface Baseline {
	wallS: number;
	cpuS: number;
	peakRssMb: number;
	runs: number;
}

function rowOf(c: Case, runs: RunRecord[], base: Baseline): Row {
	const contender = c.contender!;
	const limit = requestLimit(c.workload, contender, c.size);
	const perRun = runs.map((r) => (c.size - r.lost) / r.nodeS);
	const itemsPerS = median(perRun);
	const limitItems = limit / c.workload.requestsPerItem;
	return {
		workload: c.workload.id,
		size: c.size,
		contender: contender.id,
		label: contender.label,
		runs: runs.length,
		failedRuns: runs.filter((r) => !r.ok).length,
		errors: [...new Set(runs.map((r) => r.error).filter((e): e is string => !!e))].map((e) =>
			e.slice(0, 300),
		),
		itemsPerS,
		itemsPerSMin: Math.min(...perRun),
		itemsPerSMax: Math.max(...perRun),
		lostMedian: median(runs.map((r) => r.lost)),
		lostMax: Math.max(...runs.map((r) => r.lost)),
		erroredMedian: median(runs.map((r) => r.errored)),
		wallSPer1000: median(runs.map((r) => ((r.wallS - base.wallS) * 1000) / c.size)),
		cpuSPer1000: median(runs.map((r) => ((r.cpuS - base.cpuS) * 1000) / c.size)),
		peakRssMb: median(runs.map((r) => r.peakRssMb)),
		rssGrowthMb: median(runs.map((r) => r.peakRssMb - base.peakRssMb)),
		requestsPerItem: median(runs.map((r) => r.requests / c.size)),
		throttledPerItem: median(runs.map((r) => r.throttled / c.size)),
		tokenRequests: median(runs.map((r) => r.tokenRequests)),
		limitRequestsPerS: limit,
		limitItemsPerS: limitItems,
		ratioToLimit: itemsPerS / limitItems,
		perRun: runs,
	};
}

function addRatios(rows: Row[]): void {
	for (const row of rows) {
		const peer = (id: string) =>
			rows.find((r) => r.workload === row.workload && r.size === row.size && r.contender === id);
		if (!row.contender.startsWith('ours')) continue;
		const httpDefault = peer('http-default');
		const httpBatched = peer('http-batched');
		const floor = peer('floor');
		if (floor) row.ratioToFloor = row.itemsPerS / floor.itemsPerS;
		if (httpDefault) {
			row.ratioToHttpDefault = row.itemsPerS / httpDefault.itemsPerS;
			row.cpuRatioToHttpDefault = row.cpuSPer1000 / httpDefault.cpuSPer1000;
		}
		if (httpBatched) row.ratioToHttpBatched = row.itemsPerS / httpBatched.itemsPerS;
	}
}

function tableOf(rows: Row[]): string {
	const head =
		'| Workload | Items | Contender | Items/s done | min–max | Lost | Errored | Wall s /1000 | CPU s /1000 | Peak RSS MB (growth) | Requests/item (429s) | Token req. | Limit items/s | ÷ limit | ÷ HTTP default | CPU ÷ HTTP default | ÷ floor | ÷ HTTP batched |\n' +
		'|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|';
	const lines = rows.map((r) =>
		[
			r.workload,
			r.size,
			r.contender + (r.failedRuns ? ` (${r.failedRuns}/${r.runs} runs failed)` : ''),
			cell(r.itemsPerS, 1),
			r.runs > 1 ? `${cell(r.itemsPerSMin, 1)}–${cell(r.itemsPerSMax, 1)}` : '',
			r.lostMax === r.lostMedian
				? cell(r.lostMedian, 0)
				: `${cell(r.lostMedian, 0)} (max ${r.lostMax})`,
			cell(r.erroredMedian, 0),
			cell(r.wallSPer1000, 2),
			cell(r.cpuSPer1000, 2),
			`${cell(r.peakRssMb, 0)} (${r.rssGrowthMb >= 0 ? '+' : ''}${cell(r.rssGrowthMb, 0)})`,
			`${cell(r.requestsPerItem, 2)} (${cell(r.throttledPerItem, 2)})`,
			r.workload === 'W3' || r.workload === 'W6' ? cell(r.tokenRequests, 0) : '',
			Number.isFinite(r.limitItemsPerS) && r.limitItemsPerS < 1e5
				? cell(r.limitItemsPerS, 0)
				: 'none',
			Number.isFinite(r.limitItemsPerS) && r.limitItemsPerS < 1e5 ? cell(r.ratioToLimit, 2) : '',
			cell(r.ratioToHttpDefault, 2).replace('—', ''),
			cell(r.cpuRatioToHttpDefault, 2).replace('—', ''),
			cell(r.ratioToFloor, 2).replace('—', ''),
			cell(r.ratioToHttpBatched, 2).replace('—', ''),
		].join(' | '),
	);
	return [head, ...lines.map((l) => `| ${l} |`)].join('\n');
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
	const install = findN8nInstall();
	const useReal = !SMOKE && (process.env.BENCH_ROUTE ?? 'n8n') === 'n8n';
	if (process.env.BENCH_ROUTE === 'n8n' && !install)
		log('no n8n install in .cache yet: e2e/install-n8n.sh will make one');
	const real = useReal ? await RealN8n.setup(log) : undefined;
	const route = real ? realN8nRoute(real) : engineRoute(SMOKE);
	log(`route: ${route.name}`);

	const sb = await startSandbox({ port: 0, requestLogLimit: 200000, gofiveRooms: BENCH_ROOMS });
	try {
		const cases: Case[] = [];
		const add = (
			workload: Workload,
			size: number,
			contender: Contender | null,
			repeats: number,
		) => {
			const tag = `b${workload.id}${contender ? CODES[contender.id] : 'bl'}${size}`;
			cases.push({
				workload,
				size,
				contender,
				repeats,
				ids: Array.from({ length: repeats }, (_, r) => `${tag}r${r}`),
			});
		};
		const contenders = CONTENDERS.filter(
			(c) => (c.ours || !route.fallback) && (!ONLY_CONTENDERS || ONLY_CONTENDERS.includes(c.id)),
		);
		for (const id of ONLY) {
			const workload = WORKLOADS[id];
			for (const contender of contenders.filter((c) => c.workloads.includes(id))) {
				add(workload, SIZE, contender, REPEATS);
				if (
					id === 'W1' &&
					LARGE > 0 &&
					(!LARGE_CONTENDERS || LARGE_CONTENDERS.includes(contender.id))
				)
					add(workload, LARGE, contender, LARGE_REPEATS);
			}
		}
		// Baselines: the same workflow without the contender's nodes (n8n start-up, input, Split Out, exit).
		const baselineKeys = new Set<string>();
		for (const c of [...cases]) {
			const key = `${c.workload.api}-${c.size}`;
			if (baselineKeys.has(key)) continue;
			baselineKeys.add(key);
			add(c.workload, c.size, null, Math.max(REPEATS, 1));
		}
		await route.prepare(cases, sb);

		const loadBefore = round(loadavg()[0], 2);
		log(
			`load average before the runs: ${loadavg()
				.map((v) => round(v, 2))
				.join(' ')}`,
		);
		const records = new Map<Case, RunRecord[]>();
		const maxRepeats = Math.max(...cases.map((c) => c.repeats));
		for (let r = 0; r < maxRepeats; r++) {
			for (const c of cases.filter((x) => x.repeats > r)) {
				await prepareSandbox(sb, c.workload, c.size);
				const loadAtStart = round(loadavg()[0], 2);
				const record = {
					...(await route.execute(c, r, sb)),
					loadAtStart,
					loadAtEnd: round(loadavg()[0], 2),
				};
				records.set(c, [...(records.get(c) ?? []), record]);
				log(
					`${c.workload.id} ${c.size} ${c.contender?.id ?? 'baseline'} #${r + 1}: node ${round(record.nodeS, 2)} s, process ${round(record.wallS, 1)} s / CPU ${round(record.cpuS, 1)} s / ${round(record.peakRssMb, 0)} MB, lost ${record.lost}, errored ${record.errored}, ${record.requests} requests (${record.throttled}×429, ${record.tokenRequests} token), load ${record.loadAtStart}→${record.loadAtEnd}${record.ok ? '' : ` FAILED: ${record.error?.slice(0, 300)}`}`,
				);
			}
		}

		const baselines = new Map<string, Baseline>();
		for (const c of cases.filter((x) => !x.contender)) {
			const runs = records.get(c)!;
			baselines.set(`${c.workload.api}-${c.size}`, {
				wallS: median(runs.map((r) => r.wallS)),
				cpuS: median(runs.map((r) => r.cpuS)),
				peakRssMb: median(runs.map((r) => r.peakRssMb)),
				runs: runs.length,
			});
		}
		const rows = cases
			.filter((c) => c.contender)
			.map((c) => rowOf(c, records.get(c)!, baselines.get(`${c.workload.api}-${c.size}`)!));
		addRatios(rows);

		const loads = [...records.values()]
			.flat()
			.flatMap((r) => [r.loadAtStart, r.loadAtEnd])
			.filter((v): v is number => v !== undefined);
		const load = {
			note: "the machine's 1-minute load average (os.loadavg()[0]) at the start and end of every measured run; 2 cores",
			beforeRuns: loadBefore,
			median: round(median(loads), 2),
			min: round(Math.min(...loads), 2),
			max: round(Math.max(...loads), 2),
		};
		const machine = {
			cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
			memoryGb: round(totalmem() / 2 ** 30, 1),
			os: `${osType()} ${release()}`,
			benchNode: process.version,
		};
		const report = {
			command: COMMAND,
			date: new Date().toISOString(),
			route: route.name,
			fallback: route.fallback,
			machine,
			sandbox: {
				latency: Object.fromEntries(ONLY.map((id) => [id, latencyText(WORKLOADS[id])])),
				rateLimitPerS: RATE_LIMIT_PER_SECOND,
				inProcess: 'the sandbox runs in the bench process (Node 20); n8n in its own process',
			},
			settings: {
				repeats: REPEATS,
				size: SIZE,
				large: LARGE,
				largeRepeats: LARGE_REPEATS,
				workloads: ONLY,
				contenders: ONLY_CONTENDERS ?? 'all',
				largeContenders: LARGE_CONTENDERS ?? 'all',
			},
			load,
			baselines: Object.fromEntries(baselines),
			rows,
			table: tableOf(rows),
		};
		const file = join(
			__dirname,
			process.env.BENCH_OUT ?? (SMOKE ? 'results.smoke.json' : 'results.json'),
		);
		writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
		log(`wrote ${file}`);
		console.log(`\nRoute: ${route.name}\n\n${report.table}\n`);

		const readme = join(__dirname, 'README.md');
		if (!SMOKE && !process.env.BENCH_OUT && existsSync(readme)) {
			const text = readFileSync(readme, 'utf8');
			const start = '<!-- BENCH:TABLES -->';
			const end = '<!-- /BENCH:TABLES -->';
			if (text.includes(start) && text.includes(end)) {
				const generated = [
					start,
					`Generated by \`${COMMAND}\` on ${report.date.slice(0, 10)}: ${route.name}; ${machine.cpus}, ${machine.memoryGb} GB, ${machine.os}. ` +
						`Medians of ${REPEATS} run(s) (W1 ${LARGE}: ${LARGE_REPEATS} run${LARGE_CONTENDERS ? `, ${LARGE_CONTENDERS.join(' and ')} only` : ''}). Baseline (n8n start-up, input, exit) subtracted from wall, CPU and RSS growth. ` +
						`Load average (1 min) during the runs: median ${load.median}, ${load.min}–${load.max}${ONLY_CONTENDERS || ONLY.length < Object.keys(WORKLOADS).length ? `; BENCH_ONLY=${ONLY.join(',')}${ONLY_CONTENDERS ? `, BENCH_CONTENDERS=${ONLY_CONTENDERS.join(',')}` : ''}` : ''}.`,
					'',
					report.table,
					end,
				].join('\n');
				writeFileSync(
					readme,
					text.slice(0, text.indexOf(start)) +
						generated +
						text.slice(text.indexOf(end) + end.length),
				);
				log('updated the tables in bench/README.md');
			}
		}
		if (SMOKE) {
			// The smoke run checks that the benchmark still runs and that nothing was lost; it never checks times.
			const broken = rows.filter(
				(r) => r.failedRuns > 0 || r.lostMax > 0 || !Number.isFinite(r.itemsPerS),
			);
			if (broken.length) {
				console.error(
					`bench smoke: ${broken.map((r) => `${r.workload} ${r.contender}: ${r.errors.join('; ') || `lost ${r.lostMax}`}`).join('\n')}`,
				);
				process.exitCode = 1;
			}
		}
	} finally {
		await sb.close();
		real?.dispose();
	}
}

main().catch((error: Error) => {
	console.error(error.stack ?? error);
	process.exitCode = 1;
});

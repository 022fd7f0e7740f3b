/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, no-console -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/*
 * Load benchmark of the sandbox: the sandbox must not be the bottleneck of any benchmark.
 * Starts the sandbox CLI in a child process (so autocannon and the server each get a core),
 * runs autocannon against GET contact and POST Gofive message, writes bench/sandbox-load.json.
 *
 *   npm run bench:sandbox                      # defaults: 5 s per scenario, 50 connections
 *   BENCH_DURATION=10 BENCH_CONNECTIONS=100 npm run bench:sandbox
 */
import { spawn } from 'child_process';
import { writeFileSync } from 'fs';
import { cpus, loadavg } from 'os';
import { join } from 'path';
import { DEMO } from '../sandbox';

interface AutocannonResult {
	requests: { average: number; total: number };
	latency: { p50: number; p99: number; max: number };
	'2xx': number;
	non2xx: number;
	errors: number;
	timeouts: number;
}
// autocannon ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (
	opts: Record<string, unknown>,
) => Promise<AutocannonResult>;

const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const TARGET_RPS = 5000;
const COMMAND = 'npm run bench:sandbox';
const ROOT = join(__dirname, '..');

interface Scenario {
	name: string;
	method: 'GET' | 'POST';
	path: string;
	headers: Record<string, string>;
	body?: string;
}

const SCENARIOS: Scenario[] = [
	{
		name: 'oho GET contact',
		method: 'GET',
		path: `/contact/line/${DEMO.line.platformId}/user/${DEMO.line.userIds[0]}`,
		headers: { 'x-oho-api-key': DEMO.ohoApiKey },
	},
	{
		name: 'gofive POST message',
		method: 'POST',
		path: '/v1/chat/message',
		headers: {
			authorization: `Bearer ${DEMO.gofiveAccessToken}`,
			'content-type': 'application/json',
		},
		body: JSON.stringify({
			roomId: DEMO.gofiveRoomId,
			content: 'Hello, world',
			type: 'message',
			platform: 'line',
			companyId: DEMO.gofiveCompanyId,
		}),
	},
];

function startChild(): Promise<{ url: string; stop: () => void }> {
	const child = spawn(
		process.execPath,
		['--import', 'tsx', join(ROOT, 'sandbox/cli.ts'), '--port', '0'],
		{
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	return new Promise((resolve, reject) => {
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const m = /listening on (http:\/\/\S+)/.exec(out);
			if (m) resolve({ url: m[1], stop: () => child.kill('SIGTERM') });
		});
		child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${out}`)));
	});
}

async function main(): Promise<void> {
	// Other work on the machine takes cores from both sides: the load average is reported with the result.
	const loadBefore = loadavg()[0];
	const child = await startChild();
	const results = [];
	try {
		for (const s of SCENARIOS) {
			// A short warm-up lets the JIT settle before the measured run.
			await autocannon({
				url: child.url + s.path,
				method: s.method,
				headers: s.headers,
				body: s.body,
				connections: CONNECTIONS,
				duration: 1,
			});
			const r = await autocannon({
				url: child.url + s.path,
				method: s.method,
				headers: s.headers,
				body: s.body,
				connections: CONNECTIONS,
				duration: DURATION,
			});
			results.push({
				scenario: s.name,
				method: s.method,
				path: s.path,
				requestsPerSecond: Math.round(r.requests.average),
				totalRequests: r.requests.total,
				'2xx': r['2xx'],
				non2xx: r.non2xx,
				errors: r.errors,
				timeouts: r.timeouts,
				latencyMs: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max },
			});
		}
	} finally {
		child.stop();
	}
	const report = {
		date: new Date().toISOString(),
		command: COMMAND,
		node: process.version,
		cpus: cpus().length,
		loadAverage1mBefore: Number(loadBefore.toFixed(2)),
		durationSeconds: DURATION,
		connections: CONNECTIONS,
		targetRequestsPerSecond: TARGET_RPS,
		results,
		pass: results.every(
			(r) => r.requestsPerSecond >= TARGET_RPS && r.errors === 0 && r.non2xx === 0,
		),
	};
	writeFileSync(join(__dirname, 'sandbox-load.json'), `${JSON.stringify(report, null, 2)}\n`);
	for (const r of results) {
		console.log(
			`${r.scenario.padEnd(22)} ${String(r.requestsPerSecond).padStart(7)} req/s  (p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors})`,
		);
	}
	console.log(
		`${report.pass ? 'PASS' : 'FAIL'}: target ≥ ${TARGET_RPS} req/s per scenario, ${CONNECTIONS} connections, ${DURATION} s each, ${report.cpus} CPUs (1-min load average before: ${report.loadAverage1mBefore}), node ${process.version}`,
	);
	console.log(`Written bench/sandbox-load.json. Repeat with: ${COMMAND}`);
	if (!report.pass) process.exitCode = 1;
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});

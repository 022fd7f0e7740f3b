/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * Where the CPU of a profiled `n8n execute` went: `tsx bench/profile-summary.ts <file.cpuprofile>`.
 * Make one with `BENCH_N8N_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof"` (see bench/README.md). Self time
 * is summed per group of files (this package, n8n's expression engine, its HTTP client, ...) over the samples
 * taken while the node under test ran (its first to its last sample in this package's code), then the files with
 * the most self time are listed.
 */
import { readFileSync } from 'fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string };
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

const GROUPS: Array<[string, RegExp]> = [
	['this package (n8n-nodes-oho-gofive)', /n8n-nodes-oho-gofive\//],
	['the floor node (bench fixture)', /n8n-nodes-bench-floor\//],
	[
		"n8n's expression engine",
		/expression|isolated-vm|tmpl|riot|jssha|@n8n\/tournament|esprima|ast-types|recast/i,
	],
	[
		"n8n's HTTP client and Node's sockets",
		/axios|follow-redirects|node:(_)?http|node:net|node:tls|proxy-agent|form-data|backend-network/,
	],
	["n8n's credentials (read, decrypt)", /credentials|crypto-js|cipher/i],
	['validation (zod)', /\/zod\//],
	["n8n's engine (workflow-execute, node contexts)", /n8n-core|n8n-workflow/],
	['idle (waiting for answers)', /^\(idle\)$/],
	['garbage collector', /^\(garbage collector\)$/],
];

function groupOf(node: ProfileNode): string {
	const key = node.callFrame.url || node.callFrame.functionName;
	for (const [name, pattern] of GROUPS) if (pattern.test(key)) return name;
	return 'other (Node, n8n start-up and saving, program)';
}

const file = process.argv[2];
if (!file) {
	console.error('usage: tsx bench/profile-summary.ts <file.cpuprofile>');
	process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const ours = (id: number) =>
	/n8n-nodes-(oho-gofive|bench-floor)\//.test(byId.get(id)?.callFrame.url ?? '');

// The node's run: from the first to the last sample whose stack top is in the node under test.
const parent = new Map<number, number>();
for (const node of profile.nodes)
	for (const child of node.children ?? []) parent.set(child, node.id);
const inOurStack = (id: number): boolean => {
	for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
		if (ours(at)) return true;
	return false;
};
const first = profile.samples.findIndex(inOurStack);
let last = profile.samples.length - 1;
while (last > first && !inOurStack(profile.samples[last])) last--;

const selfMs = new Map<string, number>();
const byFile = new Map<string, number>();
let totalMs = 0;
for (let i = Math.max(0, first); i <= last; i++) {
	const node = byId.get(profile.samples[i])!;
	const ms = (profile.timeDeltas[i] ?? 0) / 1000;
	totalMs += ms;
	const group = groupOf(node);
	selfMs.set(group, (selfMs.get(group) ?? 0) + ms);
	const where = node.callFrame.url.replace(/^.*node_modules\//, '') || node.callFrame.functionName;
	byFile.set(where, (byFile.get(where) ?? 0) + ms);
}

console.log(
	`${file}: ${(totalMs / 1000).toFixed(2)} s while the node ran (samples ${first}-${last})\n`,
);
console.log('| Where the time goes | ms | Share |\n|---|---:|---:|');
for (const [group, ms] of [...selfMs].sort((a, b) => b[1] - a[1])) {
	console.log(`| ${group} | ${ms.toFixed(0)} | ${((100 * ms) / totalMs).toFixed(1)} % |`);
}
console.log('\nFiles with the most self time:');
for (const [where, ms] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
	console.log(`  ${((100 * ms) / totalMs).toFixed(1).padStart(5)} %  ${where}`);
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * Our package in n8n's queue mode (a main, two workers, Redis, PostgreSQL), the 1,000-item upsert
 * workflow on its production webhook, compared with a single-process n8n. The run itself is
 * e2e/queue/run.ts (`tsx e2e/queue/run.ts` prints the same summary without the test runner).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { formatSummary, runQueueComparison, saveSummary } from '../queue/run';
import { DEFAULT_N8N_VERSION, PACKAGE_NAME } from '../lib/paths';

test(`n8n ${DEFAULT_N8N_VERSION} queue mode (main + 2 workers, Redis, PostgreSQL): ${PACKAGE_NAME} upserts 1,000 contacts like a single process`, async (t) => {
	const summary = await runQueueComparison({ log: (line) => t.diagnostic(line) });
	// One diagnostic per line: the test runner escapes newlines inside one.
	for (const line of formatSummary(summary).split('\n')) t.diagnostic(line);
	t.diagnostic(`summary file: ${saveSummary(summary)}`);

	for (const r of [summary.single, summary.queue]) {
		assert.equal(r.httpStatus, 200, `${r.mode}: webhook status`);
		assert.equal(r.itemsOut, summary.items, `${r.mode}: output items`);
		assert.equal(r.errors, 0, `${r.mode}: error items`);
		assert.equal(r.lost, 0, `${r.mode}: items lost`);
		assert.equal(r.execution?.status, 'success', `${r.mode}: stored execution`);
		assert.deepEqual(r.loadProblems, [], `${r.mode}: package load problems`);
	}
	assert.match(
		summary.queue.ranOn,
		/^n8n-worker-\d .*started execution \d+ .*finished it$/,
		'a worker ran the execution',
	);
	assert.equal(summary.stateIdentical, true, summary.stateDifference);
	assert.deepEqual(summary.failures, []);
});

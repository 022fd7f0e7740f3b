/*
 * Reads one execution of a workflow from n8n's SQLite database and prints a small summary of it as one JSON line.
 * Run with the Node that runs n8n (Node 24 has node:sqlite; the bench's Node 20 has not):
 *
 *   node n8n-db-run.cjs <database.sqlite> <workflowId> <path to n8n's node_modules/flatted>
 *
 * Why not n8n's printed output: `n8n execute` prints the whole run pretty-printed (every node's items), which at
 * 10,000 items is tens to hundreds of MB and was cut off when n8n exited before its stdout was drained. n8n stores
 * the same run in its database in the compact `flatted` format (about 6 MB at 10,000 items).
 *
 * Printed: { found, executionId, status, finished, error?, nodes: { [name]: { startTime, executionTime, error?,
 * outputs: [{ items, errorItems }] } } } where errorItems are the items of that output with a `json.error` or an
 * HTTP `json.statusCode` ≥ 400 (the bench's definition of an errored item).
 */
'use strict';

const { DatabaseSync } = require('node:sqlite');

const [dbFile, workflowId, flattedPath] = process.argv.slice(2);
const { parse } = require(require('path').resolve(flattedPath));

const db = new DatabaseSync(dbFile);
const row = db
	.prepare(
		'SELECT e.id AS id, e.status AS status, e.finished AS finished, d.data AS data FROM execution_entity e ' +
			'LEFT JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ? ORDER BY e.id DESC LIMIT 1',
	)
	.get(workflowId);
db.close();

if (!row || !row.data) {
	process.stdout.write(`${JSON.stringify({ found: false, status: row?.status })}\n`);
	process.exit(0);
}

const data = parse(row.data);
const resultData = data?.resultData ?? {};
const nodes = {};
for (const [name, tasks] of Object.entries(resultData.runData ?? {})) {
	const task = tasks?.[0];
	if (!task) continue;
	nodes[name] = {
		startTime: task.startTime,
		executionTime: task.executionTime,
		error: task.error ? { message: task.error.message } : undefined,
		outputs: (task.data?.main ?? []).map((items) => ({
			items: items?.length ?? 0,
			errorItems: (items ?? []).filter(
				(item) => item?.json?.error !== undefined || Number(item?.json?.statusCode) >= 400,
			).length,
		})),
	};
}
const error = resultData.error
	? {
			message: resultData.error.message,
			description: resultData.error.description,
			node: { name: resultData.error.node?.name },
		}
	: undefined;
process.stdout.write(
	`${JSON.stringify({ found: true, executionId: row.id, status: row.status, finished: row.finished === 1, error, nodes })}\n`,
);

/**
 * A run the editor started, read back through n8n's REST API (what the editor itself reads to draw it): its status
 * and, per node, the items that came out or the error it showed.
 */

export interface NodeRun {
	/** The items of every output, in order (the If node's false branch is output 1). */
	outputs: Array<Array<Record<string, unknown>>>;
	error?: string;
	errorDescription?: string;
}

export interface EditorRun {
	id: string;
	status: string;
	mode: string;
	nodes: Record<string, NodeRun>;
}

/**
 * n8n stores a run's data as "flatted" JSON (a list whose first entry is the root; every object and string inside is
 * replaced by its index in the list, as text). This undoes it; numbers, booleans and null stay as they are.
 */
export function parseFlatted(text: string): unknown {
	const list = JSON.parse(text) as unknown[];
	const revived = new Set<object>();
	const resolve = (value: unknown): unknown => {
		if (typeof value !== 'string') return value;
		const target = list[Number(value)];
		if (typeof target === 'object' && target !== null) revive(target);
		return target;
	};
	function revive(node: object): void {
		if (revived.has(node)) return;
		revived.add(node);
		const record = node as Record<string, unknown>;
		for (const key of Object.keys(record)) record[key] = resolve(record[key]);
	}
	const root = list[0];
	if (typeof root === 'object' && root !== null) revive(root);
	return root;
}

async function rest<T>(baseUrl: string, cookie: string, path: string): Promise<T> {
	const response = await fetch(`${baseUrl}/rest${path}`, {
		headers: { cookie: `n8n-auth=${cookie}` },
	});
	if (!response.ok)
		throw new Error(
			`GET /rest${path}: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`,
		);
	return ((await response.json()) as { data: T }).data;
}

/** The ids of the latest runs (of one workflow, or of all), newest first. */
export async function executionIds(
	baseUrl: string,
	cookie: string,
	workflowId?: string,
): Promise<string[]> {
	const filter =
		workflowId === undefined ? '' : `filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&`;
	const page = await rest<{ results: Array<{ id: string }> }>(
		baseUrl,
		cookie,
		`/executions?${filter}limit=20`,
	);
	return page.results.map((row) => String(row.id));
}

interface StoredRunData {
	resultData?: {
		runData?: Record<
			string,
			Array<{
				data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
				error?: { message?: string; description?: string };
			}>
		>;
	};
}

export async function readExecution(
	baseUrl: string,
	cookie: string,
	id: string,
): Promise<EditorRun> {
	const row = await rest<{ id: string; status: string; mode: string; data: string }>(
		baseUrl,
		cookie,
		`/executions/${id}`,
	);
	// A run in progress may have no data yet.
	const data = (typeof row.data === 'string' ? parseFlatted(row.data) : undefined) as
		| StoredRunData
		| undefined;
	const nodes: Record<string, NodeRun> = {};
	for (const [name, runs] of Object.entries(data?.resultData?.runData ?? {})) {
		const last = runs[runs.length - 1];
		nodes[name] = {
			outputs: (last?.data?.main ?? []).map((items) => (items ?? []).map((item) => item.json)),
			...(last?.error
				? { error: last.error.message ?? 'error', errorDescription: last.error.description }
				: {}),
		};
	}
	return { id: String(row.id), status: row.status, mode: row.mode, nodes };
}

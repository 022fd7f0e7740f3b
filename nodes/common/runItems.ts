import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { getParallelism } from './options';
import { AdaptiveParallelism } from './parallelism';
import type { RunState } from './runState';

/** What one input item produced: one output item, or several. */
type ItemOutput = IDataObject | IDataObject[];

function asNodeError(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/**
 * The item "Continue on Fail" / the error output receives: `{ error: { message, description?, httpCode?, unclearAttempt?, itemIndex } }`
 * with pairedItem. A single `error` key is what every n8n version routes to the error output (1.x only
 * `{ error }` or `{ error, message }`; 2.x any of error/message/details); n8n then merges the input item's
 * fields into it. Not `item.error`: n8n would replace the JSON with `{ error: message }`, losing the rest.
 */
function errorItem(
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
): INodeExecutionData {
	const json: JsonObject = { message: error.message };
	if (error.description) json.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	// The API may have acted on the request, which was not resent (transport/request.ts): check before a re-run.
	if (error.context.unclearAttempt === true) json.unclearAttempt = true;
	json.itemIndex = itemIndex;
	return { json: { error: json }, pairedItem: { item: itemIndex } };
}

/** "0-3, 5, 7-8": item indexes as the error shows them (0-based, like itemIndex). */
function describeItems(indexes: number[]): string {
	const sorted = [...indexes].sort((a, b) => a - b);
	const ranges: string[] = [];
	for (let start = 0; start < sorted.length; ) {
		let end = start;
		while (end + 1 < sorted.length && sorted[end + 1] === sorted[end] + 1) end++;
		ranges.push(start === end ? String(sorted[start]) : `${sorted[start]}-${sorted[end]}`);
		start = end + 1;
	}
	return ranges.join(', ');
}

/** The error that stops the node, saying which other items were already written, so a re-run can leave them out. */
function stoppingError(
	error: NodeApiError | NodeOperationError,
	written: number[],
): NodeApiError | NodeOperationError {
	if (written.length === 0) return error;
	const note =
		`Before the node stopped, item${written.length === 1 ? '' : 's'} ${describeItems(written)} had already been sent and written ` +
		'(a stopped node shows no output); running the workflow again sends them again unless they are left out.';
	error.description = error.description ? `${error.description} ${note}` : note;
	return error;
}

/** The `warnings` an output item carries (Oho Contact's values left out with Skip the Field and Warn). */
function warningsOf(json: IDataObject): unknown[] {
	return Array.isArray(json.warnings) ? json.warnings : [];
}

/**
 * One execution hint summing up the warnings of the output items, so the editor shows them beside a green node
 * instead of only inside the JSON. n8n versions without execution hints get none; the items still carry them.
 */
function hintAtWarnings(ctx: IExecuteFunctions, outputs: INodeExecutionData[]): void {
	const warned = outputs.filter((item) => warningsOf(item.json).length > 0);
	if (warned.length === 0 || typeof ctx.addExecutionHints !== 'function') return;
	const warnings = warned.flatMap((item) => warningsOf(item.json));
	const fields = [
		...new Set(
			warnings
				.map((warning) => (warning as IDataObject | null)?.field)
				.filter((field) => typeof field === 'string'),
		),
	];
	const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
	ctx.addExecutionHints({
		message:
			`${count(warnings.length, 'warning')} on ${warned.length} of ${count(outputs.length, 'item')}` +
			`${fields.length > 0 ? ` (${fields.join(', ')})` : ''}: each item lists its own under "warnings".`,
		type: 'warning',
		location: 'outputPane',
	});
}

interface RunItemsOptions {
	/**
	 * Items with the same key (a chat room, a contact) run one after the other, in input order; other keys run in
	 * parallel. Undefined: no ordering for that item.
	 */
	orderKey?: (itemIndex: number) => string | undefined;
}

/**
 * Runs `perItem` for every input item, at most "Requests in Parallel" at a time (a fixed number, or Auto: see
 * parallelism.ts), and returns the outputs
 * in input order with pairedItem. Items of one order key run in input order. A failed item becomes one error
 * item when the node continues on fail (n8n then routes it to the error output if that is enabled); otherwise
 * no item starts after the first failure, and the first failure in input order stops the node, naming the items
 * already written.
 */
export async function runItems(
	ctx: IExecuteFunctions,
	run: RunState,
	perItem: (itemIndex: number) => Promise<ItemOutput>,
	{ orderKey }: RunItemsOptions = {},
): Promise<INodeExecutionData[][]> {
	const itemCount = ctx.getInputData().length;
	if (itemCount === 0) return [[]];
	const parallelism = getParallelism({ ctx, parameters: run.parameters });
	// Kept in the run's state, where the transport tells it of every answer.
	const adaptive =
		parallelism.mode === 'auto'
			? (run.parallelism = new AdaptiveParallelism(parallelism.cap))
			: undefined;
	const fixed = parallelism.mode === 'fixed' ? parallelism.count : 0;
	const limit = () => adaptive?.limit ?? fixed;
	const continueOnFail = ctx.continueOnFail();
	const results: INodeExecutionData[][] = new Array(itemCount);
	const failures = new Map<number, NodeApiError | NodeOperationError>();
	const written: number[] = [];
	/** Per order key: settles when the latest item of that key taken so far has finished. */
	const latestOfKey = new Map<string, Promise<void>>();
	const stopping = () => !continueOnFail && failures.size > 0;
	let next = 0;

	const keyOf = (itemIndex: number) => {
		try {
			return orderKey?.(itemIndex);
		} catch {
			return undefined; // The item's own run reports what is wrong with it.
		}
	};

	const runOne = async (itemIndex: number) => {
		try {
			const output = await perItem(itemIndex);
			results[itemIndex] = (Array.isArray(output) ? output : [output]).map((json) => ({
				json,
				pairedItem: { item: itemIndex },
			}));
			written.push(itemIndex);
		} catch (error) {
			const nodeError = asNodeError(ctx, error, itemIndex);
			failures.set(itemIndex, nodeError);
			results[itemIndex] = [errorItem(nodeError, itemIndex)];
		}
	};

	/** One item, after the previous item of its order key has finished. */
	const runInOrder = async (itemIndex: number) => {
		const key = keyOf(itemIndex);
		if (key === undefined) return await runOne(itemIndex);
		const previous = latestOfKey.get(key);
		let finished = () => {};
		latestOfKey.set(key, new Promise<void>((resolve) => (finished = resolve)));
		try {
			await previous;
			if (!stopping()) await runOne(itemIndex);
		} finally {
			finished();
		}
	};

	// Items start in input order while fewer than the limit are in flight; the limit may change as answers come in.
	const inFlight = new Set<Promise<void>>();
	while (next < itemCount && !stopping()) {
		if (inFlight.size >= limit()) {
			await Promise.race(inFlight);
			continue;
		}
		const running: Promise<void> = runInOrder(next++).finally(() => inFlight.delete(running));
		inFlight.add(running);
	}
	await Promise.all(inFlight);

	if (!continueOnFail && failures.size > 0) {
		throw stoppingError(failures.get(Math.min(...failures.keys()))!, written);
	}
	const outputs = results.flat();
	hintAtWarnings(ctx, outputs);
	return [outputs];
}

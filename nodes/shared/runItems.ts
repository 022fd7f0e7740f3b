import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { getRequestSettings } from './options';

/** What one input item produced: one output item, or several. */
export type ItemOutput = IDataObject | IDataObject[];

function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/**
 * The item "Continue on Fail" / the error output receives: `{ error: { message, description?, httpCode?, itemIndex } }`
 * with pairedItem. A single `error` key is what every n8n version routes to the error output (1.x only
 * `{ error }` or `{ error, message }`; 2.x any of error/message/details); n8n then merges the input item's
 * fields into it. Not `item.error`: n8n would replace the JSON with `{ error: message }`, losing the rest.
 */
function errorItem(error: NodeApiError | NodeOperationError, itemIndex: number): INodeExecutionData {
	const json: JsonObject = { message: error.message };
	if (error.description) json.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	json.itemIndex = itemIndex;
	return { json: { error: json }, pairedItem: { item: itemIndex } };
}

/**
 * Runs `perItem` for every input item, at most "Requests in Parallel" at a time, and returns the outputs
 * in input order with pairedItem. A failed item becomes one error item when the node continues on fail
 * (n8n then routes it to the error output if that is enabled); otherwise the first failure in input order
 * stops the node.
 */
export async function runItems(
	ctx: IExecuteFunctions,
	perItem: (itemIndex: number) => Promise<ItemOutput>,
): Promise<INodeExecutionData[][]> {
	const itemCount = ctx.getInputData().length;
	if (itemCount === 0) return [[]];
	const parallel = Math.max(1, Math.floor(getRequestSettings(ctx, 0).parallelRequests));
	const continueOnFail = ctx.continueOnFail();
	const results: INodeExecutionData[][] = new Array(itemCount);
	const failures = new Map<number, NodeApiError | NodeOperationError>();
	let next = 0;

	const worker = async () => {
		while (next < itemCount && (continueOnFail || failures.size === 0)) {
			const itemIndex = next++;
			try {
				const output = await perItem(itemIndex);
				results[itemIndex] = (Array.isArray(output) ? output : [output]).map((json) => ({
					json,
					pairedItem: { item: itemIndex },
				}));
			} catch (error) {
				const nodeError = asNodeError(ctx, error, itemIndex);
				failures.set(itemIndex, nodeError);
				results[itemIndex] = [errorItem(nodeError, itemIndex)];
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(parallel, itemCount) }, worker));

	if (!continueOnFail && failures.size > 0) {
		throw failures.get(Math.min(...failures.keys()));
	}
	return [results.flat()];
}

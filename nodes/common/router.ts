import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { NodeOperation, OperationKind } from './operations';
import { operationOf } from './operations';
import type { RequestSettings } from './options';
import { getRequestSettings } from './options';
import { runItems } from './runItems';
import type { RunState } from './runState';
import { startRun } from './runState';
import type { ApiDialect } from './transport/types';

/**
 * What reading one item's parameters needs: n8n's context, the item, the operation's kind (from the node's table of
 * operations) and the run's state (its parameter values).
 */
export interface ItemReading {
	ctx: IExecuteFunctions;
	itemIndex: number;
	/** The operation the node runs, as its table describes it: whether it writes, creates, updates. */
	operation: OperationKind;
	/** The run's state, shared by all its items: credential, parameter values, hold-offs, parallelism, readings. */
	run: RunState;
}

/** What an operation gets for one item. */
export interface ItemContext extends ItemReading {
	settings: RequestSettings;
}

/** One operation of a node, for one item: what it returns becomes that item's output. */
export type ItemOperation = (item: ItemContext) => Promise<IDataObject>;

interface Routes {
	dialect: ApiDialect;
	/** The node's table of operations (its `actions/operations.ts`). */
	operations: Array<NodeOperation<ItemOperation>>;
	/** Items with the same key run one after the other, in input order (see runItems). */
	orderKey?: (item: ItemReading) => string | undefined;
}

/**
 * The one router every node uses: starts the run's state (the credential read once), picks the operation, and runs
 * it for every item through the shared runner (parallelism, per-key order, continue on fail, paired items).
 */
export async function route(
	ctx: IExecuteFunctions,
	{ dialect, operations, orderKey }: Routes,
): Promise<INodeExecutionData[][]> {
	const run = await startRun(ctx, dialect);
	// The operation takes no expression (noDataExpression): one value for every item.
	const value = ctx.getNodeParameter('operation', 0) as string;
	const { execute, ...operation } = operationOf(operations, value) ?? {
		value,
		writes: false,
		creates: false,
		updates: false,
		execute: async ({ itemIndex }: ItemContext) => {
			// Each item fails on its own, so Continue on Fail and the error output apply as for any other error.
			throw new NodeOperationError(ctx.getNode(), `The operation "${value}" is not known`, {
				itemIndex,
			});
		},
	};
	const reading = (itemIndex: number): ItemReading => ({ ctx, itemIndex, operation, run });
	return await runItems(
		ctx,
		run,
		async (itemIndex) =>
			await execute({
				...reading(itemIndex),
				settings: getRequestSettings({ ctx, parameters: run.parameters }, itemIndex),
			}),
		{ orderKey: orderKey && ((itemIndex) => orderKey(reading(itemIndex))) },
	);
}

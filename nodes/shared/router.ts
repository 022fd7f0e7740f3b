import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RequestSettings } from './options';
import { getRequestSettings } from './options';
import { runItems } from './runItems';
import type { RunState } from './runState';
import { startRun } from './runState';
import type { ApiDialect } from './transport/types';

/** What reading one item's parameters needs: n8n's context, the item, and the run's state (its parameter values). */
export interface ItemReading {
	ctx: IExecuteFunctions;
	itemIndex: number;
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
	operations: Record<string, ItemOperation>;
	/** Items with the same key run one after the other, in input order (see runItems). */
	orderKey?: (item: ItemReading) => string | undefined;
}

/**
 * The one router every node uses: starts the run's state (the credential read once), picks the operation, and runs
 * it for every item through the shared runner (parallelism, per-key order, continue on fail, paired items).
 */
export async function route(ctx: IExecuteFunctions, { dialect, operations, orderKey }: Routes): Promise<INodeExecutionData[][]> {
	const run = await startRun(ctx, dialect);
	// The operation takes no expression (noDataExpression): one value for every item.
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const execute: ItemOperation =
		operations[operation] ??
		(async ({ itemIndex }) => {
			// Each item fails on its own, so Continue on Fail and the error output apply as for any other error.
			throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" is not known`, { itemIndex });
		});
	return await runItems(
		ctx,
		run,
		async (itemIndex) => await execute({ ctx, itemIndex, run, settings: getRequestSettings({ ctx, itemIndex, run }) }),
		{ orderKey: orderKey && ((itemIndex) => orderKey({ ctx, itemIndex, run })) },
	);
}

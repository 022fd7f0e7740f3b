import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RequestSettings } from './options';
import { getRequestSettings } from './options';
import type { RunReadings } from './readings';
import { runItems } from './runItems';
import { runCredential } from './transport/credentials';
import type { ApiDialect } from './transport/types';

/** What an operation gets for one item. */
export interface ItemContext {
	ctx: IExecuteFunctions;
	itemIndex: number;
	/** The API address of the node's credential, read once per run. */
	baseUrl: string;
	/** The node's credential, read once per run (for settings it holds, like Gofive's Default Company ID). */
	credentials: ICredentialDataDecryptedObject;
	settings: RequestSettings;
	/** What this run has learned about the server's reading of an OPEN point, shared by all its items. */
	readings: RunReadings;
}

/** One operation of a node, for one item: what it returns becomes that item's output. */
export type ItemOperation = (item: ItemContext) => Promise<IDataObject>;

interface Routes {
	dialect: ApiDialect;
	operations: Record<string, ItemOperation>;
	/** Items with the same key run one after the other, in input order (see runItems). */
	orderKey?: (ctx: IExecuteFunctions, itemIndex: number, credentials: ICredentialDataDecryptedObject) => string | undefined;
}

/**
 * The one router every node uses: picks the operation, reads the credential's address once, and runs the
 * operation for every item through the shared runner (parallelism, per-key order, continue on fail, paired items).
 */
export async function route(ctx: IExecuteFunctions, { dialect, operations, orderKey }: Routes): Promise<INodeExecutionData[][]> {
	const { baseUrl, data: credentials } = await runCredential(ctx, dialect);
	// The operation takes no expression (noDataExpression): one value for every item.
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const run: ItemOperation =
		operations[operation] ??
		(async ({ itemIndex }) => {
			// Each item fails on its own, so Continue on Fail and the error output apply as for any other error.
			throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" is not known`, { itemIndex });
		});
	const readings: RunReadings = {};
	return await runItems(
		ctx,
		async (itemIndex) => await run({ ctx, itemIndex, baseUrl, credentials, settings: getRequestSettings(ctx, itemIndex), readings }),
		{ orderKey: orderKey && ((itemIndex) => orderKey(ctx, itemIndex, credentials)) },
	);
}

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { gofiveDialect } from '../../shared/gofive/dialect';
import { nodeParameter } from '../../shared/parameters';
import { route } from '../../shared/router';
import * as sendMessage from './sendMessage.operation';

/** Messages to one room go one after the other, in input order; a UUID in upper or lower case is one room. */
function roomKey(ctx: IExecuteFunctions, itemIndex: number): string {
	return String(nodeParameter(ctx, 'roomId', itemIndex)).trim().toLowerCase();
}

/** Gofive Chat's operations through the shared router; messages to one room run in input order. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route(this, { dialect: gofiveDialect, operations: { sendMessage: sendMessage.execute }, orderKey: roomKey });
}

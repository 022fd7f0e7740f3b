import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { identityKey } from '../../common/oho/account';
import { ohoDialect } from '../../common/oho/dialect';
import { route } from '../../common/router';
import { CHAT_OPERATIONS } from './operations';

/** Oho Chat's operations through the shared router; the changes to one customer's chat run in input order. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route(this, {
		dialect: ohoDialect,
		operations: CHAT_OPERATIONS,
		orderKey: identityKey,
	});
}

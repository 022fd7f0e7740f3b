import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { identityKey } from '../../shared/oho/account';
import { ohoDialect } from '../../shared/oho/dialect';
import { route } from '../../shared/router';
import * as closeChat from './closeChat.operation';
import * as requestAgent from './requestAgent.operation';

/** Oho Chat's operations through the shared router; the changes to one customer's chat run in input order. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route(this, {
		dialect: ohoDialect,
		operations: { requestAgent: requestAgent.execute, closeChat: closeChat.execute },
		orderKey: identityKey,
	});
}

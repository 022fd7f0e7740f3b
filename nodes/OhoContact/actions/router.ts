import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { identityKey } from '../../common/oho/account';
import { ohoDialect } from '../../common/oho/dialect';
import { route } from '../../common/router';
import { CONTACT_OPERATIONS } from './operations';

/** Oho Contact's operations through the shared router; the writes to one contact run in input order. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route(this, {
		dialect: ohoDialect,
		operations: CONTACT_OPERATIONS,
		orderKey: identityKey,
	});
}

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { gofiveDialect } from '../../shared/gofive/dialect';
import { route } from '../../shared/router';
import * as sendMessage from './sendMessage.operation';

/** Gofive Chat's operations through the shared router; messages to one room run in input order. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	// Read once per run: the credential's Default Company ID, for items whose Company ID is 0.
	const credentials = await this.getCredentials(gofiveDialect.credentialType);
	const defaultCompanyId = Number(credentials.companyId ?? 0);
	return await route(this, {
		dialect: gofiveDialect,
		operations: { sendMessage: async (item) => await sendMessage.execute(item, defaultCompanyId) },
		orderKey: sendMessage.roomKey,
	});
}

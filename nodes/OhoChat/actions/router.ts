import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { identityKey } from '../../shared/oho/identity';
import { runItems } from '../../shared/runItems';
import { ohoDialect } from '../../shared/oho/dialect';
import { credentialBaseUrl } from '../../shared/transport/credentials';
import * as closeChat from './closeChat.operation';
import * as requestAgent from './requestAgent.operation';

type ChatAction = (this: IExecuteFunctions, itemIndex: number, baseUrl: string) => Promise<IDataObject>;

const actions: Record<string, ChatAction> = {
	requestAgent: requestAgent.execute,
	closeChat: closeChat.execute,
};

/** Runs the chosen operation for every item through the shared runner (parallelism, order, continue on fail). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	const action = actions[operation];
	if (!action) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not known`, { itemIndex: 0 });
	}
	const baseUrl = await credentialBaseUrl(this, ohoDialect);
	return await runItems(this, async (itemIndex) => await action.call(this, itemIndex, baseUrl), {
		orderKey: (itemIndex) => identityKey(this, itemIndex),
	});
}

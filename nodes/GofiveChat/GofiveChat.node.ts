import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { requestOptionFields } from '../shared/options';
import { nodeParameter } from '../shared/parameters';
import { runItems } from '../shared/runItems';
import { gofiveDialect } from '../shared/gofive/dialect';
import { credentialBaseUrl } from '../shared/transport/credentials';
import * as sendMessage from './actions/sendMessage.operation';

export class GofiveChat implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Gofive Chat',
		name: 'gofiveChat',
		icon: { light: 'file:../../icons/gofive.svg', dark: 'file:../../icons/gofive.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Post messages into Gofive (Venio CRM) chat rooms',
		defaults: { name: 'Gofive Chat' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'gofiveApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Message', value: 'message' }],
				default: 'message',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['message'] } },
				options: [
					{
						name: 'Send Message',
						value: 'sendMessage',
						description: 'Post a message into a Gofive chat room',
						action: 'Send a message',
					},
				],
				default: 'sendMessage',
			},
			...sendMessage.description,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [...requestOptionFields],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as string;
		if (operation !== 'sendMessage') {
			throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not known`, { itemIndex: 0 });
		}
		const baseUrl = await credentialBaseUrl(this, gofiveDialect);
		const credentials = await this.getCredentials(gofiveDialect.credentialType);
		const defaultCompanyId = Number(credentials.companyId ?? 0);
		// Messages to one room are sent one after the other, in input order; different rooms in parallel.
		return await runItems(this, async (itemIndex) => await sendMessage.execute.call(this, itemIndex, baseUrl, defaultCompanyId), {
			orderKey: (itemIndex) => String(nodeParameter(this, 'roomId', itemIndex)).trim(),
		});
	}
}

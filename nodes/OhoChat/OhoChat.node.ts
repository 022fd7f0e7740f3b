import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ADVANCED_VERSION, advancedCollection, NODE_VERSIONS, requestOptionFields } from '../shared/options';
import * as closeChat from './actions/closeChat.operation';
import * as requestAgent from './actions/requestAgent.operation';
import { router } from './actions/router';
import { failIfUnchangedOption } from './helpers/chatState';

export class OhoChat implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Oho Chat',
		name: 'ohoChat',
		icon: { light: 'file:../../icons/oho.svg', dark: 'file:../../icons/oho.dark.svg' },
		group: ['transform'],
		version: NODE_VERSIONS,
		defaultVersion: ADVANCED_VERSION,
		subtitle: '={{ $parameter["operation"] === "closeChat" ? "Close the agent session" : "Request a human agent" }}',
		description: 'Hand an Oho Chat customer to a human agent, or end the agent session so the chat bot resumes',
		defaults: { name: 'Oho Chat' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ohoApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Chat', value: 'chat' }],
				default: 'chat',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['chat'] } },
				options: [
					{
						name: 'Close Chat',
						value: 'closeChat',
						description: "End the human agent's session; the chat bot answers the customer again",
						action: 'Close the agent session of a chat',
					},
					{
						name: 'Request Agent',
						value: 'requestAgent',
						description: 'Hand the chat to a human agent; the chat bot pauses',
						action: 'Request a human agent for a chat',
					},
				],
				default: 'requestAgent',
			},
			...requestAgent.description,
			...closeChat.description,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [failIfUnchangedOption, ...requestOptionFields],
			},
			advancedCollection,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

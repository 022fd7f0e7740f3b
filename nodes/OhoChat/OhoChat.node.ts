import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationParameters, operationProperty, operationSubtitle } from '../common/operations';
import {
	ADVANCED_VERSION,
	advancedCollection,
	NODE_VERSIONS,
	requestOptionFields,
} from '../common/options';
import { CHAT_OPERATIONS } from './actions/operations';
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
		subtitle: operationSubtitle(CHAT_OPERATIONS),
		description:
			'Hand an Oho Chat customer to a human agent, or end the agent session so the chat bot resumes',
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
			operationProperty('chat', CHAT_OPERATIONS, 'requestAgent'),
			...operationParameters(CHAT_OPERATIONS),
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

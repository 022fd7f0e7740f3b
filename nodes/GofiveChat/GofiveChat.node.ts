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
import { MESSAGE_OPERATIONS } from './actions/operations';
import { router } from './actions/router';

export class GofiveChat implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Gofive Chat',
		name: 'gofiveChat',
		icon: { light: 'file:../../icons/gofive.svg', dark: 'file:../../icons/gofive.dark.svg' },
		group: ['transform'],
		version: NODE_VERSIONS,
		defaultVersion: ADVANCED_VERSION,
		subtitle: operationSubtitle(MESSAGE_OPERATIONS),
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
			operationProperty('message', MESSAGE_OPERATIONS, 'sendMessage'),
			...operationParameters(MESSAGE_OPERATIONS),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: { show: { '@version': [1] } },
				options: [...requestOptionFields],
			},
			advancedCollection,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

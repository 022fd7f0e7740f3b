import type {
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	ResourceMapperFields,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { getRequestSettings, requestOptionFields } from '../shared/options';
import { identityFields, identityKey, readIdentity } from '../shared/oho/identity';
import { nodeParameter } from '../shared/parameters';
import { ohoDialect } from '../shared/oho/dialect';
import { credentialBaseUrl } from '../shared/transport/credentials';
import { runItems } from '../shared/runItems';
import { create } from './actions/create.operation';
import type { ContactOperation } from './actions/common';
import { unknownOperation } from './actions/common';
import { get } from './actions/get.operation';
import { update } from './actions/update.operation';
import { upsert } from './actions/upsert.operation';
import { cleaningOptionFields } from './descriptions/cleaningOptions';
import { contactColumns } from './descriptions/contactColumns';
import { contactFieldsDescription } from './descriptions/contactFields';

const operations: Record<string, ContactOperation> = { get, create, update, upsert };

export class OhoContact implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Oho Contact',
		name: 'ohoContact',
		icon: { light: 'file:../../icons/oho.svg', dark: 'file:../../icons/oho.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": contact"}}',
		description: 'Get, create, update or upsert customer contacts in Oho Chat (LINE, Facebook, Instagram)',
		defaults: { name: 'Oho Contact' },
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
				options: [{ name: 'Contact', value: 'contact' }],
				default: 'contact',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['contact'] } },
				options: [
					{
						name: 'Create',
						value: 'create',
						description: 'Add a new contact; fails if it exists already',
						action: 'Create a contact',
					},
					{
						name: 'Create or Update',
						value: 'upsert',
						description: 'Create a new record, or update the current one if it already exists (upsert)',
						action: 'Create or update a contact',
					},
					{
						name: 'Get',
						value: 'get',
						description: 'Read one contact by platform, platform ID and user ID',
						action: 'Get a contact',
					},
					{
						name: 'Update',
						value: 'update',
						description: 'Change fields of an existing contact',
						action: 'Update a contact',
					},
				],
				default: 'upsert',
			},
			...identityFields(),
			...contactFieldsDescription,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Add to Existing',
						name: 'addToExisting',
						type: 'multiOptions',
						options: [
							{ name: 'Attributes', value: 'attributes' },
							{ name: 'Labels', value: 'labels' },
							{ name: 'Tags', value: 'tags' },
						],
						default: [],
						description:
							'Lists to add to instead of replacing. The node reads the contact first and sends old and new entries together (an attribute of the same name gets the new value).',
						displayOptions: { show: { '/operation': ['update', 'upsert'] } },
					},
					...cleaningOptionFields,
					...requestOptionFields,
					{
						displayName: 'Return Stored Contact After Writing',
						name: 'returnStoredContact',
						type: 'boolean',
						default: false,
						description:
							'Whether to read the contact back after writing (one more request) and add it to the output as "storedContact"',
						displayOptions: { show: { '/operation': ['create', 'update', 'upsert'] } },
					},
				],
			},
		],
	};

	methods = {
		resourceMapping: {
			async getContactColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
				return contactColumns(this.getNodeParameter('operation', 0) as string);
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const baseUrl = await credentialBaseUrl(this, ohoDialect);
		return await runItems(
			this,
			async (itemIndex) => {
				const op = { ctx: this, itemIndex, baseUrl, settings: getRequestSettings(this, itemIndex) };
				const operation = nodeParameter(this, 'operation', itemIndex) as string;
				const run = operations[operation] ?? unknownOperation(op, operation);
				return await run(op, readIdentity(this, itemIndex));
			},
			{ orderKey: (itemIndex) => identityKey(this, itemIndex) },
		);
	}
}

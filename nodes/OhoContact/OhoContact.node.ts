import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { identityFields } from '../common/oho/identity';
import type { OperationKind } from '../common/operations';
import {
	operationProperty,
	operationSubtitle,
	operationValues,
	showForOperations,
} from '../common/operations';
import {
	ADVANCED_VERSION,
	advancedCollection,
	NODE_VERSIONS,
	requestOptionFields,
} from '../common/options';
import { CONTACT_OPERATIONS } from './actions/operations';
import { router } from './actions/router';
import { cleaningOptionFields } from './descriptions/cleaningOptions';
import { contactFieldsDescription } from './descriptions/contactFields';
import { searchCountries, searchProvinces } from './methods/listSearch';
import { getContactColumns } from './methods/resourceMapping';

/** The lists Oho replaces wholesale on update, which Add to Existing, Remove From Existing and Clear change. */
const LIST_CHOICES = [
	{ name: 'Attributes', value: 'attributes' },
	{ name: 'Labels', value: 'labels' },
	{ name: 'Tags', value: 'tags' },
];

const writes = (operation: OperationKind) => operation.writes;
const updates = (operation: OperationKind) => operation.updates;

/** Options of the Options collection, shown only for the operations `which` picks. */
const optionsFor = (which: (operation: OperationKind) => boolean, options: INodeProperties[]) =>
	showForOperations(CONTACT_OPERATIONS, which, options, '/operation');

/** The options about the data (and, in version 1, how requests are sent: nodes/common/options.ts). */
const optionsCollection: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		...optionsFor(updates, [
			{
				displayName: 'Add to Existing',
				name: 'addToExisting',
				type: 'multiOptions',
				options: LIST_CHOICES,
				default: [],
				description:
					'Lists to add to instead of replacing. The node reads the contact first and sends old and new entries together (an attribute of the same name gets the new value).',
			},
			{
				displayName: 'Clear',
				name: 'clearLists',
				type: 'multiOptions',
				options: LIST_CHOICES,
				default: [],
				description:
					'Lists to empty: the node sends an empty list, so the contact keeps none. Give no entries for a list chosen here.',
			},
		]),
		...optionsFor(writes, cleaningOptionFields),
		...requestOptionFields,
		...optionsFor(updates, [
			{
				displayName: 'Remove From Existing',
				name: 'removeFromExisting',
				type: 'multiOptions',
				options: LIST_CHOICES,
				default: [],
				description:
					"Lists to remove the item's entries from. The node reads the contact first and sends what it holds without them (an attribute is matched by its name; its value is not needed).",
			},
		]),
		...optionsFor(writes, [
			{
				displayName: 'Return Stored Contact After Writing',
				name: 'returnStoredContact',
				type: 'boolean',
				default: false,
				description:
					'Whether to read the contact back after writing (one more request) and add it to the output as "storedContact"',
			},
		]),
	],
};

export class OhoContact implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Oho Contact',
		name: 'ohoContact',
		icon: { light: 'file:../../icons/oho.svg', dark: 'file:../../icons/oho.dark.svg' },
		group: ['transform'],
		version: NODE_VERSIONS,
		defaultVersion: ADVANCED_VERSION,
		subtitle: operationSubtitle(CONTACT_OPERATIONS),
		description: 'Get, create or update customer contacts in Oho Chat (LINE, Facebook, Instagram)',
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
			operationProperty('contact', CONTACT_OPERATIONS, 'upsert'),
			...identityFields(),
			...contactFieldsDescription(CONTACT_OPERATIONS),
			{ ...optionsCollection, displayOptions: { show: { '@version': [1] } } },
			// From version 1.1 Options holds only the options about the data, and Get has none.
			{
				...optionsCollection,
				displayOptions: {
					show: {
						'@version': [{ _cnd: { gte: ADVANCED_VERSION } }],
						operation: operationValues(CONTACT_OPERATIONS, writes),
					},
				},
			},
			advancedCollection,
		],
	};

	methods = {
		listSearch: { searchCountries, searchProvinces },
		resourceMapping: { getContactColumns },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

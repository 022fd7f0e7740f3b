import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { cleaningOptionFields } from '../OhoContact/descriptions/cleaningOptions';
import { ADVANCED_VERSION, advancedCollection } from '../shared/options';
import * as addEvent from './actions/addEvent.operation';
import * as get from './actions/get.operation';
import { router } from './actions/router';
import * as upsert from './actions/upsert.operation';
import { getCustomerColumns } from './methods/customerColumns';
import { getEventTypes } from './methods/eventTypes';

const dateOrderOption = cleaningOptionFields.find((field) => field.name === 'dateOrder')!;

export class GofiveCustomer implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Gofive Customer',
		name: 'gofiveCustomer',
		icon: { light: 'file:../../icons/gofive.svg', dark: 'file:../../icons/gofive.dark.svg' },
		group: ['transform'],
		// A new node starts with the layout of version 1.1: data options in Options, request knobs in Advanced.
		version: ADVANCED_VERSION,
		subtitle:
			'={{ {"upsert": "Create or update a customer", "get": "Get a customer", "addEvent": "Add an event to a customer"}[$parameter["operation"]] }}',
		description: 'Create, update and read customers and add customer events in Venio CRM (Gofive)',
		defaults: { name: 'Gofive Customer' },
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
				options: [{ name: 'Customer', value: 'customer' }],
				default: 'customer',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['customer'] } },
				options: [
					{
						name: 'Add Event',
						value: 'addEvent',
						description: 'Add an event (a meeting, a call, a sign-up…) to a customer’s timeline',
						action: 'Add an event to a customer',
					},
					{
						name: 'Create or Update',
						value: 'upsert',
						description: 'Create a new record, or update the current one if it already exists (upsert)',
						action: 'Create or update a customer',
					},
					{
						name: 'Get',
						value: 'get',
						description: 'Read one customer by its Customer Code',
						action: 'Get a customer',
					},
				],
				default: 'upsert',
			},
			...upsert.description,
			...get.description,
			...addEvent.description,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: { show: { operation: ['upsert'] } },
				options: [
					{
						displayName: 'Allow Non-Thai Phone Numbers',
						name: 'allowNonThaiPhones',
						type: 'boolean',
						default: false,
						description:
							'Whether to send a number of another country as + and digits (like +14155552671) instead of refusing it. Thai numbers are always sent as 0812345678.',
					},
					// The Oho Contact option, read by the same cleaning (readCleaningOptions).
					dateOrderOption,
				],
			},
			advancedCollection,
		],
	};

	methods = { loadOptions: { getEventTypes }, resourceMapping: { getCustomerColumns } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

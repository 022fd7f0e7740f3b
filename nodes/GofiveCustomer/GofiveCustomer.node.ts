import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { cleaningOptionFields } from '../OhoContact/descriptions/cleaningOptions';
import type { OperationKind } from '../common/operations';
import {
	operationParameters,
	operationProperty,
	operationSubtitle,
	operationValues,
	showForOperations,
} from '../common/operations';
import { ADVANCED_VERSION, advancedCollection } from '../common/options';
import { CUSTOMER_OPERATIONS } from './actions/operations';
import { router } from './actions/router';
import { getCustomerColumns } from './methods/customerColumns';
import { getEventTypes } from './methods/eventTypes';

/** The options of an operation that creates (Create or Update): how the customer's fields are cleaned. */
const creates = (operation: OperationKind) => operation.creates;

/** Oho Contact's Date Order option, read by the same cleaning (readCleaningOptions). */
const dateOrderOption = showForOperations(
	CUSTOMER_OPERATIONS,
	creates,
	cleaningOptionFields.filter((field) => field.name === 'dateOrder'),
	'/operation',
);

export class GofiveCustomer implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Gofive Customer',
		name: 'gofiveCustomer',
		icon: { light: 'file:../../icons/gofive.svg', dark: 'file:../../icons/gofive.dark.svg' },
		group: ['transform'],
		// A new node starts with the layout of version 1.1: data options in Options, request knobs in Advanced.
		version: ADVANCED_VERSION,
		subtitle: operationSubtitle(CUSTOMER_OPERATIONS),
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
			operationProperty('customer', CUSTOMER_OPERATIONS, 'upsert'),
			...operationParameters(CUSTOMER_OPERATIONS),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: { show: { operation: operationValues(CUSTOMER_OPERATIONS, creates) } },
				options: [
					{
						displayName: 'Allow Non-Thai Phone Numbers',
						name: 'allowNonThaiPhones',
						type: 'boolean',
						default: false,
						description:
							'Whether to send a number of another country as + and digits (like +14155552671) instead of refusing it. Thai numbers are always sent as 0812345678.',
					},
					...dateOrderOption,
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

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	addressTypeOptions,
	customerStateOptions,
	customerStatusOptions,
	customerTypeOptions,
	genderOptions,
	leadStatusOptions,
	maritalStatusOptions,
	SOCIAL_ACCOUNTS,
} from './codeTables';

const showForUpsert = {
	show: { resource: ['customer'], operation: ['upsert'], dataMode: ['define'] },
};

/**
 * The first entry of an optional list: n8n puts a field's default in when the operator adds it, so an optional list
 * starts here, read as absent: nothing is sent until the operator picks a value.
 */
const NOT_SET: INodePropertyOptions = { name: 'Not Set', value: '' };

/** An optional code list of Additional Fields: Not Set until the operator picks a code. */
const codeList = (
	displayName: string,
	name: string,
	options: INodePropertyOptions[],
	description: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'options',
	options: [NOT_SET, ...options],
	default: '',
	description,
});

const LIST_HINT = 'Several values separated by commas, or a list from an expression';

const text = (
	displayName: string,
	name: string,
	description: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	description,
	...extra,
});

const socialAccountFields: INodeProperties[] = SOCIAL_ACCOUNTS.map((account) =>
	text(
		{ linkedin: 'LinkedIn', wechat: 'WeChat', whatsapp: 'WhatsApp', line: 'LINE' }[
			account as string
		] ?? account.charAt(0).toUpperCase() + account.slice(1),
		account,
		`The ${account} account`,
	),
);

/** The customer a Get or an Add Event is about: its code in Venio. */
export function customerCodeField(operation: string, placeholder: string): INodeProperties {
	return text(
		'Customer Code',
		'customerCode',
		"The customer's code in Venio, such as the customerCode a Create or Update gave",
		{
			required: true,
			placeholder,
			displayOptions: { show: { resource: ['customer'], operation: [operation] } },
		},
	);
}

export const upsertFields: INodeProperties[] = [
	{
		displayName: 'Input Data Mode',
		name: 'dataMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Set Each Field',
				value: 'define',
				description: 'Fill in each field below, with fixed values or expressions',
			},
			{
				name: 'Map Input Fields',
				value: 'mapper',
				description:
					'Map the incoming item\'s fields to customer fields; "Map Automatically" takes input fields named like the customer fields (Customer Name, name, Phone, Email, วันเกิด…). Addresses, custom fields, social accounts and the contact person need Set Each Field.',
			},
		],
		default: 'define',
		displayOptions: { show: { resource: ['customer'], operation: ['upsert'] } },
	},
	{
		displayName: 'Customer Fields',
		name: 'customerFields',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		typeOptions: {
			resourceMapper: {
				resourceMapperMethod: 'getCustomerColumns',
				mode: 'add',
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: false,
				multiKeyMatch: false,
				supportAutoMap: true,
			},
		},
		displayOptions: {
			show: { resource: ['customer'], operation: ['upsert'], dataMode: ['mapper'] },
		},
	},
	text(
		'Customer Code',
		'customerCode',
		"The customer's code in Venio. Leave empty to create a new customer; with a code, that customer is updated: the node reads it first, so the fields you leave empty keep their values in Venio.",
		{
			placeholder: 'e.g. C000349 (empty: create)',
			displayOptions: showForUpsert,
		},
	),
	text('Customer Name', 'customerName', 'The customer name. Venio allows each name only once.', {
		required: true,
		placeholder: 'e.g. Somchai Jaidee',
		displayOptions: showForUpsert,
	}),
	{
		displayName: 'Customer State',
		name: 'customerState',
		type: 'options',
		options: customerStateOptions,
		// No stage is picked for the operator: an update sends it too (Venio requires it), and a pre-picked Lead would
		// turn an existing Customer back into a Lead unnoticed.
		default: '',
		required: true,
		description:
			"The customer's stage: Lead, Prospect or Customer. Venio requires it on every Create or Update, an update too.",
		displayOptions: showForUpsert,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showForUpsert,
		options: [
			{
				displayName: 'Addresses',
				name: 'addresses',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Address',
				options: [
					{
						displayName: 'Address',
						name: 'address',
						values: [
							text('Address', 'locationAddress', 'The address text'),
							text('Place Name', 'locationName', 'A name for the place, such as Head Office'),
							codeList(
								'Address Type',
								'locationType',
								addressTypeOptions,
								'Billing or shipping address',
							),
							{
								displayName: 'Latitude',
								name: 'latitude',
								type: 'number',
								typeOptions: { numberPrecision: 6 },
								default: 0,
								description: 'Latitude, set together with Longitude (both 0: none sent)',
							},
							{
								displayName: 'Longitude',
								name: 'longitude',
								type: 'number',
								typeOptions: { numberPrecision: 6 },
								default: 0,
								description: 'Longitude, set together with Latitude (both 0: none sent)',
							},
						],
					},
				],
			},
			text('Aliases', 'customerAliases', `Other names of the customer. ${LIST_HINT}.`),
			text(
				'Birth Date',
				'customerBirthdate',
				'Sent as YYYY-MM-DD. Forms may write it as 29/11/1998, 29 Nov 1998, with Thai month names or a Buddhist-era year.',
				{
					placeholder: 'e.g. 1998-11-29',
				},
			),
			text('Branch Code', 'branchCode', "The customer's branch code"),
			text(
				'Classification',
				'classificationName',
				'The customer class, at most 3 characters (such as S or VIP)',
			),
			{
				displayName: 'Contact Person',
				name: 'contactPerson',
				type: 'fixedCollection',
				default: {},
				placeholder: 'Add Contact Person',
				description: 'One contact person of the customer',
				options: [
					{
						displayName: 'Contact Person',
						name: 'person',
						values: [
							text(
								'Name',
								'contactName',
								'The contact person’s name (required for a contact person)',
							),
							text(
								'Birth Date',
								'contactBirthdate',
								'Sent as YYYY-MM-DD, read like the customer’s Birth Date',
							),
							text('Email', 'contactEmail', 'The contact person’s email', {
								placeholder: 'name@email.com',
							}),
							text('Mobile', 'contactMobile', 'A Thai mobile number, sent as 0812345678'),
							text('Note', 'contactNote', 'A note about the contact person'),
							text('Phone', 'contactPhone', 'A Thai phone number, sent as 021234567'),
							text('Picture URL', 'contactPicture', 'A link to the contact person’s picture'),
							text('Position', 'contactPosition', 'The contact person’s job title'),
							{
								displayName: 'Status',
								name: 'contactStatus',
								type: 'options',
								options: [
									{ name: 'Not Set', value: '' },
									{ name: 'Active', value: 'active' },
									{ name: 'Inactive', value: 'inactive' },
								],
								default: '',
								description: 'Whether the contact person is active',
							},
						],
					},
				],
			},
			{
				displayName: 'Custom Fields',
				name: 'customFields',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Custom Field',
				options: [
					{
						displayName: 'Custom Field',
						name: 'field',
						values: [
							text('Name', 'customFieldName', 'The custom field’s name as Venio shows it'),
							text('Values', 'customFieldValue', `The field’s values. ${LIST_HINT}.`),
						],
					},
				],
			},
			text(
				'Customer Group',
				'customerGroupName',
				'The customer group, by name. Venio creates a group of a new name.',
			),
			text(
				'Customer Note',
				'customerNote',
				'A note on the customer. Required when Customer Status is Ended or Closed.',
				{ typeOptions: { rows: 2 } },
			),
			codeList(
				'Customer Status',
				'customerStatus',
				customerStatusOptions,
				'Whether the customer is active, ended or closed. Ended and Closed need a Customer Note.',
			),
			codeList('Customer Type', 'customerType', customerTypeOptions, 'A business or an individual'),
			text('Email', 'customerEmail', "The customer's email", { placeholder: 'name@email.com' }),
			codeList('Gender', 'customerGender', genderOptions, "The customer's gender"),
			text('Income', 'customerIncome', "The customer's income, sent as text as Venio takes it"),
			text(
				'Interests',
				'interestsName',
				`Interests, by name; Venio creates the ones it does not know. ${LIST_HINT}.`,
			),
			codeList(
				'Lead Status',
				'leadStatus',
				leadStatusOptions,
				"A lead's status. Unqualified, for a Lead, needs Unqualified Reason and Unqualified Reason Note.",
			),
			codeList(
				'Marital Status',
				'customerMaritalStatus',
				maritalStatusOptions,
				"The customer's marital status",
			),
			text(
				'Mobile',
				'customerMobile',
				'A Thai mobile number; forms may write it as +66 81 234 5678 or 081-234-5678, it is sent as 0812345678',
			),
			text(
				'Owners',
				'owners',
				`The customer’s owners, as employee codes (such as Admin01). ${LIST_HINT}.`,
			),
			text('Phone', 'customerPhone', 'A Thai phone number, sent as 021234567'),
			text('Picture URL', 'customerPicture', "A link to the customer's picture"),
			text('Position', 'customerPosition', "The customer's job title"),
			text('Second Name', 'customer2ndName', 'Another name, such as the name in another language'),
			{
				displayName: 'Social Accounts',
				name: 'socialAccounts',
				type: 'collection',
				placeholder: 'Add Account',
				default: {},
				options: socialAccountFields,
			},
			text('Source', 'sourceName', 'Where the customer came from, such as Website or Facebook'),
			text('Tags', 'customerTags', `Tags of the customer. ${LIST_HINT}.`),
			text('Tax ID', 'customerTaxNo', "The customer's tax ID"),
			text(
				'Unqualified Reason',
				'unqualifiedReasonName',
				'Why the lead is unqualified, as a title. Required for a Lead whose Lead Status is Unqualified.',
			),
			text(
				'Unqualified Reason Note',
				'unqualifiedReasonNote',
				'Why the lead is unqualified, in words. Required for a Lead whose Lead Status is Unqualified.',
			),
		],
	},
];

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ACCOUNT_GIVEN_PARAMS } from '../../common/oho/account';
import type { NodeOperation } from '../../common/operations';
import { showForOperations } from '../../common/operations';

export type FieldKind = 'string' | 'number' | 'options' | 'place' | 'date' | 'list' | 'attributes';

/**
 * One contact field of Oho's API and how the node offers it. The node's parameters, the resource-mapper
 * columns, the value conversion and the names used in validation errors are all derived from this table.
 */
export interface ContactFieldSpec {
	/** Path in the API body, e.g. `first_name` or `social_profile.platform_name`. */
	path: string;
	/** Parameter name in the node. */
	param: string;
	displayName: string;
	kind: FieldKind;
	description: string;
	/** Required by create (docs/api/oho.md § "Create contact"). */
	requiredOnCreate?: boolean;
	/** Only create accepts it: update cannot change it (docs/api/oho.md § "Update contact"). */
	createOnly?: boolean;
	/** Required by create, but filled in from other fields when left empty (helpers/contactBody.ts createFallbacks). */
	fallbackOnCreate?: boolean;
	options?: INodePropertyOptions[];
	/** A place: the listSearch method of its searchable list (methods/listSearch.ts). */
	searchListMethod?: 'searchCountries' | 'searchProvinces';
	placeholder?: string;
	/** Other column names Map Automatically takes for this field: what English and Thai forms call it. */
	columnNames?: string[];
}

const GENDERS: INodePropertyOptions[] = [
	{ name: 'Male', value: 'male' },
	{ name: 'Female', value: 'female' },
	{ name: 'Prefer Not to Say', value: 'not_say' },
];

export const CONTACT_FIELDS: ContactFieldSpec[] = [
	{
		path: 'social_profile.platform_name',
		param: 'platformName',
		displayName: 'Platform Name',
		kind: 'string',
		requiredOnCreate: true,
		createOnly: true,
		description:
			"Your LINE OA's name, Facebook Page name or Instagram username (max 255). Leave empty to use the one in the Oho API credential.",
	},
	{
		path: 'social_profile.line_basic_id',
		param: 'lineBasicId',
		displayName: 'LINE Basic ID',
		kind: 'string',
		requiredOnCreate: true,
		createOnly: true,
		placeholder: '@548unshk',
		description:
			"Your LINE OA's LINE ID, like @548unshk (max 255). Leave empty to use the one in the Oho API credential. Facebook and Instagram have none: leave it empty and the node leaves it out (or sends it empty, if Oho asks for the key).",
	},
	{
		path: 'profile_picture_url',
		param: 'profilePictureUrl',
		displayName: 'Profile Picture URL',
		kind: 'string',
		requiredOnCreate: true,
		createOnly: true,
		placeholder: 'https://profile.line-scdn.net/...',
		description:
			"URL of the customer's profile picture (http or https, max 2000 characters). Oho requires it on create; leave empty to use the Default Profile Picture URL of the Oho API credential.",
	},
	{
		path: 'platform_display_name',
		param: 'platformDisplayName',
		displayName: 'Platform Display Name',
		kind: 'string',
		requiredOnCreate: true,
		createOnly: true,
		fallbackOnCreate: true,
		description:
			"The customer's own name on LINE, Facebook or Instagram (max 255). Left empty, create uses the Display Name, else the First Name and Last Name.",
	},
	{
		path: 'first_name',
		param: 'firstName',
		columnNames: ['Given Name', 'ชื่อ', 'ชื่อจริง'],
		displayName: 'First Name',
		kind: 'string',
		requiredOnCreate: true,
		description: 'Max 100 characters',
	},
	{
		path: 'display_name',
		param: 'displayName',
		columnNames: ['ชื่อที่แสดง'],
		displayName: 'Display Name',
		kind: 'string',
		description:
			'The name your team sees in Oho. On create it defaults to the Platform Display Name. Max 255 characters on create; 1000 on update, as the API documents.',
	},
	{
		path: 'last_name',
		param: 'lastName',
		columnNames: ['Surname', 'Family Name', 'นามสกุล'],
		displayName: 'Last Name',
		kind: 'string',
		description: 'Max 100 characters',
	},
	{
		path: 'phone',
		param: 'phone',
		columnNames: [
			'Mobile',
			'Mobile Number',
			'Mobile Phone',
			'Tel',
			'Telephone',
			'Phone Number',
			'เบอร์',
			'เบอร์โทร',
			'เบอร์โทรศัพท์',
			'เบอร์มือถือ',
			'โทรศัพท์',
			'มือถือ',
		],
		displayName: 'Phone',
		kind: 'string',
		placeholder: '0987654321',
		description:
			'Sent in the Thai form Oho documents, 0 and 8 or 9 digits: 098-765-4321, +66 98 765 4321, 66987654321 and 987654321 (a lost leading 0) all become 0987654321. A number of another country fails unless Options > Allow Non-Thai Phone Numbers is on.',
	},
	{
		path: 'email',
		param: 'email',
		columnNames: ['E-mail', 'Email Address', 'Mail', 'อีเมล', 'อีเมล์'],
		displayName: 'Email',
		kind: 'string',
		placeholder: 'name@example.com',
		description: 'Max 254 characters',
	},
	{
		path: 'country',
		param: 'country',
		columnNames: ['ประเทศ'],
		displayName: 'Country',
		kind: 'place',
		searchListMethod: 'searchCountries',
		placeholder: 'e.g. Thailand',
		description:
			'Sent as the English country name. Search the list in English or Thai, or type a name By Name or from an expression: Thai and English names and ISO codes (TH, THA) become the English name. Oho has not published its country list, so a value the list does not know is sent as written.',
	},
	{
		path: 'city',
		param: 'city',
		columnNames: ['Province', 'จังหวัด'],
		displayName: 'City (Province)',
		kind: 'place',
		searchListMethod: 'searchProvinces',
		placeholder: 'e.g. Chiang Mai',
		description:
			"One of Thailand's 77 provinces, sent as its English name. Search the list in English or Thai, or type a name By Name or from an expression: Thai names and short forms, and other spellings (BKK, Chonburi), become the English name. Oho has not published its province list, so a value the list does not know is sent as written.",
	},
	{
		path: 'gender',
		param: 'gender',
		columnNames: ['Sex', 'เพศ'],
		displayName: 'Gender',
		kind: 'options',
		options: GENDERS,
		description:
			'Oho stores "not_say" when none is sent. From an expression, M, F, Male, Female and the Thai words are understood.',
	},
	{
		path: 'age',
		param: 'age',
		columnNames: ['อายุ'],
		displayName: 'Age',
		kind: 'number',
		placeholder: 'e.g. 30',
		description: 'A whole number from 1 to 99; "25", "25.0" and "25 years" in Thai are read as 25',
	},
	{
		path: 'birth_date',
		param: 'birthDate',
		columnNames: ['Birthday', 'Date of Birth', 'DOB', 'Birthdate', 'วันเกิด', 'วันเดือนปีเกิด'],
		displayName: 'Birth Date',
		kind: 'date',
		placeholder: '15/03/2535 or 1992-03-15',
		description:
			'A date like 15/03/1992 (day first, unless Options > Date Order says otherwise), 1992-03-15 or 15 March 1992; Thai month names and Buddhist-era years (2535) are understood. Sent as YYYY-MM-DD.',
	},
	{
		path: 'tags',
		param: 'tags',
		columnNames: ['Tag', 'แท็ก'],
		displayName: 'Tags',
		kind: 'list',
		description:
			'Contact tags, at most 20. Oho REPLACES all existing tags with this list on update, unless Options > Add to Existing or Remove From Existing includes Tags (Options > Clear empties it). An expression may give a list or comma-separated text.',
	},
	{
		path: 'labels',
		param: 'labels',
		columnNames: ['Label', 'Chat Tags'],
		displayName: 'Labels (Chat Tags)',
		kind: 'list',
		description:
			'Chat tags, at most 10. Oho REPLACES all existing labels with this list on update, unless Options > Add to Existing or Remove From Existing includes Labels (Options > Clear empties it). An expression may give a list or comma-separated text.',
	},
	{
		path: 'attributes',
		param: 'attributes',
		displayName: 'Attributes',
		kind: 'attributes',
		description:
			'Custom fields of the contact. An unknown name creates a new attribute. Oho REPLACES the whole list on update, unless Options > Add to Existing or Remove From Existing includes Attributes (Options > Clear empties it).',
	},
];

/**
 * Whether the editor asks for the field on create: what create requires, except a LINE Basic ID (Facebook and
 * Instagram have none), what create fills in when it is left empty, and what the credential's account gives. The
 * item's body is checked after the fallbacks.
 */
export const askedOnCreate = (field: ContactFieldSpec): boolean =>
	field.requiredOnCreate === true &&
	field.param !== 'lineBasicId' &&
	field.fallbackOnCreate !== true &&
	!ACCOUNT_GIVEN_PARAMS.includes(field.param);

/** Labels for validation errors: API path → the name the operator sees. */
export const FIELD_LABELS: Record<string, string> = {
	'social_profile.platform': 'Platform',
	'social_profile.id': 'User ID',
	'social_profile.platform_id': 'Platform ID',
	'attributes.display_name': 'Attribute Name',
	'attributes.value.text': 'Attribute Value',
	...Object.fromEntries(CONTACT_FIELDS.map((field) => [field.path, field.displayName])),
};

/**
 * A value of a place field as stored: a resource-locator value ({ __rl, mode, value }, recognised by its mode and
 * value as n8n does), or, in a workflow saved before the fields became searchable lists, the plain text. Any other
 * value is returned as it is.
 */
export function placeValue(value: unknown): unknown {
	const isLocator =
		typeof value === 'object' && value !== null && 'mode' in value && 'value' in value;
	return isLocator ? (value as { value: unknown }).value : value;
}

/**
 * A place as a searchable list (n8n filters the list by what is typed, in English or Thai: methods/listSearch.ts)
 * or a name typed in. An options list would be filtered by its English labels only.
 */
function placeProperty(
	field: ContactFieldSpec,
	base: Pick<INodeProperties, 'displayName' | 'name' | 'description'>,
): INodeProperties {
	return {
		...base,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Search in English or Thai...',
				typeOptions: { searchListMethod: field.searchListMethod, searchable: true },
			},
			{ displayName: 'By Name', name: 'name', type: 'string', placeholder: field.placeholder },
		],
	};
}

/**
 * An optional field added to Additional Fields or Update Fields starts empty, and an empty field sends nothing:
 * no default value that would be sent unless the operator changes it.
 */
function propertyOf(field: ContactFieldSpec): INodeProperties {
	const base = {
		displayName: field.displayName,
		name: field.param,
		description: field.description,
	};
	switch (field.kind) {
		case 'number':
			// Text, so the field can start empty; cleaning reads the number (cleaning/age.ts).
			return { ...base, type: 'string', default: '', placeholder: field.placeholder };
		case 'options':
			return { ...base, type: 'options', options: field.options, default: '' };
		case 'place':
			return placeProperty(field, base);
		case 'date':
			// Text, not a date picker: the picker drops what it cannot parse, such as a Buddhist-era 15/03/2535.
			return { ...base, type: 'string', default: '', placeholder: field.placeholder };
		case 'list':
			return {
				...base,
				type: 'string',
				typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Tag' },
				default: [],
			};
		case 'attributes':
			return {
				...base,
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Attribute',
				default: {},
				options: [
					{
						displayName: 'Attribute',
						name: 'attribute',
						values: [
							{
								displayName: 'Name',
								name: 'name',
								type: 'string',
								default: '',
								description: "The attribute's display name (max 100), unique in your business",
							},
							{
								displayName: 'Value',
								name: 'value',
								type: 'string',
								default: '',
								description: 'Max 2000 characters',
							},
						],
					},
				],
			};
		default:
			return { ...base, type: 'string', default: '', placeholder: field.placeholder };
	}
}

/** What an empty required field of create becomes, said under the field so an operator knows it may stay empty. */
function emptyOnCreateHint(field: ContactFieldSpec): string | undefined {
	if (ACCOUNT_GIVEN_PARAMS.includes(field.param))
		return 'Leave empty to use the account in the Oho API credential';
	if (field.fallbackOnCreate)
		return 'Leave empty to use Display Name, else First Name and Last Name';
	return undefined;
}

/** How the operator gives the contact fields: one parameter per field, or the input's fields mapped to them. */
const dataModeProperty: INodeProperties = {
	displayName: 'Contact Data',
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
				'Map the incoming item\'s fields to contact fields; "Map Automatically" takes input fields named like the contact fields (first_name, First Name, firstName...) and splits a full name (name, Full Name) into First and Last Name',
		},
	],
	default: 'define',
};

const replaceNotice: INodeProperties = {
	displayName:
		'Oho replaces the whole list of tags, labels and attributes when a contact is updated. To keep what the contact already has, choose Options > Add to Existing (or Remove From Existing); to empty a list, Options > Clear.',
	name: 'replaceNotice',
	type: 'notice',
	default: '',
};

/** Set Each Field for an operation that may create: the fields create requires, then the others in a collection. */
const createFields: INodeProperties[] = [
	...CONTACT_FIELDS.filter((field) => field.requiredOnCreate).map((field) => ({
		...propertyOf(field),
		required: askedOnCreate(field),
		hint: emptyOnCreateHint(field),
	})),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: CONTACT_FIELDS.filter((field) => !field.requiredOnCreate).map(propertyOf),
	},
];

/** Set Each Field for an operation that only updates: every field an update can change. */
const updateFields: INodeProperties = {
	displayName: 'Update Fields',
	name: 'updateFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: CONTACT_FIELDS.filter((field) => !field.createOnly)
		.map(propertyOf)
		.sort((a, b) => a.displayName.localeCompare(b.displayName)),
};

const mappedFields: INodeProperties = {
	displayName: 'Contact Fields',
	name: 'contactFields',
	type: 'resourceMapper',
	noDataExpression: true,
	default: { mappingMode: 'defineBelow', value: null },
	required: true,
	typeOptions: {
		loadOptionsDependsOn: ['operation'],
		resourceMapper: {
			resourceMapperMethod: 'getContactColumns',
			mode: 'add',
			fieldWords: { singular: 'field', plural: 'fields' },
			addAllFields: true,
			multiKeyMatch: false,
			supportAutoMap: true,
		},
	},
};

const inDataMode = (mode: 'define' | 'mapper', properties: INodeProperties[]) =>
	updateDisplayOptions({ show: { dataMode: [mode] } }, properties);

/**
 * The contact fields' parameters, each shown for the operations of the node's table that take it: how the fields
 * are given for every operation that writes, the notice about replaced lists for one that may update, the create
 * fields for one that may create, Update Fields for one that updates without creating.
 */
export function contactFieldsDescription<Execute>(
	operations: Array<NodeOperation<Execute>>,
): INodeProperties[] {
	return [
		...showForOperations(operations, (operation) => operation.writes, [dataModeProperty]),
		...showForOperations(operations, (operation) => operation.updates, [replaceNotice]),
		...inDataMode(
			'define',
			showForOperations(operations, (operation) => operation.creates, createFields),
		),
		...inDataMode(
			'define',
			showForOperations(operations, (operation) => operation.updates && !operation.creates, [
				updateFields,
			]),
		),
		...inDataMode(
			'mapper',
			showForOperations(operations, (operation) => operation.writes, [mappedFields]),
		),
	];
}

/* eslint-disable no-console -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * Reliability, bad input, Oho Contact: property-based (fast-check, fixed seed). Each property run is one node execution
 * of many generated items with continue-on-fail, against the sandbox:
 *  - a valid item reaches the sandbox exactly as meant: the recorded request (method, decoded path, body) is the one
 *    the API must receive after the node's documented conversions;
 *  - an invalid item (one field made invalid) becomes one error item naming that field, and no request is sent for it.
 * Items give their values in the item JSON, read either by expressions (Set Each Field) or by the resource mapper's
 * Map Automatically (with field names written in the different ways the node accepts).
 */
import fc from 'fast-check';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { placeKey } from '../../nodes/OhoContact/cleaning/places';
import countries from '../../nodes/OhoContact/data/countries.json';
import provinces from '../../nodes/OhoContact/data/provinces.json';
import type { Operation } from '../helpers/ohoContact';
import { jsonOf, params, runContact } from '../helpers/ohoContact';
import type { SandboxRef } from '../helpers/sandbox';
import { ohoRequests, useSandbox } from '../helpers/sandbox';
import type { AttributeInput, Valid } from './arbitraries';
import * as gen from './arbitraries';
import type { IdentityCase, IdentityValues, MeantRequest } from './oho';
import {
	IDENTITY_FIELDS,
	IDENTITY_FROM_ITEM,
	invalidIdentity,
	meaning,
	putContacts,
	requestLines,
	validIdentity,
} from './oho';
import {
	errorDetails,
	errorMessage,
	isErrorItem,
	outcomesByItem,
	writeSummaryPart,
} from './support';

/** The sandbox of these properties (set up by describeContactInputs). */
let ref: SandboxRef;

const ITEMS_PER_RUN = 100;
const RUNS = { get: 8, create: 20, update: 20, upsert: 20 } satisfies Record<Operation, number>;

/** A contact field: its parameter name, API path, label, and where the node takes it. */
interface FieldSpec {
	param: string;
	path: string;
	label: string;
	requiredOnCreate?: boolean;
	/** Required on create, but filled in from other names when not given (Platform Display Name). */
	fallbackOnCreate?: boolean;
	createOnly?: boolean;
	valid: (operation: Operation) => fc.Arbitrary<Valid>;
	invalid: (operation: Operation) => fc.Arbitrary<unknown>;
}

const countryNames = (countries as Array<{ en: string }>).map((country) => country.en);
const provinceNames = (provinces as Array<{ en: string }>).map((province) => province.en);
/** Any spelling of a place the node knows is sent as the list's value (tested in test/cleaning); here: list values and other text. */
const knownPlaces = [...countries, ...provinces].flatMap(
	(place: { en: string; th: string; code?: string; alpha3?: string; aliases?: string[] }) =>
		[place.en, place.th, place.code, place.alpha3, ...(place.aliases ?? [])]
			.filter((name): name is string => name !== undefined)
			.map(placeKey),
);
const KNOWN_PLACE_KEYS = new Set(knownPlaces);
const optionOrText = (names: string[]) =>
	fc.oneof(
		fc.constantFrom(...names).map((name) => ({ raw: name, api: name })),
		gen.validText(100, { tidy: true }).filter(({ api }) => !KNOWN_PLACE_KEYS.has(placeKey(api))),
	);

const FIELDS: FieldSpec[] = [
	{
		param: 'platformName',
		path: 'social_profile.platform_name',
		label: 'Platform Name',
		requiredOnCreate: true,
		createOnly: true,
		valid: () => gen.validText(255, { tidy: true }),
		invalid: () => gen.invalidText(255, true),
	},
	// LINE Basic ID is special (required for LINE only): built in contactItem.
	{
		param: 'profilePictureUrl',
		path: 'profile_picture_url',
		label: 'Profile Picture URL',
		requiredOnCreate: true,
		createOnly: true,
		valid: () => gen.pictureUrl,
		invalid: () => gen.invalidPictureUrl,
	},
	{
		param: 'platformDisplayName',
		path: 'platform_display_name',
		label: 'Platform Display Name',
		requiredOnCreate: true,
		fallbackOnCreate: true,
		createOnly: true,
		valid: () => gen.validText(255, { tidy: true }),
		invalid: () => gen.invalidText(255, false),
	},
	{
		param: 'firstName',
		path: 'first_name',
		label: 'First Name',
		requiredOnCreate: true,
		valid: () => gen.validText(100, { tidy: true }),
		invalid: (operation) => gen.invalidText(100, operation !== 'update'),
	},
	{
		param: 'displayName',
		path: 'display_name',
		label: 'Display Name',
		valid: (operation) => gen.validText(operation === 'update' ? 1000 : 255, { tidy: true }),
		invalid: (operation) => gen.invalidText(operation === 'update' ? 1000 : 255, false),
	},
	{
		param: 'lastName',
		path: 'last_name',
		label: 'Last Name',
		valid: () => gen.validText(100, { tidy: true }),
		invalid: () => gen.invalidText(100, false),
	},
	{
		param: 'phone',
		path: 'phone',
		label: 'Phone',
		valid: () => gen.phone,
		invalid: () => gen.invalidPhone,
	},
	{
		param: 'email',
		path: 'email',
		label: 'Email',
		valid: () => gen.email,
		invalid: () => gen.invalidEmail,
	},
	{
		param: 'country',
		path: 'country',
		label: 'Country',
		valid: () => optionOrText(countryNames),
		invalid: () => gen.invalidText(100, false),
	},
	{
		param: 'city',
		path: 'city',
		label: 'City (Province)',
		valid: () => optionOrText(provinceNames),
		invalid: () => gen.invalidText(100, false),
	},
	{
		param: 'gender',
		path: 'gender',
		label: 'Gender',
		valid: () => gen.gender,
		invalid: () => gen.invalidGender,
	},
	{ param: 'age', path: 'age', label: 'Age', valid: () => gen.age, invalid: () => gen.invalidAge },
	{
		param: 'birthDate',
		path: 'birth_date',
		label: 'Birth Date',
		valid: () => gen.birthDate,
		invalid: () => gen.invalidBirthDate,
	},
	{
		param: 'tags',
		path: 'tags',
		label: 'Tags',
		valid: () => gen.tagList(20),
		invalid: () => gen.invalidTagList(20),
	},
	{
		param: 'labels',
		path: 'labels',
		label: 'Labels (Chat Tags)',
		valid: () => gen.tagList(10),
		invalid: () => gen.invalidTagList(10),
	},
];

const LINE_BASIC_ID = {
	param: 'lineBasicId',
	path: 'social_profile.line_basic_id',
	label: 'LINE Basic ID',
};

/** Names Map Automatically accepts for a field: the parameter name, the API name, the label, upper case, the full path. */
const keyStyles = (field: { param: string; path: string; label: string }) => {
	const last = field.path.split('.').pop()!;
	return [field.param, last, field.label.replace(/ \(.*\)$/, ''), last.toUpperCase(), field.path];
};

/** Blank values mean "not given" for an optional field: nothing is sent. */
const notGiven = fc.oneof(
	{ weight: 3, arbitrary: fc.constant<Valid>({ raw: undefined, api: undefined }) },
	{
		weight: 1,
		arbitrary: fc.constantFrom<unknown>('', '  ', null).map((raw) => ({ raw, api: undefined })),
	},
);

type Mode = 'expressions' | 'autoMap';

interface BatchConfig {
	mode: Mode;
	/** Attributes per item (Set Each Field only: the parameter has that many entries). */
	attributeCount: number;
}

type InvalidField = keyof IdentityValues | string;

interface ContactItem {
	identity: IdentityCase;
	/** Values by parameter name. */
	values: Record<string, Valid>;
	attributes?: { raw: AttributeInput[]; api: unknown[] };
	/** Upsert: the contact exists already. */
	exists: boolean;
	/** The field made invalid (one per invalid item), with the label and path its error must name. */
	invalid?: { field: InvalidField; label: string; path: string };
	keyStyle: number;
}

const fieldsOf = (operation: Operation) =>
	operation === 'get'
		? []
		: FIELDS.filter((field) => (operation === 'update' ? !field.createOnly : true));

/** One item for `operation`: valid, or with exactly one invalid field. */
function contactItem(
	operation: Operation,
	index: number,
	config: BatchConfig,
): fc.Arbitrary<ContactItem> {
	const fields = fieldsOf(operation);
	const creates = operation === 'create' || operation === 'upsert';
	const attributeCount =
		config.mode === 'expressions' && operation !== 'get' ? config.attributeCount : 0;

	const valid = fc
		.tuple(
			validIdentity(index, operation === 'get'),
			fc.tuple(
				...fields.map((field) =>
					field.requiredOnCreate && !field.fallbackOnCreate && creates
						? field.valid(operation)
						: fc.oneof(notGiven, field.valid(operation)),
				),
			),
			gen.validText(255, { tidy: true }),
			fc.boolean(),
			gen.attributes(attributeCount),
			fc.boolean(),
			fc.nat({ max: 4 }),
		)
		.map(
			([
				identity,
				fieldValues,
				basicId,
				giveBasicId,
				attributes,
				exists,
				keyStyle,
			]): ContactItem => {
				const values: Record<string, Valid> = {};
				fields.forEach((field, position) => (values[field.param] = fieldValues[position]));
				if (creates) {
					// Required for LINE; Facebook and Instagram have none, and an empty one is sent as "".
					values.lineBasicId =
						identity.api.platform === 'line' || giveBasicId ? basicId : { raw: undefined, api: '' };
				}
				return {
					identity,
					values,
					attributes: attributeCount > 0 ? attributes : undefined,
					exists: operation === 'upsert' && exists,
					keyStyle,
				};
			},
		)
		.filter(
			(item) =>
				operation !== 'update' ||
				Object.values(item.values).some((value) => value.api !== undefined) ||
				attributeCount > 0,
		);

	// Each mutation makes one field of a valid item invalid, and says which label and path its error must name.
	type Mutate = (item: ContactItem) => ContactItem;
	const mutations: Array<fc.WeightedArbitrary<Mutate>> = [];
	const add = (weight: number, arbitrary: fc.Arbitrary<Mutate>) =>
		mutations.push({ weight, arbitrary });

	add(
		2,
		invalidIdentity(index).map(
			(bad): Mutate =>
				(item) => ({
					...item,
					identity: bad,
					invalid: { field: bad.invalid!, ...IDENTITY_FIELDS[bad.invalid!] },
				}),
		),
	);
	for (const field of fields) {
		add(
			1,
			field.invalid(operation).map(
				(raw): Mutate =>
					(item) => ({
						...item,
						values: { ...item.values, [field.param]: { raw, api: undefined } },
						invalid: { field: field.param, label: field.label, path: field.path },
					}),
			),
		);
	}
	if (creates) {
		add(
			1,
			fc.tuple(gen.invalidText(255, true), fc.boolean()).map(
				([raw, asLine]): Mutate =>
					(item) => {
						// A blank LINE Basic ID is wrong for LINE only: such an item is made a LINE one.
						const blank = raw === null || (typeof raw === 'string' && raw.trim() === '');
						const identity =
							blank || asLine
								? {
										...item.identity,
										raw: { ...item.identity.raw, platform: 'line' },
										api: { ...item.identity.api, platform: 'line' },
									}
								: item.identity;
						return {
							...item,
							identity,
							values: { ...item.values, lineBasicId: { raw, api: undefined } },
							invalid: { field: 'lineBasicId', ...LINE_BASIC_ID },
						};
					},
			),
		);
	}
	if (attributeCount > 0) {
		add(
			4,
			fc
				.tuple(
					fc.nat({ max: attributeCount - 1 }),
					fc.boolean(),
					gen.invalidAttributeName,
					gen.invalidAttributeValue,
				)
				.map(
					([at, name, badName, badValue]): Mutate =>
						(item) => ({
							...item,
							attributes: {
								raw: item.attributes!.raw.map((attribute, position) =>
									position !== at
										? attribute
										: name
											? { ...attribute, name: badName }
											: { ...attribute, value: badValue },
								),
								api: [],
							},
							invalid: name
								? {
										field: 'attributeName',
										label: 'Attribute Name',
										path: `attributes.${at}.display_name`,
									}
								: {
										field: 'attributeValue',
										label: 'Attribute Value',
										path: `attributes.${at}.value.text`,
									},
						}),
				),
		);
	}
	const invalid = fc.tuple(valid, fc.oneof(...mutations)).map(([item, mutate]) => mutate(item));
	const cases: Array<fc.WeightedArbitrary<ContactItem>> = [
		{ weight: 10, arbitrary: valid },
		{ weight: 10, arbitrary: invalid },
	];
	if (operation === 'update' && attributeCount === 0) {
		// Every value blank: nothing to update, which names the whole body.
		cases.push({
			weight: 1,
			arbitrary: fc
				.tuple(validIdentity(index), notGiven, fc.nat({ max: 4 }))
				.map(([identity, blank, keyStyle]) => ({
					identity,
					values: Object.fromEntries(fields.map((field) => [field.param, blank])),
					exists: false,
					keyStyle,
					invalid: { field: 'body', label: 'body', path: '' },
				})),
		});
	}
	return fc.oneof(...cases).map(lineChannelIdFirst);
}

/**
 * A LINE Platform ID of digits is a LINE channel ID, which Oho's contact endpoints do not take: with no LINE Bot User
 * ID in the credential (these runs have none), the item fails on its Platform ID, before its other fields are read.
 */
function lineChannelIdFirst(item: ContactItem): ContactItem {
	const { identity } = item;
	if (
		identity.invalid ||
		identity.api.platform !== 'line' ||
		!/^\d+$/.test(identity.api.platformId)
	)
		return item;
	return { ...item, invalid: { field: 'platformId', ...IDENTITY_FIELDS.platformId } };
}

// ---------------------------------------------------------------- what the node is given, what the API must get

function itemJson(item: ContactItem, config: BatchConfig): IDataObject {
	const json: IDataObject = {};
	for (const [key, value] of Object.entries(item.identity.raw))
		if (value !== undefined) json[key] = value as IDataObject[string];
	for (const [param, value] of Object.entries(item.values)) {
		if (value.raw === undefined) continue;
		const field = FIELDS.find((spec) => spec.param === param) ?? LINE_BASIC_ID;
		const key = config.mode === 'autoMap' ? keyStyles(field)[item.keyStyle] : param;
		json[key] = value.raw as IDataObject[string];
	}
	if (item.attributes) json.attributes = item.attributes.raw as unknown as IDataObject[];
	return json;
}

function parametersFor(operation: Operation, config: BatchConfig): INodeParameters {
	const options = { parallelRequests: 10 };
	if (operation === 'get') return params('get', IDENTITY_FROM_ITEM, { options });
	if (config.mode === 'autoMap') {
		return params(operation, IDENTITY_FROM_ITEM, {
			dataMode: 'mapper',
			contactFields: { mappingMode: 'autoMapInputData', value: null },
			options,
		});
	}
	const expression = (param: string) => `={{ $json.${param} }}`;
	const required =
		operation === 'update'
			? {}
			: Object.fromEntries(
					[
						'platformName',
						'lineBasicId',
						'profilePictureUrl',
						'platformDisplayName',
						'firstName',
					].map((param) => [param, expression(param)]),
				);
	const collection: IDataObject = Object.fromEntries(
		fieldsOf(operation)
			.filter((field) => !(field.requiredOnCreate && operation !== 'update'))
			.map((field) => [field.param, expression(field.param)]),
	);
	if (config.attributeCount > 0) {
		collection.attributes = {
			attribute: Array.from({ length: config.attributeCount }, (_, at) => ({
				name: `={{ $json.attributes[${at}].name }}`,
				value: `={{ $json.attributes[${at}].value }}`,
			})),
		};
	}
	return params(operation, IDENTITY_FROM_ITEM, {
		...required,
		[operation === 'update' ? 'updateFields' : 'additionalFields']: collection,
		options,
	});
}

const API_PATH: Record<string, string> = Object.fromEntries(
	[...FIELDS, LINE_BASIC_ID].map((field) => [field.param, field.path]),
);

function createBody(item: ContactItem): IDataObject {
	const { api } = item.identity;
	const value = (param: string) => item.values[param]?.api;
	const body: IDataObject = {
		social_profile: {
			platform: api.platform,
			id: api.userId,
			platform_id: api.platformId,
			platform_name: value('platformName'),
		} as IDataObject,
	};
	// Facebook and Instagram have no LINE Basic ID: an empty one is left out (docs/api/oho.md § "line_basic_id on Facebook and Instagram").
	const basicId = value('lineBasicId');
	if (basicId !== undefined && basicId !== '')
		(body.social_profile as IDataObject).line_basic_id = basicId as string;
	for (const [param, given] of Object.entries(item.values)) {
		if (given.api !== undefined && !API_PATH[param].startsWith('social_profile.'))
			body[API_PATH[param]] = given.api as IDataObject[string];
	}
	// Not given, the platform display name is the display name, else the first and last name (create requires it: docs/api/oho.md § "Create contact").
	body.platform_display_name ??=
		body.display_name ??
		[body.first_name, body.last_name].filter((name) => name !== undefined).join(' ');
	body.display_name ??= body.platform_display_name;
	if (item.attributes) body.attributes = item.attributes.api as IDataObject[];
	return body;
}

function updateBody(item: ContactItem): IDataObject {
	const body: IDataObject = {};
	for (const [param, given] of Object.entries(item.values)) {
		const field = FIELDS.find((spec) => spec.param === param);
		if (field && !field.createOnly && given.api !== undefined)
			body[field.path] = given.api as IDataObject[string];
	}
	if (item.attributes) body.attributes = item.attributes.api as IDataObject[];
	return body;
}

const contactSegments = ({ platform, platformId, userId }: IdentityValues) => [
	'contact',
	platform,
	platformId,
	'user',
	userId,
];

/** The requests a valid item must cause, as the API must receive them. */
function expectedRequests(operation: Operation, item: ContactItem): MeantRequest[] {
	switch (operation) {
		case 'get':
			return [{ method: 'GET', segments: contactSegments(item.identity.api) }];
		case 'create':
			return [{ method: 'POST', segments: ['contact'], body: createBody(item) }];
		case 'update':
			return [
				{ method: 'PATCH', segments: contactSegments(item.identity.api), body: updateBody(item) },
			];
		case 'upsert':
			return [
				{ method: 'POST', segments: ['contact'], body: createBody(item) },
				...(item.exists
					? [
							{
								method: 'PATCH',
								segments: contactSegments(item.identity.api),
								body: updateBody(item),
							},
						]
					: []),
			];
	}
}

// ---------------------------------------------------------------- the properties

const tried: Record<
	string,
	{ runs: number; valid: number; invalid: number; invalidByField: Record<string, number> }
> = {};

async function checkBatch(
	operation: Operation,
	config: BatchConfig,
	items: ContactItem[],
): Promise<void> {
	const tally = (tried[operation] ??= { runs: 0, valid: 0, invalid: 0, invalidByField: {} });
	tally.runs++;
	ref.sb.reset();
	const existing = items
		.filter((item) => !item.identity.invalid && (operation === 'update' || item.exists))
		.map((item) => item.identity.api);
	await putContacts(ref.sb, existing);

	const result = await runContact(ref.sb, parametersFor(operation, config), {
		items: items.map((item) => itemJson(item, config)),
		onError: 'continueRegularOutput',
	});

	expect(result.error).toBeUndefined();
	const outcomes = outcomesByItem(result, items.length);
	expect(jsonOf(result)).toHaveLength(items.length);
	const expected: MeantRequest[] = [];
	items.forEach((item, index) => {
		const [output, ...extra] = outcomes[index].outputs;
		// Failures show the item (shortened) beside what went wrong.
		const input = JSON.stringify(itemJson(item, config)).slice(0, 400);
		expect({ index, input, extra }).toEqual({ index, input, extra: [] });
		if (item.invalid) {
			tally.invalid++;
			tally.invalidByField[item.invalid.field] =
				(tally.invalidByField[item.invalid.field] ?? 0) + 1;
			const names = item.invalid.path
				? `${item.invalid.label} (${item.invalid.path}`
				: 'body has nothing to update';
			expect({ index, input, isError: isErrorItem(output), error: errorMessage(output) }).toEqual({
				index,
				input,
				isError: true,
				error: expect.stringMatching(new RegExp(`^Invalid input: ${escape(names)}`)),
			});
			expect(errorDetails(outcomes[index].items[0])).toEqual({
				itemIndex: index,
				description: expect.stringMatching(/Nothing was sent for this item\.$/),
			});
			// However huge the value, the message shows its start and its length only.
			expect(String(errorMessage(output)).length).toBeLessThan(400);
			return;
		}
		tally.valid++;
		expected.push(...expectedRequests(operation, item));
		if (operation === 'get') {
			expect({
				index,
				input,
				error: output.error === undefined ? undefined : errorMessage(output),
			}).toEqual({
				index,
				input,
				error:
					output.error === undefined ? undefined : expect.stringMatching(/^Oho: .*\(HTTP 404\)$/),
			});
		} else {
			expect({ index, input, error: output.error, operation: output.operation }).toEqual({
				index,
				input,
				error: undefined,
				operation: operation === 'update' || item.exists ? 'updated' : 'created',
			});
		}
	});
	expect(requestLines(ohoRequests(ref.sb).map(meaning))).toEqual(requestLines(expected));
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function batches(
	operation: Operation,
): fc.Arbitrary<{ config: BatchConfig; items: ContactItem[] }> {
	return fc
		.record({
			mode: fc.constantFrom<Mode>('expressions', 'autoMap', 'autoMap', 'autoMap'),
			attributeCount: fc.integer({ min: 0, max: 3 }),
		})
		.chain((config) =>
			fc
				.tuple(
					...Array.from({ length: ITEMS_PER_RUN }, (_, index) =>
						contactItem(operation, index, config),
					),
				)
				.map((items) => ({ config, items })),
		);
}

export function describeContactInputs(): void {
	describe('Oho Contact: generated inputs (property-based, fast-check)', () => {
		ref = useSandbox();

		afterAll(() => {
			const inputsTried = Object.values(tried).reduce(
				(sum, tally) => sum + tally.valid + tally.invalid,
				0,
			);
			const { totals } = writeSummaryPart({
				suite: 'inputs-oho-contact',
				finishedAt: new Date().toISOString(),
				seed: gen.SEED,
				inputsTried,
				byOperation: tried,
			});
			console.log(
				`Oho Contact generated inputs (seed ${gen.SEED}): ${inputsTried} items tried\n${JSON.stringify(tried, null, 1)}\nreliability totals so far: ${JSON.stringify(totals)}`,
			);
		});

		test.each(Object.keys(RUNS) as Operation[])(
			'%s: valid items reach the sandbox exactly as meant; each invalid item is one error naming its field, and nothing is sent for it',
			async (operation) => {
				await fc.assert(
					fc.asyncProperty(
						batches(operation),
						async ({ config, items }) => await checkBatch(operation, config, items),
					),
					gen.assertOptions(RUNS[operation], operation),
				);
			},
			120_000,
		);
	});
}

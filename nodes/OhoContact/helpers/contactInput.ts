import type { IDataObject, ResourceMapperValue } from 'n8n-workflow';

import type { ItemReading } from '../../common/router';
import type { InputProblem } from '../../common/validation';
import type { Cleaned, CleaningSettings } from '../cleaning';
import { cleanField } from '../cleaning';
import { tidyText } from '../cleaning/text';
import type { ContactFieldSpec } from '../descriptions/contactFields';
import { CONTACT_FIELDS, placeValue } from '../descriptions/contactFields';
import { splitFullName } from './fullName';

export type FieldValues = Record<string, unknown>;

/**
 * A value the node derived rather than read from a field of the same name: `from` is the input field it was split
 * from, or the contact fields (API paths) it fell back to.
 */
export interface DerivedField {
	field: string;
	value: unknown;
	from: string;
	/** A title such as "นาย" or "Mr." that the split left out of the first name. */
	titleLeftOut?: string;
}

/** The contact fields of one item: cleaned values, what was given, and what could not be used. */
export interface ContactInput {
	/** Cleaned values by API path; a field not given (or blank) is absent. */
	values: FieldValues;
	/** The values as given, by API path, so a warning or an error shows what the operator sent. */
	given: FieldValues;
	/** Values cleaning could not read. */
	problems: InputProblem[];
	/** Map Automatically: the input fields no contact field took, nor a parameter's reference. */
	unmappedFields?: string[];
	/** First and Last Name split from a full name. */
	derived: DerivedField[];
}

/**
 * "First Name", "first_name", "firstName" and "FIRST-NAME" all become "firstname", so form columns find their
 * field; Thai column names keep their letters ("เบอร์โทร").
 */
export const normalizeKey = (key: string) =>
	key
		.normalize('NFC')
		.toLowerCase()
		.replace(/[\s_\-.:()[\]/\u200B-\u200D\u2060\uFEFF]/g, '');

const FIELDS_BY_KEY = new Map<string, ContactFieldSpec>();
for (const field of CONTACT_FIELDS) {
	for (const key of [
		field.path,
		field.path.split('.').pop()!,
		field.param,
		field.displayName,
		...(field.columnNames ?? []),
	]) {
		FIELDS_BY_KEY.set(normalizeKey(key), field);
	}
}

/** Nothing, empty text, or a lone dash: Thai forms and sheets write "-" for "none". */
export function isBlank(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && /^[-\u2013\u2014]?$/.test(tidyText(value)))
	);
}

/** Tags and labels are the operator's own words: trimmed, never rewritten inside. */
function toList(value: unknown): Cleaned {
	const entries = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(',')
			: undefined;
	if (!entries) return { value };
	const cleaned = entries
		.map((entry) => (typeof entry === 'string' ? entry.trim() : entry))
		.filter((entry) => entry !== undefined && entry !== null && entry !== '');
	return { value: cleaned.length === 0 ? undefined : [...new Set(cleaned)] };
}

/** An attribute value as text: a number or boolean becomes its text; an object or list is left for validation to name. */
function toAttributeText(value: unknown): unknown {
	if (value === undefined || value === null) return '';
	return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

/** `{ name, value }` pairs from an attribute entry in any of the forms below; undefined when it names no attribute. */
function attributeEntry(entry: unknown): { name: unknown; value: unknown } | undefined {
	if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return undefined;
	const record = entry as Record<string, unknown>;
	const name = record.display_name ?? record.name;
	if (name === undefined) return undefined;
	const value = record.value;
	const text =
		typeof value === 'object' && value !== null && !Array.isArray(value) && 'text' in value
			? (value as { text: unknown }).text
			: value;
	return { name, value: text };
}

/**
 * The attributes an item gives: Set Each Field's rows; or, from Map Input Fields (a column or an input field named
 * attributes), a list of `{ display_name, value }` (value as text or `{ text }`, name also as `name`), an object of
 * name to value (`{ "Member Level": "Gold" }`), or either as JSON text.
 */
function attributePairs(value: unknown): Array<{ name: unknown; value: unknown }> | undefined {
	if (typeof value === 'string') {
		try {
			return attributePairs(JSON.parse(value));
		} catch {
			return undefined;
		}
	}
	const rows = (value as { attribute?: Array<{ name?: unknown; value?: unknown }> } | null)
		?.attribute;
	if (Array.isArray(rows)) return rows.map((row) => ({ name: row.name, value: row.value }));
	if (Array.isArray(value)) {
		const entries = value.map(attributeEntry);
		return entries.every((entry) => entry !== undefined)
			? (entries as Array<{ name: unknown; value: unknown }>)
			: undefined;
	}
	if (typeof value === 'object' && value !== null)
		return Object.entries(value).map(([name, text]) => ({ name, value: text }));
	return undefined;
}

function toAttributes(value: unknown): Cleaned {
	const pairs = attributePairs(value);
	if (!pairs) {
		return {
			problem:
				'must be a list of { "display_name": ..., "value": ... } or an object of name and value, like { "Member Level": "Gold" }',
		};
	}
	const attributes = pairs.map((entry) => ({
		display_name: typeof entry.name === 'string' ? entry.name.trim() : entry.name,
		value: { text: toAttributeText(entry.value) },
	}));
	return { value: attributes.length === 0 ? undefined : attributes };
}

/**
 * Turns what the operator gave into the API's value (a blank means "not given"). Lists are split and tidied,
 * attributes shaped; every other field goes through the one cleaning step (cleaning/).
 */
function convert(field: ContactFieldSpec, value: unknown, settings: CleaningSettings): Cleaned {
	if (isBlank(value)) return { value: undefined };
	if (field.kind === 'list') return toList(value);
	if (field.kind === 'attributes') return toAttributes(value);
	return cleanField(field, value, settings);
}

export const FIELDS_BY_PATH = new Map(CONTACT_FIELDS.map((field) => [field.path, field]));
const FIRST_NAME = FIELDS_BY_PATH.get('first_name')!;
const LAST_NAME = FIELDS_BY_PATH.get('last_name')!;

/** Input fields Map Automatically splits into First and Last Name: what English and Thai forms call a full name. */
const FULL_NAME_KEYS = new Set(
	[
		'name',
		'Full Name',
		'Full Names',
		'Complete Name',
		'Customer Name',
		'Contact Name',
		'ชื่อ-นามสกุล',
		'ชื่อ-สกุล',
		'ชื่อและนามสกุล',
		'ชื่อเต็ม',
	].map(normalizeKey),
);

/** A full name the item gives: where from (the input field) and its text. */
interface FullNameSource {
	from: string;
	value: unknown;
}

/**
 * Reads the contact fields through `pick`. A full name is split into First Name (and Last Name, when that is not
 * given either) only when First Name is not given: a form with its own name columns keeps them.
 */
function collect(
	pick: (field: ContactFieldSpec) => unknown,
	settings: CleaningSettings,
	fullName?: FullNameSource,
): ContactInput {
	const input: ContactInput = { values: {}, given: {}, problems: [], derived: [] };
	const split =
		fullName && typeof fullName.value === 'string' && isBlank(pick(FIRST_NAME))
			? splitFullName(fullName.value)
			: undefined;
	const splitInto = new Map<ContactFieldSpec, string>();
	if (split) {
		splitInto.set(FIRST_NAME, split.first);
		if (split.last !== undefined && isBlank(pick(LAST_NAME))) splitInto.set(LAST_NAME, split.last);
	}
	for (const field of CONTACT_FIELDS) {
		const given = splitInto.get(field) ?? pick(field);
		if (given === undefined) continue;
		input.given[field.path] = given;
		const cleaned = convert(field, given, settings);
		if ('problem' in cleaned)
			input.problems.push({ path: field.path, problem: cleaned.problem, value: given });
		else if (cleaned.value !== undefined) input.values[field.path] = cleaned.value;
		if (splitInto.has(field)) {
			const title = field === FIRST_NAME && split?.title ? { titleLeftOut: split.title } : {};
			input.derived.push({
				field: field.path,
				value: input.values[field.path] ?? given,
				from: fullName!.from,
				...title,
			});
		}
	}
	return input;
}

/**
 * Map Automatically: each input field whose name matches a contact field the operation writes; the first non-blank
 * one wins a field, and a full-name field gives First and Last Name when the item has no First Name. The others
 * (and, for an operation that does not create, the fields only a create takes) are listed as unmapped, unless a
 * parameter reads them (a column dragged into User ID is in use).
 */
function autoMapped(
	item: ItemReading,
	input: IDataObject,
	settings: CleaningSettings,
): ContactInput {
	const byField = new Map<ContactFieldSpec, unknown>();
	const unused = new Set<string>();
	let fullName: FullNameSource | undefined;
	for (const [key, value] of Object.entries(input)) {
		const matched = FIELDS_BY_KEY.get(normalizeKey(key));
		const field = matched && (item.operation.creates || !matched.createOnly) ? matched : undefined;
		if (field && !byField.has(field) && !isBlank(value)) byField.set(field, value);
		else if (
			!field &&
			!fullName &&
			FULL_NAME_KEYS.has(normalizeKey(key)) &&
			typeof value === 'string' &&
			!isBlank(value)
		)
			fullName = { from: key, value };
		else if (!field || !isBlank(value)) unused.add(key);
	}
	const collected = collect((field) => byField.get(field), settings, fullName);
	if (fullName && collected.derived.length === 0) unused.add(fullName.from);
	const { fields: referenced } = item.run.parameters.itemFieldReferences();
	const unmappedFields = Object.keys(input).filter(
		(key) => unused.has(key) && !referenced.has(key),
	);
	return { ...collected, unmappedFields };
}

/** The resource-mapper column of a full name (methods/contactColumns.ts): split into First and Last Name. */
export const FULL_NAME_COLUMN = { id: 'full_name', displayName: 'Full Name' };

/**
 * The contact fields of one item, keyed by API path, from whichever way the operator chose to give them: with Set
 * Each Field, an operation that may create reads the create fields, one that only updates reads Update Fields.
 */
export function readContactFields(item: ItemReading, settings: CleaningSettings): ContactInput {
	const { ctx, itemIndex, run, operation } = item;
	const dataMode = run.parameters.value('dataMode', itemIndex, 'define') as string;
	if (dataMode === 'mapper') {
		const mapping = run.parameters.value('contactFields', itemIndex) as ResourceMapperValue;
		if (mapping.mappingMode === 'autoMapInputData')
			return autoMapped(item, ctx.getInputData()[itemIndex].json, settings);
		const value = (mapping.value ?? {}) as IDataObject;
		const fullName = { from: FULL_NAME_COLUMN.displayName, value: value[FULL_NAME_COLUMN.id] };
		return collect((field) => value[field.path.split('.').pop()!], settings, fullName);
	}
	const collection = run.parameters.value(
		operation.creates ? 'additionalFields' : 'updateFields',
		itemIndex,
		{},
	) as IDataObject;
	return collect(
		(field) =>
			field.requiredOnCreate && operation.creates
				? run.parameters.value(field.param, itemIndex, '')
				: placeValue(collection[field.param]),
		settings,
	);
}

const SHOWN_UNUSED_FIELDS = 10;

/**
 * The input fields of the item that nothing used, for an error about a missing value: what Map Automatically left
 * unmapped, or else the fields no parameter references. Undefined when that cannot be known (a parameter holds an
 * expression that may read any field) or nothing is left.
 */
export function unusedInputFields(
	{ ctx, itemIndex, run }: ItemReading,
	input: ContactInput,
): string | undefined {
	let unused = input.unmappedFields;
	if (!unused) {
		const { fields, complete } = run.parameters.itemFieldReferences();
		if (!complete) return undefined;
		unused = Object.keys(ctx.getInputData()[itemIndex]?.json ?? {}).filter(
			(key) => !fields.has(key),
		);
	}
	if (unused.length === 0) return undefined;
	const more = unused.length - SHOWN_UNUSED_FIELDS;
	return unused.slice(0, SHOWN_UNUSED_FIELDS).join(', ') + (more > 0 ? ` and ${more} more` : '');
}

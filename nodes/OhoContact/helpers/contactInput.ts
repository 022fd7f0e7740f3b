import type { IDataObject, IExecuteFunctions, ResourceMapperValue } from 'n8n-workflow';

import { nodeParameter } from '../../shared/parameters';
import type { InputProblem } from '../../shared/validation';
import type { Cleaned, CleaningSettings } from '../cleaning';
import { cleanField } from '../cleaning';
import { tidyText } from '../cleaning/text';
import type { ContactFieldSpec } from '../descriptions/contactFields';
import { CONTACT_FIELDS, placeValue } from '../descriptions/contactFields';

export type FieldValues = Record<string, unknown>;

/** The contact fields of one item: cleaned values, what was given, and what could not be used. */
export interface ContactInput {
	/** Cleaned values by API path; a field not given (or blank) is absent. */
	values: FieldValues;
	/** The values as given, by API path, so a warning or an error shows what the operator sent. */
	given: FieldValues;
	/** Values cleaning could not read. */
	problems: InputProblem[];
	/** Map Automatically: the input fields no contact field took. */
	unmappedFields?: string[];
}

/**
 * "First Name", "first_name", "firstName" and "FIRST-NAME" all become "firstname", so form columns find their
 * field; Thai column names keep their letters ("เบอร์โทร").
 */
const normalizeKey = (key: string) =>
	key
		.normalize('NFC')
		.toLowerCase()
		.replace(/[\s_\-.:()[\]/\u200B-\u200D\u2060\uFEFF]/g, '');

const FIELDS_BY_KEY = new Map<string, ContactFieldSpec>();
for (const field of CONTACT_FIELDS) {
	for (const key of [field.path, field.path.split('.').pop()!, field.param, field.displayName, ...(field.columnNames ?? [])]) {
		FIELDS_BY_KEY.set(normalizeKey(key), field);
	}
}

/** Nothing, empty text, or a lone dash: Thai forms and sheets write "-" for "none". */
function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && /^[-\u2013\u2014]?$/.test(tidyText(value)));
}

/** Tags and labels are the operator's own words: trimmed, never rewritten inside. */
function toList(value: unknown): Cleaned {
	const entries = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined;
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

function toAttributes(value: unknown): Cleaned {
	const entries = (value as { attribute?: Array<{ name?: unknown; value?: unknown }> })?.attribute;
	if (!Array.isArray(entries)) return { value: Array.isArray(value) && value.length > 0 ? value : undefined };
	const attributes = entries.map((entry) => ({
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

function collect(pick: (field: ContactFieldSpec) => unknown, settings: CleaningSettings): ContactInput {
	const input: ContactInput = { values: {}, given: {}, problems: [] };
	for (const field of CONTACT_FIELDS) {
		const given = pick(field);
		if (given === undefined) continue;
		input.given[field.path] = given;
		const cleaned = convert(field, given, settings);
		if ('problem' in cleaned) input.problems.push({ path: field.path, problem: cleaned.problem, value: given });
		else if (cleaned.value !== undefined) input.values[field.path] = cleaned.value;
	}
	return input;
}

/**
 * Map Automatically: each input field whose name matches a contact field the operation writes; the first non-blank
 * one wins a field. The others (and, for Update, the fields only Create takes) are listed as unmapped.
 */
function autoMapped(input: IDataObject, operation: string, settings: CleaningSettings): ContactInput {
	const byField = new Map<ContactFieldSpec, unknown>();
	const unmappedFields: string[] = [];
	for (const [key, value] of Object.entries(input)) {
		const matched = FIELDS_BY_KEY.get(normalizeKey(key));
		const field = matched && (operation !== 'update' || !matched.createOnly) ? matched : undefined;
		if (field && field.kind !== 'attributes' && !byField.has(field) && !isBlank(value)) byField.set(field, value);
		else if (!field || !isBlank(value)) unmappedFields.push(key);
	}
	return { ...collect((field) => byField.get(field), settings), unmappedFields };
}

/** The contact fields of one item, keyed by API path, from whichever way the operator chose to give them. */
export function readContactFields(
	ctx: IExecuteFunctions,
	itemIndex: number,
	operation: string,
	settings: CleaningSettings,
): ContactInput {
	const dataMode = nodeParameter(ctx, 'dataMode', itemIndex, 'define') as string;
	if (dataMode === 'mapper') {
		const mapping = nodeParameter(ctx, 'contactFields', itemIndex) as ResourceMapperValue;
		if (mapping.mappingMode === 'autoMapInputData') return autoMapped(ctx.getInputData()[itemIndex].json, operation, settings);
		const value = (mapping.value ?? {}) as IDataObject;
		return collect((field) => value[field.path.split('.').pop()!], settings);
	}
	const collection = nodeParameter(ctx, operation === 'update' ? 'updateFields' : 'additionalFields', itemIndex, {}) as IDataObject;
	return collect(
		(field) =>
			field.requiredOnCreate && operation !== 'update'
				? nodeParameter(ctx, field.param, itemIndex, '')
				: placeValue(collection[field.param]),
		settings,
	);
}

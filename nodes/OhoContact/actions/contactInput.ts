import type { IDataObject, IExecuteFunctions, ResourceMapperValue } from 'n8n-workflow';

import type { ContactIdentity } from '../../shared/oho/identity';
import { nodeParameter } from '../../shared/parameters';
import type { ContactFieldSpec } from '../descriptions/contactFields';
import { CONTACT_FIELDS } from '../descriptions/contactFields';
import type { CreateContactBody, UpdateContactBody } from '../schema';
import { UPDATABLE_KEYS } from '../schema';

type FieldValues = Record<string, unknown>;

/** "First Name", "first_name" and "firstName" all become "firstname", so form columns find their field. */
const normalizeKey = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, '');

const FIELDS_BY_KEY = new Map<string, ContactFieldSpec>();
for (const field of CONTACT_FIELDS) {
	for (const key of [field.path, field.path.split('.').pop()!, field.param, field.displayName]) {
		FIELDS_BY_KEY.set(normalizeKey(key), field);
	}
}

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function toList(value: unknown): unknown {
	const entries = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined;
	if (!entries) return value;
	const cleaned = entries.map((entry) => (typeof entry === 'string' ? entry.trim() : entry)).filter((entry) => !isBlank(entry));
	return [...new Set(cleaned)];
}

function toDate(value: unknown): unknown {
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	if (typeof value === 'object' && value !== null && typeof (value as { toISODate?: unknown }).toISODate === 'function') {
		return (value as { toISODate: () => string }).toISODate();
	}
	if (typeof value === 'string') {
		const match = /^(\d{4}-\d{2}-\d{2})(?:[T ]|$)/.exec(value.trim());
		return match ? match[1] : value.trim();
	}
	return value;
}

/** An attribute value as text: a number or boolean becomes its text; an object or list is left for validation to name. */
function toAttributeText(value: unknown): unknown {
	if (value === undefined || value === null) return '';
	return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

function toAttributes(value: unknown): unknown {
	const entries = (value as { attribute?: Array<{ name?: unknown; value?: unknown }> })?.attribute;
	if (!Array.isArray(entries)) return Array.isArray(value) ? value : undefined;
	return entries.map((entry) => ({
		display_name: typeof entry.name === 'string' ? entry.name.trim() : entry.name,
		value: { text: toAttributeText(entry.value) },
	}));
}

/**
 * Turns what the operator gave into the API's value: trims text, drops blanks (a form's empty field means
 * "not given"), reads numbers and dates, splits lists. A value it cannot read is passed on unchanged,
 * so validation names it.
 */
function convert(field: ContactFieldSpec, value: unknown): unknown {
	if (isBlank(value)) return undefined;
	switch (field.kind) {
		case 'number': {
			const number = typeof value === 'string' ? Number(value.trim()) : value;
			return typeof number === 'number' && !Number.isNaN(number) ? number : value;
		}
		case 'date':
			return toDate(value);
		case 'list': {
			const list = toList(value);
			return Array.isArray(list) && list.length === 0 ? undefined : list;
		}
		case 'attributes': {
			const attributes = toAttributes(value);
			return Array.isArray(attributes) && attributes.length === 0 ? undefined : attributes;
		}
		default: {
			if (typeof value !== 'string') return typeof value === 'number' ? String(value) : value;
			return field.param === 'phone' ? value.replace(/[\s\-.()]/g, '') : value.trim();
		}
	}
}

function collect(pick: (field: ContactFieldSpec) => unknown): FieldValues {
	const values: FieldValues = {};
	for (const field of CONTACT_FIELDS) {
		const value = convert(field, pick(field));
		if (value !== undefined) values[field.path] = value;
	}
	return values;
}

/** The contact fields of one item, keyed by API path, from whichever way the operator chose to give them. */
export function readContactFields(ctx: IExecuteFunctions, itemIndex: number, operation: string): FieldValues {
	const dataMode = nodeParameter(ctx, 'dataMode', itemIndex, 'define') as string;
	if (dataMode === 'mapper') {
		const mapping = nodeParameter(ctx, 'contactFields', itemIndex) as ResourceMapperValue;
		if (mapping.mappingMode === 'autoMapInputData') {
			const input = ctx.getInputData()[itemIndex].json;
			const byField = new Map<ContactFieldSpec, unknown>();
			for (const [key, value] of Object.entries(input)) {
				const field = FIELDS_BY_KEY.get(normalizeKey(key));
				if (field && field.kind !== 'attributes' && !byField.has(field)) byField.set(field, value);
			}
			return collect((field) => byField.get(field));
		}
		const value = (mapping.value ?? {}) as IDataObject;
		return collect((field) => value[field.path.split('.').pop()!]);
	}
	const collection = nodeParameter(ctx, operation === 'update' ? 'updateFields' : 'additionalFields', itemIndex, {}) as IDataObject;
	return collect((field) =>
		field.requiredOnCreate && operation !== 'update'
			? nodeParameter(ctx, field.param, itemIndex, '')
			: collection[field.param],
	);
}

/** The body of create (2.2): identity in social_profile, display name defaulting to the platform display name. */
export function createBody(identity: ContactIdentity, fields: FieldValues): CreateContactBody {
	const body: IDataObject = {
		social_profile: {
			platform: identity.platform,
			id: identity.userId,
			platform_id: identity.platformId,
			platform_name: fields['social_profile.platform_name'],
			line_basic_id: fields['social_profile.line_basic_id'] ?? '',
		},
	};
	for (const [path, value] of Object.entries(fields)) {
		if (!path.startsWith('social_profile.')) body[path] = value as IDataObject[string];
	}
	body.display_name ??= body.platform_display_name as string | undefined;
	return body as unknown as CreateContactBody;
}

/** The body of update (2.3): only the fields the API lets an update change. */
export function updateBody(fields: FieldValues): UpdateContactBody {
	const body: IDataObject = {};
	for (const key of UPDATABLE_KEYS) {
		if (fields[key] !== undefined) body[key] = fields[key] as IDataObject[string];
	}
	return body as UpdateContactBody;
}

import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { customerSchema } from '../schema';

/** Fields whose documented form is a date without a time (`YYYY-MM-DD`); an answer may carry a time after it. */
const DATE_ONLY_FIELDS = new Set(['customerBirthdate', 'contactBirthdate']);
const DATE_ONLY = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/;

/** `value` as the create's body documents it under `schema`, keeping only what fits; undefined when nothing does. */
function inDocumentedForm(schema: z.ZodTypeAny, value: unknown, field?: string): unknown {
	if (value === null || value === undefined) return undefined;
	const inner = schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodTypeAny) : schema;
	if (field !== undefined && DATE_ONLY_FIELDS.has(field)) {
		const date = typeof value === 'string' ? DATE_ONLY.exec(value) : null;
		return date ? date[1] : undefined;
	}
	if (inner instanceof z.ZodObject) {
		if (typeof value !== 'object' || Array.isArray(value)) return undefined;
		const picked = documentedFields(inner, value as IDataObject);
		return inner.safeParse(picked).success ? picked : undefined;
	}
	if (inner instanceof z.ZodArray) {
		if (!Array.isArray(value)) return undefined;
		const element = inner.element as z.ZodTypeAny;
		const items = value
			.map((entry) => inDocumentedForm(element, entry))
			.filter((entry) => entry !== undefined);
		return items.length > 0 ? items : undefined;
	}
	if (inner instanceof z.ZodRecord) {
		if (typeof value !== 'object' || Array.isArray(value)) return undefined;
		const entries = Object.entries(value as IDataObject).filter(
			([, entry]) => (inner.valueSchema as z.ZodTypeAny).safeParse(entry).success,
		);
		return entries.length > 0 ? Object.fromEntries(entries) : undefined;
	}
	return inner.safeParse(value).success ? value : undefined;
}

/** The fields of `value` that `schema` names, each in its documented form (those that do not fit are left out). */
function documentedFields(
	schema: z.AnyZodObject,
	value: IDataObject,
	except: string[] = [],
): IDataObject {
	const shape = schema.shape as Record<string, z.ZodTypeAny>;
	const picked: IDataObject = {};
	for (const key of Object.keys(shape)) {
		if (except.includes(key)) continue;
		const part = inDocumentedForm(shape[key], value[key], key);
		if (part !== undefined) picked[key] = part as IDataObject[string];
	}
	return picked;
}

/**
 * The customer Venio holds (the `data` of Get a Customer By CustomerCode) as the body of Create or Update customer:
 * every field docs/api/gofive-customer.md § "3.1 Create or Update customer" documents, in its documented form, and
 * nothing else (ids, audit dates and any field the contract does not name are left out, as are values that do not
 * fit, such as a `null`). The contact person, under `contacts` or `contact`, is returned apart: the caller places it
 * as the run's reading says.
 */
export function recordAsBody(customer: IDataObject): {
	record: IDataObject;
	contacts: IDataObject[];
} {
	// The record is kept field by field, not refused whole when one of its fields does not fit.
	const record = documentedFields(customerSchema, customer, ['contact', 'contacts']);
	const { contact, contacts } = customerSchema.shape;
	const many = inDocumentedForm(contacts, customer.contacts) as IDataObject[] | undefined;
	const one = inDocumentedForm(contact, customer.contact) as IDataObject | undefined;
	return { record, contacts: [...(many ?? []), ...(one ? [one] : [])] };
}

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
		const shape = inner.shape as Record<string, z.ZodTypeAny>;
		const picked: IDataObject = {};
		for (const key of Object.keys(shape)) {
			const part = inDocumentedForm(shape[key], (value as IDataObject)[key], key);
			if (part !== undefined) picked[key] = part as IDataObject[string];
		}
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
	const shape = customerSchema.shape as Record<string, z.ZodTypeAny>;
	const record: IDataObject = {};
	for (const key of Object.keys(shape)) {
		if (key === 'contact' || key === 'contacts') continue;
		const value = inDocumentedForm(shape[key], customer[key], key);
		if (value !== undefined) record[key] = value as IDataObject[string];
	}
	const contacts = [
		...((inDocumentedForm(shape.contacts, customer.contacts) as IDataObject[] | undefined) ?? []),
		...[inDocumentedForm(shape.contact, customer.contact) as IDataObject | undefined].filter(
			(contact): contact is IDataObject => contact !== undefined,
		),
	];
	return { record, contacts };
}

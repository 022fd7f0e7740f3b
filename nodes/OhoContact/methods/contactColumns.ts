import type { FieldType, ResourceMapperFields } from 'n8n-workflow';

import type { FieldKind } from '../descriptions/contactFields';
import { CONTACT_FIELDS } from '../descriptions/contactFields';

/**
 * Places and dates are text columns: n8n checks a mapped value against its column's type before the node sees it,
 * and would refuse a Thai province name against an English list, or a Buddhist-era date such as 15/03/2535,
 * which cleaning (cleaning/places.ts, cleaning/birthDate.ts) reads.
 */
const COLUMN_TYPES: Record<Exclude<FieldKind, 'attributes'>, FieldType> = {
	string: 'string',
	number: 'number',
	options: 'options',
	place: 'string',
	date: 'string',
	list: 'string',
};

/** The resource-mapper columns for an operation: every contact field that operation can write. */
export function contactColumns(operation: string): ResourceMapperFields {
	const creating = operation !== 'update';
	return {
		fields: CONTACT_FIELDS.filter((field) => field.kind !== 'attributes' && (creating || !field.createOnly)).map(
			(field) => ({
				id: field.path.split('.').pop()!,
				displayName: field.kind === 'list' ? `${field.displayName} (comma-separated)` : field.displayName,
				required: creating && field.requiredOnCreate === true && field.param !== 'lineBasicId',
				defaultMatch: false,
				canBeUsedToMatch: false,
				display: true,
				type: COLUMN_TYPES[field.kind as Exclude<FieldKind, 'attributes'>],
				options: field.options,
			}),
		),
	};
}

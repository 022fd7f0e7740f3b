import type { FieldType, ResourceMapperFields } from 'n8n-workflow';

import type { FieldKind } from '../descriptions/contactFields';
import { CONTACT_FIELDS } from '../descriptions/contactFields';

/**
 * Places and dates are text columns: the editor shows an options column as a dropdown filtered by its English
 * labels only, and a date column as a date picker that drops a typed 15/03/2535. As text they take a Thai name or a
 * Buddhist-era date, which cleaning reads (cleaning/places.ts, cleaning/birthDate.ts).
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

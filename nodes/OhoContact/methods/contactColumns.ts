import type { FieldType, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import type { ContactFieldSpec, FieldKind } from '../descriptions/contactFields';
import { askedOnCreate, CONTACT_FIELDS } from '../descriptions/contactFields';
import { operationOf } from '../../common/operations';
import { CONTACT_OPERATIONS } from '../actions/operations';
import { FULL_NAME_COLUMN } from '../helpers/contactInput';

/**
 * Places and dates are text columns: the editor shows an options column as a dropdown filtered by its English
 * labels only, and a date column as a date picker that drops a typed 15/03/2535. As text they take a Thai name or a
 * Buddhist-era date, which cleaning reads (cleaning/places.ts, cleaning/birthDate.ts).
 */
const COLUMN_TYPES: Record<FieldKind, FieldType> = {
	// An object of name and value ({ "Member Level": "Gold" }) or a list of { display_name, value } (helpers/contactInput.ts).
	attributes: 'object',
	string: 'string',
	number: 'number',
	options: 'options',
	place: 'string',
	date: 'string',
	list: 'string',
};

const column = (field: ContactFieldSpec, creating: boolean): ResourceMapperField => ({
	id: field.path.split('.').pop()!,
	displayName:
		field.kind === 'list'
			? `${field.displayName} (comma-separated)`
			: field.kind === 'attributes'
				? `${field.displayName} (e.g. {"Member Level": "Gold"})`
				: field.displayName,
	// A Full Name can give the First Name, so the mapper does not ask for it; the body is checked when it runs.
	required: creating && askedOnCreate(field) && field.path !== 'first_name',
	defaultMatch: false,
	canBeUsedToMatch: false,
	display: true,
	type: COLUMN_TYPES[field.kind],
	options: field.options,
});

/** The column of a full name, split into First Name and (when it is not given) Last Name when First Name is empty. */
const fullNameColumn: ResourceMapperField = {
	...FULL_NAME_COLUMN,
	displayName: `${FULL_NAME_COLUMN.displayName} (split into First and Last Name)`,
	required: false,
	defaultMatch: false,
	canBeUsedToMatch: false,
	display: true,
	type: 'string',
};

/**
 * The resource-mapper columns for an operation: every contact field that operation can write (an operation that does
 * not create, none that only a create takes), and Full Name before First Name.
 */
export function contactColumns(operation: string): ResourceMapperFields {
	const creating = operationOf(CONTACT_OPERATIONS, operation)?.creates === true;
	const fields = CONTACT_FIELDS.filter((field) => creating || !field.createOnly);
	return {
		fields: fields.flatMap((field) =>
			field.path === 'first_name'
				? [fullNameColumn, column(field, creating)]
				: [column(field, creating)],
		),
	};
}

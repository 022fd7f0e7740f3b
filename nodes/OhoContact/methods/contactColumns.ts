import type { FieldType, ResourceMapperFields } from 'n8n-workflow';

import { ACCOUNT_GIVEN_PARAMS } from '../../shared/oho/account';
import type { FieldKind } from '../descriptions/contactFields';
import { CONTACT_FIELDS } from '../descriptions/contactFields';

const COLUMN_TYPES: Record<Exclude<FieldKind, 'attributes'>, FieldType> = {
	string: 'string',
	number: 'number',
	options: 'options',
	date: 'dateTime',
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
				required: creating && field.requiredOnCreate === true && !ACCOUNT_GIVEN_PARAMS.includes(field.param),
				defaultMatch: false,
				canBeUsedToMatch: false,
				display: true,
				type: COLUMN_TYPES[field.kind as Exclude<FieldKind, 'attributes'>],
				options: field.options,
			}),
		),
	};
}

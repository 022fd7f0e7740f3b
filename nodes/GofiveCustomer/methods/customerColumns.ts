import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { CUSTOMER_FIELDS } from '../descriptions/customerColumns';
import { CUSTOMER_LABELS } from '../schema';

/**
 * The Map Input Fields columns: every one-value field of Create or Update. Dates and phones are text columns, so a
 * Thai or Buddhist-era date and a phone in any form reach the cleaning as written; lists are comma-separated text.
 */
export async function getCustomerColumns(
	this: ILoadOptionsFunctions,
): Promise<ResourceMapperFields> {
	return {
		fields: CUSTOMER_FIELDS.map((field) => ({
			id: field.name,
			displayName:
				field.read === 'list'
					? `${CUSTOMER_LABELS[field.path]} (comma-separated)`
					: CUSTOMER_LABELS[field.path],
			required: field.required === true,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: field.options ? 'options' : 'string',
			options: field.options?.map(({ name, value }) => ({ name, value })),
		})),
	};
}

import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { contactColumns } from './contactColumns';

/** The resource mapper's columns: the contact fields the chosen operation can write. */
export async function getContactColumns(
	this: ILoadOptionsFunctions,
): Promise<ResourceMapperFields> {
	// In a load-options method the second argument is the fallback value, not an item index.
	return contactColumns(this.getNodeParameter('operation', 'upsert') as string);
}

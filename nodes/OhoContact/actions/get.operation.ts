import type { IDataObject } from 'n8n-workflow';

import type { ContactOperation } from './common';
import { getContact } from './common';

/** Get (2.1): the stored contact, as Oho returns it. */
export const get: ContactOperation = async (op, identity) => {
	const response = await getContact(op, identity);
	const contact = { ...((response.body.data ?? {}) as IDataObject) };
	if (op.settings.includeRawResponse) contact.rawResponse = response.body;
	return contact;
};

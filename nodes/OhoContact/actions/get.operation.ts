import { credentialReport } from '../../shared/oho/account';
import { readableContact } from '../../shared/oho/storedContact';
import { getContact } from '../helpers/requests';
import type { ContactOperation } from './router';

/** Get (docs/api/oho.md § "Get contact"): the stored contact as Oho returns it, with its tags and labels also as plain text lists and age a number. */
export const execute: ContactOperation = async (op, identity) => {
	const response = await getContact(op, identity);
	const contact = { ...readableContact(response.body.data), ...credentialReport(identity) };
	if (op.settings.includeRawResponse) contact.rawResponse = response.body;
	return contact;
};

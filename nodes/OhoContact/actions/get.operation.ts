import { credentialReport } from '../../common/oho/account';
import { readableContact } from '../../common/oho/storedContact';
import { apiError, describeBody } from '../../common/transport/errors';
import { getContact } from '../helpers/requests';
import type { ContactOperation } from './contactOperation';

const hasFields = (data: unknown) =>
	typeof data === 'object' && data !== null && !Array.isArray(data) && Object.keys(data).length > 0;

/**
 * Get (docs/api/oho.md § "Get contact"): the stored contact as Oho returns it, with its tags and labels also as plain
 * text lists and age a number. A success answer without a contact in `data` fails the item (docs/api/oho.md § "Found
 * contact answer"): an empty item would read as a contact with no fields.
 */
export const execute: ContactOperation = async (op, identity) => {
	const response = await getContact(op, identity);
	if (!hasFields(response.body.data)) {
		const data = response.body.data;
		throw apiError(op.ctx, op.itemIndex, {
			message: `Oho answered that it found the contact, but its answer holds no contact (data is ${data === undefined ? 'missing' : describeBody(data) || 'empty'})`,
			description:
				'Nothing was read for this item. Try again; if Oho keeps answering this way, turn on Include Raw API Response (under Advanced) to see its whole answer.',
			httpCode: String(response.status),
		});
	}
	const contact = { ...readableContact(response.body.data), ...credentialReport(identity) };
	if (op.settings.includeRawResponse) contact.rawResponse = response.body;
	return contact;
};

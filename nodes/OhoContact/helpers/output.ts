import type { IDataObject } from 'n8n-workflow';

import { credentialReport } from '../../shared/oho/account';
import type { ContactIdentity } from '../../shared/oho/identity';
import { readableContact } from '../../shared/oho/storedContact';
import type { ItemContext } from '../../shared/router';
import type { ApiResponse } from '../../shared/transport/types';
import { getContact } from './requests';

/** The output of a write: what happened, what was written, and on request the stored contact and raw answer. */
export async function writeOutput(
	op: ItemContext,
	identity: ContactIdentity,
	operation: 'created' | 'updated' | 'exists',
	response: ApiResponse,
	contact: IDataObject,
	message = response.outcome.message,
	report: IDataObject = {},
): Promise<IDataObject> {
	const options = op.run.parameters.value('options', op.itemIndex, {}) as IDataObject;
	const output: IDataObject = {
		operation,
		message,
		platform: identity.platform,
		platform_id: identity.platformId,
		user_id: identity.userId,
		contact,
		...credentialReport(identity, contact),
		...report,
	};
	if (options.returnStoredContact === true) {
		// The write is done: a read-back that fails must not turn it into a failed item (a re-run would write again).
		try {
			output.storedContact = readableContact((await getContact(op, identity)).body.data);
		} catch (error) {
			output.storedContactError = (error as Error).message;
		}
	}
	if (op.settings.includeRawResponse) output.rawResponse = response.body;
	return output;
}

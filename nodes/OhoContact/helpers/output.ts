import type { IDataObject } from 'n8n-workflow';

import { credentialReport } from '../../common/oho/account';
import type { ContactIdentity } from '../../common/oho/identity';
import { readableContact } from '../../common/oho/storedContact';
import type { ItemContext } from '../../common/router';
import type { ApiResponse } from '../../common/transport/types';
import { getContact } from './requests';

/** What a write did, for its output item. */
export interface WriteOutcome {
	/** What happened to the contact: `exists` is a create whose contact was there already. */
	operation: 'created' | 'updated' | 'exists';
	/** The answer of the write. */
	response: ApiResponse;
	/** What was written (the body sent). */
	contact: IDataObject;
	/** The output's message; the API's own when not given. */
	message?: string;
	/** What the output says about the input (helpers/contactBody.ts inputReport). */
	report?: IDataObject;
}

/** The output of a write: what happened, what was written, and on request the stored contact and raw answer. */
export async function writeOutput(
	op: ItemContext,
	identity: ContactIdentity,
	{ operation, response, contact, message = response.outcome.message, report = {} }: WriteOutcome,
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

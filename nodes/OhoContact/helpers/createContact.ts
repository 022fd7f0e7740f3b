import type { IDataObject } from 'n8n-workflow';

import { fillFromAccount } from '../../shared/oho/account';
import type { ContactIdentity } from '../../shared/oho/identity';
import { readableContact, storedMatches } from '../../shared/oho/storedContact';
import type { ItemContext } from '../../shared/router';
import { readCleaningOptions } from '../descriptions/cleaningOptions';
import { checkedBody } from './contactBody';
import { readContactFields } from './contactInput';
import { getContact, ohoCall } from './requests';

/**
 * Sends create (docs/api/oho.md § "Create contact"). Resending after a timeout is safe: a contact that the lost attempt did create answers 409,
 * which is then reported as this create's success rather than as a conflict.
 */
export async function sendCreate(op: ItemContext, operation: string, identity: ContactIdentity) {
	const cleaning = readCleaningOptions(op.ctx, op.itemIndex);
	const input = readContactFields(op.ctx, op.itemIndex, operation, cleaning);
	fillFromAccount(op, identity, input);
	const checked = checkedBody(op, 'create', input, cleaning.skipInvalid, identity);
	const response = await ohoCall(op, {
		method: 'POST',
		path: '/contact',
		body: checked.body as IDataObject,
		idempotent: true,
		handledStatuses: [409],
	});
	return {
		input: { ...input, values: checked.values, problems: [] },
		body: checked.body,
		cleaning,
		warnings: checked.warnings,
		/** What this create derived: a split full name and create's fallbacks. */
		derived: [...input.derived, ...checked.derived],
		response,
	};
}

/**
 * A 409 after an attempt whose answer was lost: that attempt may have created the contact, or it existed before.
 * The stored contact says which: created only when it holds every value sent.
 */
export async function earlierCreate(op: ItemContext, identity: ContactIdentity, sent: IDataObject, unclearAttempt: string) {
	const storedContact = readableContact((await getContact(op, identity)).body.data);
	if (storedMatches(storedContact, sent, op.ctx.getTimezone())) {
		return { created: true, storedContact, message: `Created contact successfully (an earlier attempt ${unclearAttempt}; the stored contact holds what was sent)` };
	}
	return {
		created: false,
		storedContact,
		message: `The contact already exists (an earlier attempt ${unclearAttempt}; the stored contact differs from what was sent, so it was not created now)`,
	};
}

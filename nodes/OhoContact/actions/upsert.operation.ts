import type { IDataObject } from 'n8n-workflow';

import { updateContact, withListChanges } from '../helpers/addToExisting';
import { checkedBody, inputReport } from '../helpers/contactBody';
import { earlierCreate, sendCreate } from '../helpers/createContact';
import { writeOutput } from '../helpers/output';
import type { ContactOperation } from './contactOperation';

/**
 * Upsert, which the API lacks (docs/api/oho.md § "Upsert"): create; when Oho answers 409 (the contact exists), update the same
 * contact with the fields an update accepts. The output's "operation" says which happened.
 */
export const execute: ContactOperation = async (op, identity) => {
	const { input, body, cleaning, warnings, derived, response } = await sendCreate(op, identity);
	const createReport = inputReport(cleaning.skipInvalid, warnings, input.unmappedFields, derived);
	const created = {
		operation: 'created',
		response,
		contact: body as IDataObject,
		report: createReport,
	} as const;
	if (response.status !== 409) return await writeOutput(op, identity, created);
	// A 409 after an attempt whose answer was lost (a 502, a reset): that attempt made the contact only if the stored
	// one holds what was sent; otherwise it existed before and is updated.
	if (response.unclearAttempt !== undefined) {
		const earlier = await earlierCreate(op, identity, body as IDataObject, response.unclearAttempt);
		if (earlier.created)
			return await writeOutput(op, identity, { ...created, message: earlier.message });
	}
	const changes = checkedBody(
		op,
		'update',
		await withListChanges(op, identity, input),
		cleaning.skipInvalid,
	);
	const updated = await updateContact(op, identity, changes.body);
	// The update gets no fallback: only the split full name, which the item gave.
	const report = inputReport(
		cleaning.skipInvalid,
		[...warnings, ...changes.warnings],
		input.unmappedFields,
		input.derived,
	);
	return await writeOutput(op, identity, {
		operation: 'updated',
		response: updated.response,
		contact: updated.body as IDataObject,
		report,
	});
};

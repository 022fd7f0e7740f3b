import type { IDataObject } from 'n8n-workflow';

import { readCleaningOptions } from '../descriptions/cleaningOptions';
import { updateContact, withListChanges } from '../helpers/addToExisting';
import { checkedBody, inputReport } from '../helpers/contactBody';
import { readContactFields } from '../helpers/contactInput';
import { writeOutput } from '../helpers/output';
import type { ContactOperation } from './contactOperation';

/** Update (docs/api/oho.md § "Update contact"): only the fields given are sent. */
export const execute: ContactOperation = async (op, identity) => {
	const cleaning = readCleaningOptions(op);
	const input = await withListChanges(op, identity, readContactFields(op, cleaning));
	const { body, warnings } = checkedBody(op, 'update', input, cleaning.skipInvalid);
	const { response, body: sent } = await updateContact(op, identity, body);
	const report = inputReport(cleaning.skipInvalid, warnings, input.unmappedFields, input.derived);
	return await writeOutput(op, identity, {
		operation: 'updated',
		response,
		contact: sent as IDataObject,
		report,
	});
};

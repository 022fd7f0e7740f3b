import type { IDataObject } from 'n8n-workflow';

import { readCleaningOptions } from '../descriptions/cleaningOptions';
import type { ContactOperation } from './common';
import { updateContact, writeOutput } from './common';
import { checkedBody, inputReport } from './contactBody';
import { readContactFields } from './contactInput';

/** Update (2.3): only the fields given are sent. */
export const update: ContactOperation = async (op, identity) => {
	const cleaning = readCleaningOptions(op.ctx, op.itemIndex);
	const input = readContactFields(op.ctx, op.itemIndex, 'update', cleaning);
	const { body, warnings } = checkedBody(op, 'update', input, cleaning.skipInvalid);
	const { response, body: sent } = await updateContact(op, identity, body);
	const report = inputReport(cleaning.skipInvalid, warnings, input.unmappedFields);
	return await writeOutput(op, identity, 'updated', response, sent as IDataObject, undefined, report);
};

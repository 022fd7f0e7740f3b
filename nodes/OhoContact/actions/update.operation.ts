import type { IDataObject } from 'n8n-workflow';

import { validateBody } from '../../shared/validation';
import { FIELD_LABELS } from '../descriptions/contactFields';
import { updateContactSchema } from '../schema';
import type { ContactOperation } from './common';
import { updateContact, writeOutput } from './common';
import { readContactFields, updateBody } from './contactInput';

/** Update (2.3): only the fields given are sent. */
export const update: ContactOperation = async (op, identity) => {
	const fields = readContactFields(op.ctx, op.itemIndex, 'update');
	const body = validateBody(op.ctx, op.itemIndex, updateContactSchema, updateBody(fields), FIELD_LABELS);
	const { response, body: sent } = await updateContact(op, identity, body);
	return await writeOutput(op, identity, 'updated', response, sent as IDataObject);
};

import type { IDataObject } from 'n8n-workflow';

import { validateBody } from '../../shared/validation';
import { FIELD_LABELS } from '../descriptions/contactFields';
import { updateContactSchema } from '../schema';
import type { ContactOperation } from './common';
import { updateContact, writeOutput } from './common';
import { sendCreate } from './create.operation';
import { updateBody } from './contactInput';

/**
 * Upsert, which the API lacks: create (2.2); when Oho answers 409 (the contact exists), update (2.3) the same
 * contact with the fields an update accepts. The output's "operation" says which happened.
 */
export const upsert: ContactOperation = async (op, identity) => {
	const { fields, body, response, createdByEarlierAttempt } = await sendCreate(op, 'upsert', identity);
	if (response.httpStatus !== 409 || createdByEarlierAttempt) {
		return await writeOutput(op, identity, 'created', response, body as IDataObject);
	}
	const changes = validateBody(op.ctx, op.itemIndex, updateContactSchema, updateBody(fields), FIELD_LABELS);
	const updated = await updateContact(op, identity, changes);
	return await writeOutput(op, identity, 'updated', updated.response, updated.body as IDataObject);
};

import type { IDataObject } from 'n8n-workflow';

import { validateBody } from '../../shared/validation';
import { FIELD_LABELS } from '../descriptions/contactFields';
import { updateContactSchema } from '../schema';
import type { ContactOperation } from './common';
import { updateContact, writeOutput } from './common';
import { CREATED_BY_EARLIER_ATTEMPT, sendCreate } from './create.operation';
import { updateBody } from './contactInput';

/**
 * Upsert, which the API lacks: create (2.2); when Oho answers 409 (the contact exists), update (2.3) the same
 * contact with the fields an update accepts. The output's "operation" says which happened.
 */
export const upsert: ContactOperation = async (op, identity) => {
	const { fields, body, response, createdByEarlierAttempt } = await sendCreate(op, 'upsert', identity);
	if (response.httpStatus !== 409) return await writeOutput(op, identity, 'created', response, body as IDataObject);
	// A 409 after an attempt whose answer was lost (a 502, a reset) may mean that attempt created the contact, or that
	// it existed before. The update is sent either way, so no value is lost; it repeats what create wrote otherwise.
	const changes = validateBody(op.ctx, op.itemIndex, updateContactSchema, updateBody(fields), FIELD_LABELS);
	const updated = await updateContact(op, identity, changes);
	if (createdByEarlierAttempt) {
		return await writeOutput(op, identity, 'created', updated.response, body as IDataObject, CREATED_BY_EARLIER_ATTEMPT);
	}
	return await writeOutput(op, identity, 'updated', updated.response, updated.body as IDataObject);
};

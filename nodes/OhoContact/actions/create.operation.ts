import type { IDataObject } from 'n8n-workflow';

import type { ContactIdentity } from '../../shared/oho/identity';
import { ohoDialect } from '../../shared/transport/oho';
import { apiFailure } from '../../shared/transport/request';
import { validateBody } from '../../shared/validation';
import { FIELD_LABELS } from '../descriptions/contactFields';
import { createContactSchema } from '../schema';
import type { ContactOperation, OperationContext } from './common';
import { ohoCall, writeOutput } from './common';
import { createBody, readContactFields } from './contactInput';

const CONFLICT_HINT = {
	409: 'A contact with this Platform, Platform ID and User ID exists already. Use Upsert to create or update it.',
};

export const CREATED_BY_EARLIER_ATTEMPT =
	'Created contact successfully (an earlier attempt timed out; the retry found the contact it created)';

/**
 * Sends create (2.2). Resending after a timeout is safe: a contact that the lost attempt did create answers 409,
 * which is then reported as this create's success rather than as a conflict.
 */
export async function sendCreate(op: OperationContext, operation: string, identity: ContactIdentity) {
	const fields = readContactFields(op.ctx, op.itemIndex, operation);
	const body = validateBody(op.ctx, op.itemIndex, createContactSchema, createBody(identity, fields), FIELD_LABELS);
	const response = await ohoCall(op, {
		method: 'POST',
		path: '/contact',
		body: body as IDataObject,
		idempotent: true,
		handledStatuses: [409],
	});
	return { fields, body, response, createdByEarlierAttempt: response.httpStatus === 409 && response.earlierAttemptMayHaveSucceeded };
}

export const create: ContactOperation = async (op, identity) => {
	const { body, response, createdByEarlierAttempt } = await sendCreate(op, 'create', identity);
	if (response.httpStatus === 409 && !createdByEarlierAttempt) {
		throw apiFailure(op.ctx, op.itemIndex, ohoDialect, response, CONFLICT_HINT);
	}
	const message = createdByEarlierAttempt ? CREATED_BY_EARLIER_ATTEMPT : response.outcome.message;
	return await writeOutput(op, identity, 'created', response, body as IDataObject, message);
};


import type { IDataObject } from 'n8n-workflow';

import type { ContactIdentity } from '../../shared/oho/identity';
import { ohoDialect } from '../../shared/transport/oho';
import { apiFailure } from '../../shared/transport/request';
import { readCleaningOptions } from '../descriptions/cleaningOptions';
import type { ContactOperation, OperationContext } from './common';
import { ohoCall, writeOutput } from './common';
import { checkedBody, inputReport } from './contactBody';
import { readContactFields } from './contactInput';

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
	const cleaning = readCleaningOptions(op.ctx, op.itemIndex);
	const input = readContactFields(op.ctx, op.itemIndex, operation, cleaning);
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
		response,
		createdByEarlierAttempt: response.status === 409 && response.earlierAttemptMayHaveSucceeded,
	};
}

export const create: ContactOperation = async (op, identity) => {
	const { input, body, cleaning, warnings, response, createdByEarlierAttempt } = await sendCreate(op, 'create', identity);
	if (response.status === 409 && !createdByEarlierAttempt) {
		throw apiFailure(op.ctx, op.itemIndex, ohoDialect, response, CONFLICT_HINT);
	}
	const message = createdByEarlierAttempt ? CREATED_BY_EARLIER_ATTEMPT : response.outcome.message;
	const report = inputReport(cleaning.skipInvalid, warnings, input.unmappedFields);
	return await writeOutput(op, identity, 'created', response, body as IDataObject, message, report);
};

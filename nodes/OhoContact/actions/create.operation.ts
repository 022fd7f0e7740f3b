import type { IDataObject } from 'n8n-workflow';

import { ohoDialect } from '../../common/oho/dialect';
import { apiFailure } from '../../common/transport/errors';
import { inputReport } from '../helpers/contactBody';
import { earlierCreate, sendCreate } from '../helpers/createContact';
import { writeOutput } from '../helpers/output';
import type { ContactOperation } from './contactOperation';

const CONFLICT_HINT = {
	409: 'A contact with this Platform, Platform ID and User ID exists already. Use the Create or Update operation instead.',
};

/** Create (docs/api/oho.md § "Create contact"); a 409 fails the item, unless an earlier attempt whose answer was lost made this very contact. */
export const execute: ContactOperation = async (op, identity) => {
	const { input, body, cleaning, warnings, derived, response } = await sendCreate(op, identity);
	const report = inputReport(cleaning.skipInvalid, warnings, input.unmappedFields, derived);
	const created = { operation: 'created', response, contact: body as IDataObject, report } as const;
	if (response.status !== 409) return await writeOutput(op, identity, created);
	if (response.unclearAttempt === undefined)
		throw apiFailure(op.ctx, op.itemIndex, ohoDialect, response, CONFLICT_HINT);
	const earlier = await earlierCreate(op, identity, body as IDataObject, response.unclearAttempt);
	if (earlier.created)
		return await writeOutput(op, identity, { ...created, message: earlier.message });
	const exists = await writeOutput(op, identity, {
		operation: 'exists',
		response,
		contact: {},
		message: earlier.message,
		report,
	});
	return { ...exists, storedContact: earlier.storedContact };
};

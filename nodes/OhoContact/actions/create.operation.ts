import type { IDataObject } from 'n8n-workflow';

import { ohoDialect } from '../../shared/oho/dialect';
import { apiFailure } from '../../shared/transport/errors';
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
	if (response.status !== 409) return await writeOutput(op, identity, 'created', response, body as IDataObject, undefined, report);
	if (response.unclearAttempt === undefined) throw apiFailure(op.ctx, op.itemIndex, ohoDialect, response, CONFLICT_HINT);
	const earlier = await earlierCreate(op, identity, body as IDataObject, response.unclearAttempt);
	if (earlier.created) return await writeOutput(op, identity, 'created', response, body as IDataObject, earlier.message, report);
	return { ...(await writeOutput(op, identity, 'exists', response, {}, earlier.message, report)), storedContact: earlier.storedContact };
};

import type { IDataObject } from 'n8n-workflow';

import { fillFromAccount } from '../../common/oho/account';
import type { ContactIdentity } from '../../common/oho/identity';
import { readableContact, storedMatches } from '../../common/oho/storedContact';
import { ohoDialect } from '../../common/oho/dialect';
import type { RunReadings } from '../../common/readings';
import type { ItemContext } from '../../common/router';
import { apiFailure } from '../../common/transport/errors';
import type { ApiResponse } from '../../common/transport/types';
import { readCleaningOptions } from '../descriptions/cleaningOptions';
import type { CreateContactBody } from '../schema';
import type { FieldWarning } from './contactBody';
import { listsToRemove } from './addToExisting';
import { checkedBody } from './contactBody';
import { readContactFields } from './contactInput';
import { getContact, ohoCall } from './requests';

type EmptyLineBasicId = NonNullable<RunReadings['emptyLineBasicId']>;

const OTHER_FORM: Record<EmptyLineBasicId, EmptyLineBasicId> = { omit: 'empty', empty: 'omit' };

/** The create body with Facebook's or Instagram's missing LINE Basic ID in one form: the key left out, or "". */
function withEmptyLineBasicId(body: CreateContactBody, form: EmptyLineBasicId): CreateContactBody {
	const profile = { ...body.social_profile };
	if (form === 'empty') profile.line_basic_id = '';
	else delete profile.line_basic_id;
	return { ...body, social_profile: profile };
}

/** Whether Oho's answer refuses the body because of line_basic_id (a 400, which wrote nothing). */
const refusesLineBasicId = (response: ApiResponse) =>
	response.status === 400 && /line_basic_id/i.test(response.outcome.message);

function lineBasicIdWarning(form: EmptyLineBasicId, refusal?: ApiResponse): FieldWarning {
	const sent = form === 'empty' ? 'sent empty' : 'left out';
	const why = refusal
		? `Oho refused the contact (HTTP 400: ${refusal.outcome.message}), so it was sent once more with LINE Basic ID ${sent}`
		: `An earlier item of this run found that Oho wants LINE Basic ID ${sent} on this platform, so it was sent that way`;
	return {
		field: 'social_profile.line_basic_id',
		value: form === 'empty' ? '' : null,
		problem: `${why}. Oho documents the field as required and says Facebook and Instagram have none; the node keeps this form for the rest of this run.`,
	};
}

/**
 * Sends create (docs/api/oho.md § "Create contact"). Resending after a timeout is safe: a contact that the lost attempt did create answers 409,
 * which is then reported as this create's success rather than as a conflict. Facebook and Instagram have no LINE
 * Basic ID, which Oho documents as required (docs/api/oho.md § "line_basic_id on Facebook and
 * Instagram"): the key is
 * left out; a 400 that names it wrote nothing, so the body is sent once more with the key empty (or the other way
 * round), and the run keeps the form Oho took.
 */
export async function sendCreate(op: ItemContext, identity: ContactIdentity) {
	const cleaning = readCleaningOptions(op);
	const input = readContactFields(op, cleaning);
	fillFromAccount(op, identity, input);
	// An operation that may also update (Create or Update) does not create with the entries the item asks to remove from
	// an existing contact.
	const removing = op.operation.updates
		? listsToRemove(op).filter((list) => input.values[list] !== undefined)
		: [];
	const toCreate = {
		...input,
		values: Object.fromEntries(
			Object.entries(input.values).filter(([path]) => !removing.includes(path as never)),
		),
	};
	const checked = checkedBody(op, 'create', toCreate, cleaning.skipInvalid, identity);
	const noLineBasicId = identity.platform !== 'line' && !checked.body.social_profile.line_basic_id;
	const { readings } = op.run;
	const learned = readings.emptyLineBasicId;
	const send = async (body: CreateContactBody) =>
		await ohoCall(op, {
			method: 'POST',
			path: '/contact',
			body: body as unknown as IDataObject,
			idempotent: true,
			handledStatuses: noLineBasicId ? [400, 409] : [409],
		});

	let form: EmptyLineBasicId = learned ?? 'omit';
	let body = noLineBasicId ? withEmptyLineBasicId(checked.body, form) : checked.body;
	let response = await send(body);
	const readingWarnings: FieldWarning[] =
		noLineBasicId && learned ? [lineBasicIdWarning(form)] : [];
	if (noLineBasicId && refusesLineBasicId(response)) {
		const refusal = response;
		form = OTHER_FORM[form];
		body = withEmptyLineBasicId(checked.body, form);
		response = await send(body);
		response.unclearAttempt ??= refusal.unclearAttempt;
		if (response.outcome.ok || response.status === 409) readings.emptyLineBasicId = form;
		readingWarnings.splice(0, readingWarnings.length, lineBasicIdWarning(form, refusal));
	}
	if (!response.outcome.ok && response.status !== 409)
		throw apiFailure(op.ctx, op.itemIndex, ohoDialect, response);
	return {
		input: {
			...input,
			values: {
				...checked.values,
				...Object.fromEntries(removing.map((list) => [list, input.values[list]])),
			},
			problems: [],
		},
		body,
		cleaning,
		warnings: [...checked.warnings, ...readingWarnings],
		/** What this create derived: a split full name and create's fallbacks. */
		derived: [...input.derived, ...checked.derived],
		response,
	};
}

/**
 * A 409 after an attempt whose answer was lost: that attempt may have created the contact, or it existed before.
 * The stored contact says which: created only when it holds every value sent.
 */
export async function earlierCreate(
	op: ItemContext,
	identity: ContactIdentity,
	sent: IDataObject,
	unclearAttempt: string,
) {
	const storedContact = readableContact((await getContact(op, identity)).body.data);
	if (storedMatches(storedContact, sent, op.ctx.getTimezone())) {
		return {
			created: true,
			storedContact,
			message: `Created contact successfully (an earlier attempt ${unclearAttempt}; the stored contact holds what was sent)`,
		};
	}
	return {
		created: false,
		storedContact,
		message: `The contact already exists (an earlier attempt ${unclearAttempt}; the stored contact differs from what was sent, so it was not created now)`,
	};
}

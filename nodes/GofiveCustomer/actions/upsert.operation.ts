import type { IDataObject } from 'n8n-workflow';

import { readCleaningOptions } from '../../OhoContact/descriptions/cleaningOptions';
import type { RunReadings } from '../../common/readings';
import type { ItemContext, ItemOperation } from '../../common/router';
import { apiFailure } from '../../common/transport/errors';
import type { ApiResponse } from '../../common/transport/types';
import { gofiveCustomerDialect } from '../../common/gofive/dialect';
import { customerBodyOf } from '../helpers/customerBody';
import { readAnswerDates } from '../helpers/dates';
import { recordAsBody } from '../helpers/customerRecord';
import { customerByCode, customerOf, customerRequest, dataObject } from '../helpers/requests';

export { upsertFields as description } from '../descriptions/customerFields';

/** The two readings of the contact person (docs/api/gofive-customer.md § "3.1 Create or Update customer", OPEN): `contacts` (an array, the contract's choice) or `contact`. */
type ContactReading = NonNullable<RunReadings['customerContactField']>;

const OTHER: Record<ContactReading, ContactReading> = { contacts: 'contact', contact: 'contacts' };

/**
 * A refusal that wrote nothing (status.code 4001 or 4002, or an HTTP 400 without Gofive's status) and names the
 * field the contact person was sent in, itself rather than a value inside it (`contacts[0].contactMobile`,
 * `contacts.0`): the server follows the other reading.
 */
function refusesContactField(response: ApiResponse, reading: ContactReading): boolean {
	const { outcome } = response;
	const refused =
		outcome.apiCode === '4001' ||
		outcome.apiCode === '4002' ||
		(!outcome.fromApi && response.httpStatus === 400);
	if (outcome.ok || !refused) return false;
	return new RegExp(`\\b${reading}\\b(?![[.])`, 'i').test(outcome.message);
}

const NOT_RESENT =
	'Create was not resent automatically: Gofive may have created the customer already. Check Venio for the name before running the item again (the name can be used only once).';

/** The customer code the answer carries: `data.customerCode`, as text (INFERRED, docs/api/gofive-customer.md § "3.1 Create or Update customer": the response is OPEN). */
function answeredCode(data: IDataObject): string | undefined {
	const code = data.customerCode;
	if (typeof code === 'number' && Number.isFinite(code)) return String(code);
	return typeof code === 'string' && code.trim() !== '' ? code : undefined;
}

/**
 * The customer Venio holds under `customerCode`, as the body of an update, or undefined when Gofive has none to give
 * (an unknown code: whether the update then creates it is OPEN, and the item's own fields are sent as they are).
 */
async function customerOnRecord(
	item: ItemContext,
	customerCode: string,
): Promise<ReturnType<typeof recordAsBody> | undefined> {
	const response = await customerByCode(item, customerCode, [200, 400, 404]);
	if (!response.outcome.ok) return undefined;
	const customer = customerOf(response);
	return Object.keys(customer).length > 0 ? recordAsBody(customer) : undefined;
}

/**
 * Create or Update customer (`POST /v3/customers`): without a Customer Code Venio creates the customer, with one it
 * updates it. Whether an update clears the fields it leaves out is OPEN; the contract's choice is to send the full
 * record (docs/api/gofive-customer.md § "3.1 Create or Update customer"), so an update first reads the customer
 * (Get a Customer By CustomerCode) and sends what Venio holds with the item's fields over it: under either reading
 * the fields the item leaves out keep their values. A create is not resent after an unclear attempt (it could create
 * the customer twice); an update with the same body is.
 */
export const execute: ItemOperation = async (item) => {
	const { ctx, itemIndex, settings, run } = item;
	const { body, contact, unmappedFields } = customerBodyOf(item, readCleaningOptions(item));
	const creating = body.customerCode === undefined;
	const warnings: IDataObject[] = [];
	const onRecord = creating ? undefined : await customerOnRecord(item, body.customerCode!);
	const fullBody: IDataObject = { ...onRecord?.record, ...body };
	// The item's contact person replaces the ones on record, as every field the item gives replaces Venio's.
	const persons = contact ? [contact] : (onRecord?.contacts ?? []);

	const send = async (reading: ContactReading | undefined) =>
		await customerRequest(item, {
			method: 'POST',
			path: '/v3/customers',
			body:
				reading === undefined
					? fullBody
					: { ...fullBody, [reading]: reading === 'contacts' ? persons : persons[0] },
			idempotent: !creating,
			notResentHint: creating ? NOT_RESENT : undefined,
			// A refusal is read here first: it may be the other reading of the contact person.
			handledStatuses: persons.length > 0 ? [200, 400] : undefined,
		});

	// The reading Gofive's answers have shown in this run, once one refused the other.
	let reading = persons.length > 0 ? (run.readings.customerContactField ?? 'contacts') : undefined;
	let response = await send(reading);
	if (reading && refusesContactField(response, reading)) {
		const other = OTHER[reading];
		warnings.push({
			field: other,
			problem: `Gofive refused the contact person as "${reading}" (${response.outcome.message}) and wrote nothing; it was sent once more as "${other}", and the rest of this run sends it that way.`,
		});
		run.readings.customerContactField = other;
		reading = other;
		response = await send(reading);
	}
	if (!response.outcome.ok) {
		const error = apiFailure(ctx, itemIndex, gofiveCustomerDialect, response);
		// An answer that is not Gofive's own (no status.code) leaves open whether a create was written, as the
		// transport marks it when it reads the answer itself (transport/request.ts).
		if (creating && !response.outcome.fromApi) {
			error.context.unclearAttempt = true;
			error.description = `${error.description ?? ''} ${NOT_RESENT}`.trim();
		}
		throw error;
	}

	const data = readAnswerDates(dataObject(response));
	const code = answeredCode(data) ?? (creating ? undefined : body.customerCode);
	if (code === undefined) {
		warnings.push({
			field: 'customerCode',
			problem:
				"Gofive's answer carries no customer code, so customerCode is null. The customer was created; find its code in Venio by the name (names are unique) before using it in Get or Add Event.",
		});
	}
	const output: IDataObject = {
		operation: 'upsert',
		ok: true,
		customerCode: code ?? null,
		customerName: body.customerName,
		customer: data,
	};
	if (unmappedFields && unmappedFields.length > 0) output.unmappedFields = unmappedFields;
	if (warnings.length > 0) output.warnings = warnings;
	if (settings.includeRawResponse) output.rawResponse = response.body;
	return output;
};

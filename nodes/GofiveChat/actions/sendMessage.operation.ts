import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { gofiveDialect } from '../../common/gofive/dialect';
import type { ItemContext, ItemOperation } from '../../common/router';
import type { ReadingWarning } from '../../common/readings';
import { apiFailure } from '../../common/transport/errors';
import { apiRequest } from '../../common/transport/request';
import { invalidInput, validateBody } from '../../common/validation';
import { roomIdOf } from '../helpers/roomId';
import { DOCUMENTED_VALUES, SEND_MESSAGE_LABELS, sendMessageSchema } from '../schema';

export const description: INodeProperties[] = [
	...updateDisplayOptions({ show: { resource: ['message'], operation: ['sendMessage'] } }, [
		{
			displayName: 'Room ID',
			name: 'roomId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 26259b2c-509c-4ff5-a82a-d1b5505b014d',
			description:
				'The Gofive (Venio) chat room to post into: its ID, a UUID, or any text that holds exactly one, such as a link to the room',
			hint: "Gofive's documents name no menu that shows it: it is the roomId (a UUID) of Gofive's chat messages. If the chat room's link in Venio holds it, paste the whole link: the node takes the one UUID in it.",
		},
		{
			displayName: 'Content',
			name: 'content',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			required: true,
			description:
				'The text of the message. Must not be empty. Sent as a text message to a LINE chat room (type "message", platform "line"), the only kind Gofive documents.',
		},
		{
			displayName: 'Company ID',
			name: 'companyId',
			// Text, so that empty can mean "the credential's"; a number saved by an earlier version is still read.
			type: 'string',
			default: '',
			placeholder: "e.g. 507 (empty: the credential's Default Company ID)",
			description:
				'Your Gofive company ID, a whole number such as 507. Leave empty to use the Default Company ID of the Gofive API credential.',
		},
	]),
	// Gofive documents one value of each, so the editor does not ask; saved workflows' values (expressions too)
	// are still read, and one the document does not show is sent as given, with a warning.
	{ displayName: 'Type', name: 'type', type: 'hidden', default: 'message' },
	{ displayName: 'Platform', name: 'platform', type: 'hidden', default: 'line' },
];

const NOT_RESENT =
	'The message was not resent automatically: Gofive may have posted it already. Check the chat room before running the item again.';

/** Answers after which Gofive may have acted (a server or gateway fault), so the item is reported, not resent. */
const NOT_RESENT_HINTS = {
	500: `Gofive had a server problem. ${NOT_RESENT}`,
	502: `Gofive's gateway failed. ${NOT_RESENT}`,
	504: `Gofive's gateway timed out. ${NOT_RESENT}`,
};

/** A number given as text by an expression ("507") is still that number. */
function asNumber(value: unknown): unknown {
	return typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
}

/** Numbers and booleans an expression gives as Content are sent as their text. */
function asText(value: unknown): unknown {
	return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

/** Company ID left empty (or 0, what an earlier version of the field held for that): the credential's is used. */
function isUnset(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		value === 0 ||
		(typeof value === 'string' && /^\s*$/.test(value))
	);
}

/** The Company ID to send: the node's, else the credential's Default Company ID; nothing when neither is set. */
function companyIdOf({ ctx, itemIndex, run }: ItemContext): unknown {
	const given = asNumber(run.parameters.value('companyId', itemIndex, ''));
	if (!isUnset(given)) return given;
	const fromCredential = asNumber(run.credential.data.companyId);
	if (!isUnset(fromCredential)) return fromCredential;
	throw invalidInput(
		ctx,
		itemIndex,
		[{ path: 'companyId', problem: 'is required', value: undefined }],
		{ companyId: 'Company ID' },
		'Enter your Gofive company ID (such as 507) in Company ID, or set Default Company ID in the Gofive API credential',
	);
}

/** Gofive's `timestamp` (epoch milliseconds) as an ISO 8601 time; none when the answer has no usable one. */
function isoTime(timestamp: unknown): string | undefined {
	if (typeof timestamp !== 'number' || !Number.isFinite(timestamp) || timestamp <= 0)
		return undefined;
	const date = new Date(timestamp);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Every 2xx: read here, since one without `status.code` still posted the message (docs/api/gofive.md). */
const SUCCESS_STATUSES = Array.from({ length: 100 }, (_, offset) => 200 + offset);

/**
 * The warning of a 2xx answer without `status.code` (docs/api/gofive.md § "status.code on HTTP 2xx"): Gofive took the
 * message, but its answer does not confirm it in the documented form.
 */
/** A warning for each of `type` and `platform` whose value is not the one Gofive's document shows. */
function undocumentedValueWarnings(body: { type: string; platform: string }): ReadingWarning[] {
	return (['type', 'platform'] as const)
		.filter((field) => body[field] !== DOCUMENTED_VALUES[field])
		.map((field) => ({
			field,
			value: body[field],
			problem: `Sent as given: Gofive's document shows only "${DOCUMENTED_VALUES[field]}" as the ${field}, so whether Gofive takes "${body[field]}" is not documented.`,
		}));
}

function unverifiedWarning(httpStatus: number, hasMessage: boolean): ReadingWarning {
	return {
		field: 'status.code',
		value: null,
		problem:
			`Gofive answered HTTP ${httpStatus} without a status code${hasMessage ? ', with the posted message' : ' and without the message'}: ` +
			'the message counts as posted, unconfirmed (verified: false). Check the chat room before sending it again: running the item again posts it twice.',
	};
}

/**
 * Send message. Not idempotent: Gofive has no idempotency key, so after a timeout or a lost connection the
 * message is not resent (a duplicate message is worse than an error); answers that say Gofive did not act
 * (a 429; a 503 with Gofive's status or a Retry-After) are retried, any other is reported (transport/request.ts). A
 * `status.code` other than 1000 is an error even on HTTP 2xx (the shared Gofive dialect); a 2xx without `status.code`
 * posted the message: the item succeeds, unverified, with a warning, since a failed item invites a re-run that
 * would post it twice (docs/api/gofive.md § "status.code on HTTP 2xx").
 */
export const execute: ItemOperation = async (item) => {
	const { ctx, itemIndex, settings, run } = item;
	const parameter = (name: string, fallback?: string) =>
		run.parameters.value(name, itemIndex, fallback);
	const body = validateBody(
		ctx,
		itemIndex,
		sendMessageSchema,
		{
			roomId: roomIdOf(ctx, itemIndex, parameter('roomId')),
			content: asText(parameter('content')),
			type: parameter('type', 'message'),
			platform: parameter('platform', 'line'),
			companyId: companyIdOf(item),
		},
		SEND_MESSAGE_LABELS,
	);
	const response = await apiRequest(item, gofiveDialect, {
		method: 'POST',
		path: '/v1/chat/message',
		body,
		idempotent: false,
		hints: NOT_RESENT_HINTS,
		notResentHint: NOT_RESENT,
		handledStatuses: SUCCESS_STATUSES,
	});
	const warnings = undocumentedValueWarnings(body);
	const verified = response.outcome.apiCode !== undefined;
	if (!response.outcome.ok && verified)
		throw apiFailure(ctx, itemIndex, gofiveDialect, response, NOT_RESENT_HINTS);
	const data =
		typeof response.body.data === 'object' && response.body.data !== null
			? (response.body.data as IDataObject)
			: {};
	const sentAt = isoTime(data.timestamp);
	// What every node's item starts with (operation, ok, verified), then Gofive's stored message as it answered it.
	const output: IDataObject = {
		operation: item.operation.value,
		ok: true,
		verified,
		...(sentAt && { sentAt }),
		...data,
	};
	if (!verified)
		warnings.push(unverifiedWarning(response.httpStatus, Object.keys(data).length > 0));
	if (warnings.length > 0) output.warnings = warnings as unknown as IDataObject[];
	if (settings.includeRawResponse) output.rawResponse = response.body;
	return output;
};

import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { gofiveDialect } from '../../shared/gofive/dialect';
import { nodeParameter } from '../../shared/parameters';
import type { ItemOperation } from '../../shared/router';
import { apiRequest } from '../../shared/transport/request';
import { validateBody } from '../../shared/validation';
import { SEND_MESSAGE_LABELS, sendMessageSchema } from '../schema';

const showFor = { show: { resource: ['message'], operation: ['sendMessage'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Room ID',
		name: 'roomId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 26259b2c-509c-4ff5-a82a-d1b5505b014d',
		description:
			'The Gofive chat room to post into: a UUID. Gofive gives it with each chat (the roomId of its chat webhooks and API answers).',
		displayOptions: showFor,
	},
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		description: 'The text of the message. Must not be empty.',
		displayOptions: showFor,
	},
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: [{ name: 'Message', value: 'message', description: 'A text message' }],
		default: 'message',
		description: 'The kind of message. Gofive documents only "message".',
		displayOptions: showFor,
	},
	{
		displayName: 'Platform',
		name: 'platform',
		type: 'options',
		options: [{ name: 'LINE', value: 'line' }],
		default: 'line',
		description: 'The chat room\'s channel. Gofive documents only LINE rooms ("line").',
		displayOptions: showFor,
	},
	{
		displayName: 'Company ID',
		name: 'companyId',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 0,
		description:
			"Your Gofive company ID (an integer, e.g. 507). Leave 0 to use the credential's Default Company ID.",
		displayOptions: showFor,
	},
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

/**
 * Send message. Not idempotent: Gofive has no idempotency key, so after a timeout or a lost connection the
 * message is not resent (a duplicate message is worse than an error); answers that say Gofive did not act
 * (a 429; a 503 with Gofive's status or a Retry-After) are retried, any other is reported (transport/request.ts). A `status.code` other than 1000 is an error even on HTTP 2xx (the shared Gofive dialect).
 */
export const execute: ItemOperation = async ({ ctx, itemIndex, baseUrl, settings, credentials }) => {
	const defaultCompanyId = Number(credentials.companyId ?? 0);
	const companyId = asNumber(nodeParameter(ctx, 'companyId', itemIndex, 0));
	const body = validateBody(
		ctx,
		itemIndex,
		sendMessageSchema,
		{
			roomId: nodeParameter(ctx, 'roomId', itemIndex),
			content: asText(nodeParameter(ctx, 'content', itemIndex)),
			type: nodeParameter(ctx, 'type', itemIndex),
			platform: nodeParameter(ctx, 'platform', itemIndex),
			companyId: companyId === 0 || companyId === '' || companyId === null ? defaultCompanyId : companyId,
		},
		SEND_MESSAGE_LABELS,
	);
	const response = await apiRequest(
		ctx,
		itemIndex,
		gofiveDialect,
		baseUrl,
		{ method: 'POST', path: '/v1/chat/message', body, idempotent: false, hints: NOT_RESENT_HINTS, notResentHint: NOT_RESENT },
		settings,
	);
	const data = response.body.data;
	const output: IDataObject = typeof data === 'object' && data !== null ? { ...(data as IDataObject) } : {};
	if (settings.includeRawResponse) output.rawResponse = response.body;
	return output;
};

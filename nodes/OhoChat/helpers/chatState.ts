import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { ohoDialect } from '../../shared/oho/dialect';
import { credentialReport, readAccountIdentity } from '../../shared/oho/account';
import { identityFields, identityPath } from '../../shared/oho/identity';
import { nodeParameter } from '../../shared/parameters';
import type { ItemContext } from '../../shared/router';
import { apiFailure } from '../../shared/transport/errors';
import { apiRequest } from '../../shared/transport/request';

type ChatOperation = 'requestAgent' | 'closeChat';

/** One of Oho's chat-room state changes (3.1 request-agent, 3.2 close-chat). */
interface ChatStateChange {
	operation: ChatOperation;
	/** The endpoint's last path segment. */
	endpoint: 'request-agent' | 'close-chat';
	/** What a 409 means for this change, and what to do about it. */
	conflictHint: string;
}

const PLATFORM_ID_HINT = " Oho Chat also takes LINE's channel ID (digits), as the Oho Trigger gives it.";

const NOT_FOUND_HINT =
	'Oho has no chat room for this Platform, Platform ID and User ID: the customer has not chatted with this LINE OA, Page or Instagram account in Oho. Check the three identity fields.';

export const CONFLICT_OPTION_NOTE =
	"To let a re-run pass, turn on Options > Treat 'Already in That State' (409) as Success.";

/** The identity fields (shared with Oho Contact), shown for one chat operation, with the chat API's channel-ID hint. */
export function chatTargetFields(operation: ChatOperation): INodeProperties[] {
	return identityFields(PLATFORM_ID_HINT).map((field) => ({
		...field,
		displayOptions: { show: { resource: ['chat'], operation: [operation] } },
	}));
}

/**
 * Sends one state change for one item. Resending is safe (a change that already happened answers 409), so the
 * request counts as idempotent. A 409 is success when the operator asked for it, or when an earlier attempt of
 * this same request got no answer and so may have made the change itself; otherwise it is the API's error.
 */
export async function changeChatState(item: ItemContext, change: ChatStateChange): Promise<IDataObject> {
	const { ctx, itemIndex, baseUrl, settings } = item;
	const identity = readAccountIdentity(item, 'chat');
	const options = nodeParameter(ctx, 'options', itemIndex, {}) as IDataObject;
	const hints = { 404: NOT_FOUND_HINT, 409: change.conflictHint };
	const response = await apiRequest(
		ctx,
		itemIndex,
		ohoDialect,
		baseUrl,
		{
			method: 'POST',
			path: `${identityPath('chat', identity)}/${change.endpoint}`,
			idempotent: true,
			hints,
			handledStatuses: [409],
		},
		settings,
	);

	const alreadyInState = response.status === 409;
	let message = response.outcome.message;
	if (alreadyInState) {
		if (response.unclearAttempt !== undefined) {
			message += ` (an earlier attempt ${response.unclearAttempt} and has probably made this change itself)`;
		} else if (options.treatConflictAsSuccess !== true) {
			throw apiFailure(ctx, itemIndex, ohoDialect, response, hints);
		}
	}
	const output: IDataObject = {
		operation: change.operation,
		ok: true,
		alreadyInState,
		message,
		platform: identity.platform,
		platform_id: identity.platformId,
		user_id: identity.userId,
		...credentialReport(identity),
	};
	if (settings.includeRawResponse) output.rawResponse = response.body;
	return output;
}

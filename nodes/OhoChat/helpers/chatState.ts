import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { ohoDialect } from '../../shared/oho/dialect';
import { credentialReport, readAccountIdentity } from '../../shared/oho/account';
import { identityFields, identityPath } from '../../shared/oho/identity';
import { nodeParameter } from '../../shared/parameters';
import type { ItemContext } from '../../shared/router';
import { apiFailure } from '../../shared/transport/errors';
import { apiRequest } from '../../shared/transport/request';

type ChatOperation = 'requestAgent' | 'closeChat';

/** One of Oho's chat-room state changes (docs/api/oho.md § "Request agent", § "Close chat"). */
interface ChatStateChange {
	operation: ChatOperation;
	/** The endpoint's last path segment. */
	endpoint: 'request-agent' | 'close-chat';
	/** The room's state once this change is made, as the end of a sentence: "with a human agent". */
	stateAfter: string;
	/** What Oho's 409 means for this change (the room already was in `stateAfter`), in the failing item's hint. */
	conflictHint: string;
}

const PLATFORM_ID_HINT = " Oho Chat also takes LINE's channel ID (digits), as the Oho Trigger gives it.";

const NOT_FOUND_HINT =
	'Oho has no chat room for this Platform, Platform ID and User ID: the customer has not chatted with this LINE OA, Page or Instagram account in Oho. Check the three identity fields.';

/** The option that turns "already in that state" (409) from a success without change into a failure. */
export const failIfUnchangedOption: INodeProperties = {
	displayName: 'Fail If Nothing Changes',
	name: 'failIfUnchanged',
	type: 'boolean',
	// Added to Options only to make the item fail, so it is on once added.
	default: true,
	description:
		'Whether an item fails when the chat room already is in the state asked for (Oho answers 409), instead of succeeding with changed: false',
};

const CONFLICT_OPTION_NOTE =
	'The item failed because Options > Fail If Nothing Changes is on; without it, this counts as success with changed: false.';

/** The identity fields (shared with Oho Contact), shown for one chat operation, with the chat API's channel-ID hint. */
export function chatTargetFields(operation: ChatOperation): INodeProperties[] {
	return identityFields(PLATFORM_ID_HINT).map((field) => ({
		...field,
		displayOptions: { show: { resource: ['chat'], operation: [operation] } },
	}));
}

/** What the item says happened: Oho's message for a change, our own words when Oho's 409 means nothing changed. */
function outcomeOf(change: ChatStateChange, status: number, ohoMessage: string, unclearAttempt: string | undefined) {
	if (status !== 409) return { changed: true, alreadyInState: false, message: ohoMessage };
	if (unclearAttempt !== undefined) {
		return {
			changed: true,
			alreadyInState: true,
			message: `The chat room is now ${change.stateAfter}: an earlier attempt ${unclearAttempt} and has probably made this change itself (the resend found it made)`,
		};
	}
	return { changed: false, alreadyInState: true, message: `The chat room was already ${change.stateAfter}: no change` };
}

/**
 * Sends one state change for one item. Resending is safe (a change that already happened answers 409), so the
 * request counts as idempotent. A 409 (the room already is in that state) is a success without change, as a re-run
 * of a workflow expects, unless the operator asked to fail on it; after an earlier attempt that got no answer it is
 * that attempt's change, a success either way.
 */
export async function changeChatState(item: ItemContext, change: ChatStateChange): Promise<IDataObject> {
	const { ctx, itemIndex, baseUrl, settings } = item;
	const identity = readAccountIdentity(item, 'chat');
	const options = nodeParameter(ctx, 'options', itemIndex, {}) as IDataObject;
	const hints = { 404: NOT_FOUND_HINT, 409: `${change.conflictHint} ${CONFLICT_OPTION_NOTE}` };
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

	const outcome = outcomeOf(change, response.status, response.outcome.message, response.unclearAttempt);
	if (!outcome.changed && options.failIfUnchanged === true) throw apiFailure(ctx, itemIndex, ohoDialect, response, hints);
	const output: IDataObject = {
		operation: change.operation,
		ok: true,
		...outcome,
		platform: identity.platform,
		platform_id: identity.platformId,
		user_id: identity.userId,
		...credentialReport(identity),
	};
	if (settings.includeRawResponse) output.rawResponse = response.body;
	return output;
}

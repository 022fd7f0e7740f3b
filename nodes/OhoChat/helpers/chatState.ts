import type { IDataObject, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';

import { ohoDialect } from '../../common/oho/dialect';
import { credentialReport, readAccountIdentity } from '../../common/oho/account';
import { identityFields, identityPath } from '../../common/oho/identity';
import type { ReadingWarning } from '../../common/readings';
import type { ItemContext } from '../../common/router';
import { apiFailure } from '../../common/transport/errors';
import { apiRequest } from '../../common/transport/request';
import type { ApiResponse } from '../../common/transport/types';

/** One of Oho's chat-room state changes (docs/api/oho.md § "Request agent", § "Close chat"). */
interface ChatStateChange {
	/** The endpoint's last path segment. */
	endpoint: 'request-agent' | 'close-chat';
	/** The room's state once this change is made, as the end of a sentence: "with a human agent". */
	stateAfter: string;
	/** What Oho's 409 means for this change (the room already was in `stateAfter`), in the failing item's hint. */
	conflictHint: string;
	/**
	 * The method the documents also show for this endpoint (close-chat's curl example says GET, its method line POST):
	 * sent once when POST meets no route (docs/api/oho.md § "Close chat method").
	 */
	otherMethod?: 'GET';
}

const PLATFORM_ID_HINT =
	" Oho Chat also takes LINE's channel ID (digits), as the Oho Trigger gives it.";

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

/** The identity fields (shared with Oho Contact), with the chat API's channel-ID hint. */
export function chatTargetFields(): INodeProperties[] {
	return identityFields(PLATFORM_ID_HINT);
}

/** What the item says happened: Oho's message for a change, our own words when Oho's 409 means nothing changed. */
function outcomeOf(
	change: ChatStateChange,
	status: number,
	ohoMessage: string,
	unclearAttempt: string | undefined,
) {
	if (status !== 409) return { changed: true, alreadyInState: false, message: ohoMessage };
	if (unclearAttempt !== undefined) {
		return {
			changed: true,
			alreadyInState: true,
			message: `The chat room is now ${change.stateAfter}: an earlier attempt ${unclearAttempt} and has probably made this change itself (the resend found it made)`,
		};
	}
	return {
		changed: false,
		alreadyInState: true,
		message: `The chat room was already ${change.stateAfter}: no change`,
	};
}

/** Whether an answer is in Oho's envelope (`ok` true or false), rather than a web server's or a framework's own page. */
const isOhoEnvelope = (body: IDataObject) => typeof body.ok === 'boolean';

/**
 * Whether an answer says the server has no route for this method: 405, or a 404 that is not Oho's envelope (a
 * framework's "Cannot POST …"). Oho's own 404 ("Not found chat room") is a real answer about the room.
 */
const noRouteForMethod = (response: ApiResponse) =>
	response.status === 405 || (response.status === 404 && !isOhoEnvelope(response.body));

/**
 * The warning an item sent with the curl example's GET carries (docs/api/oho.md § "Close chat method"): the first time,
 * what the POST met; afterwards, that the run keeps GET.
 */
function getMethodWarning(postAnswer?: ApiResponse): ReadingWarning {
	const why = postAnswer
		? `Oho answered POST with HTTP ${postAnswer.status} (${postAnswer.outcome.message}), a route it does not have, so this item was sent again with GET`
		: 'An earlier item of this run found that Oho closes chats with GET, not POST, so this item was sent with GET';
	return {
		field: 'method',
		value: 'GET',
		problem: `${why}. Oho's documentation shows both methods; the node sends GET for the rest of this run.`,
	};
}

/**
 * Sends one state change for one item. Resending is safe (a change that already happened answers 409), so the
 * request counts as idempotent. A 409 (the room already is in that state) is a success without change, as a re-run
 * of a workflow expects, unless the operator asked to fail on it; after an earlier attempt that got no answer it is
 * that attempt's change, a success either way. A change with a second documented method (close-chat) is sent once
 * with it when the first answers that no such route exists, which wrote nothing; the run then keeps that method.
 */
export async function changeChatState(
	item: ItemContext,
	change: ChatStateChange,
): Promise<IDataObject> {
	const { ctx, itemIndex, settings, run } = item;
	const { readings } = run;
	const identity = readAccountIdentity(item, 'chat');
	const options = run.parameters.value('options', itemIndex, {}) as IDataObject;
	const hints = { 404: NOT_FOUND_HINT, 409: `${change.conflictHint} ${CONFLICT_OPTION_NOTE}` };
	const send = async (method: IHttpRequestMethods, handledStatuses: number[]) =>
		await apiRequest(item, ohoDialect, {
			method,
			path: `${identityPath('chat', identity)}/${change.endpoint}`,
			idempotent: true,
			hints,
			handledStatuses,
		});

	const warnings: ReadingWarning[] = [];
	let response: ApiResponse;
	if (change.otherMethod && readings.closeChatMethod === change.otherMethod) {
		response = await send(change.otherMethod, [409]);
		warnings.push(getMethodWarning());
	} else {
		response = await send('POST', change.otherMethod ? [404, 405, 409] : [409]);
		if (change.otherMethod && noRouteForMethod(response)) {
			const postAnswer = response;
			response = await send(change.otherMethod, [409]);
			readings.closeChatMethod = change.otherMethod;
			warnings.push(getMethodWarning(postAnswer));
		} else if (!response.outcome.ok && response.status !== 409) {
			throw apiFailure(ctx, itemIndex, ohoDialect, response, hints);
		}
	}

	const outcome = outcomeOf(
		change,
		response.status,
		response.outcome.message,
		response.unclearAttempt,
	);
	if (!outcome.changed && options.failIfUnchanged === true)
		throw apiFailure(ctx, itemIndex, ohoDialect, response, hints);
	const output: IDataObject = {
		operation: item.operation.value,
		ok: true,
		...outcome,
		platform: identity.platform,
		platform_id: identity.platformId,
		user_id: identity.userId,
		...credentialReport(identity),
	};
	if (warnings.length > 0) output.warnings = warnings as unknown as IDataObject[];
	if (settings.includeRawResponse) output.rawResponse = response.body;
	return output;
}

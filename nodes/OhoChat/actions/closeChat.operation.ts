import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemOperation } from '../../common/router';
import { changeChatState, chatTargetFields } from '../helpers/chatState';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['chat'], operation: ['closeChat'] } },
	chatTargetFields(),
);

/**
 * Ends the agent's session; Oho turns the chat bot back on (docs/api/oho.md § "Close chat"). Sent as POST, and with
 * GET once when POST meets no route (docs/api/oho.md § "Close chat method").
 */
export const execute: ItemOperation = async (item) =>
	await changeChatState(item, {
		endpoint: 'close-chat',
		stateAfter: 'with the chat bot (no agent session)',
		conflictHint: 'The chat has no agent session to close: the chat bot already has it.',
		otherMethod: 'GET',
	});

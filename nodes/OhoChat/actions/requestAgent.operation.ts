import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemOperation } from '../../common/router';
import { changeChatState, chatTargetFields } from '../helpers/chatState';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['chat'], operation: ['requestAgent'] } },
	chatTargetFields(),
);

/** Hands the customer's chat room to a human agent; Oho pauses the chat bot (docs/api/oho.md § "Request agent"). */
export const execute: ItemOperation = async (item) =>
	await changeChatState(item, {
		endpoint: 'request-agent',
		stateAfter: 'handed to a human agent (requested or in session)',
		conflictHint: 'The chat is already with a human agent (requested or in session).',
	});

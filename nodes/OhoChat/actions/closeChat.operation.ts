import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { changeChatState, chatTargetFields, CONFLICT_OPTION_NOTE } from './chatState';

export const description: INodeProperties[] = chatTargetFields('closeChat');

/** 3.2: ends the agent's session; Oho turns the chat bot back on. Sent as POST (the original's method line). */
export async function execute(this: IExecuteFunctions, itemIndex: number, baseUrl: string): Promise<IDataObject> {
	return await changeChatState(this, itemIndex, baseUrl, {
		operation: 'closeChat',
		endpoint: 'close-chat',
		conflictHint: `The chat has no agent session to close: the chat bot already has it. ${CONFLICT_OPTION_NOTE}`,
	});
}

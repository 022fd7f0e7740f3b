import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { changeChatState, chatTargetFields, CONFLICT_OPTION_NOTE } from './chatState';

export const description: INodeProperties[] = chatTargetFields('requestAgent');

/** 3.1: hands the customer's chat room to a human agent; Oho pauses the chat bot. */
export async function execute(this: IExecuteFunctions, itemIndex: number, baseUrl: string): Promise<IDataObject> {
	return await changeChatState(this, itemIndex, baseUrl, {
		operation: 'requestAgent',
		endpoint: 'request-agent',
		conflictHint: `The chat is already with a human agent (requested or in session). ${CONFLICT_OPTION_NOTE}`,
	});
}

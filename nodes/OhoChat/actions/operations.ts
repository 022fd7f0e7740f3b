import type { NodeOperation } from '../../common/operations';
import type { ItemOperation } from '../../common/router';
import * as closeChat from './closeChat.operation';
import * as requestAgent from './requestAgent.operation';

/**
 * Oho Chat's operations: the editor's options, the router, what each kind of operation does. A new operation is one
 * file in this folder and one entry here.
 */
export const CHAT_OPERATIONS: Array<NodeOperation<ItemOperation>> = [
	{
		value: 'requestAgent',
		name: 'Request Agent',
		description: 'Hand the chat to a human agent; the chat bot pauses',
		action: 'Request a human agent for a chat',
		subtitle: 'Request a human agent',
		writes: true,
		creates: false,
		updates: true,
		parameters: requestAgent.description,
		execute: requestAgent.execute,
	},
	{
		value: 'closeChat',
		name: 'Close Chat',
		description: "End the human agent's session; the chat bot answers the customer again",
		action: 'Close the agent session of a chat',
		subtitle: 'Close the agent session',
		writes: true,
		creates: false,
		updates: true,
		parameters: closeChat.description,
		execute: closeChat.execute,
	},
];

import type { NodeOperation } from '../../common/operations';
import type { ItemOperation } from '../../common/router';
import * as sendMessage from './sendMessage.operation';

/**
 * Gofive Chat's operations: the editor's options, the router, what each kind of operation does. A new operation is
 * one file in this folder and one entry here.
 */
export const MESSAGE_OPERATIONS: Array<NodeOperation<ItemOperation>> = [
	{
		value: 'sendMessage',
		name: 'Send Message',
		description: 'Post a message into a Gofive chat room',
		action: 'Send a message',
		writes: true,
		creates: true,
		updates: false,
		parameters: sendMessage.description,
		execute: sendMessage.execute,
	},
];

import type { NodeOperation } from '../../common/operations';
import type { ItemOperation } from '../../common/router';
import { requireSubscriptionKey } from '../helpers/requests';
import * as addEvent from './addEvent.operation';
import * as get from './get.operation';
import * as upsert from './upsert.operation';

/** Every Customer endpoint needs the subscription key: an item is refused before sending when the credential has none. */
const withSubscriptionKey =
	(operation: ItemOperation): ItemOperation =>
	async (item) => {
		requireSubscriptionKey(item.ctx, item.itemIndex, item.run.credential.data);
		return await operation(item);
	};

/**
 * Gofive Customer's operations: the editor's options, the router, what each kind of operation does (an operation
 * that creates reads the customer's fields, and its items are ordered by the customer's name when they have no
 * code). A new operation is one file in this folder and one entry here.
 */
export const CUSTOMER_OPERATIONS: Array<NodeOperation<ItemOperation>> = [
	{
		value: 'upsert',
		name: 'Create or Update',
		description: 'Create a new record, or update the current one if it already exists (upsert)',
		action: 'Create or update a customer',
		writes: true,
		creates: true,
		updates: true,
		parameters: upsert.description,
		execute: withSubscriptionKey(upsert.execute),
	},
	{
		value: 'get',
		name: 'Get',
		description: 'Read one customer by its Customer Code',
		action: 'Get a customer',
		writes: false,
		creates: false,
		updates: false,
		parameters: get.description,
		execute: withSubscriptionKey(get.execute),
	},
	{
		value: 'addEvent',
		name: 'Add Event',
		description: 'Add an event (a meeting, a call, a sign-up…) to a customer’s timeline',
		action: 'Add an event to a customer',
		writes: true,
		creates: false,
		updates: false,
		parameters: addEvent.description,
		execute: withSubscriptionKey(addEvent.execute),
	},
];

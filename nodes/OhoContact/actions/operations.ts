import type { NodeOperation } from '../../common/operations';
import type { ItemOperation } from '../../common/router';
import { forContact } from './contactOperation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

/**
 * Oho Contact's operations: the editor's options, the fields each kind of operation is shown (writes, creates,
 * updates), the router. A new operation is one file in this folder and one entry here.
 */
export const CONTACT_OPERATIONS: Array<NodeOperation<ItemOperation>> = [
	{
		value: 'create',
		name: 'Create',
		description: 'Add a new contact; fails if it exists already',
		action: 'Create a contact',
		writes: true,
		creates: true,
		updates: false,
		execute: forContact(create.execute),
	},
	{
		value: 'upsert',
		name: 'Create or Update',
		description: 'Create a new record, or update the current one if it already exists (upsert)',
		action: 'Create or update a contact',
		writes: true,
		creates: true,
		updates: true,
		execute: forContact(upsert.execute),
	},
	{
		value: 'get',
		name: 'Get',
		description: 'Read one contact by platform, platform ID and user ID',
		action: 'Get a contact',
		writes: false,
		creates: false,
		updates: false,
		execute: forContact(get.execute),
	},
	{
		value: 'update',
		name: 'Update',
		description: 'Change fields of an existing contact',
		action: 'Update a contact',
		writes: true,
		creates: false,
		updates: true,
		execute: forContact(update.execute),
	},
];

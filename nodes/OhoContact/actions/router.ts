import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { ohoDialect } from '../../shared/oho/dialect';
import type { ContactIdentity } from '../../shared/oho/identity';
import { identityKey, readAccountIdentity } from '../../shared/oho/account';
import type { ItemContext, ItemOperation } from '../../shared/router';
import { route } from '../../shared/router';
import * as create from './create.operation';
import * as get from './get.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

/** One operation of Oho Contact, for one item and the contact it names. */
export type ContactOperation = (op: ItemContext, identity: ContactIdentity) => Promise<IDataObject>;

/** Every contact operation starts from the contact the item names (or the credential's account), validated before anything is sent. */
const forContact =
	(operation: ContactOperation): ItemOperation =>
	async (item) =>
		await operation(item, readAccountIdentity(item, 'contact'));

/** Oho Contact's operations through the shared router; the writes to one contact run in input order. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route(this, {
		dialect: ohoDialect,
		operations: {
			get: forContact(get.execute),
			create: forContact(create.execute),
			update: forContact(update.execute),
			upsert: forContact(upsert.execute),
		},
		orderKey: identityKey,
	});
}

import type { IDataObject } from 'n8n-workflow';

import { readAccountIdentity } from '../../common/oho/account';
import type { ContactIdentity } from '../../common/oho/identity';
import type { ItemContext, ItemOperation } from '../../common/router';

/** One operation of Oho Contact, for one item and the contact it names. */
export type ContactOperation = (op: ItemContext, identity: ContactIdentity) => Promise<IDataObject>;

/** Every contact operation starts from the contact the item names (or the credential's account), validated before anything is sent. */
export const forContact =
	(operation: ContactOperation): ItemOperation =>
	async (item) =>
		await operation(item, readAccountIdentity(item, 'contact'));

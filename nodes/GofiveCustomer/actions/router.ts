import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { gofiveCustomerDialect } from '../../shared/gofive/dialect';
import type { ItemOperation, ItemReading } from '../../shared/router';
import { route } from '../../shared/router';
import { tidyText } from '../../OhoContact/cleaning/text';
import { readCustomerInput } from '../helpers/customerInput';
import { codeText, requireSubscriptionKey } from '../helpers/requests';
import * as addEvent from './addEvent.operation';
import * as get from './get.operation';
import * as upsert from './upsert.operation';

/**
 * Items for one customer run one after the other, in input order: by its Customer Code, else (a create) by its name,
 * which Venio allows only once. An item with neither is not ordered; its own run reports the problem.
 */
function customerKey(item: ItemReading): string | undefined {
	const operation = item.ctx.getNodeParameter('operation', 0);
	const values: IDataObject =
		operation === 'upsert' ? readCustomerInput(item).values : { customerCode: item.run.parameters.value('customerCode', item.itemIndex, '') };
	const code = codeText(values.customerCode);
	if (code !== '') return `code:${code}`;
	const name = values.customerName;
	return typeof name === 'string' && tidyText(name) !== '' ? `name:${tidyText(name).toLocaleLowerCase()}` : undefined;
}

/** Every Customer endpoint needs the subscription key: an item is refused before sending when the credential has none. */
const withSubscriptionKey =
	(operation: ItemOperation): ItemOperation =>
	async (item) => {
		requireSubscriptionKey(item.ctx, item.itemIndex, item.run.credential.data);
		return await operation(item);
	};

/** Gofive Customer's operations through the shared router; the items of one customer run in input order. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route(this, {
		dialect: gofiveCustomerDialect,
		operations: {
			upsert: withSubscriptionKey(upsert.execute),
			get: withSubscriptionKey(get.execute),
			addEvent: withSubscriptionKey(addEvent.execute),
		},
		orderKey: customerKey,
	});
}

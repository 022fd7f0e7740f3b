import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { gofiveCustomerDialect } from '../../common/gofive/dialect';
import type { ItemReading } from '../../common/router';
import { route } from '../../common/router';
import { tidyText } from '../../OhoContact/cleaning/text';
import { readCustomerInput } from '../helpers/customerInput';
import { codeText } from '../helpers/requests';
import { CUSTOMER_OPERATIONS } from './operations';

/**
 * Items for one customer run one after the other, in input order: by its Customer Code, else (a create) by its name,
 * which Venio allows only once. An item with neither is not ordered; its own run reports the problem.
 */
function customerKey(item: ItemReading): string | undefined {
	const values: IDataObject = item.operation.creates
		? readCustomerInput(item).values
		: { customerCode: item.run.parameters.value('customerCode', item.itemIndex, '') };
	const code = codeText(values.customerCode);
	if (code !== '') return `code:${code}`;
	const name = values.customerName;
	return typeof name === 'string' && tidyText(name) !== ''
		? `name:${tidyText(name).toLocaleLowerCase()}`
		: undefined;
}

/** Gofive Customer's operations through the shared router; the items of one customer run in input order. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route(this, {
		dialect: gofiveCustomerDialect,
		operations: CUSTOMER_OPERATIONS,
		orderKey: customerKey,
	});
}

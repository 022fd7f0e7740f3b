import type { INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemOperation } from '../../common/router';
import { invalidInput } from '../../common/validation';
import { customerCodeField } from '../descriptions/customerFields';
import { readAnswerDates } from '../helpers/dates';
import { codeText, customerByCode, customerOf } from '../helpers/requests';

export const description: INodeProperties[] = [customerCodeField('get', 'e.g. C000349')];

/** Get a customer by code (helpers/requests.ts, customerByCode). */
export const execute: ItemOperation = async (item) => {
	const { ctx, itemIndex, settings, run } = item;
	const customerCode = codeText(run.parameters.value('customerCode', itemIndex, ''));
	if (customerCode === '') {
		throw invalidInput(
			ctx,
			itemIndex,
			[{ path: 'customerCode', problem: 'is required', value: undefined }],
			{ customerCode: 'Customer Code' },
		);
	}
	const response = await customerByCode(item, customerCode);
	const customer = readAnswerDates(customerOf(response));
	if (Object.keys(customer).length === 0) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Gofive found no customer with the code ${customerCode}`,
			{
				itemIndex,
				description: `Gofive answered success (${response.outcome.message}) without a customer. Check the Customer Code in Venio.`,
			},
		);
	}
	const output = {
		operation: 'get',
		ok: true,
		customerCode: typeof customer.customerCode === 'string' ? customer.customerCode : customerCode,
		customer,
	};
	return settings.includeRawResponse ? { ...output, rawResponse: response.body } : output;
};

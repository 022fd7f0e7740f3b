import type { INodeProperties } from 'n8n-workflow';

import type { ItemOperation } from '../../common/router';
import { invalidInput } from '../../common/validation';
import { customerCodeField } from '../descriptions/customerFields';
import { readAnswerDates } from '../helpers/dates';
import { codeText, customerRequest, dataObject } from '../helpers/requests';

export const description: INodeProperties[] = [customerCodeField('get', 'e.g. C000349')];

/** Get a customer by code (`GET /v3/customers/{customerCode}`, docs/api/gofive-customer.md § "3.2 Get a Customer By CustomerCode"; the code is escaped, codes are free text). */
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
	const response = await customerRequest(item, {
		method: 'GET',
		path: `/v3/customers/${encodeURIComponent(customerCode)}`,
		idempotent: true,
	});
	const customer = readAnswerDates(dataObject(response));
	if (Object.keys(customer).length === 0) {
		throw invalidInput(
			ctx,
			itemIndex,
			[
				{
					path: 'customerCode',
					problem: `found no customer: Gofive answered success without the customer (${response.outcome.message})`,
					value: customerCode,
				},
			],
			{ customerCode: 'Customer Code' },
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

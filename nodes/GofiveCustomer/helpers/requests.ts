import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { gofiveCustomerDialect } from '../../common/gofive/dialect';
import type { ItemContext } from '../../common/router';
import { apiRequest } from '../../common/transport/request';
import type { ApiRequest, ApiResponse } from '../../common/transport/types';
import { NOTHING_SENT } from '../../common/validation';

/** What every Customer endpoint needs and Gofive's chat endpoint may not (docs/api/gofive-customer.md § "1. Common rules"). */
export const MISSING_SUBSCRIPTION_KEY =
	"The Gofive API credential has no Subscription Key. Gofive's Customer API (Venio CRM) requires it on every request: enter it in the credential's Subscription Key field (Gofive's Ocp-Apim-Subscription-Key).";

export function hasSubscriptionKey(credentials: ICredentialDataDecryptedObject): boolean {
	return (
		typeof credentials.subscriptionKey === 'string' && credentials.subscriptionKey.trim() !== ''
	);
}

/** Refuses the item before anything is sent when the credential has no subscription key. */
export function requireSubscriptionKey(
	ctx: IExecuteFunctions,
	itemIndex: number,
	credentials: ICredentialDataDecryptedObject,
): void {
	if (!hasSubscriptionKey(credentials)) {
		throw new NodeOperationError(ctx.getNode(), MISSING_SUBSCRIPTION_KEY, {
			itemIndex,
			description: NOTHING_SENT,
		});
	}
}

/** One request to the Customer API through the shared transport and Gofive's status.code dialect. */
export async function customerRequest(
	item: ItemContext,
	request: ApiRequest,
): Promise<ApiResponse> {
	return await apiRequest(item, gofiveCustomerDialect, request);
}

/**
 * Get a Customer By CustomerCode (`GET /v3/customers/{customerCode}`, docs/api/gofive-customer.md § "3.2 Get a
 * Customer By CustomerCode"); the code is escaped, codes are free text. The statuses in `handledStatuses` come back as
 * answers for the caller to read.
 */
export async function customerByCode(
	item: ItemContext,
	customerCode: string,
	handledStatuses?: number[],
): Promise<ApiResponse> {
	return await customerRequest(item, {
		method: 'GET',
		path: `/v3/customers/${encodeURIComponent(customerCode)}`,
		idempotent: true,
		handledStatuses,
	});
}

/** The `data` of an answer when it is an object; `{}` otherwise. */
export function dataObject(response: ApiResponse): IDataObject {
	const { data } = response.body;
	return typeof data === 'object' && data !== null && !Array.isArray(data)
		? (data as IDataObject)
		: {};
}

/**
 * The customer a Get answer carries: its `data` object, or the one customer a list holds (the envelope's `data` is
 * "an object or an array", docs/api/gofive-customer.md § "1. Common rules"); `{}` when there is none.
 */
export function customerOf(response: ApiResponse): IDataObject {
	const { data } = response.body;
	if (Array.isArray(data) && data.length === 1 && typeof data[0] === 'object' && data[0] !== null)
		return data[0] as IDataObject;
	return dataObject(response);
}

/** A customer code as text (Venio's codes are free text; a number from an expression is its digits). */
export function codeText(value: unknown): string {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return typeof value === 'string' ? value.trim() : '';
}

import { ohoDialect } from '../../shared/oho/dialect';
import type { ContactIdentity } from '../../shared/oho/identity';
import { identityPath } from '../../shared/oho/identity';
import type { ItemContext } from '../../shared/router';
import { apiRequest } from '../../shared/transport/request';
import type { ApiRequest, ApiResponse } from '../../shared/transport/types';

/** An Oho request for one item. */
export async function ohoCall(op: ItemContext, request: ApiRequest): Promise<ApiResponse> {
	return await apiRequest(op, ohoDialect, request);
}

export async function getContact(op: ItemContext, identity: ContactIdentity): Promise<ApiResponse> {
	return await ohoCall(op, { method: 'GET', path: identityPath('contact', identity), idempotent: true });
}

import { ohoDialect } from '../../common/oho/dialect';
import type { ContactIdentity } from '../../common/oho/identity';
import { identityPath } from '../../common/oho/identity';
import type { ItemContext } from '../../common/router';
import { apiRequest } from '../../common/transport/request';
import type { ApiRequest, ApiResponse } from '../../common/transport/types';

/** An Oho request for one item. */
export async function ohoCall(op: ItemContext, request: ApiRequest): Promise<ApiResponse> {
	return await apiRequest(op, ohoDialect, request);
}

export async function getContact(op: ItemContext, identity: ContactIdentity): Promise<ApiResponse> {
	return await ohoCall(op, {
		method: 'GET',
		path: identityPath('contact', identity),
		idempotent: true,
	});
}

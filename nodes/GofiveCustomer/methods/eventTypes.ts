import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { gofiveCustomerDialect } from '../../common/gofive/dialect';
import { eventTypesIn } from '../helpers/eventTypes';
import { hasSubscriptionKey, MISSING_SUBSCRIPTION_KEY } from '../helpers/requests';

/** The company's event types (`GET /v1/customerEvent/event-types`), for the Event Type list: set per company, read live. */
export async function getEventTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const credentials = await this.getCredentials('gofiveApi');
	if (!hasSubscriptionKey(credentials))
		throw new NodeOperationError(this.getNode(), MISSING_SUBSCRIPTION_KEY);
	const baseUrl = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	const answer = (await this.helpers.httpRequestWithAuthentication.call(this, 'gofiveApi', {
		method: 'GET',
		url: `${baseUrl}/v1/customerEvent/event-types`,
		headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
		json: true,
	})) as unknown;
	const outcome = gofiveCustomerDialect.interpret(200, answer ?? {});
	if (!outcome.ok) {
		throw new NodeOperationError(
			this.getNode(),
			`Gofive did not list the event types: ${outcome.message}`,
		);
	}
	return eventTypesIn((answer as IDataObject).data)
		.map((type) => ({ name: type.name, value: type.id }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

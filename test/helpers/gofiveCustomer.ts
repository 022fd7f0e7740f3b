/** Gofive Customer run on the sandbox: its parameters, its runs, its event-type list and the requests that reached it. */
import { LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeParameters,
	INodePropertyOptions,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { GofiveCustomer } from '../../nodes/GofiveCustomer/GofiveCustomer.node';
import type { RecordedRequest, Sandbox } from '../../sandbox';
import { DEMO } from '../../sandbox';
import type { OnError, RunNodeResult } from './n8n';
import { CredentialStore, nodeTypesOf, runNode, testAdditionalData } from './n8n';
import { accessToken } from './gofive';

/** The demo access token with the subscription key every Customer endpoint requires. */
export function customerCredential(
	sb: Sandbox,
	extra: IDataObject = {},
): ICredentialDataDecryptedObject {
	return accessToken(sb, { subscriptionKey: DEMO.gofiveSubscriptionKey, ...extra });
}

/** Requests to the Customer API (customers and customer events), oldest first. */
export const customerRequests = (sb: Sandbox): RecordedRequest[] =>
	sb.requests({ api: 'gofive' }).filter((request) => /^\/v[13]\/customer/.test(request.path));

export const calls = (sb: Sandbox): string[] =>
	customerRequests(sb).map((request) => `${request.method} ${request.path}`);

export interface CustomerRun {
	items?: IDataObject[];
	onError?: OnError;
	credential?: ICredentialDataDecryptedObject;
	store?: CredentialStore;
	timezone?: string;
}

/** Runs Gofive Customer once inside WorkflowExecute (version 1.1), retries fast. */
export async function runCustomer(
	sb: Sandbox,
	parameters: IDataObject,
	run: CustomerRun = {},
): Promise<RunNodeResult> {
	const { advanced, ...rest } = parameters;
	return await runNode(
		{
			node: new GofiveCustomer(),
			typeVersion: 1.1,
			parameters: {
				resource: 'customer',
				...rest,
				advanced: { retryDelayMs: 1, ...(advanced as IDataObject | undefined) },
			} as INodeParameters,
			credentials: { gofiveApi: run.credential ?? customerCredential(sb) },
			items: run.items,
			onError: run.onError,
			timezone: run.timezone,
		},
		run.store,
	);
}

/** The Event Type list as the editor loads it (n8n-core's load-options context, the credential's authentication). */
export async function loadEventTypes(
	credential: ICredentialDataDecryptedObject,
): Promise<INodePropertyOptions[]> {
	const node = new GofiveCustomer();
	const subject: INode = {
		id: 'subject',
		name: 'Gofive Customer',
		type: 'n8n-nodes-oho-gofive.gofiveCustomer',
		typeVersion: 1.1,
		position: [0, 0],
		parameters: { resource: 'customer', operation: 'addEvent' },
		credentials: { gofiveApi: { id: 'gofiveApi-id', name: 'gofiveApi' } },
	};
	const workflow = new Workflow({
		nodes: [subject],
		connections: {},
		active: false,
		nodeTypes: nodeTypesOf(node),
	});
	const store = new CredentialStore();
	store.set('gofiveApi', credential);
	const context = new LoadOptionsContext(workflow, subject, testAdditionalData(store), 'eventType');
	return await node.methods.loadOptions.getEventTypes.call(context);
}

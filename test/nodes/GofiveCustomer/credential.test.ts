/**
 * One Gofive API credential for Gofive Chat and Gofive Customer in one workflow run: with Client Credentials n8n
 * fetches one token, stores it in the credential, and both nodes send it.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type { INode, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { createRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';

import { GofiveChat } from '../../../nodes/GofiveChat/GofiveChat.node';
import { GofiveCustomer } from '../../../nodes/GofiveCustomer/GofiveCustomer.node';
import { DEMO } from '../../../sandbox';
import { CredentialStore, testAdditionalData } from '../../helpers/n8n';
import { clientCredentials, tokenRequests } from '../../helpers/gofive';
import { customerRequests } from '../../helpers/gofiveCustomer';
import { useSandbox } from '../../helpers/sandbox';

const ref = useSandbox();

const credentials = { gofiveApi: { id: 'gofive-id', name: 'Gofive' } };

/** Gofive Customer (Create or Update) → Gofive Chat (Send Message), one workflow, one execution. */
async function runCustomerThenChat(store: CredentialStore) {
	const types: Record<string, INodeType> = {
		gofiveCustomer: new GofiveCustomer(),
		gofiveChat: new GofiveChat(),
	};
	const nodeTypes: INodeTypes = {
		getByName: (name: string) => types[name.split('.').pop()!] as INodeType | IVersionedNodeType,
		getByNameAndVersion: (name: string) => types[name.split('.').pop()!],
		getKnownTypes: () => ({}),
	};
	const node = (
		name: string,
		type: string,
		typeVersion: number,
		parameters: INode['parameters'],
		x: number,
	): INode => {
		const description = types[type].description;
		const subject: INode = {
			id: name,
			name,
			type: `n8n-nodes-oho-gofive.${type}`,
			typeVersion,
			position: [x, 0],
			parameters,
			credentials,
		};
		subject.parameters =
			NodeHelpers.getNodeParameters(
				description.properties,
				parameters,
				true,
				false,
				subject,
				description,
			) ?? parameters;
		return subject;
	};
	const nodes = [
		node(
			'Customer',
			'gofiveCustomer',
			1.1,
			{
				resource: 'customer',
				operation: 'upsert',
				customerName: 'Malee Thongdee',
				customerState: 1,
			},
			0,
		),
		node(
			'Chat',
			'gofiveChat',
			1.1,
			{
				resource: 'message',
				operation: 'sendMessage',
				roomId: DEMO.gofiveRoomId,
				content: '={{ "New lead " + $json.customerCode }}',
				companyId: '507',
			},
			200,
		),
	];
	const workflow = new Workflow({
		id: 'credential-reuse',
		nodes,
		connections: { Customer: { main: [[{ node: 'Chat', type: 'main', index: 0 }]] } },
		active: false,
		nodeTypes,
		settings: { timezone: 'Asia/Bangkok' },
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'credential-reuse', {
		id: 'credential-reuse',
		nodes,
		connections: {},
	} as never);
	const executionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: nodes[0], data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	return await new WorkflowExecute(
		testAdditionalData(store, hooks),
		'manual',
		executionData,
	).processRunExecutionData(workflow);
}

test('one token, fetched once, serves Gofive Customer and Gofive Chat in the same run', async () => {
	const store = new CredentialStore();
	store.set(
		'gofiveApi',
		clientCredentials(ref.sb, { subscriptionKey: DEMO.gofiveSubscriptionKey }),
	);

	const run = await runCustomerThenChat(store);

	expect(run.data.resultData.error).toBeUndefined();
	const customerCode = ref.sb
		.state()
		.gofiveCustomers.find((customer) => customer.customerName === 'Malee Thongdee')!.customerCode;
	expect(ref.sb.state().gofiveMessages.map((message) => message.content)).toEqual([
		`New lead ${customerCode}`,
	]);
	expect(tokenRequests(ref.sb)).toHaveLength(1);
	const [customerRequest] = customerRequests(ref.sb);
	const [chatRequest] = ref.sb.requests({ api: 'gofive', path: '/v1/chat/message' });
	// The sandbox masks tokens to their first 4 characters; the store holds the one token both nodes sent.
	expect(customerRequest.headers.authorization).toBe('Bearer gft_***');
	expect(chatRequest.headers.authorization).toBe('Bearer gft_***');
	expect(store.get('gofiveApi').sessionToken).toMatch(/^gft_/);
	expect(store.updates).toBe(1);
});

/**
 * Runs one of our nodes inside n8n-core's own engine (WorkflowExecute), as n8n does:
 * a source node emits the input items, our node runs with real credentials authentication
 * (generic headers resolved by n8n's expression engine, preAuthentication with an expirable
 * field exactly as n8n's CredentialsHelper does it) and real HTTP through n8n's request helper.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	NodeExecutionHint,
	IWorkflowExecuteAdditionalData,
	Workflow as WorkflowType,
} from 'n8n-workflow';
import {
	createRunExecutionData,
	ICredentialsHelper,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
} from 'n8n-workflow';

import { GofiveApi } from '../../credentials/GofiveApi.credentials';
import { OhoApi } from '../../credentials/OhoApi.credentials';
import { OhoWebhookBasicAuthApi } from '../../credentials/OhoWebhookBasicAuthApi.credentials';
import { OhoWebhookHeaderAuthApi } from '../../credentials/OhoWebhookHeaderAuthApi.credentials';
import { OhoWebhookUrlSecretApi } from '../../credentials/OhoWebhookUrlSecretApi.credentials';

export const credentialTypes: Record<string, ICredentialType> = {
	ohoApi: new OhoApi(),
	gofiveApi: new GofiveApi(),
	ohoWebhookHeaderAuthApi: new OhoWebhookHeaderAuthApi(),
	ohoWebhookBasicAuthApi: new OhoWebhookBasicAuthApi(),
	ohoWebhookUrlSecretApi: new OhoWebhookUrlSecretApi(),
};

/** Stored credential data with the defaults of its type filled in, as n8n's applyDefaultsAndOverwrites does. */
export function withCredentialDefaults(
	type: string,
	data: ICredentialDataDecryptedObject,
): ICredentialDataDecryptedObject {
	const filled = NodeHelpers.getNodeParameters(
		credentialTypes[type].properties,
		data as INode['parameters'],
		true,
		false,
		null,
		null,
	);
	return (filled ?? data) as ICredentialDataDecryptedObject;
}

/** Emits the items given in its "items" parameter: the stand-in for a trigger or a previous node. */
class ItemsSource implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Items Source',
		name: 'itemsSource',
		group: ['input'],
		version: 1,
		description: 'Test input',
		defaults: { name: 'Items Source' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as IDataObject[];
		return [items.map((json) => ({ json }))];
	}
}

export type OnError = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';

export interface RunNodeOptions {
	node: INodeType;
	parameters: INode['parameters'];
	/** Credential data by credential type name, e.g. { ohoApi: { apiKey, baseUrl } }. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	items?: IDataObject[];
	onError?: OnError;
	typeVersion?: number;
	/** The workflow's time zone (Settings > Timezone); Bangkok unless a test says otherwise. */
	timezone?: string;
}

export interface RunNodeResult {
	/** Our node's outputs by output index: [0] the main output, [1] the error output when enabled. */
	outputs: INodeExecutionData[][];
	/** The error that stopped the node, when it did. */
	error?: IDataObject & {
		message: string;
		description?: string;
		httpCode?: string;
		context?: IDataObject;
	};
	/** The execution hints our node gave (addExecutionHints): what the editor shows above its output. */
	hints: NodeExecutionHint[];
	run: IRun;
}

/** Stored credentials, shared across runs of one test file so a fetched token is reused as n8n reuses it. */
export class CredentialStore {
	private readonly data = new Map<string, ICredentialDataDecryptedObject>();

	updates = 0;

	/** How many times n8n read (and would have decrypted) a stored credential. */
	reads = 0;

	set(type: string, data: ICredentialDataDecryptedObject) {
		this.data.set(type, { ...data });
	}

	has(type: string): boolean {
		return this.data.has(type);
	}

	get(type: string): ICredentialDataDecryptedObject {
		const stored = this.data.get(type);
		if (!stored) throw new Error(`No test credentials of type ${type}`);
		return { ...stored };
	}

	update(type: string, data: ICredentialDataDecryptedObject) {
		this.updates++;
		this.data.set(type, { ...data });
	}
}

export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly store: CredentialStore) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow?: WorkflowType,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = credentialTypes[typeName];
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate?.type === 'generic' && workflow && node) {
			for (const [outerKey, values] of Object.entries(authenticate.properties)) {
				const target = ((requestOptions as unknown as Record<string, IDataObject>)[outerKey] ??=
					{});
				for (const [key, value] of Object.entries(values as IDataObject)) {
					const resolve = (v: unknown) =>
						workflow.expression.getSimpleParameterValue(
							node,
							v as string,
							'internal',
							{ $credentials: credentials },
							undefined,
							v as string,
						);
					target[resolve(key) as string] = resolve(value) as string;
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = credentialTypes[typeName];
		const expirable = type.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		// n8n's credential test runs a temporary NoOp node with a "temp" parameter and always pre-authenticates.
		const isTestingCredentials =
			node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isTestingCredentials)
			return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		this.store.update(typeName, {
			...this.store.get(typeName),
			...output,
		} as ICredentialDataDecryptedObject);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used in tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		this.store.reads++;
		return withCredentialDefaults(type, this.store.get(type));
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties() {
		return [];
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	) {
		this.store.update(type, data);
	}
}

export function nodeTypesOf(node: INodeType): INodeTypes {
	const byName: Record<string, INodeType> = {
		itemsSource: new ItemsSource(),
		[node.description.name]: node,
	};
	const getByName = (name: string) => byName[name.split('.').pop()!];
	return {
		getByName: (name: string) => getByName(name) as INodeType | IVersionedNodeType,
		getByNameAndVersion: (name: string) => getByName(name),
		getKnownTypes: () => ({}),
	};
}

/** What n8n gives an execution besides the workflow: here the test credentials helper and fixed URLs. */
export function testAdditionalData(
	store: CredentialStore,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(store),
		hooks,
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		variables: {},
		currentNodeExecutionIndex: 0,
		userId: 'test-user',
	} as unknown as IWorkflowExecuteAdditionalData;
}

export async function runNode(
	options: RunNodeOptions,
	store = new CredentialStore(),
): Promise<RunNodeResult> {
	for (const [type, data] of Object.entries(options.credentials ?? {})) {
		if (!store.has(type)) store.set(type, data);
	}
	const nodeName = options.node.description.displayName;
	const credentialsOfNode = Object.fromEntries(
		Object.keys(options.credentials ?? {}).map((type) => [type, { id: `${type}-id`, name: type }]),
	);
	const nodes: INode[] = [
		{
			id: 'source',
			name: 'Input',
			type: 'test.itemsSource',
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: JSON.stringify(options.items ?? [{}]) },
		},
		{
			id: 'subject',
			name: nodeName,
			type: `n8n-nodes-oho-gofive.${options.node.description.name}`,
			typeVersion: options.typeVersion ?? 1,
			position: [200, 0],
			parameters: options.parameters,
			credentials: credentialsOfNode,
			onError: options.onError ?? 'stopWorkflow',
		},
	];
	const nodeTypes = nodeTypesOf(options.node);
	// Parameters as the editor would save them: defaults filled in.
	const description = options.node.description;
	nodes[1].parameters =
		NodeHelpers.getNodeParameters(
			description.properties,
			nodes[1].parameters,
			true,
			false,
			nodes[1],
			description,
		) ?? nodes[1].parameters;
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes,
		connections: { Input: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } },
		active: false,
		nodeTypes,
		settings: { timezone: options.timezone ?? 'Asia/Bangkok' },
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test-workflow',
		name: 'test',
		active: false,
		nodes,
		connections: workflow.connectionsBySourceNode,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	const additionalData = testAdditionalData(store, hooks);

	const executionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: nodes[0], data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	const run = await new WorkflowExecute(
		additionalData,
		'manual',
		executionData,
	).processRunExecutionData(workflow);
	const taskData = run.data.resultData.runData[nodeName]?.[0];
	const outputs = (taskData?.data?.main ?? []).map((items) => items ?? []);
	const error = taskData?.error as RunNodeResult['error'];
	return { outputs, error, hints: taskData?.hints ?? [], run };
}

/** The node's subtitle as the editor shows it under the node: its expression evaluated with these parameters. */
export function subtitleOf(node: INodeType, parameters: INode['parameters']): unknown {
	const subject: INode = {
		id: 'subject',
		name: 'Subject',
		type: `n8n-nodes-oho-gofive.${node.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	const workflow = new Workflow({
		nodes: [subject],
		connections: {},
		active: false,
		nodeTypes: nodeTypesOf(node),
	});
	return workflow.expression.getSimpleParameterValue(
		subject,
		node.description.subtitle,
		'internal',
		{},
	);
}

/** The JSON of our node's main output. */
export function jsonOf(result: RunNodeResult, outputIndex = 0): IDataObject[] {
	return (result.outputs[outputIndex] ?? []).map((item) => item.json);
}

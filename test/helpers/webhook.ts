/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * A trigger node's webhook run as n8n runs it: a real HTTP server whose requests get n8n's body parsing (JSON,
 * form, text; a body that claims JSON but is not answered 422, as n8n's body parser does), then n8n-core's
 * WebhookContext and the node's `webhook()`, then n8n's answer: nothing more after `noWebhookResponse`, the
 * `webhookResponse` (or "Webhook call received") when no workflow starts, and, when one does (response mode "on
 * received"), what the webhook description's responseData says (n8n's default sends the text "firstEntryJson").
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { parse as parseQuery } from 'querystring';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { HookContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeType,
	IWebhookData,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { CredentialStore, nodeTypesOf, testAdditionalData } from './n8n';

export interface TriggerServer {
	url: string;
	/** The items of each execution the deliveries started, oldest first. */
	executions: IDataObject[][];
	close(): Promise<void>;
}

export interface Delivery {
	status: number;
	body: IDataObject | string;
}

interface ParsedRequest extends IncomingMessage {
	body?: unknown;
	rawBody: Buffer;
	contentType?: string;
	query?: unknown;
}

export interface TriggerServerOptions {
	/** Whether n8n kept the raw body beside the parsed one (default true); some n8n versions do not. */
	rawBody?: boolean;
	/** The workflow's time zone (Settings > Timezone); Bangkok unless a test says otherwise. */
	timezone?: string;
}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** n8n's parseBody for a webhook: the body by its content type; undefined when it fails (n8n answers 422). */
function parseLikeN8n(req: ParsedRequest, raw: Buffer): boolean {
	req.contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
	req.body = {};
	if (!raw.length) return true;
	try {
		if (req.contentType === 'application/json') req.body = JSON.parse(raw.toString('utf8'));
		else if (req.contentType === 'application/x-www-form-urlencoded')
			req.body = parseQuery(raw.toString('utf8'));
		else if (req.contentType === 'text/plain') req.body = raw.toString('utf8');
	} catch {
		return false;
	}
	return true;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify(body));
}

/** The trigger as the one node of an active workflow, its parameters as the editor saves them, and its webhook. */
function triggerWorkflow(
	node: INodeType,
	parameters: INode['parameters'],
	credentials: Record<string, ICredentialDataDecryptedObject>,
	timezone = 'Asia/Bangkok',
) {
	const store = new CredentialStore();
	for (const [type, data] of Object.entries(credentials)) store.set(type, data);
	const description = node.description;
	const triggerNode: INode = {
		id: 'trigger-node',
		name: description.defaults.name ?? description.displayName,
		type: `n8n-nodes-oho-gofive.${description.name}`,
		typeVersion: 1,
		position: [0, 0],
		webhookId: 'a1b2c3d4-0000-4000-8000-000000000001',
		parameters: {},
		credentials: Object.fromEntries(
			Object.keys(credentials).map((type) => [type, { id: `${type}-id`, name: type }]),
		),
	};
	// Parameters as the editor saves them: defaults filled in, hidden ones dropped.
	triggerNode.parameters =
		NodeHelpers.getNodeParameters(
			description.properties,
			parameters,
			false,
			false,
			triggerNode,
			description,
		) ?? parameters;
	const workflow = new Workflow({
		id: 'trigger-workflow',
		nodes: [triggerNode],
		connections: {},
		active: true,
		nodeTypes: nodeTypesOf(node),
		settings: { timezone },
	});
	const webhookData = {
		httpMethod: 'POST',
		node: triggerNode.name,
		path: `${triggerNode.webhookId}/oho`,
		webhookDescription: description.webhooks![0],
		workflowId: workflow.id,
		workflowExecuteAdditionalData: {},
		webhookId: triggerNode.webhookId,
	} as unknown as IWebhookData;
	return { store, triggerNode, workflow, webhookData };
}

export interface Activation {
	/** What n8n's log received as warnings while the webhook was set up. */
	warnings: string[];
}

/**
 * What n8n does when the workflow is published (`activation` create) or the editor listens for a test event
 * (`manual`): the webhook methods' checkExists, then create when it answers false. Throws what they throw, as n8n
 * shows it to the operator.
 */
export async function activateTrigger(
	node: INodeType,
	parameters: INode['parameters'],
	credentials: Record<string, ICredentialDataDecryptedObject> = {},
	options: { activation?: WorkflowActivateMode; webhookBaseUrl?: string } = {},
): Promise<Activation> {
	const { store, triggerNode, workflow, webhookData } = triggerWorkflow(
		node,
		parameters,
		credentials,
	);
	const activation = options.activation ?? 'activate';
	const isTest = activation === 'manual';
	const baseUrl = options.webhookBaseUrl ?? 'https://n8n.example.com';
	const additionalData = {
		...testAdditionalData(store),
		webhookBaseUrl: `${baseUrl}/webhook`,
		webhookTestBaseUrl: `${baseUrl}/webhook-test`,
	};
	const context = new HookContext(
		workflow,
		triggerNode,
		additionalData as never,
		isTest ? 'manual' : 'trigger',
		activation,
		{ ...webhookData, isTest } as IWebhookData,
	);
	const warnings: string[] = [];
	const warn = jest
		.spyOn(Container.get(Logger), 'warn')
		.mockImplementation((message: string) => void warnings.push(message));
	try {
		const methods = node.webhookMethods!.default!;
		if (!(await methods.checkExists.call(context))) await methods.create.call(context);
	} finally {
		warn.mockRestore();
	}
	return { warnings };
}

export async function startTriggerServer(
	node: INodeType,
	parameters: INode['parameters'],
	credentials: Record<string, ICredentialDataDecryptedObject> = {},
	options: TriggerServerOptions = {},
): Promise<TriggerServer> {
	const { store, triggerNode, workflow, webhookData } = triggerWorkflow(
		node,
		parameters,
		credentials,
		options.timezone,
	);

	const executions: IDataObject[][] = [];
	const server = createServer((request, res) => {
		const req = request as ParsedRequest;
		void (async () => {
			const raw = await readRaw(req);
			if (options.rawBody !== false) req.rawBody = raw;
			// The query string as n8n's router hands it to a webhook (express's parser: a repeated key gives a list).
			req.query = parseQuery(new URL(req.url ?? '/', 'http://localhost').search.slice(1));
			if (!parseLikeN8n(req, raw))
				return sendJson(res, 422, { code: 422, message: 'Failed to parse request body' });
			const additionalData = { ...testAdditionalData(store), httpRequest: req, httpResponse: res };
			const context = new WebhookContext(
				workflow,
				triggerNode,
				additionalData as never,
				'webhook',
				webhookData,
				[],
				null,
			);
			const result = await node.webhook!.call(context);
			if (result.noWebhookResponse) return;
			if (result.workflowData === undefined) {
				return sendJson(res, 200, result.webhookResponse ?? { message: 'Webhook call received' });
			}
			executions.push(result.workflowData[0].map((item) => item.json));
			// n8n's answer in response mode "on received" (extractWebhookOnReceivedResponse): the description's
			// responseData, evaluated with the default "firstEntryJson", is sent as it is when set (a text goes out as
			// text/html); only an empty one lets the node's webhookResponse, or n8n's own JSON, through.
			const declared = webhookData.webhookDescription.responseData;
			const responseData = declared === undefined ? 'firstEntryJson' : declared;
			if (responseData === 'noData') return void res.writeHead(200).end();
			if (responseData)
				return void res
					.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
					.end(String(responseData));
			sendJson(res, 200, result.webhookResponse ?? { message: 'Workflow was started' });
		})().catch((error: Error) => {
			if (!res.headersSent) sendJson(res, 500, { message: `test server: ${error.message}` });
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook/${triggerNode.webhookId}/oho`,
		executions,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** POSTs `body` (an object is sent as JSON; a string as it is) and returns the answer. */
export async function deliver(
	url: string,
	body: unknown,
	headers: Record<string, string> = {},
): Promise<Delivery> {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: text,
	});
	const answer = await response.text();
	let parsed: IDataObject | string = answer;
	try {
		parsed = JSON.parse(answer) as IDataObject;
	} catch {
		// not JSON: kept as text
	}
	return { status: response.status, body: parsed };
}

/** POSTs `body` as JSON and returns the answer as sent: its status, Content-Type and text. */
export async function deliverRaw(
	url: string,
	body: unknown,
): Promise<{ status: number; contentType: string | null; text: string }> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return {
		status: response.status,
		contentType: response.headers.get('content-type'),
		text: await response.text(),
	};
}

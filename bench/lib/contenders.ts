/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * The contenders as n8n workflows: our node (default settings, tuned) and n8n's HTTP Request node set up by hand
 * the way an operator without our package would (default options; batching to stay under the rate limit).
 * Every workflow starts with the same two nodes, "Input" (a Set node holding the items as JSON) and "Items"
 * (Split Out); the baseline workflow is just those two.
 */
import type { NodeSpec } from '../../e2e/lib/workflows';
import { MANUAL_TRIGGER, linearWorkflow } from '../../e2e/lib/workflows';
import type { WorkflowImport } from '../../e2e/lib/n8n';
import { DEMO } from '../../sandbox';
import { AUTO_CEILING } from '../../nodes/common/parallelism';
import { FLOOR_NODE_TYPE, FLOOR_PARALLEL } from './floor-package';
import type { Workload, WorkloadId } from './workloads';
import {
	BENCH_ROOMS,
	LEAD_STATE,
	LINE,
	PICTURE_URL,
	RATE_LIMIT_PER_SECOND,
	inputItems,
} from './workloads';

export type ContenderId =
	| 'ours-default'
	| 'ours-automap'
	| 'ours-tuned'
	| 'floor'
	| 'http-default'
	| 'http-batched';

export interface Contender {
	id: ContenderId;
	label: string;
	ours: boolean;
	/** Requests in flight at most (Infinity: every item at once), per workload. */
	parallelism(workload: Workload, size: number): number;
	/** A ceiling on the request rate the contender sets itself (batching), requests/s. */
	ownRateLimit?: number;
	/** Workloads it takes part in. */
	workloads: WorkloadId[];
	/** Our node's options, per workload. */
	options?(workload: Workload): Record<string, unknown>;
}

/** Our node sends one message per Gofive room at a time (their order is kept): W3 has as many in flight as rooms. */
const perRoom = (workload: Workload, parallel: number) =>
	workload.id === 'W3' ? Math.min(parallel, BENCH_ROOMS.length) : parallel;

/** `BENCH_AUTO_CAP`: a Most Requests in Parallel (Auto) for our node at defaults, to measure Auto's ceiling. */
const AUTO_CAP = process.env.BENCH_AUTO_CAP ? Number(process.env.BENCH_AUTO_CAP) : undefined;

/** "Requests in Parallel" of the tuned contender: the most the node allows without a rate limit; under one, 2. */
export const TUNED_PARALLEL: Partial<Record<WorkloadId, number>> = { W1: 50, W2: 2, W3: 50 };
export const BATCH = { batchSize: 5, batchInterval: 100 };
const BATCH_RATE = (BATCH.batchSize * 1000) / BATCH.batchInterval;

export const CONTENDERS: Contender[] = [
	{
		id: 'ours-default',
		label: `Our node, defaults (Requests in Parallel: Auto, at most ${AUTO_CEILING})`,
		ours: true,
		parallelism: (w) => perRoom(w, AUTO_CAP ?? AUTO_CEILING),
		workloads: ['W1', 'W2', 'W3', 'W4', 'W5', 'W6'],
		options: () => (AUTO_CAP ? { maxParallelRequests: AUTO_CAP } : {}),
	},
	{
		id: 'ours-automap',
		label:
			'Oho Contact, defaults, Map Automatically (the contact fields from the item, no expressions but the User ID)',
		ours: true,
		parallelism: () => AUTO_CEILING,
		workloads: ['W1'],
		options: () => ({}),
	},
	{
		id: 'ours-tuned',
		label: 'Oho/Gofive node, tuned (Requests in Parallel: W1/W3 50, W2 2)',
		ours: true,
		parallelism: (w) => perRoom(w, TUNED_PARALLEL[w.id] ?? 1),
		workloads: ['W1', 'W2', 'W3'],
		options: (w) => ({ parallelRequests: TUNED_PARALLEL[w.id] }),
	},
	{
		id: 'floor',
		label: `Floor: a bench-only node that only calls httpRequestWithAuthentication per item (POST, PATCH on 409), ${FLOOR_PARALLEL} in parallel`,
		ours: false,
		parallelism: () => FLOOR_PARALLEL,
		workloads: ['W1'],
	},
	{
		id: 'http-default',
		label: 'HTTP Request node, default options (all items at once)',
		ours: false,
		parallelism: (_w, size) => size,
		workloads: ['W1', 'W2', 'W3', 'W4', 'W6'],
	},
	{
		id: 'http-batched',
		label: `HTTP Request node, batching ${BATCH.batchSize} items / ${BATCH.batchInterval} ms (= ${BATCH_RATE}/s)`,
		ours: false,
		parallelism: (w) => Math.ceil((BATCH.batchSize * w.latencyMs) / BATCH.batchInterval),
		ownRateLimit: BATCH_RATE,
		workloads: ['W2', 'W5'],
	},
];

export interface CredentialIds {
	ohoApi: { id: string; name: string };
	httpHeaderAuth: { id: string; name: string };
	/** Client-credentials credentials for W3 and W6; each run gets its own so that every run starts without a token. */
	gofiveApi: { id: string; name: string };
	oAuth2Api: { id: string; name: string };
}

/**
 * Map Automatically reads the contact fields from the item by their names, so its items carry every field the
 * create needs under Oho's names; the other contenders get the three fields and build the rest themselves.
 */
function automapItems(items: Array<Record<string, string>>): Array<Record<string, string>> {
	return items.map((item) => ({
		userId: item.userId,
		platform_name: LINE.platformName,
		line_basic_id: LINE.lineBasicId,
		profile_picture_url: PICTURE_URL,
		platform_display_name: item.displayName,
		display_name: item.displayName,
		first_name: item.firstName,
	}));
}

/** A contender's input items: the workload's, or, for Map Automatically, the same under Oho's field names. */
export function contenderInputItems(
	workload: Workload,
	size: number,
	contender: Contender | null,
): Array<Record<string, string>> {
	const items = inputItems(workload, size);
	return contender?.id === 'ours-automap' ? automapItems(items) : items;
}

/** The nodes every workflow starts with: the items, as a Set node's JSON and Split Out. */
function inputNodes(workload: Workload, size: number, contender: Contender | null): NodeSpec[] {
	return [
		MANUAL_TRIGGER,
		{
			name: 'Input',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: {
				mode: 'raw',
				jsonOutput: JSON.stringify({ items: contenderInputItems(workload, size, contender) }),
				options: {},
			},
		},
		{
			name: 'Items',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'items', include: 'noOtherFields', options: {} },
		},
	];
}

/** The names of the nodes whose execution time is the contender's. */
export const CONTENDER_NODES = ['Upsert', 'Create', 'Is 409', 'Update', 'Send', 'Floor'];

function httpOptions(
	contender: Contender,
	extra: Record<string, unknown> = {},
): Record<string, unknown> {
	return {
		...extra,
		...(contender.id === 'http-batched' ? { batching: { batch: BATCH } } : {}),
	};
}

function contenderNodes(
	workload: Workload,
	contender: Contender,
	baseUrl: string,
	creds: CredentialIds,
): NodeSpec[] {
	if (contender.id === 'floor') {
		return [
			{
				name: 'Floor',
				type: FLOOR_NODE_TYPE,
				parameters: { parallel: FLOOR_PARALLEL },
				credentials: { ohoApi: creds.ohoApi },
			},
		];
	}
	if (contender.ours && workload.api === 'oho') {
		// The contact's fields: Map Automatically reads them from the item by name; otherwise one expression each.
		const fields =
			contender.id === 'ours-automap'
				? {
						dataMode: 'mapper',
						contactFields: {
							mappingMode: 'autoMapInputData',
							value: null,
							matchingColumns: [],
							schema: [],
						},
					}
				: {
						dataMode: 'define',
						platformName: LINE.platformName,
						lineBasicId: LINE.lineBasicId,
						profilePictureUrl: PICTURE_URL,
						platformDisplayName: '={{ $json.displayName }}',
						firstName: '={{ $json.firstName }}',
						additionalFields: { displayName: '={{ $json.displayName }}' },
					};
		return [
			{
				name: 'Upsert',
				type: 'n8n-nodes-oho-gofive.ohoContact',
				parameters: {
					resource: 'contact',
					operation: 'upsert',
					platform: 'line',
					platformId: LINE.platformId,
					userId: '={{ $json.userId }}',
					...fields,
					options: contender.options!(workload),
				},
				credentials: { ohoApi: creds.ohoApi },
			},
		];
	}
	if (contender.ours && workload.api === 'venio') {
		return [
			{
				name: 'Upsert',
				type: 'n8n-nodes-oho-gofive.gofiveCustomer',
				typeVersion: 1.1,
				parameters: {
					resource: 'customer',
					operation: 'upsert',
					customerCode: '={{ $json.customerCode }}',
					customerName: '={{ $json.customerName }}',
					customerState: LEAD_STATE,
					additionalFields: {},
					advanced: contender.options!(workload),
				},
				credentials: { gofiveApi: creds.gofiveApi },
			},
		];
	}
	if (workload.api === 'venio') {
		// What an operator builds: one POST per item, the subscription key as a header, the customer code only
		// when the item has one (without it Venio creates the customer).
		return gofiveHttpPost(
			contender,
			creds,
			`${baseUrl}/v3/customers`,
			`={{ { ...($json.customerCode ? { customerCode: $json.customerCode } : {}), customerName: $json.customerName, customerState: ${LEAD_STATE} } }}`,
			{
				sendHeaders: true,
				headerParameters: {
					parameters: [{ name: 'Ocp-Apim-Subscription-Key', value: DEMO.gofiveSubscriptionKey }],
				},
			},
		);
	}
	if (contender.ours) {
		return [
			{
				name: 'Send',
				type: 'n8n-nodes-oho-gofive.gofiveChat',
				parameters: {
					resource: 'message',
					operation: 'sendMessage',
					roomId: '={{ $json.roomId }}',
					content: '={{ $json.content }}',
					type: 'message',
					platform: 'line',
					companyId: DEMO.gofiveCompanyId,
					options: contender.options!(workload),
				},
				credentials: { gofiveApi: creds.gofiveApi },
			},
		];
	}
	if (workload.api === 'oho') {
		// What an operator builds: POST the contact; when Oho answers 409 (exists), PATCH it. "Never Error" and
		// "Include Response Headers and Status" let an IF node see the 409.
		const headerAuth = {
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
		};
		return [
			{
				name: 'Create',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: {
					method: 'POST',
					url: `${baseUrl}/contact`,
					...headerAuth,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: `={
  "social_profile": {
    "platform": "line",
    "id": "{{ $json.userId }}",
    "platform_id": "${LINE.platformId}",
    "platform_name": "${LINE.platformName}",
    "line_basic_id": "${LINE.lineBasicId}"
  },
  "profile_picture_url": "${PICTURE_URL}",
  "platform_display_name": "{{ $json.displayName }}",
  "display_name": "{{ $json.displayName }}",
  "first_name": "{{ $json.firstName }}"
}`,
					options: httpOptions(contender, {
						response: { response: { fullResponse: true, neverError: true } },
					}),
				},
				credentials: { httpHeaderAuth: creds.httpHeaderAuth },
			},
			{
				name: 'Is 409',
				type: 'n8n-nodes-base.if',
				typeVersion: 2.2,
				parameters: {
					conditions: {
						options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
						conditions: [
							{
								id: 'is409',
								leftValue: '={{ $json.statusCode }}',
								rightValue: 409,
								operator: { type: 'number', operation: 'equals' },
							},
						],
						combinator: 'and',
					},
					options: {},
				},
			},
			{
				name: 'Update',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: {
					method: 'PATCH',
					url: `=${baseUrl}/contact/line/${LINE.platformId}/user/{{ $('Items').item.json.userId }}`,
					...headerAuth,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: `={
  "display_name": "{{ $('Items').item.json.displayName }}",
  "first_name": "{{ $('Items').item.json.firstName }}"
}`,
					options: httpOptions(contender),
				},
				credentials: { httpHeaderAuth: creds.httpHeaderAuth },
			},
		];
	}
	return gofiveHttpPost(
		contender,
		creds,
		`${baseUrl}/v1/chat/message`,
		`={
  "roomId": "{{ $json.roomId }}",
  "content": "{{ $json.content }}",
  "type": "message",
  "platform": "line",
  "companyId": ${DEMO.gofiveCompanyId}
}`,
	);
}

/** HTTP Request POSTing each item's JSON body to a Gofive URL with n8n's OAuth2 credential (client credentials). */
function gofiveHttpPost(
	contender: Contender,
	creds: CredentialIds,
	url: string,
	jsonBody: string,
	extra: Record<string, unknown> = {},
): NodeSpec[] {
	return [
		{
			name: 'Send',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				method: 'POST',
				url,
				authentication: 'genericCredentialType',
				genericAuthType: 'oAuth2Api',
				...extra,
				sendBody: true,
				specifyBody: 'json',
				jsonBody,
				options: httpOptions(contender),
			},
			credentials: { oAuth2Api: creds.oAuth2Api },
		},
	];
}

export function contenderWorkflow(
	id: string,
	workload: Workload,
	size: number,
	contender: Contender | null,
	baseUrl: string,
	creds: CredentialIds,
): WorkflowImport {
	const nodes = [
		...inputNodes(workload, size, contender),
		...(contender ? contenderNodes(workload, contender, baseUrl, creds) : []),
	];
	return linearWorkflow(id, `bench ${workload.id} ${contender?.id ?? 'baseline'} ${size}`, nodes);
}

/** Requests/s the run cannot exceed: min(parallelism ÷ latency, the sandbox's rate limit, the contender's own). */
export function requestLimit(workload: Workload, contender: Contender, size: number): number {
	const byLatency = contender.parallelism(workload, size) / (workload.latencyMs / 1000);
	return Math.min(byLatency, workload.rateLimit ?? Infinity, contender.ownRateLimit ?? Infinity);
}

export { RATE_LIMIT_PER_SECOND };

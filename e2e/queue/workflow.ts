/**
 * The 1,000-item upsert workflow of the queue-mode check and the sandbox state it starts from: a production webhook
 * (so that queue mode hands the execution to a worker) → a Code node making the items → Oho Contact
 * "Create or Update". Half the contacts exist before the run (odd items, first name "Old"), half are new.
 */
import { DEMO, type Sandbox } from '../../sandbox';
import type { CredentialImport, WorkflowImport } from '../lib/n8n';
import { createContacts, demoLineContact } from '../lib/seed';
import { PACKAGE_NAME } from '../lib/paths';

export const WORKFLOW_ID = 'e2eQueueUpsert1000';
export const WEBHOOK_PATH = 'e2e-queue-upsert';
export const OHO_CRED = { id: 'e2eQueueOho01', name: 'Oho (sandbox)' };
const LINE = DEMO.line;
const PICTURE_URL = 'https://profile.line-scdn.net/0hQueueMode';

/** User ID of item i: 33 characters like a LINE user ID, distinct per item. */
export const userIdOf = (i: number): string => `Uqueue${String(i).padStart(27, '0')}`;
/** Odd items exist before the run, even ones are new. */
export const existsBefore = (i: number): boolean => i % 2 === 1;

export function credentials(sandboxUrl: string): CredentialImport[] {
	return [{ ...OHO_CRED, type: 'ohoApi', data: { apiKey: DEMO.ohoApiKey, baseUrl: sandboxUrl } }];
}

/** The Code node's program: the same `count` items every time. */
function itemsCode(count: number): string {
	return [
		'const items = [];',
		`for (let i = 0; i < ${count}; i++) {`,
		"\tconst userId = 'Uqueue' + String(i).padStart(27, '0');",
		'\titems.push({ json: {',
		'\t\tuserId,',
		"\t\tfirstName: 'First' + i,",
		"\t\tlastName: 'Queue',",
		"\t\tdisplayName: 'Customer ' + i,",
		"\t\temail: 'customer' + i + '@example.com',",
		"\t\tphone: '08' + String(10000000 + i),",
		'\t\tage: 18 + (i % 60),',
		"\t\ttags: ['queue', 'batch-' + (i % 10)],",
		'\t} });',
		'}',
		'return items;',
	].join('\n');
}

export function upsertWorkflow(count: number): WorkflowImport {
	return {
		id: WORKFLOW_ID,
		name: `e2e: queue mode, ${count} Oho contact upserts`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'q-webhook',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: '6f1c1d8e-4f3a-4c59-9a55-0b7e2d3c9a10',
				position: [0, 0],
				// Answer when the last node is done, with all its items: the caller sees the run's output.
				parameters: {
					httpMethod: 'POST',
					path: WEBHOOK_PATH,
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
			},
			{
				id: 'q-code',
				name: 'Make Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: itemsCode(count) },
			},
			{
				id: 'q-upsert',
				name: 'Upsert',
				type: `${PACKAGE_NAME}.ohoContact`,
				typeVersion: 1,
				position: [440, 0],
				parameters: {
					resource: 'contact',
					operation: 'upsert',
					platform: 'line',
					platformId: LINE.platformId,
					userId: '={{ $json.userId }}',
					dataMode: 'define',
					platformName: LINE.platformName,
					lineBasicId: LINE.lineBasicId,
					profilePictureUrl: PICTURE_URL,
					platformDisplayName: '={{ $json.displayName }}',
					firstName: '={{ $json.firstName }}',
					additionalFields: {
						displayName: '={{ $json.displayName }}',
						lastName: '={{ $json.lastName }}',
						email: '={{ $json.email }}',
						phone: '={{ $json.phone }}',
						age: '={{ $json.age }}',
						tags: '={{ $json.tags }}',
					},
					options: {},
				},
				credentials: { ohoApi: OHO_CRED },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Make Items', type: 'main', index: 0 }]] },
			'Make Items': { main: [[{ node: 'Upsert', type: 'main', index: 0 }]] },
		},
	};
}

/** The sandbox back to its seed, then the existing half of the contacts created over HTTP; the log cleared. */
export async function prepareSandbox(sb: Sandbox, count: number): Promise<void> {
	sb.reset();
	const existing = Array.from({ length: count }, (_, i) => i).filter(existsBefore);
	await createContacts(
		sb,
		existing.map((i) =>
			demoLineContact(userIdOf(i), PICTURE_URL, {
				platform_display_name: 'Old name',
				display_name: 'Old name',
				first_name: 'Old',
				tags: ['old'],
			}),
		),
	);
	sb.clearRequests();
}

/** A value without its volatile fields (ids, timestamps), for comparing two runs' states. */
function stable(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(stable);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value)
				.filter(([k]) => k !== '_id' && !/_at$|At$/.test(k))
				.map(([k, v]) => [k, stable(v)]),
		);
	}
	return value;
}

/** The sandbox's contacts and chat rooms, sorted, without ids and timestamps. */
export function comparableState(sb: Sandbox): { contacts: unknown[]; rooms: unknown[] } {
	const s = sb.state();
	const key = (x: {
		platform?: string;
		platform_id?: string;
		user_id?: string;
		social_profile?: { platform: string; platform_id: string; id: string };
	}) =>
		x.social_profile
			? `${x.social_profile.platform}:${x.social_profile.platform_id}:${x.social_profile.id}`
			: `${x.platform}:${x.platform_id}:${x.user_id}`;
	const contacts = [...s.contacts].sort((a, b) => key(a).localeCompare(key(b)));
	const rooms = [...s.rooms].sort((a, b) => key(a).localeCompare(key(b)));
	return { contacts: stable(contacts) as unknown[], rooms: stable(rooms) as unknown[] };
}

/** The Oho Trigger burst in queue mode: Oho Trigger → Gofive Chat, one message per delivery, naming the contact. */
export const TRIGGER_WORKFLOW_ID = 'e2eQueueOhoTrigger';
const TRIGGER_WEBHOOK_ID = '3c9d1e7a-2b4f-4a6c-9e8d-7f6a5b4c3d21';
export const TRIGGER_PATH = `${TRIGGER_WEBHOOK_ID}/oho`;
export const TRIGGER_SECRET_HEADER = 'X-Oho-Webhook-Secret';
const GOFIVE_CRED = { id: 'e2eQueueGofive01', name: 'Gofive (sandbox)' };
const SECRET_CRED = { id: 'e2eQueueSecret01', name: 'Oho webhook secret' };
/** User ID of burst contact i (created through the API, so the sandbox sends "contact created" for each). */
export const burstUserIdOf = (i: number): string => `Uburst${String(i).padStart(27, '0')}`;

export function triggerCredentials(sandboxUrl: string, secret: string): CredentialImport[] {
	return [
		{
			...GOFIVE_CRED,
			type: 'gofiveApi',
			data: {
				authentication: 'accessToken',
				accessToken: DEMO.gofiveAccessToken,
				baseUrl: sandboxUrl,
			},
		},
		{
			...SECRET_CRED,
			type: 'ohoWebhookHeaderAuthApi',
			data: { name: TRIGGER_SECRET_HEADER, secret },
		},
	];
}

export function triggerWorkflow(): WorkflowImport {
	return {
		id: TRIGGER_WORKFLOW_ID,
		name: 'e2e: queue mode, Oho Trigger → Gofive Chat',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 't-trigger',
				name: 'Oho Trigger',
				type: `${PACKAGE_NAME}.ohoTrigger`,
				typeVersion: 1,
				webhookId: TRIGGER_WEBHOOK_ID,
				position: [0, 0],
				parameters: { authentication: 'headerAuth', events: ['created'] },
				credentials: { ohoWebhookHeaderAuthApi: SECRET_CRED },
			},
			{
				id: 't-gofive',
				name: 'Gofive Chat',
				type: `${PACKAGE_NAME}.gofiveChat`,
				typeVersion: 1,
				position: [220, 0],
				parameters: {
					resource: 'message',
					operation: 'sendMessage',
					roomId: DEMO.gofiveRoomId,
					content: '={{ "contact " + $json.event + ": " + $json.user_id }}',
					type: 'message',
					platform: 'line',
					companyId: DEMO.gofiveCompanyId,
				},
				credentials: { gofiveApi: GOFIVE_CRED },
			},
		],
		connections: { 'Oho Trigger': { main: [[{ node: 'Gofive Chat', type: 'main', index: 0 }]] } },
	};
}

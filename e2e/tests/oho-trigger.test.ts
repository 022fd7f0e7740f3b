/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * The Oho Trigger on a real n8n (`n8n start`, published workflows): the Oho Trigger reacts to Oho's customer-profile
 * webhook. One workflow tags a contact with the Oho Contact node (called on its own webhook); the sandbox sends
 * the webhook to the other, published workflow: Oho Trigger (Header Auth, Changed Fields: Tags, repeats ignored
 * for 60 s) → IF the contact is tagged vip → Gofive Chat. Checked: the Gofive message lands for a vip; one
 * execution per event; none for a wrong secret (403), a malformed body (n8n's 422) or duplicate copies.
 *
 * E2E_TARBALL=<path> skips `npm run build` + `npm pack` and installs that tarball instead.
 */
import { randomBytes } from 'crypto';
import { rmSync } from 'fs';
import assert from 'node:assert/strict';
import { dirname, join } from 'path';
import { after, before, describe, test } from 'node:test';

import { DEMO, DEMO_OHO_ACCOUNT, startSandbox, type Sandbox } from '../../sandbox';
import { installCommunityPackage } from '../lib/community';
import { ensureN8n, type N8nInstall } from '../lib/install';
import { sqliteQuery } from '../lib/leaks';
import { N8n } from '../lib/n8n';
import { startN8nServer, type N8nServer } from '../lib/n8n-server';
import { buildAndPackRepo } from '../lib/pack';
import { DEFAULT_N8N_VERSION, PACKAGE_NAME } from '../lib/paths';
import { tail } from '../lib/proc';
import { linearWorkflow } from '../lib/workflows';

const OHO_CRED = { id: 'e2eTrigOho0001', name: 'Oho (trigger e2e)' };
const GOFIVE_CRED = { id: 'e2eTrigGofive01', name: 'Gofive (trigger e2e)' };
const SECRET_CRED = { id: 'e2eTrigSecret01', name: 'Oho webhook secret (trigger e2e)' };
const SECRET = randomBytes(16).toString('hex');
const TRIGGER_WORKFLOW = 'e2eTrigVip';
const TAG_WORKFLOW = 'e2eTrigTag';
const TRIGGER_WEBHOOK_ID = '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const TAG_WEBHOOK_ID = '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d';
/** Seeded with the tag new; no vip. */
const SUDA = DEMO.line.userIds[1];
/** Seeded without tags. */
const ANAN = DEMO.line.userIds[2];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(
	what: string,
	timeoutMs: number,
	probe: () => Promise<T | undefined>,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(500);
	}
}

describe(`n8n ${DEFAULT_N8N_VERSION}: Oho Trigger → IF vip → Gofive Chat, on Oho's webhook`, () => {
	let install: N8nInstall;
	let n8n: N8n;
	let sandbox: Sandbox;
	let server: N8nServer;

	const executionsOf = async (
		workflowId: string,
	): Promise<Array<{ status: string; mode: string }>> =>
		await sqliteQuery(
			install,
			join(n8n.userFolder, '.n8n', 'database.sqlite'),
			`SELECT status, mode FROM execution_entity WHERE workflowId = '${workflowId}' ORDER BY id`,
		);

	/** Runs the tag workflow (Oho Contact, Add to Existing tags) for one contact and waits for its webhook delivery. */
	async function tag(userId: string, tags: string[]): Promise<void> {
		const deliveriesBefore = sandbox.webhookDeliveries().length;
		const response = await waitFor('the tag workflow to answer', 60_000, async () => {
			const answer = await fetch(`${server.url}/webhook/e2e-tag`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ userId, tags }),
			});
			// 404 until n8n has activated the published workflow.
			return answer.status === 404 ? undefined : answer;
		});
		assert.equal(
			response.status,
			200,
			`tag workflow: HTTP ${response.status} ${await response.text()}`,
		);
		await waitFor('the webhook delivery', 30_000, async () =>
			sandbox.webhookDeliveries().length > deliveriesBefore ? true : undefined,
		);
		await sandbox.settleWebhooks();
	}

	/** Waits until the trigger workflow has `count` finished executions, then a little longer to see no more come. */
	async function expectExecutions(count: number): Promise<void> {
		await waitFor(`${count} trigger executions`, 60_000, async () => {
			const rows = await executionsOf(TRIGGER_WORKFLOW);
			return rows.length >= count &&
				rows.every((row) => row.status !== 'running' && row.status !== 'new')
				? true
				: undefined;
		});
		await sleep(2000);
		const rows = await executionsOf(TRIGGER_WORKFLOW);
		assert.equal(rows.length, count, `trigger executions: ${JSON.stringify(rows)}`);
		assert.ok(
			rows.every((row) => row.status === 'success' && row.mode === 'webhook'),
			JSON.stringify(rows),
		);
	}

	before(async () => {
		install = await ensureN8n();
		const tarball = process.env.E2E_TARBALL ?? (await buildAndPackRepo());
		sandbox = await startSandbox({ port: 0 });
		n8n = new N8n(install);
		const installed = await installCommunityPackage(install, n8n.userFolder, tarball);
		if (!process.env.E2E_TARBALL) rmSync(dirname(tarball), { recursive: true, force: true });
		assert.equal(installed.packageName, PACKAGE_NAME);

		await n8n.importCredentials([
			{
				...OHO_CRED,
				type: 'ohoApi',
				data: { apiKey: DEMO.ohoApiKey, baseUrl: sandbox.url, ...DEMO_OHO_ACCOUNT },
			},
			{
				...GOFIVE_CRED,
				type: 'gofiveApi',
				data: {
					authentication: 'accessToken',
					accessToken: DEMO.gofiveAccessToken,
					baseUrl: sandbox.url,
				},
			},
			{
				...SECRET_CRED,
				type: 'ohoWebhookHeaderAuthApi',
				data: { name: 'X-Oho-Webhook-Secret', secret: SECRET },
			},
		]);
		await n8n.importWorkflows([
			linearWorkflow(TRIGGER_WORKFLOW, 'e2e: Oho Trigger → IF vip → Gofive Chat', [
				{
					name: 'Oho Trigger',
					type: `${PACKAGE_NAME}.ohoTrigger`,
					webhookId: TRIGGER_WEBHOOK_ID,
					parameters: {
						authentication: 'headerAuth',
						changedFields: ['contact_tags'],
						options: { repeatWindowSeconds: 60 },
					},
					credentials: { ohoWebhookHeaderAuthApi: SECRET_CRED },
				},
				{
					name: 'Tagged vip?',
					type: 'n8n-nodes-base.if',
					typeVersion: 1,
					parameters: {
						conditions: {
							boolean: [{ value1: '={{ $json.contact.tags.includes("vip") }}', value2: true }],
						},
					},
				},
				{
					name: 'Gofive Chat',
					type: `${PACKAGE_NAME}.gofiveChat`,
					parameters: {
						resource: 'message',
						operation: 'sendMessage',
						roomId: DEMO.gofiveRoomId,
						content:
							'={{ "VIP customer " + $json.contact.display_name + " tagged: " + $json.contact.tags.join(", ") }}',
						type: 'message',
						platform: 'line',
						companyId: DEMO.gofiveCompanyId,
					},
					credentials: { gofiveApi: GOFIVE_CRED },
				},
			]),
			linearWorkflow(TAG_WORKFLOW, 'e2e: tag a contact with Oho Contact', [
				{
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					webhookId: TAG_WEBHOOK_ID,
					parameters: {
						httpMethod: 'POST',
						path: 'e2e-tag',
						responseMode: 'lastNode',
						options: {},
					},
				},
				{
					name: 'Oho Contact',
					type: `${PACKAGE_NAME}.ohoContact`,
					parameters: {
						resource: 'contact',
						operation: 'update',
						platform: 'line',
						// The LINE OA comes from the credential's LINE Bot User ID.
						platformId: '',
						userId: '={{ $json.body.userId }}',
						updateFields: { tags: '={{ $json.body.tags }}' },
						options: { addToExisting: ['tags'] },
					},
					credentials: { ohoApi: OHO_CRED },
				},
			]),
		]);
		// Published before n8n starts: `publish:workflow` on n8n 2.x, `update:workflow --active` on 1.x.
		for (const id of [TRIGGER_WORKFLOW, TAG_WORKFLOW]) {
			const args = install.n8nVersion.startsWith('1.')
				? ['update:workflow', `--id=${id}`, '--active=true']
				: ['publish:workflow', `--id=${id}`];
			const published = await n8n.cli(args);
			assert.equal(
				published.code,
				0,
				`${args.join(' ')}:\n${tail(published.stdout + published.stderr)}`,
			);
		}
		server = await startN8nServer(n8n, {
			env: { N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS: '1000' },
		});
		const triggerUrl = `${server.url}/webhook/${TRIGGER_WEBHOOK_ID}/oho`;
		// A delivery with a wrong secret answers 403 once the trigger is active (404 before): it starts nothing.
		await waitFor('the Oho Trigger to be active', 120_000, async () => {
			const answer = await fetch(triggerUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'X-Oho-Webhook-Secret': 'probe' },
				body: '{}',
			});
			return answer.status === 403 ? true : undefined;
		});
		sandbox.registerWebhook({ url: triggerUrl, headers: { 'X-Oho-Webhook-Secret': SECRET } });
	});

	after(async () => {
		await server?.stop();
		await sandbox?.close();
		n8n?.dispose();
	});

	test('a vip tag: the webhook is delivered (200), one execution runs, the Gofive message lands', async () => {
		await tag(SUDA, ['vip']);

		assert.deepEqual(
			sandbox.webhookDeliveries().map((delivery) => delivery.status),
			[200],
		);
		await expectExecutions(1);
		const messages = await waitFor('the Gofive message', 30_000, async () =>
			sandbox.state().gofiveMessages.length ? sandbox.state().gofiveMessages : undefined,
		);
		assert.equal(messages.length, 1);
		assert.match(messages[0].content, /^VIP customer .+ tagged: .*vip/);
	});

	test('another tag on a contact that is not vip: one execution, the IF stops it, no message', async () => {
		await tag(ANAN, ['regular']);

		assert.equal(sandbox.webhookDeliveries().at(-1)?.status, 200);
		await expectExecutions(2);
		assert.equal(sandbox.state().gofiveMessages.length, 1);
	});

	test('a wrong secret (403) and a malformed body (422) start no execution; duplicate copies start one', async () => {
		sandbox.setKnobs({ webhookDelivery: { wrongSecret: true } });
		await tag(SUDA, ['wrong-secret']);
		sandbox.setKnobs({ webhookDelivery: { wrongSecret: false, malformed: true } });
		await tag(SUDA, ['malformed']);
		assert.deepEqual(
			sandbox
				.webhookDeliveries()
				.slice(-2)
				.map((delivery) => delivery.status),
			[403, 422],
		);
		await expectExecutions(2);

		const messagesBefore = sandbox.state().gofiveMessages.length;
		sandbox.setKnobs({ webhookDelivery: { malformed: false, duplicates: 2 } });
		await tag(SUDA, ['gold']);
		assert.deepEqual(
			sandbox
				.webhookDeliveries()
				.slice(-3)
				.map((delivery) => delivery.status),
			[200, 200, 200],
		);
		await expectExecutions(3);
		assert.equal(sandbox.state().gofiveMessages.length, messagesBefore + 1);
		assert.match(
			sandbox.state().gofiveMessages.at(-1)!.content,
			/vip, wrong-secret, malformed, gold$/,
		);
	});
});

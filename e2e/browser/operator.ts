/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * A marketing operator's first day, as the browser check does it in n8n's editor: imports
 * examples/operator-first-day.json (Edit Fields with Thai sign-up rows → Oho Contact Create or Update, Map
 * Automatically, the business's account taken from the Oho credential → If VIP → Oho Chat Request Agent twice →
 * Gofive Chat; and Oho Trigger → Oho Contact Get on the trigger's output), runs each path once and expects every
 * step green on that first run; then, on a new workflow, types a Thai birth date into Oho Contact's Birth Date
 * and finds a province by typing its Thai name. What reached the sandbox is checked too, and the screenshots
 * (docs/screenshots/operator-*.png) are the ones the README shows.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { Page } from 'playwright-core';

import { DEMO, type Sandbox } from '../../sandbox';
import { EXAMPLES_DIR, exampleCredentials } from '../lib/examples';
import { executionIds, readExecution, type EditorRun } from './executions';
import {
	PAGE_TIMEOUT,
	RUN_TIMEOUT,
	UI_TIMEOUT,
	addCollectionField,
	addNodeBySearch,
	byId,
	check,
	closeNode,
	importWorkflowFile,
	log,
	nodeStatus,
	notifications,
	openNewWorkflow,
	openNode,
	pickListItem,
	retry,
	runFromTrigger,
	saveWorkflow,
	screenshot,
	searchList,
	sleep,
	typeInto,
	waitFor,
	zoomToFit,
	type NodeStatus,
} from './ui';

export const OPERATOR_EXAMPLE = 'operator-first-day.json';

/** The example's nodes, by the names an operator reads on the canvas. */
const NODE = {
	start: 'Run with the sign-up rows',
	rows: 'Sign-up rows',
	split: 'One item per row',
	upsert: 'Create or update contact',
	vip: 'VIP?',
	agent: 'Hand to an agent',
	agentAgain: 'Hand to an agent again',
	gofive: 'Tell the sales room',
	trigger: 'Oho Trigger',
	get: 'Get the contact',
} as const;

/** The sign-up rows' LINE user IDs (examples/operator-first-day.json): a Thai row (VIP) and an English one. */
const SOMSRI = 'U4a1b2c3d4e5f60718293a4b5c6d7e8f9';
const KITTIPONG = 'U9e8d7c6b5a4f30291807f6e5d4c3b2a1';
/** The customer the Set Each Field step creates. */
const WANIDA = 'U7e6d5c4b3a291807f6e5d4c3b2a1f0e9';

/** The secret of the example's Secret in URL credential (examples/credentials.sandbox.json). */
function urlSecret(): string {
	const credential = exampleCredentials().find((c) => c.type === 'ohoWebhookUrlSecretApi');
	check(credential, 'examples/credentials.sandbox.json has no ohoWebhookUrlSecretApi credential');
	return String(credential.data.secret);
}

export interface OperatorEnv {
	page: Page;
	baseUrl: string;
	cookie: string;
	/** The sandbox the credentials point at (absent when checking an n8n started elsewhere: the sandbox checks are skipped). */
	sandbox?: Sandbox;
}

export interface NamedCheck {
	name: string;
	fn: () => Promise<void>;
}

/** A short account of a run for a failure message: each node's status on the canvas and its error. */
function describeRun(statuses: Record<string, NodeStatus>, run: EditorRun | undefined): string {
	return Object.entries(statuses)
		.map(([name, status]) => {
			const node = run?.nodes[name];
			const error = node?.error
				? `: ${node.error}${node.errorDescription ? ` (${node.errorDescription.split('\n')[0]})` : ''}`
				: '';
			return `  ${name}: ${status}${error}`;
		})
		.join('\n');
}

/** Waits for the next finished run (of a workflow, or of any; one whose id was not in `before`) and reads it. */
async function nextRun(
	env: OperatorEnv,
	workflowId: string | undefined,
	before: string[],
): Promise<EditorRun> {
	const id = await waitFor('the run to be stored', RUN_TIMEOUT, async () =>
		(await executionIds(env.baseUrl, env.cookie, workflowId)).find((e) => !before.includes(e)),
	);
	return await waitFor('the run to finish', RUN_TIMEOUT, async () => {
		const run = await readExecution(env.baseUrl, env.cookie, id);
		return ['running', 'new', 'waiting'].includes(run.status) ? undefined : run;
	});
}

/** Every named node green on the canvas (the editor draws the run a moment after it is stored). */
async function expectGreen(page: Page, nodes: string[], run: EditorRun): Promise<void> {
	const statuses: Record<string, NodeStatus> = {};
	const deadline = Date.now() + UI_TIMEOUT;
	for (;;) {
		for (const name of nodes) statuses[name] = await nodeStatus(page, name);
		if (Object.values(statuses).every((s) => s === 'success') || Date.now() > deadline) break;
		await sleep(1000);
	}
	const notGreen = Object.values(statuses).some((s) => s !== 'success');
	if (!notGreen && run.status === 'success') return;
	const shown = await notifications(page);
	throw new Error(
		`the run (${run.status}) is not green on every step:\n${describeRun(statuses, run)}${shown.length ? `\n  the editor says: ${shown.join(' | ')}` : ''}`,
	);
}

const items = (run: EditorRun, node: string, output = 0) => run.nodes[node]?.outputs[output] ?? [];

function expectFields(
	what: string,
	actual: Record<string, unknown> | undefined,
	expected: Record<string, unknown>,
): void {
	check(actual, `${what}: no item`);
	const wrong = Object.entries(expected).filter(
		([key, value]) => JSON.stringify(actual[key]) !== JSON.stringify(value),
	);
	check(
		wrong.length === 0,
		`${what}: ${wrong.map(([key, value]) => `${key} is ${JSON.stringify(actual[key])}, expected ${JSON.stringify(value)}`).join('; ')}`,
	);
}

export function operatorChecks(env: OperatorEnv): NamedCheck[] {
	const { page } = env;
	const file = join(EXAMPLES_DIR, OPERATOR_EXAMPLE);
	const example = JSON.parse(readFileSync(file, 'utf8')) as {
		nodes: Array<{ name: string; type: string; webhookId?: string }>;
	};
	let workflowId: string | undefined;

	const needWorkflow = (): string => {
		check(workflowId, `${OPERATOR_EXAMPLE} was not imported and saved (see the check before)`);
		return workflowId;
	};

	// Needs the sandbox to deliver Oho's webhook: left out with BROWSER_CHECK_URL.
	const triggerCheck: NamedCheck = {
		name: "Operator: Oho Trigger (listening for a test event) → Oho Contact Get on the trigger's output is green",
		fn: async () => {
			const id = needWorkflow();
			const sandbox = env.sandbox;
			check(sandbox, 'needs the sandbox (not available with BROWSER_CHECK_URL)');
			const ndv = await openNode(page, NODE.trigger);
			// The operator's first step: open Webhook URLs and copy the Test URL.
			const testUrl = await retry('read the Test URL', async () => {
				const shown = async () =>
					/https?:\/\/\S+\/webhook-test\/[\w-]+\/oho\b/.exec(await ndv.innerText())?.[0];
				if ((await shown()) === undefined)
					await ndv.getByText('Webhook URLs', { exact: true }).first().click();
				await ndv
					.getByText('Test URL', { exact: true })
					.first()
					.click()
					.catch(() => undefined);
				return await waitFor('the Test URL under Webhook URLs', UI_TIMEOUT, shown);
			});
			for (const step of ['Oho has no API to register a webhook', 'Test URL', '?secret=']) {
				check(
					(await ndv.getByText(step).count()) > 0,
					`the Oho Trigger's notice does not say "${step}"`,
				);
			}
			await screenshot(page, 'operator-trigger.png');
			await closeNode(page);

			const before = await executionIds(env.baseUrl, env.cookie, id);
			await runFromTrigger(page, NODE.trigger);
			// The editor listens once its test webhook is registered; n8n answers 404 to the Test URL until then.
			await waitFor('n8n to listen on the Test URL', UI_TIMEOUT, async () => {
				const probe = await fetch(testUrl, { method: 'OPTIONS' }).catch(() => undefined);
				return probe && probe.status !== 404 ? true : undefined;
			}).catch(() => sleep(3000));
			// What the notice's steps say to do in Oho: paste the Test URL with ?secret= and the credential's secret
			// at its end as the webhook; then a contact changes in Oho.
			sandbox.registerWebhook({ url: `${testUrl}?secret=${encodeURIComponent(urlSecret())}` });
			const changed = await fetch(
				`${sandbox.url}/contact/line/${DEMO.line.platformId}/user/${DEMO.line.userIds[0]}`,
				{
					method: 'PATCH',
					headers: { 'content-type': 'application/json', 'x-oho-api-key': DEMO.ohoApiKey },
					body: JSON.stringify({ tags: ['vip', 'first-day'] }),
				},
			);
			check(changed.ok, `updating a contact in the sandbox: HTTP ${changed.status}`);
			await sandbox.settleWebhooks();
			const delivery = sandbox.webhookDeliveries().at(-1);
			check(
				delivery?.status === 200,
				`the webhook delivery to ${testUrl} was answered ${delivery?.status ?? 'never'} ${delivery?.error ?? ''}`,
			);
			const run = await nextRun(env, id, before);
			await expectGreen(page, [NODE.trigger, NODE.get], run);
			const got = items(run, NODE.get)[0];
			// The trigger names a LINE OA by its channel ID; Get uses the credential's bot user ID for it, and says so.
			expectFields(`${NODE.trigger}`, items(run, NODE.trigger)[0], {
				platform: 'line',
				platform_id: DEMO.line.channelId,
				user_id: DEMO.line.userIds[0],
			});
			expectFields(NODE.get, got, {
				lineChannelId: DEMO.line.channelId,
				tags: ['vip', 'first-day'],
			});
			expectFields(
				`${NODE.get}, social_profile`,
				got.social_profile as Record<string, unknown> | undefined,
				{
					platform: 'line',
					platform_id: DEMO.line.platformId,
					id: DEMO.line.userIds[0],
				},
			);
			await zoomToFit(page);
			await screenshot(page, 'operator-trigger-run.png');
			sandbox.registerWebhook(null);
		},
	};

	return [
		{
			name: `Operator: imports examples/${OPERATOR_EXAMPLE} in the editor (File > Import) and saves it`,
			fn: async () => {
				const names = await importWorkflowFile(page, env.baseUrl, file, example.nodes.length);
				for (const node of example.nodes)
					check(
						names.includes(node.name),
						`node "${node.name}" not on the canvas: ${names.join(', ')}`,
					);
				workflowId = await saveWorkflow(page);
				log(`saved as workflow ${workflowId}`);
				await zoomToFit(page);
				await screenshot(page, 'operator-workflow.png');
			},
		},
		{
			name: 'Operator: Create or Update maps the sign-up columns automatically; Platform ID and the account fields are left to the credential',
			fn: async () => {
				const ndv = await openNode(page, NODE.upsert);
				const value = async (id: string) =>
					await byId(ndv, id).locator('input').first().inputValue();
				check(
					(await value('parameter-input-operation')) === 'Create or Update',
					`Operation shows "${await value('parameter-input-operation')}"`,
				);
				check(
					(await value('parameter-input-dataMode')) === 'Map Input Fields',
					`Contact Data shows "${await value('parameter-input-dataMode')}"`,
				);
				await waitFor('"Map Automatically"', UI_TIMEOUT, async () =>
					(
						await ndv
							.locator('input')
							.evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value))
					).includes('Map Automatically')
						? true
						: undefined,
				);
				const platformId = byId(ndv, 'parameter-input-platformId')
					.locator('input, textarea')
					.first();
				if ((await platformId.count()) > 0)
					check(
						(await platformId.inputValue()) === '',
						`Platform ID holds "${await platformId.inputValue()}"`,
					);
				await screenshot(page, 'operator-upsert.png');
				await closeNode(page);
			},
		},
		{
			name: 'Operator: the first run from the sign-up rows is green on every step (contacts created, VIP handed to an agent twice, Gofive told)',
			fn: async () => {
				const id = needWorkflow();
				env.sandbox?.reset();
				const before = await executionIds(env.baseUrl, env.cookie, id);
				await runFromTrigger(page, NODE.start);
				const run = await nextRun(env, id, before);
				await expectGreen(
					page,
					[
						NODE.start,
						NODE.rows,
						NODE.split,
						NODE.upsert,
						NODE.vip,
						NODE.agent,
						NODE.agentAgain,
						NODE.gofive,
					],
					run,
				);
				await zoomToFit(page);
				await screenshot(page, 'operator-run.png');

				const contacts = items(run, NODE.upsert);
				check(contacts.length === 2, `${NODE.upsert} gave ${contacts.length} items, expected 2`);
				expectFields(
					`${NODE.upsert}, the Thai row`,
					contacts[0].contact as Record<string, unknown>,
					{
						first_name: 'สมศรี',
						last_name: 'มีสุข',
						birth_date: '1992-03-15',
						city: 'Chiang Mai',
						phone: '0812345678',
					},
				);
				expectFields(
					`${NODE.upsert}, the English row`,
					contacts[1].contact as Record<string, unknown>,
					{
						first_name: 'Kittipong',
						last_name: 'Saelim',
						birth_date: '1987-11-02',
						city: 'Bangkok',
						phone: '0897654321',
					},
				);
				const fromCredential = (contacts[0].fromCredential ?? []) as string[];
				for (const param of ['platformId', 'platformName', 'lineBasicId', 'profilePictureUrl']) {
					check(
						fromCredential.includes(param),
						`${NODE.upsert}: fromCredential ${JSON.stringify(contacts[0].fromCredential)} does not name ${param}`,
					);
				}
				check(
					items(run, NODE.vip).length === 1,
					`${NODE.vip} let ${items(run, NODE.vip).length} items through, expected the one VIP`,
				);
				expectFields(`${NODE.agent}`, items(run, NODE.agent)[0], {
					ok: true,
					changed: true,
					platform_id: DEMO.line.platformId,
					user_id: SOMSRI,
				});
				const again = items(run, NODE.agentAgain)[0];
				expectFields(`${NODE.agentAgain} (already waiting for an agent)`, again, {
					ok: true,
					changed: false,
					alreadyInState: true,
					user_id: SOMSRI,
				});
				check(
					/no change/.test(String(again.message)),
					`${NODE.agentAgain}: message ${JSON.stringify(again.message)}`,
				);
				const sent = items(run, NODE.gofive)[0];
				expectFields(`${NODE.gofive}`, sent, { ok: true, operation: 'sendMessage' });
				check(
					typeof sent.sentAt === 'string' && !Number.isNaN(Date.parse(sent.sentAt)),
					`${NODE.gofive}: sentAt ${JSON.stringify(sent.sentAt)}`,
				);

				if (env.sandbox) {
					const state = env.sandbox.state();
					const somsri = state.contacts.find((c) => c.social_profile.id === SOMSRI);
					check(somsri, `no contact ${SOMSRI} in Oho`);
					expectFields(
						'the contact Oho stored for the Thai row',
						somsri.social_profile as unknown as Record<string, unknown>,
						{
							platform: 'line',
							platform_id: DEMO.line.platformId,
							platform_name: DEMO.line.platformName,
							line_basic_id: DEMO.line.lineBasicId,
						},
					);
					check(
						somsri.platform_display_name === 'สมศรี มีสุข',
						`platform_display_name stored: ${JSON.stringify(somsri.platform_display_name)}`,
					);
					check(
						state.contacts.some((c) => c.social_profile.id === KITTIPONG),
						`no contact ${KITTIPONG} in Oho`,
					);
					const room = state.rooms.find((r) => r.user_id === SOMSRI);
					check(
						room?.state === 'agent_requested',
						`the chat room of ${SOMSRI} is ${room?.state ?? 'missing'}`,
					);
					check(
						state.gofiveMessages.length === 1,
						`${state.gofiveMessages.length} Gofive messages, expected 1`,
					);
				}

				const ndv = await openNode(page, NODE.agentAgain);
				await ndv.getByText('no change').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
				await screenshot(page, 'operator-request-agent-again.png');
				await closeNode(page);
			},
		},
		...(env.sandbox ? [triggerCheck] : []),
		{
			name: 'Operator: Set Each Field: a Thai birth date typed into Birth Date and a province found by typing Thai; the step runs green',
			fn: async () => {
				env.sandbox?.reset();
				await openNewWorkflow(page, env.baseUrl);
				await addNodeBySearch(page, 'Oho Contact', 'Oho Contact', 'Create or update a contact');
				const dataMode = await byId(page, 'parameter-input-dataMode')
					.locator('input')
					.first()
					.inputValue();
				check(dataMode === 'Set Each Field', `Contact Data shows "${dataMode}"`);
				await typeInto(page, 'parameter-input-userId', WANIDA);
				await typeInto(page, 'parameter-input-firstName', 'วนิดา');
				await addCollectionField(page, 'Last Name');
				await typeInto(page, 'parameter-input-lastName', 'ชัยโย');

				await addCollectionField(page, 'Birth Date');
				await typeInto(page, 'parameter-input-birthDate', '15/03/2535');
				await screenshot(page, 'operator-birth-date.png');

				await addCollectionField(page, 'City (Province)');
				await searchList(page, 'city', 'เชียงใหม่', 'Chiang Mai');
				await screenshot(page, 'operator-province-thai.png');
				await pickListItem(page, 'city', 'Chiang Mai');

				// Execute step: n8n saves the new workflow and runs the node once.
				const before = await executionIds(env.baseUrl, env.cookie);
				await byId(page, 'node-execute-button').click({ timeout: UI_TIMEOUT });
				const run = await nextRun(env, undefined, before);
				const node =
					Object.keys(run.nodes).find(
						(name) => run.nodes[name].error || items(run, name)[0]?.contact !== undefined,
					) ?? '(none)';
				check(
					run.status === 'success' && !run.nodes[node]?.error,
					`the step's run (${run.status}): ${run.nodes[node]?.error ?? 'no error'} ${run.nodes[node]?.errorDescription ?? ''}`,
				);
				const written = items(run, node)[0];
				expectFields(
					'the contact written',
					written?.contact as Record<string, unknown> | undefined,
					{
						first_name: 'วนิดา',
						last_name: 'ชัยโย',
						birth_date: '1992-03-15',
						city: 'Chiang Mai',
					},
				);
				// The output as JSON: the written birth date and province show, not only the first columns.
				await retry('show the output as JSON', async () => {
					await byId(page, 'output-panel').getByText('JSON', { exact: true }).first().click();
					await byId(page, 'output-panel')
						.getByText('1992-03-15')
						.first()
						.waitFor({ state: 'visible', timeout: 20_000 });
				});
				await screenshot(page, 'operator-set-each-field-run.png');
				if (env.sandbox) {
					const wanida = env.sandbox.state().contacts.find((c) => c.social_profile.id === WANIDA);
					check(wanida, `no contact ${WANIDA} in Oho`);
					check(
						wanida.birth_date === '1992-03-15',
						`birth_date stored: ${JSON.stringify(wanida.birth_date)}`,
					);
					check(wanida.city === 'Chiang Mai', `city stored: ${JSON.stringify(wanida.city)}`);
				}
				await closeNode(page);
				await page
					.goto(`${env.baseUrl}/home/workflows`, { waitUntil: 'load', timeout: PAGE_TIMEOUT })
					.catch(() => undefined);
			},
		},
	];
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console, @n8n/community-nodes/require-node-api-error, @n8n/community-nodes/no-dangerous-functions -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * The browser check (`npm run test:browser`): our nodes in n8n's editor, in Debian's Chromium
 * driven by playwright-core.
 *
 * It installs our package into a fresh n8n user folder (as e2e/lib does for the CLI suites),
 * imports the sandbox credentials, starts `n8n start` on a free port, creates the owner through
 * the REST API (`POST /rest/owner/setup`) and hands the session cookie to the browser. Then, each
 * on a new workflow: adds Oho Contact, Oho Chat and Gofive Chat from the node panel by search,
 * opens them and checks the operation dropdown, the credential selector and (Oho Contact) the
 * country and province lists, searched in English and Thai; adds Gofive Customer's Add Event and
 * opens its Event Type list, loaded from the sandbox; imports every example workflow
 * through the editor's own file import. Then a marketing operator's first day (operator.ts):
 * examples/operator-first-day.json imported, run from its sign-up rows and from its Oho
 * Trigger, every step green on the first run, and Oho Contact's Set Each Field with a Thai
 * birth date typed and a province found in Thai. Screenshots go to docs/screenshots/ (the
 * README shows them); a failed check leaves one in test-results/browser/.
 *
 * Chromium needs a Thai font (Debian: fonts-thai-tlwg), or the screenshots show boxes for Thai.
 *
 * Prints `ok - …` / `not ok - …` per check and `# pass N` / `# fail N`; exits 1 on any failure.
 *
 * Environment: N8N_VERSION (default 2.41.1), E2E_TARBALL (install this tarball, skip build +
 * pack), CHROMIUM_PATH (default /usr/bin/chromium), SCREENSHOT_DIR (default docs/screenshots),
 * BROWSER_CHECK_URL + BROWSER_CHECK_COOKIE (use a running n8n instead of starting one; it needs
 * the example credentials and our package; the operator's trigger check needs the sandbox and
 * is then left out), BROWSER_CHECK_ONLY (a regular expression: run only the checks whose name
 * matches, e.g. Operator), E2E_VERBOSE=1 (stream n8n's output).
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { chromium, type BrowserContext } from 'playwright-core';

import { DEMO, startSandbox, type Sandbox } from '../../sandbox';
import { DEMO_EVENT_TYPES } from '../../sandbox/gofiveCustomer';
import { installCommunityPackage } from '../lib/community';
import {
	BATCH_SYNC_EXAMPLE,
	exampleCredentials,
	exampleWorkflowFiles,
	exampleWorkflows,
} from '../lib/examples';
import { ensureN8n } from '../lib/install';
import { N8n } from '../lib/n8n';
import { setupOwner, startN8nServer, type N8nServer } from '../lib/n8n-server';
import { buildAndPackRepo } from '../lib/pack';
import { DEFAULT_N8N_VERSION, REPO_ROOT } from '../lib/paths';
import { tail } from '../lib/proc';
import { OPERATOR_EXAMPLE, operatorChecks } from './operator';
import {
	PAGE_TIMEOUT,
	UI_TIMEOUT,
	addCollectionField,
	addNodeBySearch,
	byId,
	check,
	closeDropdown,
	credentialSelector,
	elapsed,
	log,
	openNewWorkflow,
	parameterOptions,
	pickListItem,
	retry,
	screenshot,
	searchList,
	sleep,
	waitFor,
} from './ui';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FAILURES = join(REPO_ROOT, 'test-results', 'browser');
const OWNER = {
	email: 'browser-check@example.com',
	password: 'Browser-Check-1',
	firstName: 'Browser',
	lastName: 'Check',
};
const OHO_CREDENTIAL = 'Oho (sandbox)';
const GOFIVE_CREDENTIAL = 'Gofive (sandbox, client credentials)';
/** Runs only the checks whose name matches (a regular expression), e.g. BROWSER_CHECK_ONLY=Operator. */
const ONLY = process.env.BROWSER_CHECK_ONLY
	? new RegExp(process.env.BROWSER_CHECK_ONLY)
	: undefined;

// ---------------------------------------------------------------------------------------------

interface Env {
	baseUrl: string;
	cookie: string;
	/** The sandbox the example credentials point at; absent when checking an n8n started elsewhere. */
	sandbox?: Sandbox;
	cleanup: () => Promise<void>;
}

async function startEnvironment(): Promise<Env> {
	if (process.env.BROWSER_CHECK_URL) {
		return {
			baseUrl: process.env.BROWSER_CHECK_URL.replace(/\/+$/, ''),
			cookie: process.env.BROWSER_CHECK_COOKIE ?? '',
			cleanup: async () => undefined,
		};
	}
	log(`n8n ${DEFAULT_N8N_VERSION}: install check (first time: ~6 min)`);
	const install = await ensureN8n();
	log('build + pack our package');
	const tarball = process.env.E2E_TARBALL ?? (await buildAndPackRepo());
	let sandbox: Sandbox | undefined;
	let server: N8nServer | undefined;
	// Its own temp folder prefix: other suites' clean-ups of /tmp/e2e-n8n-user-* must not pull it away.
	const userFolder = mkdtempSync(join(tmpdir(), 'oho-browser-n8n-'));
	const n8n = new N8n(install, { userFolder });
	const removeFolder = () => {
		if (process.env.E2E_KEEP !== '1') rmSync(userFolder, { recursive: true, force: true });
	};
	try {
		sandbox = await startSandbox({ port: 0 });
		await installCommunityPackage(install, n8n.userFolder, tarball);
		if (!process.env.E2E_TARBALL) rmSync(dirname(tarball), { recursive: true, force: true });
		await n8n.importCredentials(exampleCredentials(sandbox.url));
		await n8n.importWorkflows(exampleWorkflows());
		log('n8n start');
		server = await startN8nServer(n8n);
		log(`n8n ready at ${server.url}`);
		const owner = await setupOwner(server, OWNER);
		check(
			owner.created && owner.cookie,
			`owner setup failed: ${owner.message ?? 'no n8n-auth cookie'}`,
		);
		const srv = server;
		const sb = sandbox;
		return {
			baseUrl: server.url,
			cookie: owner.cookie,
			sandbox: sb,
			cleanup: async () => {
				const problems = srv
					.output()
					.split('\n')
					.filter((l) =>
						/Failed to load package|Unrecognized node type|Cannot find module/i.test(l),
					);
				if (problems.length) log(`n8n reported:\n${problems.join('\n')}`);
				await srv.stop();
				await sb.close();
				removeFolder();
			},
		};
	} catch (e) {
		if (server) log(`n8n output (tail):\n${tail(server.output(), 40)}`);
		await server?.stop();
		await sandbox?.close();
		removeFolder();
		throw e;
	}
}

function hasThaiFont(): boolean {
	try {
		return execFileSync('fc-list', [':lang=th'], { encoding: 'utf8' }).trim() !== '';
	} catch {
		return false;
	}
}

async function main(): Promise<number> {
	check(
		existsSync(CHROMIUM),
		`no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`,
	);
	if (!hasThaiFont())
		log(
			'warning: no Thai font (apt-get install -y fonts-thai-tlwg): Thai text shows as boxes in the screenshots',
		);
	const env = await startEnvironment();
	const userDataDir = mkdtempSync(join(tmpdir(), 'e2e-chromium-'));
	let context: BrowserContext | undefined;
	const results: Array<{ name: string; ok: boolean; error?: string }> = [];
	try {
		context = await chromium.launchPersistentContext(userDataDir, {
			executablePath: CHROMIUM,
			headless: true,
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
			viewport: { width: 1440, height: 900 },
			timeout: PAGE_TIMEOUT,
		});
		context.setDefaultTimeout(UI_TIMEOUT);
		await context.addCookies([{ name: 'n8n-auth', value: env.cookie, url: env.baseUrl }]);
		const page = context.pages()[0] ?? (await context.newPage());

		const run = async (name: string, fn: () => Promise<void>) => {
			if (ONLY && !ONLY.test(name)) return;
			const started = Date.now();
			try {
				await fn();
				results.push({ name, ok: true });
				console.log(
					`ok ${results.length} - ${name} (${((Date.now() - started) / 1000).toFixed(0)}s)`,
				);
			} catch (e) {
				const error = (e as Error).message;
				results.push({ name, ok: false, error });
				console.log(
					`not ok ${results.length} - ${name}\n  ---\n  ${error.split('\n').join('\n  ')}\n  ...`,
				);
				mkdirSync(FAILURES, { recursive: true });
				const file = join(FAILURES, `${results.length}-failure.png`);
				await page.screenshot({ path: file }).catch(() => undefined);
				log(`failure screenshot: ${file}`);
			}
		};

		await run(
			'Oho Contact: found by search in the node panel; operations, credential, country and province lists',
			async () => {
				await openNewWorkflow(page, env.baseUrl);
				const actions = await addNodeBySearch(
					page,
					'Oho Contact',
					'Oho Contact',
					'Create or update a contact',
					'node-panel-search.png',
				);
				for (const a of [
					'Create a contact',
					'Create or update a contact',
					'Get a contact',
					'Update a contact',
				]) {
					check(
						actions.some((t) => t.includes(a)),
						`action "${a}" missing; node panel showed: ${actions.join(' | ')}`,
					);
				}
				const operations = await parameterOptions(page, 'parameter-input-operation');
				for (const op of ['Create', 'Create or Update', 'Get', 'Update']) {
					check(operations.includes(op), `operation "${op}" missing: ${operations.join(', ')}`);
				}
				await screenshot(page, 'oho-contact-operation.png');
				await closeDropdown(page);

				const credential = await credentialSelector(page, OHO_CREDENTIAL);
				check(
					credential.selected === OHO_CREDENTIAL,
					`credential selected: "${credential.selected}", expected "${OHO_CREDENTIAL}"`,
				);
				check(
					credential.choices.some((c) => c.includes(OHO_CREDENTIAL)),
					`credential choices: ${credential.choices.join(', ')}`,
				);
				await screenshot(page, 'oho-contact-credential.png');
				await closeDropdown(page);

				// Country and City (Province) are searchable lists: English labels, found by their Thai names too.
				await addCollectionField(page, 'Country');
				const countries = await searchList(page, 'country', '', 'Afghanistan');
				check(countries.length >= 240, `only ${countries.length} countries`);
				const thai = await searchList(page, 'country', 'Thai', 'Thailand');
				check(thai.length === 1, `search "Thai" left: ${thai.join(', ')}`);
				const thaiInThai = await searchList(page, 'country', 'ไทย', 'Thailand');
				check(thaiInThai.length === 1, `search "ไทย" left: ${thaiInThai.join(', ')}`);
				await screenshot(page, 'oho-contact-country.png');
				await pickListItem(page, 'country', 'Thailand');

				await addCollectionField(page, 'City (Province)');
				const provinces = await searchList(page, 'city', '', 'Amnat Charoen');
				check(provinces.length === 77, `${provinces.length} provinces, expected Thailand's 77`);
				for (const p of ['Bangkok', 'Chiang Mai', 'Phuket']) {
					check(provinces.includes(p), `province "${p}" missing`);
				}
				const chiang = await searchList(page, 'city', 'Chiang', 'Chiang Mai');
				check(
					chiang.includes('Chiang Rai') && chiang.length <= 3,
					`search "Chiang" left: ${chiang.join(', ')}`,
				);
				const chiangMai = await searchList(page, 'city', 'เชียงใหม่', 'Chiang Mai');
				check(chiangMai.length === 1, `search "เชียงใหม่" left: ${chiangMai.join(', ')}`);
				await screenshot(page, 'oho-contact-province.png');
				await pickListItem(page, 'city', 'Chiang Mai');
			},
		);

		await run('Oho Chat: found by search; operations and credential', async () => {
			await openNewWorkflow(page, env.baseUrl);
			const actions = await addNodeBySearch(
				page,
				'Oho Chat',
				'Oho Chat',
				'Request a human agent for a chat',
			);
			check(
				actions.some((t) => t.includes('Close the agent session of a chat')),
				`actions: ${actions.join(' | ')}`,
			);
			const credential = await credentialSelector(page, OHO_CREDENTIAL);
			check(
				credential.selected === OHO_CREDENTIAL,
				`credential selected: "${credential.selected}"`,
			);
			await closeDropdown(page);
			const operations = await parameterOptions(page, 'parameter-input-operation');
			for (const op of ['Close Chat', 'Request Agent'])
				check(operations.includes(op), `operation "${op}" missing: ${operations.join(', ')}`);
			await screenshot(page, 'oho-chat-operation.png');
			await closeDropdown(page);
		});

		await run(
			'Gofive Chat: found by search; operation and credential, no one-choice dropdowns',
			async () => {
				await openNewWorkflow(page, env.baseUrl);
				await addNodeBySearch(page, 'Gofive', 'Gofive Chat', 'Send a message');
				const operations = await parameterOptions(page, 'parameter-input-operation');
				check(operations.includes('Send Message'), `operations: ${operations.join(', ')}`);
				await closeDropdown(page);
				// Gofive documents only LINE rooms and one message type: no dropdown offers a single choice.
				for (const oneChoice of ['platform', 'type']) {
					check(
						(await byId(page, `parameter-input-${oneChoice}`).count()) === 0,
						`a "${oneChoice}" dropdown is shown`,
					);
				}
				const credential = await credentialSelector(page, GOFIVE_CREDENTIAL);
				check(
					credential.selected === GOFIVE_CREDENTIAL,
					`credential selected: "${credential.selected}", expected "${GOFIVE_CREDENTIAL}"`,
				);
				check(
					credential.choices.some((c) => c.includes(GOFIVE_CREDENTIAL)),
					`credential choices: ${credential.choices.join(', ')}`,
				);
				await screenshot(page, 'gofive-chat-credential.png');
				await closeDropdown(page);
			},
		);

		await run(
			'Gofive Customer: found by search; Add Event lists the event types loaded from Venio',
			async () => {
				await openNewWorkflow(page, env.baseUrl);
				const actions = await addNodeBySearch(
					page,
					'Gofive Customer',
					'Gofive Customer',
					'Add an event to a customer',
				);
				for (const a of ['Create or update a customer', 'Get a customer']) {
					check(
						actions.some((t) => t.includes(a)),
						`action "${a}" missing; node panel showed: ${actions.join(' | ')}`,
					);
				}
				const credential = await credentialSelector(page, GOFIVE_CREDENTIAL);
				check(
					credential.selected === GOFIVE_CREDENTIAL,
					`credential selected: "${credential.selected}", expected "${GOFIVE_CREDENTIAL}"`,
				);
				await closeDropdown(page);
				const listed = (options: string[]) =>
					DEMO_EVENT_TYPES.every((type) => options.includes(type.eventTypeName));
				// The list is loaded when the dropdown opens: wait for the company's types, not n8n's loading row.
				const types = await waitFor(
					'the event types in the Event Type list',
					UI_TIMEOUT,
					async () => {
						const options = await parameterOptions(page, 'parameter-input-eventType');
						return listed(options) ? options : undefined;
					},
				);
				const expected = DEMO_EVENT_TYPES.map((type) => type.eventTypeName).sort((a, b) =>
					a.localeCompare(b),
				);
				check(
					JSON.stringify(types) === JSON.stringify(expected),
					`Event Type lists ${types.join(', ')}; expected ${expected.join(', ')}`,
				);
				await screenshot(page, 'gofive-customer-event-types.png');
				if (env.sandbox) {
					const asked = env.sandbox.requests({
						api: 'gofive',
						method: 'GET',
						path: '/v1/customerEvent/event-types',
					});
					check(
						asked.length > 0 &&
							asked.every(
								(q) =>
									q.status === 200 &&
									q.headers['ocp-apim-subscription-key'] &&
									q.headers.authorization,
							),
						`the sandbox saw: ${asked.map((q) => `GET ${q.path} ${q.status}`).join(', ') || 'no event-types request'}`,
					);
				}
				await closeDropdown(page);
			},
		);

		for (const file of exampleWorkflowFiles()) {
			const name = file.split('/').pop()!;
			await run(
				`examples/${name}: imported through the editor (File > Import), every node known`,
				async () => {
					await openNewWorkflow(page, env.baseUrl);
					const expected = (
						JSON.parse(readFileSync(file, 'utf8')) as {
							nodes: Array<{ name: string; type: string }>;
						}
					).nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote');
					await retry('import the file', async () => {
						await byId(page, 'workflow-import-input').setInputFiles(file);
						await byId(page, 'canvas-node')
							.first()
							.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
					});
					const canvasNodes = byId(page, 'canvas-node');
					const deadline = Date.now() + UI_TIMEOUT;
					while ((await canvasNodes.count()) < expected.length && Date.now() < deadline)
						await sleep(500);
					const names = await canvasNodes.evaluateAll((els) =>
						els.map((e) => e.getAttribute('data-node-name') ?? ''),
					);
					for (const node of expected)
						check(
							names.includes(node.name),
							`node "${node.name}" not on the canvas: ${names.join(', ')}`,
						);
					// A node whose type n8n does not know is drawn with a warning; ours must be known.
					const unknown = await page
						.locator('[data-test-id="canvas-node"]:has-text("Install this node")')
						.count();
					check(unknown === 0, `${unknown} node(s) of an unknown type`);
					await byId(page, 'zoom-to-fit')
						.click()
						.catch(() => undefined);
					await sleep(1000);
					await screenshot(page, `example-${name.replace(/\.json$/, '')}.png`);

					// The Oho Trigger opens with its webhook URLs and the notice that says where to paste them.
					const trigger = expected.find((node) => node.type === 'n8n-nodes-oho-gofive.ohoTrigger');
					if (trigger && name !== OPERATOR_EXAMPLE) {
						await retry(`open ${trigger.name}`, async () => {
							await page
								.locator(`[data-test-id="canvas-node"][data-node-name="${trigger.name}"]`)
								.dblclick();
							await byId(page, 'ndv').waitFor({ state: 'visible', timeout: UI_TIMEOUT });
						});
						const ndv = byId(page, 'ndv');
						await ndv
							.getByText('Oho has no API to register a webhook')
							.first()
							.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
						await ndv
							.getByText('Webhook URLs')
							.first()
							.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
						for (const label of ['Authentication', 'Events', 'Changed Fields', 'Platforms']) {
							check(
								(await ndv.getByText(label, { exact: true }).count()) > 0,
								`the Oho Trigger panel shows no "${label}"`,
							);
						}
						await screenshot(page, 'oho-trigger-panel.png');
						await byId(page, 'ndv-close-button').click();
					}

					// The imported Oho Contact node opens with its settings from the file: mapper mode,
					// auto-mapping and Options > Add to Existing.
					// The operator's example has a check of its own (operator.ts).
					const upsert = expected.find((node) => node.type === 'n8n-nodes-oho-gofive.ohoContact');
					if (!upsert || name === OPERATOR_EXAMPLE) return;
					await retry(`open ${upsert.name}`, async () => {
						await page
							.locator(`[data-test-id="canvas-node"][data-node-name="${upsert.name}"]`)
							.dblclick();
						await byId(page, 'ndv').waitFor({ state: 'visible', timeout: UI_TIMEOUT });
					});
					const ndv = byId(page, 'ndv');
					const contactData = await ndv
						.locator('[data-test-id="parameter-input-dataMode"] input')
						.first()
						.inputValue();
					check(contactData === 'Map Input Fields', `Contact Data shows "${contactData}"`);
					const inputValues = async () =>
						await ndv
							.locator('input')
							.evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value));
					const deadline2 = Date.now() + UI_TIMEOUT;
					while (!(await inputValues()).includes('Map Automatically') && Date.now() < deadline2)
						await sleep(500);
					check(
						(await inputValues()).includes('Map Automatically'),
						`Mapping Column Mode is not "Map Automatically": ${(await inputValues()).join(' | ')}`,
					);
					await ndv.getByText('Add to Existing').first().scrollIntoViewIfNeeded();
					await ndv
						.getByText('Add to Existing')
						.first()
						.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
					await screenshot(page, `example-${name.replace(/\.json$/, '')}-upsert.png`);
					await byId(page, 'ndv-close-button').click();
				},
			);
		}

		await run(
			'examples/batch-sync-with-error-report.json: runs in the editor, 17 rows synced, 3 to the error report',
			async () => {
				await retry('open the example', async () => {
					await page.goto(`${env.baseUrl}/workflow/${BATCH_SYNC_EXAMPLE.id}`, {
						waitUntil: 'load',
						timeout: PAGE_TIMEOUT,
					});
					await byId(page, 'execute-workflow-button').waitFor({
						state: 'visible',
						timeout: PAGE_TIMEOUT,
					});
				});
				await byId(page, 'execute-workflow-button').click();
				// The run's item counts are drawn on the edges: 20 rows in, 17 out of Success, 3 out of Error.
				const labels = async () =>
					(await byId(page, 'edge-label').allInnerTexts()).map((t) => t.trim());
				const deadline = Date.now() + 3 * UI_TIMEOUT;
				const want = ['20 items', '17 items', '3 items'];
				while (Date.now() < deadline) {
					const shown = await labels();
					if (want.every((w) => shown.includes(w))) break;
					await sleep(1000);
				}
				const shown = await labels();
				check(
					want.every((w) => shown.includes(w)),
					`edge labels after the run: ${shown.join(', ')}`,
				);
				await byId(page, 'zoom-to-fit')
					.click()
					.catch(() => undefined);
				await sleep(1000);
				await screenshot(page, 'example-batch-sync-with-error-report-run.png');
			},
		);
		for (const operatorCheck of operatorChecks({
			page,
			baseUrl: env.baseUrl,
			cookie: env.cookie,
			sandbox: env.sandbox,
		})) {
			await run(operatorCheck.name, operatorCheck.fn);
		}
		if (env.sandbox) {
			const sandbox = env.sandbox;
			/** n8n's own credential test (the editor's "Retry" / save), on a credential the user can read; `data` replaces its values. */
			const testCredential = async (
				credential: { id: string; name: string; type: string },
				data: Record<string, unknown>,
			): Promise<{ status: string; message: string }> => {
				const response = await fetch(`${env.baseUrl}/rest/credentials/test`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', cookie: `n8n-auth=${env.cookie}` },
					body: JSON.stringify({ credentials: { ...credential, data } }),
				});
				check(
					response.ok,
					`POST /rest/credentials/test: HTTP ${response.status} ${(await response.clone().text()).slice(0, 300)}`,
				);
				return ((await response.json()) as { data: { status: string; message: string } }).data;
			};
			await run(
				"Gofive API credential: n8n's own credential test stores no message; a garbage token fails (client credentials, access token, expired JWT)",
				async () => {
					const gofive = { id: 'gofiveSandboxCred1', name: GOFIVE_CREDENTIAL, type: 'gofiveApi' };
					const base = { baseUrl: sandbox.url, subscriptionKey: '', companyId: 0 };
					sandbox.reset();
					const client = await testCredential(gofive, {
						...base,
						authentication: 'clientCredentials',
						clientId: DEMO.gofiveClientId,
						clientSecret: DEMO.gofiveClientSecret,
						tokenUrl: `${sandbox.url}/authorization/connect/token`,
					});
					check(client.status === 'OK', `client credentials: ${JSON.stringify(client)}`);
					const token = await testCredential(gofive, {
						...base,
						authentication: 'accessToken',
						accessToken: DEMO.gofiveAccessToken,
					});
					check(token.status === 'OK', `access token: ${JSON.stringify(token)}`);
					const garbage = await testCredential(gofive, {
						...base,
						authentication: 'accessToken',
						accessToken: 'not-a-gofive-token',
					});
					check(
						garbage.status === 'Error' && /\b401\b/.test(garbage.message),
						`garbage token: ${JSON.stringify(garbage)}`,
					);
					const claims = Buffer.from(
						JSON.stringify({ exp: Date.UTC(2026, 0, 2, 3, 4) / 1000 }),
					).toString('base64url');
					const expired = await testCredential(gofive, {
						...base,
						authentication: 'accessToken',
						accessToken: `eyJhbGciOiJSUzI1NiJ9.${claims}.c2ln`,
					});
					check(
						expired.status === 'Error' &&
							expired.message.startsWith(
								'The Gofive access token expired on 2026-01-02 03:04 UTC.',
							),
						`expired JWT: ${JSON.stringify(expired)}`,
					);
					// The test posts an empty message, which Gofive refuses as incomplete once it has accepted the token
					// (n8n may send the refused token twice).
					const seen = sandbox
						.requests({ api: 'gofive' })
						.map((request) => `${request.method} ${request.path} ${request.status}`);
					check(
						seen.length >= 3 &&
							seen.slice(0, 2).every((line) => line === 'POST /v1/chat/message 400') &&
							seen.slice(2).every((line) => line === 'POST /v1/chat/message 401'),
						`the Gofive API saw: ${seen.join(', ') || 'nothing'}; expected two empty POSTs refused as incomplete, then the refused token`,
					);
					check(
						sandbox.requests({ api: 'gofive-token' }).length === 1,
						'expected one token request',
					);
					check(sandbox.state().gofiveMessages.length === 0, 'a message was stored');
				},
			);
			await run(
				"Oho API credential: n8n's own credential test passes the business's key and fails another business's key on its LINE OA",
				async () => {
					const oho = { id: 'ohoSandboxCred01', name: OHO_CREDENTIAL, type: 'ohoApi' };
					const account = exampleCredentials(sandbox.url).find(
						(credential) => credential.id === oho.id,
					)!.data;
					const own = await testCredential(oho, account);
					check(own.status === 'OK', `the business's key: ${JSON.stringify(own)}`);
					const other = await testCredential(oho, { ...account, apiKey: DEMO.ohoOtherBusinessKey });
					check(
						other.status === 'Error' && /\b403\b/.test(other.message),
						`another business's key: ${JSON.stringify(other)}`,
					);
				},
			);
		}
	} finally {
		await context?.close().catch(() => undefined);
		rmSync(userDataDir, { recursive: true, force: true });
		await env.cleanup();
	}
	const failed = results.filter((r) => !r.ok).length;
	console.log(
		`1..${results.length}\n# pass ${results.length - failed}\n# fail ${failed}\n# duration ${elapsed()}`,
	);
	return failed === 0 && results.length > 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(e) => {
		console.log(`not ok - browser check could not run: ${(e as Error).stack ?? String(e)}`);
		console.log('# fail 1');
		process.exit(1);
	},
);

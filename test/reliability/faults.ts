/* eslint-disable no-console -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * Reliability, faults: every sandbox fault × every operation × continue-on-fail on and off, through n8n-core's
 * WorkflowExecute with real HTTP. Three items per run, each run on a sandbox of its own (runs go side by side).
 *
 * Shapes of a fault:
 *  - transient: the first request of every item meets the fault, later ones pass (a sequence);
 *  - persistent: every request meets it (Max Retries 1);
 *  - after: the API acts on the first request of every item, then the fault replaces its answer (continue-on-fail).
 * Each run must end, within the jest timeout (Timeout 5 s per attempt where the fault is 'hang'), in success after
 * retry or exactly one error item per failed input (or, stopping on failure, the node's error for the first failed
 * input): never a crash, a lost or duplicated item, a second contact or message, or a secret in what n8n would store.
 * The summary test prints and writes test-results/reliability-summary.json: inputs tried, faults injected and
 * survived, items lost (must be 0).
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';

import { GofiveChat } from '../../nodes/GofiveChat/GofiveChat.node';
import { MESSAGE_OPERATIONS } from '../../nodes/GofiveChat/actions/operations';
import { OhoChat } from '../../nodes/OhoChat/OhoChat.node';
import { CHAT_OPERATIONS } from '../../nodes/OhoChat/actions/operations';
import { OhoContact } from '../../nodes/OhoContact/OhoContact.node';
import { CONTACT_OPERATIONS } from '../../nodes/OhoContact/actions/operations';
import type { FaultKind, Sandbox } from '../../sandbox';
import { DEMO } from '../../sandbox';
import type { OnError, RunNodeResult } from '../helpers/n8n';
import { CredentialStore, jsonOf, runNode } from '../helpers/n8n';
import { accessToken, clientCredentials } from '../helpers/gofive';
import { newLineContact, REQUIRED_FIELDS } from '../helpers/ohoContact';
import type { IdentityValues } from './oho';
import { IDENTITY_FROM_ITEM } from './oho';
import type { Sandboxes } from './support';
import {
	errorDetails,
	errorMessage,
	isErrorItem,
	outcomesByItem,
	secretsInRun,
	UNKNOWN_SECRETS,
	writeSummaryPart,
} from './support';

const KINDS: FaultKind[] = [
	500,
	502,
	503,
	429,
	'reset',
	'hang',
	'malformed-json',
	'html',
	'ok-false',
];
/**
 * Every operation of Oho Contact, Oho Chat and Gofive Chat, from their tables (a new one fails here until setup()
 * gives it its items), and 'sendMessage-token': Send Message with client credentials, the fault on the token
 * endpoint instead of the API.
 */
const OPERATIONS = [
	'sendMessage-token',
	...[CONTACT_OPERATIONS, CHAT_OPERATIONS, MESSAGE_OPERATIONS].flatMap((table) =>
		table.map((entry) => entry.value),
	),
];
type Operation = string;
type Shape = 'transient' | 'persistent' | 'after';

/** Scenarios of one operation run at most this many at a time (operations themselves run side by side too). */
const SIDE_BY_SIDE = 5;
/**
 * Timeout per attempt where the fault is 'hang': short enough for a quick matrix (those runs go first and wait side
 * by side), long enough that on a busy machine the retry's real answer is not taken for no answer. Other faults keep
 * the default 30 s.
 */
const HANG_TIMEOUT_MS = 5000;
const ITEMS = 3;

interface Scenario {
	operation: Operation;
	kind: FaultKind;
	shape: Shape;
	onError: OnError;
}

const gofive = (operation: Operation) =>
	operation === 'sendMessage-token' ||
	MESSAGE_OPERATIONS.some((entry) => entry.value === operation);
const idempotent = (operation: Operation) => !gofive(operation);

/**
 * Whether the node resends after this fault: 429 and 503 say the API did not act; a 502 (JSON or an HTML page),
 * a lost connection, no answer, or a 2xx that is not JSON leave that open, so only idempotent requests are resent;
 * a 500 and an ok:false answer are answers, never resent.
 */
function resent(kind: FaultKind, operation: Operation): boolean {
	if (kind === 429 || kind === 503) return true;
	// The credential reports every other token endpoint failure as final (the message was not sent, but is not resent).
	if (operation === 'sendMessage-token') return false;
	if (kind === 500 || kind === 'ok-false') return false;
	return idempotent(operation);
}

const willSucceed = ({ kind, shape, operation }: Scenario) =>
	shape !== 'persistent' && resent(kind, operation);

/** The error a failed item must carry for this fault: the API's own words, or ours for no answer and not-JSON. */
function expectedError(kind: FaultKind, operation: Operation): RegExp {
	if (operation === 'sendMessage-token') return expectedTokenError(kind);
	const api = operation === 'sendMessage' ? 'Gofive' : 'Oho';
	const code = (status: number) => (api === 'Gofive' ? `, code ${status}` : '');
	const answer = (message: string, status: number) =>
		new RegExp(`^${api}: ${message} \\(HTTP ${status}${code(status)}\\)$`);
	switch (kind) {
		case 500:
			return answer('Internal server error', 500);
		case 502:
			return answer('Bad gateway', 502);
		case 503:
			return answer('Service unavailable', 503);
		case 429:
			return answer('Too many requests', 429);
		case 'reset':
			return new RegExp(`^Could not reach the ${api} API \\((ECONNRESET|EPIPE)\\)$`);
		case 'hang':
			return new RegExp(`^Could not reach the ${api} API \\((ECONNABORTED|ETIMEDOUT)\\)$`);
		case 'malformed-json':
			return new RegExp(`^The ${api} API answered HTTP 200 with a body that is not JSON$`);
		case 'html':
			return new RegExp(`^The ${api} API answered HTTP 502 with a body that is not JSON$`);
		case 'ok-false':
			return api === 'Oho'
				? /^Oho: Temporary processing error \(HTTP 200\)$/
				: /^Gofive: Temporary processing error \(HTTP 201, code 4001\)$/;
	}
}

/** A failed token request: the credential's words, naming the token endpoint. */
function expectedTokenError(kind: FaultKind): RegExp {
	switch (kind) {
		case 429:
		case 503:
			return new RegExp(
				`^Gofive: Gofive's token endpoint is unavailable \\(HTTP ${kind}\\b.*\\(HTTP ${kind}\\)$`,
			);
		case 500:
		case 502:
		case 'html':
			return new RegExp(
				`^Gofive request failed: Gofive's token endpoint is unavailable \\(HTTP ${kind === 500 ? 500 : 502}\\b`,
			);
		case 'reset':
			return /^Gofive request failed: The connection to Gofive's token endpoint at 127\.0\.0\.1:\d+ failed \((ECONNRESET|EPIPE)\)\. Try again later; if it keeps failing, check the Token URL in the Gofive API credential and the network\.$/;
		case 'hang':
			return /^Gofive request failed: Gofive's token endpoint did not answer within 30 seconds\./;
		case 'malformed-json':
		case 'ok-false':
			return /^Gofive request failed: Gofive's token endpoint answered without an access_token \(HTTP 200\b/;
	}
}

// ---------------------------------------------------------------- the three items of each operation

const LINE = DEMO.line;
const line = (userId: string): IdentityValues => ({
	platform: 'line',
	platformId: LINE.platformId,
	userId,
});
const facebook = (userId: string): IdentityValues => ({
	platform: 'facebook',
	platformId: DEMO.facebook.platformId,
	userId,
});
const instagram = (userId: string): IdentityValues => ({
	platform: 'instagram',
	platformId: DEMO.instagram.platformId,
	userId,
});

/** Seeded chat rooms: with the bot (request-agent moves them), and with an agent (close-chat moves them). */
const BOT_ROOMS = [
	line(LINE.userIds[0]),
	facebook(DEMO.facebook.userIds[0]),
	instagram(DEMO.instagram.userIds[0]),
];
const AGENT_ROOMS = [
	line(LINE.userIds[1]),
	line(LINE.userIds[2]),
	facebook(DEMO.facebook.userIds[1]),
];

/**
 * Whether the API acted on the faulted attempts: yes ('after'), no (a fault before it handled the request), or
 * 'unknown' after no answer: a timed-out attempt may still have been carried out (on a busy machine the sandbox can
 * read a request after the client gave up on it).
 */
type Acted = boolean | 'unknown';

/** Whether an item's effect must be in the API's state: after a success or an attempt the API acted on; undefined when either is right. */
function effectExpected(succeeded: boolean, acted: Acted): boolean | undefined {
	if (succeeded || acted === true) return true;
	return acted === 'unknown' ? undefined : false;
}

/** The effect's count: never more than one; exactly one or none when `expected` says which. */
function expectEffect(index: number, count: number, expected: boolean | undefined): void {
	expect({ index, atMostOnce: count <= 1 }).toEqual({ index, atMostOnce: true });
	if (expected !== undefined) expect({ index, count }).toEqual({ index, count: expected ? 1 : 0 });
}

interface Setup {
	node: INodeType;
	parameters: INodeParameters;
	items: IDataObject[];
	/** Checks the API's state after the run: `succeeded[i]` tells whether item i came out as a success. */
	checkState(sb: Sandbox, succeeded: boolean[], acted: Acted): void;
}

const options = (scenario: Scenario): INodeParameters => ({
	retryDelayMs: 1,
	...(scenario.kind === 'hang' ? { timeoutMs: HANG_TIMEOUT_MS } : {}),
	maxRetries: scenario.shape === 'persistent' ? 1 : 3,
	parallelRequests: ITEMS,
});

const contactsWithId = (sb: Sandbox, { platform, platformId, userId }: IdentityValues) =>
	sb
		.state()
		.contacts.filter(
			(contact) =>
				contact.social_profile.platform === platform &&
				contact.social_profile.platform_id === platformId &&
				contact.social_profile.id === userId,
		);

const roomState = (sb: Sandbox, { platform, platformId, userId }: IdentityValues) =>
	sb
		.state()
		.rooms.find(
			(room) =>
				room.platform === platform && room.platform_id === platformId && room.user_id === userId,
		)?.state;

function setup(scenario: Scenario, run: number): Setup {
	const { operation } = scenario;
	switch (operation) {
		case 'get': {
			const contacts = [
				line(LINE.userIds[0]),
				line(LINE.userIds[1]),
				facebook(DEMO.facebook.userIds[0]),
			];
			return {
				node: new OhoContact(),
				parameters: {
					resource: 'contact',
					operation,
					...IDENTITY_FROM_ITEM,
					options: options(scenario),
				},
				items: contacts as unknown as IDataObject[],
				checkState: () => undefined,
			};
		}
		case 'create':
		case 'upsert': {
			// Upsert: the first contact exists (seeded), the others are new.
			const contacts =
				operation === 'upsert'
					? [line(LINE.userIds[0]), newLineContact(), newLineContact()]
					: [newLineContact(), newLineContact(), newLineContact()];
			return {
				node: new OhoContact(),
				parameters: {
					resource: 'contact',
					operation,
					...IDENTITY_FROM_ITEM,
					...REQUIRED_FIELDS,
					firstName: '={{ $json.firstName }}',
					options: options(scenario),
				},
				items: contacts.map((contact, index) => ({
					...contact,
					firstName: `Run${run}Item${index}`,
				})),
				checkState(sb, succeeded, acted) {
					contacts.forEach((contact, index) => {
						const stored = contactsWithId(sb, contact);
						const existed = operation === 'upsert' && index === 0;
						// Never two contacts; a success (or an attempt the API acted on) left exactly one, with this item's values.
						expectEffect(index, stored.length, existed || effectExpected(succeeded[index], acted));
						if (succeeded[index]) expect(stored[0].first_name).toBe(`Run${run}Item${index}`);
					});
				},
			};
		}
		case 'update': {
			const contacts = [
				line(LINE.userIds[0]),
				line(LINE.userIds[1]),
				instagram(DEMO.instagram.userIds[0]),
			];
			return {
				node: new OhoContact(),
				parameters: {
					resource: 'contact',
					operation,
					...IDENTITY_FROM_ITEM,
					updateFields: { age: '={{ $json.age }}' },
					options: options(scenario),
				},
				items: contacts.map((contact, index) => ({ ...contact, age: 60 + index })),
				checkState(sb, succeeded, acted) {
					contacts.forEach((contact, index) => {
						const [stored] = contactsWithId(sb, contact);
						expectEffect(
							index,
							stored.age === 60 + index ? 1 : 0,
							effectExpected(succeeded[index], acted),
						);
					});
				},
			};
		}
		case 'requestAgent':
		case 'closeChat': {
			const rooms = operation === 'requestAgent' ? BOT_ROOMS : AGENT_ROOMS;
			const target = operation === 'requestAgent' ? 'agent_requested' : 'bot';
			return {
				node: new OhoChat(),
				parameters: {
					resource: 'chat',
					operation,
					...IDENTITY_FROM_ITEM,
					options: options(scenario),
				},
				items: rooms as unknown as IDataObject[],
				checkState(sb, succeeded, acted) {
					rooms.forEach((room, index) => {
						expectEffect(
							index,
							roomState(sb, room) === target ? 1 : 0,
							effectExpected(succeeded[index], acted),
						);
					});
				},
			};
		}
		case 'sendMessage':
		case 'sendMessage-token': {
			const rooms = [DEMO.gofiveRoomId, DEMO.gofiveRoomId, DEMO.gofiveSecondRoomId];
			const contents = rooms.map((_, index) => `run ${run} item ${index}`);
			return {
				node: new GofiveChat(),
				parameters: {
					resource: 'message',
					operation: 'sendMessage',
					roomId: '={{ $json.roomId }}',
					content: '={{ $json.content }}',
					platform: '={{ $json.platform }}',
					companyId: DEMO.gofiveCompanyId,
					options: options(scenario),
				},
				items: rooms.map((roomId, index) => ({
					roomId,
					content: contents[index],
					platform: 'line',
				})),
				checkState(sb, succeeded, actedOnRequest) {
					// A fault of the token endpoint acted on the token request at most: no message without a success.
					const acted = operation === 'sendMessage' ? actedOnRequest : false;
					const messages = sb.state().gofiveMessages;
					contents.forEach((content, index) => {
						// Never sent twice: a message is posted once, or (when nothing acted) not at all.
						const posted = messages.filter((message) => message.content === content).length;
						expectEffect(index, posted, effectExpected(succeeded[index], acted));
					});
				},
			};
		}
		default:
			throw new Error(
				`The fault matrix has no items for the operation "${operation}": give them in setup()`,
			);
	}
}

// ---------------------------------------------------------------- running a scenario

/** The sandboxes scenarios run on (set by describeFaultMatrix). */
let pool: Sandboxes;

const totals = {
	scenarios: 0,
	inputsTried: 0,
	faultsInjected: 0,
	faultsSurvived: 0,
	/** Faults after which the item still succeeded (the node retried). */
	faultsRecoveredByRetry: 0,
	itemsSucceeded: 0,
	errorItems: 0,
	/** Runs stopped by the node's error (continue-on-fail off), and the inputs they covered. */
	nodeStops: 0,
	inputsCoveredByStop: 0,
	itemsLost: 0,
	itemsDuplicated: 0,
	/** Runs whose node execution threw instead of ending with outputs or the node's error. */
	crashes: 0,
	secretsLeaked: 0,
};
const failedScenarios: string[] = [];

const nameOf = ({ operation, kind, shape, onError }: Scenario) =>
	`${operation} × ${String(kind)} (${shape}, ${onError})`;

/** Gofive runs alternate between the demo access token and the demo client credentials (so the client secret is in play). */
function credentialsFor(
	scenario: Scenario,
	sb: Sandbox,
): Record<string, ICredentialDataDecryptedObject> {
	if (!gofive(scenario.operation)) return { ohoApi: { apiKey: DEMO.ohoApiKey, baseUrl: sb.url } };
	const extra = { subscriptionKey: UNKNOWN_SECRETS.gofiveSubscriptionKey };
	const useClient = scenario.operation === 'sendMessage-token' || scenario.shape === 'persistent';
	return { gofiveApi: useClient ? clientCredentials(sb, extra) : accessToken(sb, extra) };
}

let runCounter = 0;

async function runScenario(scenario: Scenario): Promise<void> {
	await pool.use(async (sb) => {
		const run = ++runCounter;
		const { node, parameters, items, checkState } = setup(scenario, run);
		const api =
			scenario.operation === 'sendMessage-token'
				? 'gofive-token'
				: scenario.operation === 'sendMessage'
					? 'gofive'
					: 'oho';
		sb.setKnobs({
			faults: [
				scenario.shape === 'persistent'
					? { match: { api }, kind: scenario.kind }
					: {
							match: { api },
							sequence: Array<FaultKind>(ITEMS).fill(scenario.kind),
							afterHandling: scenario.shape === 'after',
						},
			],
		});
		const store = new CredentialStore();
		const credentials = credentialsFor(scenario, sb);

		let result: RunNodeResult | undefined;
		let crash: unknown;
		try {
			result = await runNode(
				{ node, parameters, credentials, items, onError: scenario.onError },
				store,
			);
		} catch (error) {
			crash = error;
		}
		const injected = sb.requests({ api }).filter((request) => request.fault !== undefined).length;
		totals.scenarios++;
		totals.inputsTried += items.length;
		totals.faultsInjected += injected;

		const problems: string[] = [];
		const check = (what: string, assertion: () => void) => {
			try {
				assertion();
			} catch (error) {
				problems.push(`${what}: ${(error as Error).message.split('\n').slice(0, 12).join('\n')}`);
			}
		};
		if (crash !== undefined || !result) {
			totals.crashes++;
			totals.itemsLost += items.length;
			problems.push(`crashed: ${String((crash as Error)?.stack ?? crash)}`);
		} else {
			const succeeds = willSucceed(scenario);
			const expectedMessage = expectedError(scenario.kind, scenario.operation);
			const outcomes = outcomesByItem(result, items.length);
			const succeeded = outcomes.map(
				(outcome) => outcome.outputs.length === 1 && !isErrorItem(outcome.outputs[0]),
			);
			if (scenario.onError === 'stopWorkflow' && result.error) {
				// Stopping on failure: no output; the node's error names the first failed input.
				totals.nodeStops++;
				totals.inputsCoveredByStop += items.length;
				check('stop', () => {
					expect(succeeds).toBe(false);
					expect(result!.outputs.flat()).toEqual([]);
					expect(result!.error!.message).toMatch(expectedMessage);
					expect(result!.error!.context?.itemIndex).toBe(0);
				});
			} else {
				const lost = outcomes.filter((outcome) => outcome.outputs.length === 0).length;
				const duplicated = outcomes.reduce(
					(sum, outcome) => sum + Math.max(0, outcome.outputs.length - 1),
					0,
				);
				totals.itemsLost += lost;
				totals.itemsDuplicated += duplicated;
				totals.itemsSucceeded += succeeded.filter(Boolean).length;
				totals.errorItems += outcomes.filter((outcome) => outcome.outputs.some(isErrorItem)).length;
				check('one output per input', () =>
					expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 }),
				);
				check('outcome', () =>
					outcomes.forEach(({ index, items: [item], outputs: [output] }) => {
						if (succeeds) {
							expect({ index, error: output?.error }).toEqual({ index, error: undefined });
						} else {
							expect({
								index,
								error: errorMessage(output),
								itemIndex: errorDetails(item).itemIndex,
							}).toEqual({
								index,
								error: expect.stringMatching(expectedMessage),
								itemIndex: index,
							});
						}
					}),
				);
				if (scenario.onError === 'continueErrorOutput') {
					// Successes on the main output, error items on the error output.
					check('error output', () =>
						expect((result!.outputs[1] ?? []).length).toBe(
							outcomes.filter((outcome) => outcome.outputs.some(isErrorItem)).length,
						),
					);
				}
				if (succeeds && injected > 0) totals.faultsRecoveredByRetry += injected;
			}
			check('state', () =>
				checkState(
					sb,
					succeeded,
					scenario.kind === 'hang' ? 'unknown' : scenario.shape === 'after',
				),
			);
			// The issued token (client credentials) is a secret too.
			const issuedToken = store.has('gofiveApi')
				? String(store.get('gofiveApi').sessionToken ?? '')
				: '';
			const secrets = [
				DEMO.ohoApiKey,
				DEMO.gofiveAccessToken,
				DEMO.gofiveClientSecret,
				UNKNOWN_SECRETS.gofiveSubscriptionKey,
				issuedToken,
			];
			const leaks = secretsInRun(result, secrets);
			totals.secretsLeaked += leaks.length;
			check('secrets', () => expect(leaks).toEqual([]));
		}
		if (problems.length === 0) totals.faultsSurvived += injected;
		else failedScenarios.push(`${nameOf(scenario)}:\n  ${problems.join('\n  ')}`);
	});
}

/** Runs `work` over `entries`, at most `limit` at a time. */
async function sideBySide<T>(
	entries: T[],
	limit: number,
	work: (entry: T) => Promise<void>,
): Promise<void> {
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(limit, entries.length) }, async () => {
			while (next < entries.length) await work(entries[next++]);
		}),
	);
}

function scenariosOf(operation: Operation): Scenario[] {
	const scenarios: Scenario[] = [];
	for (const kind of KINDS) {
		for (const shape of ['transient', 'persistent'] as const) {
			// Continue on fail: the regular output for transient faults, the error output for persistent ones.
			scenarios.push({ operation, kind, shape, onError: 'stopWorkflow' });
			scenarios.push({
				operation,
				kind,
				shape,
				onError: shape === 'transient' ? 'continueRegularOutput' : 'continueErrorOutput',
			});
		}
		// After the API acted: not for 429 and 503, which say it did not.
		if (kind !== 429 && kind !== 503)
			scenarios.push({ operation, kind, shape: 'after', onError: 'continueErrorOutput' });
	}
	// The slowest (no answer at all) first, so they wait while the others run.
	return [
		...scenarios.filter((scenario) => scenario.kind === 'hang'),
		...scenarios.filter((scenario) => scenario.kind !== 'hang'),
	];
}

/** The fault matrix, on sandboxes from `sandboxes`. */
export function describeFaultMatrix(sandboxes: Sandboxes): void {
	pool = sandboxes;
	describe('fault matrix: every sandbox fault × every operation, with and without continue-on-fail', () => {
		test.concurrent.each([...OPERATIONS])(
			'%s: success after retry or exactly one error per failed input; no crash, hang, lost or duplicated item, no second write, no secret',
			async (operation) => {
				// A token endpoint that never answers holds its runs for the token request's own 30 s limit: all of them at once.
				await sideBySide(
					scenariosOf(operation),
					operation === 'sendMessage-token' ? 10 : SIDE_BY_SIDE,
					runScenario,
				);
				expect(failedScenarios.filter((entry) => entry.startsWith(`${operation} ×`))).toEqual([]);
			},
			120_000,
		);

		test.concurrent.each(['hang', 'reset'] as const)(
			'a create retried after a %s that came after Oho created the contact makes one contact, reported as created',
			async (kind) => {
				await pool.use(async (sb) => {
					const contacts = [newLineContact(), newLineContact(), newLineContact()];
					sb.setKnobs({
						faults: [
							{
								match: { api: 'oho', method: 'POST', path: '/contact' },
								sequence: [kind, kind, kind],
								afterHandling: true,
							},
						],
					});
					const contactsBefore = sb.state().contacts.length;
					const result = await runNode({
						node: new OhoContact(),
						parameters: {
							resource: 'contact',
							operation: 'create',
							...IDENTITY_FROM_ITEM,
							...REQUIRED_FIELDS,
							options: {
								retryDelayMs: 1,
								timeoutMs: HANG_TIMEOUT_MS,
								maxRetries: 3,
								parallelRequests: ITEMS,
							},
						},
						credentials: { ohoApi: { apiKey: DEMO.ohoApiKey, baseUrl: sb.url } },
						items: contacts as unknown as IDataObject[],
					});
					totals.inputsTried += contacts.length;
					totals.faultsInjected += contacts.length;

					expect(result.error).toBeUndefined();
					expect(
						jsonOf(result).map((output) => [output.user_id, output.operation, output.message]),
					).toEqual(
						contacts.map((contact) => [
							contact.userId,
							'created',
							`Created contact successfully (an earlier attempt ${kind === 'hang' ? 'timed out (ECONNABORTED)' : 'lost its connection (ECONNRESET)'}; the stored contact holds what was sent)`,
						]),
					);
					// Each create was sent twice (no answer, then 409 for the contact the first one made), then read back: one contact each.
					expect(
						sb
							.requests({ api: 'oho' })
							.map((request) => request.status)
							.sort(),
					).toEqual([200, 200, 200, 409, 409, 409, null, null, null]);
					expect(sb.state().contacts.length).toBe(contactsBefore + contacts.length);
					for (const contact of contacts) expect(contactsWithId(sb, contact)).toHaveLength(1);
					totals.faultsSurvived += contacts.length;
				});
			},
			60_000,
		);

		test('summary: inputs tried, faults injected and survived, items lost (must be 0)', () => {
			const summary = {
				...totals,
				kinds: KINDS.map(String),
				operations: [...OPERATIONS],
				sandboxesStarted: pool.started,
				hangTimeoutMs: HANG_TIMEOUT_MS,
			};
			const { totals: all } = writeSummaryPart({
				suite: 'faults',
				finishedAt: new Date().toISOString(),
				...summary,
			});
			console.log(
				`Fault matrix: ${totals.scenarios} runs, ${totals.inputsTried} inputs tried, ${totals.faultsInjected} faults injected, ` +
					`${totals.faultsSurvived} survived (${totals.faultsRecoveredByRetry} recovered by a retry), ${totals.itemsLost} items lost, ` +
					`${totals.itemsDuplicated} duplicated, ${totals.crashes} crashes, ${totals.secretsLeaked} secrets leaked\n${JSON.stringify(summary, null, 1)}\nreliability totals: ${JSON.stringify(all)}`,
			);
			expect(totals.scenarios).toBe(OPERATIONS.length * (KINDS.length * 5 - 2));
			expect(totals.inputsTried).toBe(totals.scenarios * ITEMS + 2 * ITEMS);
			expect(totals.itemsLost).toBe(0);
			expect(totals.itemsDuplicated).toBe(0);
			expect(totals.crashes).toBe(0);
			expect(totals.secretsLeaked).toBe(0);
			expect(totals.faultsSurvived).toBe(totals.faultsInjected);
		});
	});
}

/* eslint-disable no-console -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * Secrets (run by faults.test.ts, on the same sandboxes, so its runs overlap the matrix's waits): every
 * failure path of the three nodes runs with recognisable secrets (API key, access token, client secret, subscription
 * key, and the token the sandbox issues), with continue-on-fail on and off and the raw API response included; none of
 * them may appear in an output item, an error message or description, or anywhere in the execution n8n would store
 * (`run`). The sandbox knows only its demo secrets ('oho-demo-key', 'gofive-demo-token', 'gofive-demo-secret'), so
 * refused-credential paths use unknown recognisable ones and the other paths the demo ones (recognisable strings too).
 * The fault matrix runs the same check on every fault × operation; the credential tests' messages are checked here.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';

import { GofiveChat } from '../../nodes/GofiveChat/GofiveChat.node';
import { OhoChat } from '../../nodes/OhoChat/OhoChat.node';
import { OhoContact } from '../../nodes/OhoContact/OhoContact.node';
import type { FaultKind, KnobsPatch, Sandbox } from '../../sandbox';
import { DEMO } from '../../sandbox';
import { testCredential } from '../helpers/credentialTest';
import type { OnError, RunNodeResult } from '../helpers/n8n';
import { CredentialStore, runNode } from '../helpers/n8n';
import { accessToken, clientCredentials } from '../helpers/gofive';
import { newLineContact, REQUIRED_FIELDS } from '../helpers/ohoContact';
import type { IdentityValues } from './oho';
import type { Sandboxes } from './support';
import {
	findSecrets,
	isErrorItem,
	secretsInRun,
	UNKNOWN_SECRETS,
	writeSummaryPart,
} from './support';

/** Every recognisable secret: the demo ones the sandbox accepts, the unknown ones it refuses. */
const SECRETS = [
	DEMO.ohoApiKey,
	DEMO.ohoOtherBusinessKey,
	DEMO.gofiveAccessToken,
	DEMO.gofiveClientSecret,
	DEMO.gofiveSubscriptionKey,
	...Object.values(UNKNOWN_SECRETS),
];

const UNREACHABLE = 'http://127.0.0.1:1';
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
const OPTIONS = {
	retryDelayMs: 1,
	maxRetries: 1,
	timeoutMs: 5000,
	includeRawResponse: true,
	parallelRequests: 3,
};

type OhoOperation = 'get' | 'create' | 'update' | 'upsert' | 'requestAgent' | 'closeChat';
const OHO_OPERATIONS: OhoOperation[] = [
	'get',
	'create',
	'update',
	'upsert',
	'requestAgent',
	'closeChat',
];

interface SecretCase {
	name: string;
	node: INodeType;
	parameters: INodeParameters;
	credentials: (sb: Sandbox) => Record<string, ICredentialDataDecryptedObject>;
	items: IDataObject[];
	knobs?: KnobsPatch;
	/** Work before the run (e.g. a first run that gets a token, which then expires). */
	before?: (sb: Sandbox, store: CredentialStore) => Promise<void>;
}

// ---------------------------------------------------------------- Oho

const ohoKey = (apiKey: string, baseUrl?: string) => (sb: Sandbox) => ({
	ohoApi: { apiKey, baseUrl: baseUrl ?? sb.url },
});

const OTHER_BUSINESS: IdentityValues = {
	platform: 'facebook',
	platformId: DEMO.otherBusiness.facebook.platformId,
	userId: DEMO.otherBusiness.facebook.userIds[0],
};
const SOMCHAI: IdentityValues = {
	platform: 'line',
	platformId: DEMO.line.platformId,
	userId: DEMO.line.userIds[0],
};
const SUDA: IdentityValues = {
	platform: 'line',
	platformId: DEMO.line.platformId,
	userId: DEMO.line.userIds[1],
};
const NOBODY: IdentityValues = {
	platform: 'line',
	platformId: DEMO.line.platformId,
	userId: 'Unobody',
};

function ohoParameters(
	operation: OhoOperation,
	identity: IdentityValues,
	extra: IDataObject = {},
): INodeParameters {
	const resource = operation === 'requestAgent' || operation === 'closeChat' ? 'chat' : 'contact';
	const fields =
		operation === 'create' || operation === 'upsert'
			? { ...REQUIRED_FIELDS }
			: operation === 'update'
				? { updateFields: { age: 33 } }
				: {};
	return {
		resource,
		operation,
		...identity,
		...fields,
		...extra,
		options: { ...OPTIONS, ...(extra.options as IDataObject | undefined) },
	} as INodeParameters;
}

const ohoNode = (operation: OhoOperation): INodeType =>
	operation === 'requestAgent' || operation === 'closeChat' ? new OhoChat() : new OhoContact();

function ohoCase(
	name: string,
	operation: OhoOperation,
	identity: IdentityValues,
	rest: Partial<SecretCase> & { extra?: IDataObject } = {},
): SecretCase {
	return {
		name: `Oho ${operation}: ${name}`,
		node: ohoNode(operation),
		parameters: ohoParameters(operation, identity, rest.extra),
		credentials: rest.credentials ?? ohoKey(DEMO.ohoApiKey),
		items: rest.items ?? [{}],
		knobs: rest.knobs,
	};
}

const ohoCases: SecretCase[] = OHO_OPERATIONS.flatMap((operation) => {
	const fresh =
		operation === 'create' || operation === 'upsert'
			? newLineContact()
			: operation === 'closeChat'
				? SUDA
				: SOMCHAI;
	const cases = [
		ohoCase('an API key Oho does not know (401)', operation, fresh, {
			credentials: ohoKey(UNKNOWN_SECRETS.ohoApiKey),
		}),
		ohoCase("another business's page (403)", operation, OTHER_BUSINESS),
		ohoCase('invalid input, nothing sent', operation, { ...fresh, userId: '..' }),
		ohoCase('an unreachable Base URL', operation, fresh, {
			credentials: ohoKey(DEMO.ohoApiKey, UNREACHABLE),
		}),
		ohoCase('a rate limit whose Retry-After is longer than the longest wait', operation, fresh, {
			knobs: { rateLimit: { perSecond: 0.01, burst: 1 } },
			items: [{}, {}],
		}),
		// A fault answers before the key is checked, so an unknown key meets every fault too (one operation per node:
		// the fault matrix runs every fault × every operation with the demo key, checking for it the same way).
		...(operation === 'get' || operation === 'requestAgent' ? KINDS : []).map((kind) =>
			ohoCase(`fault ${String(kind)} with an unknown API key`, operation, fresh, {
				credentials: ohoKey(UNKNOWN_SECRETS.ohoApiKey),
				knobs: { faults: [{ match: { api: 'oho' }, kind }] },
			}),
		),
	];
	if (operation === 'get' || operation === 'update' || operation === 'requestAgent')
		cases.push(ohoCase('nobody there (404)', operation, NOBODY));
	if (operation === 'create') cases.push(ohoCase('the contact exists (409)', operation, SOMCHAI));
	if (operation === 'requestAgent') {
		cases.push(
			ohoCase('already with an agent (409, Fail If Nothing Changes)', operation, SUDA, {
				extra: { options: { failIfUnchanged: true } },
			}),
		);
	}
	if (operation === 'create' || operation === 'upsert') {
		cases.push(
			ohoCase(
				'a body Oho refuses (400: a phone number of another country, allowed by the operator)',
				operation,
				newLineContact(),
				{
					extra: {
						additionalFields: { phone: '+1 415 555 2671' },
						options: { allowNonThaiPhones: true },
					},
				},
			),
		);
	}
	return cases;
});

// ---------------------------------------------------------------- Gofive

const MESSAGE = {
	resource: 'message',
	operation: 'sendMessage',
	roomId: DEMO.gofiveRoomId,
	content: 'Secret test',
	type: 'message',
	platform: 'line',
	companyId: DEMO.gofiveCompanyId,
};

function gofiveCase(
	name: string,
	credentials: SecretCase['credentials'],
	rest: Partial<SecretCase> & { fields?: IDataObject } = {},
): SecretCase {
	return {
		name: `Gofive sendMessage: ${name}`,
		node: new GofiveChat(),
		parameters: { ...MESSAGE, ...rest.fields, options: OPTIONS } as INodeParameters,
		credentials,
		items: rest.items ?? [{}],
		knobs: rest.knobs,
		before: rest.before,
	};
}

const withSubscription = { subscriptionKey: UNKNOWN_SECRETS.gofiveSubscriptionKey };
const demoToken = (sb: Sandbox) => ({ gofiveApi: accessToken(sb, withSubscription) });
const demoClient = (sb: Sandbox) => ({ gofiveApi: clientCredentials(sb, withSubscription) });

const gofiveCases: SecretCase[] = [
	gofiveCase('an access token Gofive does not know (401, resent once by n8n)', (sb) => ({
		gofiveApi: accessToken(sb, {
			...withSubscription,
			accessToken: UNKNOWN_SECRETS.gofiveAccessToken,
		}),
	})),
	gofiveCase('a client secret the token endpoint refuses (400 invalid_client)', (sb) => ({
		gofiveApi: clientCredentials(sb, {
			...withSubscription,
			clientSecret: UNKNOWN_SECRETS.gofiveClientSecret,
		}),
	})),
	gofiveCase('a subscription key the gateway refuses, at the token URL (401)', demoClient, {
		knobs: { gofiveRequireSubscriptionKey: true },
	}),
	gofiveCase('a subscription key the gateway refuses, at the API (401)', demoToken, {
		knobs: { gofiveRequireSubscriptionKey: true },
	}),
	gofiveCase('a room of another company (business error 4001 on 201)', demoClient, {
		fields: { roomId: DEMO.gofiveOtherCompanyRoomId },
	}),
	gofiveCase('a message Gofive refuses (400, code 4002)', demoClient, {
		fields: { type: '={{ "sticker" }}', platform: '={{ "twitter" }}' },
	}),
	gofiveCase('invalid input, nothing sent', demoClient, { fields: { roomId: 'room-1' } }),
	gofiveCase('an unreachable Base URL', (sb) => ({
		gofiveApi: accessToken(sb, { ...withSubscription, baseUrl: UNREACHABLE }),
	})),
	gofiveCase('an unreachable Token URL', (sb) => ({
		gofiveApi: clientCredentials(sb, {
			...withSubscription,
			tokenUrl: `${UNREACHABLE}/authorization/connect/token`,
		}),
	})),
	gofiveCase('a token that expired, and a token endpoint that then fails (500)', demoClient, {
		async before(sb, store) {
			await runNode(
				{
					node: new GofiveChat(),
					parameters: { ...MESSAGE, options: OPTIONS } as INodeParameters,
					credentials: demoClient(sb),
				},
				store,
			);
			sb.expireGofiveTokens();
			sb.setKnobs({ faults: [{ match: { api: 'gofive-token' }, kind: 500 }] });
		},
	}),
	gofiveCase('a rate limit whose Retry-After is longer than the longest wait', demoClient, {
		knobs: { rateLimit: { perSecond: 0.01, burst: 1 } },
		items: [{}, {}],
	}),
	// A token endpoint that never answers takes the token request's 30 s limit: faults.test.ts runs it (secrets checked there too).
	...KINDS.filter((kind) => kind !== 'hang').flatMap((kind) => [
		gofiveCase(`token endpoint fault ${String(kind)}, demo client secret`, demoClient, {
			knobs: { faults: [{ match: { api: 'gofive-token' }, kind }] },
		}),
		gofiveCase(
			`token endpoint fault ${String(kind)}, unknown client secret`,
			(sb) => ({
				gofiveApi: clientCredentials(sb, {
					...withSubscription,
					clientSecret: UNKNOWN_SECRETS.gofiveClientSecret,
				}),
			}),
			{
				knobs: { faults: [{ match: { api: 'gofive-token' }, kind }] },
			},
		),
		gofiveCase(
			`API fault ${String(kind)} with an unknown access token`,
			(sb) => ({
				gofiveApi: accessToken(sb, {
					...withSubscription,
					accessToken: UNKNOWN_SECRETS.gofiveAccessToken,
				}),
			}),
			{
				knobs: { faults: [{ match: { api: 'gofive' }, kind }] },
			},
		),
	]),
];

// ---------------------------------------------------------------- running

const tally = {
	runs: 0,
	failuresSeen: 0,
	credentialTests: 0,
	secretsLeaked: 0,
	leaks: [] as string[],
};

/** Runs a case with continue-on-fail off and on; returns what leaked, and fails the case if nothing failed. */
async function runCase(
	pool: Sandboxes,
	secretCase: SecretCase,
	onError: OnError,
): Promise<string[]> {
	return await pool.use(async (sb) => {
		const store = new CredentialStore();
		if (secretCase.before) await secretCase.before(sb, store);
		if (secretCase.knobs) sb.setKnobs(secretCase.knobs);
		const result: RunNodeResult = await runNode(
			{
				node: secretCase.node,
				parameters: secretCase.parameters,
				credentials: secretCase.credentials(sb),
				items: secretCase.items,
				onError,
			},
			store,
		);
		tally.runs++;
		const failed =
			result.error !== undefined || result.outputs.flat().some((item) => isErrorItem(item.json));
		if (failed) tally.failuresSeen++;
		const issuedToken = store.has('gofiveApi')
			? String(store.get('gofiveApi').sessionToken ?? '')
			: '';
		const leaks = secretsInRun(result, [...SECRETS, issuedToken]);
		tally.secretsLeaked += leaks.length;
		const problems = leaks.map((leak) => `${secretCase.name} (${onError}): ${leak}`);
		if (!failed)
			problems.push(
				`${secretCase.name} (${onError}): did not fail: ${JSON.stringify(result.outputs.flat().map((item) => item.json)).slice(0, 300)}`,
			);
		tally.leaks.push(...problems);
		return problems;
	});
}

async function sideBySide<T>(
	entries: T[],
	limit: number,
	work: (entry: T) => Promise<string[]>,
): Promise<string[]> {
	const problems: string[] = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(limit, entries.length) }, async () => {
			while (next < entries.length) problems.push(...(await work(entries[next++])));
		}),
	);
	return problems;
}

const bothWays = (cases: SecretCase[]) =>
	cases.flatMap((secretCase) =>
		(['stopWorkflow', 'continueRegularOutput'] as const).map((onError) => ({
			secretCase,
			onError,
		})),
	);

/** The secrets suite, on sandboxes from `pool`. */
export function describeSecrets(pool: Sandboxes): void {
	describe('secrets: no API key, token or client secret in any output, error or stored execution', () => {
		afterAll(() => {
			const { totals } = writeSummaryPart({
				suite: 'secrets',
				finishedAt: new Date().toISOString(),
				failurePathRuns: tally.runs,
				failuresSeen: tally.failuresSeen,
				credentialTests: tally.credentialTests,
				secretsLeaked: tally.secretsLeaked,
			});
			console.log(
				`Secrets: ${tally.runs} failure-path runs (${tally.failuresSeen} failed as meant) and ${tally.credentialTests} credential tests, ${tally.secretsLeaked} secrets leaked\nreliability totals: ${JSON.stringify(totals)}`,
			);
		});

		test.concurrent.each([
			['Oho Contact and Oho Chat', ohoCases],
			['Gofive Chat', gofiveCases],
		] as const)(
			'%s: every failure path, continue-on-fail off and on',
			async (_name, cases) => {
				const problems = await sideBySide(
					bothWays([...cases]),
					4,
					async ({ secretCase, onError }) => await runCase(pool, secretCase, onError),
				);
				expect(problems).toEqual([]);
			},
			90_000,
		);

		test('control: a secret that does get into an item is found (in the outputs and in the stored execution)', async () => {
			await pool.use(async (sb) => {
				const contact = newLineContact();
				const result = await runNode({
					node: new OhoContact(),
					parameters: ohoParameters('create', contact, {
						lastName: UNKNOWN_SECRETS.ohoApiKey,
						additionalFields: { lastName: UNKNOWN_SECRETS.gofiveClientSecret },
					}),
					credentials: ohoKey(DEMO.ohoApiKey)(sb),
				});
				const found = secretsInRun(result, SECRETS);
				expect(found.some((where) => where.startsWith('outputs '))).toBe(true);
				expect(found.some((where) => where.startsWith('run '))).toBe(true);
			});
		});

		test("the credential tests' messages for refused and failing credentials", async () => {
			await pool.use(async (sb) => {
				const results = [
					await testCredential('ohoApi', { apiKey: UNKNOWN_SECRETS.ohoApiKey, baseUrl: sb.url }),
					await testCredential('ohoApi', {
						apiKey: UNKNOWN_SECRETS.ohoApiKey,
						baseUrl: UNREACHABLE,
					}),
					await testCredential(
						'gofiveApi',
						accessToken(sb, {
							...withSubscription,
							accessToken: UNKNOWN_SECRETS.gofiveAccessToken,
						}),
					),
					await testCredential(
						'gofiveApi',
						clientCredentials(sb, {
							...withSubscription,
							clientSecret: UNKNOWN_SECRETS.gofiveClientSecret,
						}),
					),
					await testCredential(
						'gofiveApi',
						clientCredentials(sb, { ...withSubscription, tokenUrl: `${UNREACHABLE}/token` }),
					),
				];
				tally.credentialTests += results.length;
				// An access token Gofive did not issue fails too: the test's empty request is refused with 401.
				expect(results.map((result) => result.status)).toEqual([
					'Error',
					'Error',
					'Error',
					'Error',
					'Error',
				]);
				const leaks = findSecrets(results, SECRETS);
				tally.secretsLeaked += leaks.length;
				expect(leaks).toEqual([]);
			});
		});
	});
}

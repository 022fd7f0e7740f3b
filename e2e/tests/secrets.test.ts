/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * Secrets: every failure path of our nodes on a real n8n, with recognisable secrets, and none of
 * them may show up in an output item, an error message or description, n8n's printed output, or anything
 * n8n stores (its SQLite database, its log file, the rest of its user folder).
 *
 * - Unknown, recognisable secrets (`*-LEAKCHECK-*`) take the refused paths: an Oho API key (401), a Gofive
 *   access token (401), a client secret the token endpoint refuses (400 invalid_client), a subscription key
 *   the API gateway refuses (401).
 * - The sandbox's DEMO secrets take the fault paths (500, 503 retried, 429, html, reset, hang → timeout,
 *   ok-false, malformed JSON, on the Oho API, the Gofive API and the token endpoint) and the business
 *   errors (404, 409, Gofive's 4001 on a 2xx); one client-credentials case gets a token issued (`gft_…`)
 *   before the API fails, and no issued token may show up either.
 * - Each case runs alone in a workflow that stops on the error (so n8n stores a failed execution with its
 *   error), and all of them run again chained in workflows that continue on fail (half "continue"
 *   (regular output), half "error output"), so n8n stores the error items.
 *
 * n8n saves every execution (EXECUTIONS_DATA_SAVE_ON_ERROR/SUCCESS=all, no pruning; `n8n execute` runs in
 * mode "cli" and is saved like any other). The credentials table is encrypted, so a plain hit in the
 * database is a leak in execution data. A positive control proves the search sees execution data.
 */
import { rmSync } from 'fs';
import assert from 'node:assert/strict';
import { dirname, join } from 'path';
import { after, before, describe, test } from 'node:test';

import { DEMO, startSandbox, type FaultKind, type FaultRule, type Sandbox } from '../../sandbox';
import { installCommunityPackage } from '../lib/community';
import { ensureN8n } from '../lib/install';
import { extractJson } from '../lib/json-output';
import {
	listFiles,
	searchBytes,
	searchFiles,
	sqliteQuery,
	type Hit,
	type Needle,
} from '../lib/leaks';
import { N8n, type ExecuteResult, type N8nRun, type WorkflowImport } from '../lib/n8n';
import { buildAndPackRepo } from '../lib/pack';
import { DEFAULT_N8N_VERSION, PACKAGE_NAME } from '../lib/paths';
import type { NodeSpec } from '../lib/workflows';

const LEAK = {
	ohoApiKey: 'oho-LEAKCHECK-7f3a9c',
	gofiveAccessToken: 'gofive-LEAKCHECK-token-51ab',
	gofiveClientId: 'gofive-LEAKCHECK-client-07e1',
	gofiveClientSecret: 'gofive-LEAKCHECK-secret-93cd',
	gofiveSubscriptionKey: 'gofive-LEAKCHECK-subkey-6d2e',
} as const;

const NEEDLES: Needle[] = [
	{ label: 'Oho API key (unknown)', value: LEAK.ohoApiKey },
	{ label: 'Gofive access token (unknown)', value: LEAK.gofiveAccessToken },
	{ label: 'Gofive client secret (unknown)', value: LEAK.gofiveClientSecret },
	{ label: 'Gofive subscription key (unknown)', value: LEAK.gofiveSubscriptionKey },
	{
		label: 'HTTP Basic client auth (unknown client)',
		value: Buffer.from(`${LEAK.gofiveClientId}:${LEAK.gofiveClientSecret}`).toString('base64'),
	},
	{ label: 'Oho API key (DEMO)', value: DEMO.ohoApiKey },
	{ label: 'Gofive access token (DEMO)', value: DEMO.gofiveAccessToken },
	{ label: 'Gofive client secret (DEMO)', value: DEMO.gofiveClientSecret },
	{ label: 'Gofive subscription key (DEMO)', value: DEMO.gofiveSubscriptionKey },
	{
		label: 'HTTP Basic client auth (DEMO client)',
		value: Buffer.from(`${DEMO.gofiveClientId}:${DEMO.gofiveClientSecret}`).toString('base64'),
	},
	// Tokens the sandbox issues (`gft_` + 32 base64url characters).
	{ label: 'issued Gofive token (any)', value: /gft_[A-Za-z0-9_-]{32}/ },
];

const CRED = {
	ohoLeak: { id: 'leakOhoKey', name: 'Oho (unknown key)' },
	ohoDemo: { id: 'leakOhoDemo', name: 'Oho (demo key)' },
	gofiveLeakToken: { id: 'leakGofiveToken', name: 'Gofive (unknown token)' },
	gofiveLeakClient: { id: 'leakGofiveClient', name: 'Gofive (unknown client secret)' },
	gofiveDemoToken: { id: 'leakGofiveDemoTok', name: 'Gofive (demo token)' },
	gofiveDemoClient: { id: 'leakGofiveDemoCli', name: 'Gofive (demo client)' },
	gofiveDemoTokenLeakSub: {
		id: 'leakGofiveSubTok',
		name: 'Gofive (demo token, unknown subscription key)',
	},
	gofiveDemoClientLeakSub: {
		id: 'leakGofiveSubCli',
		name: 'Gofive (demo client, unknown subscription key)',
	},
	gofiveDemoClientIssued: { id: 'leakGofiveIssued', name: 'Gofive (demo client, gets a token)' },
} as const;

/** One failure path: a node, what the sandbox does to its requests, and what its error must say. */
interface Case {
	id: string;
	node: Omit<NodeSpec, 'name'>;
	/** Oho: a fault for this case's own contact or chat path (matched on its user id; and the method, if given). */
	ohoFault?: FaultKind;
	ohoFaultMethod?: string;
	/** A fault on every request the case sends to the Gofive API. */
	gofiveFault?: FaultKind;
	/** A fault on every request the case sends to the token endpoint. */
	tokenFault?: FaultKind;
	/** The sandbox demands a subscription key (Gofive API and token endpoint). */
	requireSubscriptionKey?: boolean;
	/** The error message (and description) must match. */
	expect: RegExp;
}

const NO_RETRY = { maxRetries: 0 };
const LINE = DEMO.line;

function ohoGet(
	userId: string,
	cred: { id: string; name: string },
	options: Record<string, unknown> = NO_RETRY,
): Omit<NodeSpec, 'name'> {
	return {
		type: `${PACKAGE_NAME}.ohoContact`,
		parameters: {
			resource: 'contact',
			operation: 'get',
			platform: 'line',
			platformId: LINE.platformId,
			userId,
			options,
		},
		credentials: { ohoApi: cred },
	};
}

function ohoWrite(
	operation: 'create' | 'upsert' | 'update',
	userId: string,
	cred: { id: string; name: string },
	options: Record<string, unknown> = NO_RETRY,
): Omit<NodeSpec, 'name'> {
	const fields =
		operation === 'update'
			? { updateFields: { firstName: 'Leak', phone: '0987654321' } }
			: {
					platformName: LINE.platformName,
					lineBasicId: LINE.lineBasicId,
					profilePictureUrl: 'https://profile.line-scdn.net/0hLeak',
					platformDisplayName: 'Leak Check',
					firstName: 'Leak',
					additionalFields: { email: 'leak@example.com' },
				};
	return {
		type: `${PACKAGE_NAME}.ohoContact`,
		parameters: {
			resource: 'contact',
			operation,
			platform: 'line',
			platformId: LINE.platformId,
			userId,
			dataMode: 'define',
			...fields,
			options,
		},
		credentials: { ohoApi: cred },
	};
}

function ohoChat(
	operation: 'requestAgent' | 'closeChat',
	userId: string,
	cred: { id: string; name: string },
	options: Record<string, unknown> = NO_RETRY,
): Omit<NodeSpec, 'name'> {
	return {
		type: `${PACKAGE_NAME}.ohoChat`,
		parameters: {
			resource: 'chat',
			operation,
			platform: 'line',
			platformId: LINE.platformId,
			userId,
			options,
		},
		credentials: { ohoApi: cred },
	};
}

function gofiveSend(
	cred: { id: string; name: string },
	roomId: string = DEMO.gofiveRoomId,
	options: Record<string, unknown> = NO_RETRY,
): Omit<NodeSpec, 'name'> {
	return {
		type: `${PACKAGE_NAME}.gofiveChat`,
		parameters: {
			resource: 'message',
			operation: 'sendMessage',
			roomId,
			content: 'leak check',
			type: 'message',
			platform: 'line',
			options,
		},
		credentials: { gofiveApi: cred },
	};
}

const RAW = { ...NO_RETRY, includeRawResponse: true };

const CASES: Case[] = [
	// Refused secrets.
	{
		id: 'oho-401-get',
		node: ohoGet('Uleak-401-get', CRED.ohoLeak),
		expect: /permission|401|API key/i,
	},
	{
		id: 'oho-401-upsert',
		node: ohoWrite('upsert', 'Uleak-401-upsert', CRED.ohoLeak),
		expect: /permission|401|API key/i,
	},
	{
		id: 'oho-401-update-raw',
		node: ohoWrite('update', 'Uleak-401-update', CRED.ohoLeak, RAW),
		expect: /permission|401|API key/i,
	},
	{
		id: 'oho-401-chat',
		node: ohoChat('requestAgent', 'Uleak-401-chat', CRED.ohoLeak),
		expect: /permission|401|API key/i,
	},
	{
		id: 'gofive-401-token',
		node: gofiveSend(CRED.gofiveLeakToken),
		expect: /401|unauthori[sz]ed|token/i,
	},
	{
		id: 'gofive-client-refused',
		node: gofiveSend(CRED.gofiveLeakClient),
		expect: /refused the client credentials|invalid_client/i,
	},
	// Oho faults with the DEMO key.
	{
		id: 'oho-500',
		node: ohoGet('Uleak-f500', CRED.ohoDemo),
		ohoFault: 500,
		expect: /500|server|error/i,
	},
	{
		id: 'oho-503-retried',
		node: ohoGet('Uleak-f503', CRED.ohoDemo, { maxRetries: 1, retryDelayMs: 10 }),
		ohoFault: 503,
		expect: /503|unavailable/i,
	},
	{
		id: 'oho-429',
		node: ohoGet('Uleak-f429', CRED.ohoDemo),
		ohoFault: 429,
		expect: /429|too many|rate/i,
	},
	{
		id: 'oho-html',
		node: ohoGet('Uleak-fhtml', CRED.ohoDemo),
		ohoFault: 'html',
		expect: /502|gateway|html/i,
	},
	{
		id: 'oho-reset',
		node: ohoGet('Uleak-freset', CRED.ohoDemo),
		ohoFault: 'reset',
		expect: /reset|ECONNRESET|connection|socket/i,
	},
	{
		id: 'oho-hang-timeout',
		node: ohoGet('Uleak-fhang', CRED.ohoDemo, { maxRetries: 0, timeoutMs: 1000 }),
		ohoFault: 'hang',
		expect: /time|abort/i,
	},
	{
		id: 'oho-ok-false',
		node: ohoGet('Uleak-fokfalse', CRED.ohoDemo),
		ohoFault: 'ok-false',
		expect: /Temporary processing error|ok/i,
	},
	{
		id: 'oho-malformed-json',
		node: ohoGet('Uleak-fjson', CRED.ohoDemo),
		ohoFault: 'malformed-json',
		expect: /JSON|parse|invalid|unexpected/i,
	},
	// Upsert of an existing contact: POST /contact answers 409, then the PATCH of the contact fails.
	{
		id: 'oho-500-upsert-raw',
		node: ohoWrite('upsert', LINE.userIds[0], CRED.ohoDemo, RAW),
		ohoFault: 500,
		ohoFaultMethod: 'PATCH',
		expect: /500|server|error/i,
	},
	{
		id: 'oho-chat-500',
		node: ohoChat('closeChat', 'Uleak-f500-chat', CRED.ohoDemo),
		ohoFault: 500,
		expect: /500|server|error/i,
	},
	// Oho business errors with the DEMO key.
	{ id: 'oho-404', node: ohoGet('Uleak-missing', CRED.ohoDemo), expect: /not found/i },
	{
		id: 'oho-409-create',
		node: ohoWrite('create', LINE.userIds[0], CRED.ohoDemo, RAW),
		expect: /exists|409/i,
	},
	// A 409 is a success without change unless Fail If Nothing Changes asks for the error (whose path is checked here).
	{
		id: 'oho-409-close-chat',
		node: ohoChat('closeChat', LINE.userIds[0], CRED.ohoDemo, {
			...NO_RETRY,
			failIfUnchanged: true,
		}),
		expect: /cannot be closed|409/i,
	},
	// Gofive faults with the DEMO token and the DEMO client secret.
	{
		id: 'gofive-unknown-room',
		node: gofiveSend(CRED.gofiveDemoToken, '00000000-0000-4000-8000-00000000dead'),
		expect: /4001|room/i,
	},
	{
		id: 'gofive-500',
		node: gofiveSend(CRED.gofiveDemoToken),
		gofiveFault: 500,
		expect: /500|server|error/i,
	},
	{
		id: 'gofive-html',
		node: gofiveSend(CRED.gofiveDemoToken),
		gofiveFault: 'html',
		expect: /502|gateway|html/i,
	},
	{
		id: 'gofive-reset',
		node: gofiveSend(CRED.gofiveDemoToken),
		gofiveFault: 'reset',
		expect: /reset|ECONNRESET|connection|socket/i,
	},
	{
		id: 'gofive-ok-false',
		node: gofiveSend(CRED.gofiveDemoToken, DEMO.gofiveRoomId, RAW),
		gofiveFault: 'ok-false',
		expect: /Temporary processing error|4001/i,
	},
	{
		id: 'gofive-malformed-json',
		node: gofiveSend(CRED.gofiveDemoToken),
		gofiveFault: 'malformed-json',
		expect: /JSON|parse|invalid|unexpected/i,
	},
	{
		id: 'token-500',
		node: gofiveSend(CRED.gofiveDemoClient),
		tokenFault: 500,
		expect: /token endpoint|unavailable|500/i,
	},
	{
		id: 'token-html',
		node: gofiveSend(CRED.gofiveDemoClient),
		tokenFault: 'html',
		expect: /token endpoint|unavailable|502/i,
	},
	{
		id: 'token-ok-false',
		node: gofiveSend(CRED.gofiveDemoClient),
		tokenFault: 'ok-false',
		expect: /access_token|temporarily_unavailable|token/i,
	},
	{
		id: 'token-reset',
		node: gofiveSend(CRED.gofiveDemoClient),
		tokenFault: 'reset',
		expect: /reset|ECONNRESET|connection|socket/i,
	},
	// The token endpoint issues a token (`gft_…`, stored by n8n in the credential), then the API fails. Last of
	// the plain cases: in the chained run n8n reuses the token it stored, so this case's token request (a
	// 'pass' at the end of the token sequence) is not sent there.
	{
		id: 'client-token-then-500',
		node: gofiveSend(CRED.gofiveDemoClientIssued),
		gofiveFault: 500,
		expect: /500|server|error/i,
	},
	// The API gateway refuses an unknown subscription key.
	{
		id: 'subkey-401-api',
		node: gofiveSend(CRED.gofiveDemoTokenLeakSub),
		requireSubscriptionKey: true,
		expect: /subscription key|401/i,
	},
	{
		id: 'subkey-401-token',
		node: gofiveSend(CRED.gofiveDemoClientLeakSub),
		requireSubscriptionKey: true,
		expect: /subscription key|401|refused/i,
	},
	{
		id: 'subkey-401-client-leak',
		node: gofiveSend(CRED.gofiveLeakClient),
		requireSubscriptionKey: true,
		expect: /subscription key|401|refused/i,
	},
];

/** Requests a case sent to each API when it ran alone (measured from the sandbox's log). */
interface RequestCounts {
	oho: number;
	gofive: number;
	token: number;
}

/**
 * The sandbox's faults for a set of cases run in this order. Oho faults match the case's own path. Gofive
 * requests all go to one path, so when several cases run in one workflow, the faults are a sequence with one
 * entry per request, in order, from the requests each case sent when it ran alone (`counts`; n8n resends a
 * request that answered 401 once after calling the credential's preAuthentication: on 2.x only for a Gofive
 * client-credentials token, on 1.x for every credential, so such a case sends 2).
 * Run alone (`counts` undefined), a case's fault applies to every request.
 */
function faultsFor(cases: Case[], counts?: Map<string, RequestCounts>): FaultRule[] {
	const rules: FaultRule[] = [];
	for (const c of cases) {
		const userId = c.node.parameters?.userId as string | undefined;
		if (c.ohoFault !== undefined) {
			rules.push({
				match: {
					api: 'oho',
					path: `/\\/user\\/${userId}(\\/|$)/`,
					...(c.ohoFaultMethod ? { method: c.ohoFaultMethod } : {}),
				},
				kind: c.ohoFault,
			});
		}
	}
	for (const api of ['gofive', 'gofive-token'] as const) {
		const faultOf = (c: Case) => (api === 'gofive' ? c.gofiveFault : c.tokenFault);
		if (!cases.some((c) => faultOf(c) !== undefined)) continue;
		if (!counts) {
			rules.push({ match: { api }, kind: faultOf(cases[0])! });
			continue;
		}
		const sequence = cases.flatMap((c) => {
			const n = counts.get(c.id)?.[api === 'gofive' ? 'gofive' : 'token'] ?? 0;
			return Array.from({ length: n }, () => faultOf(c) ?? ('pass' as const));
		});
		rules.push({ match: { api }, sequence });
	}
	return rules;
}

type OnError = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';

/** Manual Trigger → the cases' nodes one after the other; an error output (if any) also feeds the next node. */
function chainWorkflow(
	id: string,
	name: string,
	cases: Case[],
	onError: (i: number) => OnError,
): WorkflowImport {
	const nodes: Array<Record<string, unknown>> = [
		{
			id: `${id}-t`,
			name: 'Manual Trigger',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	const connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: string; index: number }>> }
	> = {};
	let previous = 'Manual Trigger';
	let previousOnError: OnError = 'stopWorkflow';
	cases.forEach((c, i) => {
		const mode = onError(i);
		nodes.push({
			id: `${id}-n${i}`,
			name: c.id,
			type: c.node.type,
			typeVersion: c.node.typeVersion ?? 1,
			position: [(i + 1) * 220, 0],
			parameters: c.node.parameters ?? {},
			credentials: c.node.credentials,
			...(mode === 'stopWorkflow' ? {} : { onError: mode }),
		});
		const link = [{ node: c.id, type: 'main', index: 0 }];
		connections[previous] = {
			main: previousOnError === 'continueErrorOutput' ? [link, link] : [link],
		};
		previous = c.id;
		previousOnError = mode;
	});
	return { id, name, active: false, settings: { executionOrder: 'v1' }, connections, nodes };
}

interface Run {
	label: string;
	onError: string;
	cases: Case[];
	result: ExecuteResult;
	/** The run n8n printed. */
	run?: N8nRun;
}

/**
 * The run n8n printed. At log level debug n8n's console lines carry a prefix (`<time> | info  | `) and a
 * metadata suffix (` {"file":…,"function":…}`), also around the run it prints for a failed execution;
 * the harness's parser reads the plain (info level) form, so those are removed first.
 */
function printedRun(r: ExecuteResult): N8nRun | undefined {
	if (r.run) return r.run;
	const plain = r.result.stdout
		.split('\n')
		.map((line) =>
			line
				.replace(/^\d{4}-\d\d-\d\dT[\d:.]+Z \| \w+\s*\| /, '')
				.replace(/ \{"file":"[^"]*"(,"function":"[^"]*")?\}$/, ''),
		)
		.join('\n');
	try {
		const run = extractJson<N8nRun>(plain);
		return run?.data?.resultData ? run : undefined;
	} catch {
		return undefined;
	}
}

function errorOf(
	run: N8nRun | undefined,
): { message?: string; description?: string; node?: string } | undefined {
	const e = run?.data.resultData.error;
	return e
		? { message: e.message, description: e.description ?? undefined, node: e.node?.name }
		: undefined;
}

/** The error items a node put out on its first run (either output), as JSON. */
function errorItems(run: N8nRun, nodeName: string): Array<Record<string, unknown>> {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs?.length) return [];
	return (runs[0].data?.main ?? [])
		.flatMap((items) => (items ?? []).map((i) => i.json))
		.filter((j) => j.error !== undefined);
}

describe(`n8n ${DEFAULT_N8N_VERSION}: no secret in outputs, errors or n8n's stored executions`, () => {
	let n8n: N8n;
	let sandbox: Sandbox;
	const runs: Run[] = [];
	let requestCounts = new Map<string, RequestCounts>();
	/** Gofive tokens the sandbox issued over all runs (they must not leak either). */
	let tokensIssued = 0;

	before(async () => {
		const install = await ensureN8n();
		const tarball = process.env.E2E_TARBALL ?? (await buildAndPackRepo());
		sandbox = await startSandbox({ port: 0 });
		n8n = new N8n(install, {
			env: {
				EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
				EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
				EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
				EXECUTIONS_DATA_PRUNE: 'false',
				// Debug logs, to the console and to a file in the user folder: both are searched.
				N8N_LOG_LEVEL: 'debug',
				N8N_LOG_OUTPUT: 'console,file',
			},
		});
		const installed = await installCommunityPackage(install, n8n.userFolder, tarball);
		if (!process.env.E2E_TARBALL) rmSync(dirname(tarball), { recursive: true, force: true });
		assert.equal(installed.packageName, PACKAGE_NAME);

		const gofive = (cred: { id: string; name: string }, data: Record<string, unknown>) => ({
			...cred,
			type: 'gofiveApi',
			data: {
				baseUrl: sandbox.url,
				companyId: DEMO.gofiveCompanyId,
				tokenUrl: `${sandbox.url}/authorization/connect/token`,
				...data,
			},
		});
		await n8n.importCredentials([
			{ ...CRED.ohoLeak, type: 'ohoApi', data: { apiKey: LEAK.ohoApiKey, baseUrl: sandbox.url } },
			{ ...CRED.ohoDemo, type: 'ohoApi', data: { apiKey: DEMO.ohoApiKey, baseUrl: sandbox.url } },
			gofive(CRED.gofiveLeakToken, {
				authentication: 'accessToken',
				accessToken: LEAK.gofiveAccessToken,
				subscriptionKey: LEAK.gofiveSubscriptionKey,
			}),
			gofive(CRED.gofiveLeakClient, {
				authentication: 'clientCredentials',
				clientId: LEAK.gofiveClientId,
				clientSecret: LEAK.gofiveClientSecret,
				subscriptionKey: LEAK.gofiveSubscriptionKey,
			}),
			gofive(CRED.gofiveDemoToken, {
				authentication: 'accessToken',
				accessToken: DEMO.gofiveAccessToken,
				subscriptionKey: DEMO.gofiveSubscriptionKey,
			}),
			gofive(CRED.gofiveDemoClient, {
				authentication: 'clientCredentials',
				clientId: DEMO.gofiveClientId,
				clientSecret: DEMO.gofiveClientSecret,
				subscriptionKey: DEMO.gofiveSubscriptionKey,
			}),
			gofive(CRED.gofiveDemoClientIssued, {
				authentication: 'clientCredentials',
				clientId: DEMO.gofiveClientId,
				clientSecret: DEMO.gofiveClientSecret,
				subscriptionKey: DEMO.gofiveSubscriptionKey,
			}),
			gofive(CRED.gofiveDemoTokenLeakSub, {
				authentication: 'accessToken',
				accessToken: DEMO.gofiveAccessToken,
				subscriptionKey: LEAK.gofiveSubscriptionKey,
			}),
			gofive(CRED.gofiveDemoClientLeakSub, {
				authentication: 'clientCredentials',
				clientId: DEMO.gofiveClientId,
				clientSecret: DEMO.gofiveClientSecret,
				subscriptionKey: LEAK.gofiveSubscriptionKey,
			}),
		]);

		const plain = CASES.filter((c) => !c.requireSubscriptionKey);
		const subkey = CASES.filter((c) => c.requireSubscriptionKey);
		const alternate = (i: number): OnError =>
			i % 2 === 0 ? 'continueRegularOutput' : 'continueErrorOutput';
		await n8n.importWorkflows([
			...CASES.map((c, i) =>
				chainWorkflow(
					`leakStop${String(i).padStart(2, '0')}`,
					`leak check, stop on error: ${c.id}`,
					[c],
					() => 'stopWorkflow',
				),
			),
			chainWorkflow('leakContinuePlain', 'leak check, continue on fail', plain, alternate),
			chainWorkflow(
				'leakContinueSubkey',
				'leak check, continue on fail, subscription key required',
				subkey,
				alternate,
			),
		]);
		// The harness's import files hold the credentials in clear text; they are ours, not n8n's: remove them
		// so that the search of the user folder below covers only what n8n wrote.
		rmSync(join(n8n.userFolder, 'e2e-input'), { recursive: true, force: true });

		const counts = new Map<string, RequestCounts>();
		const execute = async (label: string, workflowId: string, cases: Case[], onError: string) => {
			sandbox.reset();
			const alone = onError === 'stop';
			sandbox.setKnobs({
				faults: faultsFor(cases, alone ? undefined : counts),
				gofiveRequireSubscriptionKey: cases.some((c) => c.requireSubscriptionKey),
			});
			const result = await n8n.execute(workflowId);
			tokensIssued += sandbox.state().tokensIssued;
			if (alone) {
				counts.set(cases[0].id, {
					oho: sandbox.requests({ api: 'oho' }).length,
					gofive: sandbox.requests({ api: 'gofive' }).length,
					token: sandbox.requests({ api: 'gofive-token' }).length,
				});
			} else {
				const left = sandbox.knobs().faults.filter((f) => f.sequence?.some((k) => k !== 'pass'));
				assert.deepEqual(
					left,
					[],
					`${label}: every planned fault was consumed (requests went as planned)`,
				);
			}
			runs.push({ label, onError, cases, result, run: printedRun(result) });
		};
		for (const [i, c] of CASES.entries()) {
			await execute(c.id, `leakStop${String(i).padStart(2, '0')}`, [c], 'stop');
		}
		requestCounts = counts;
		await execute('continue on fail (all plain cases)', 'leakContinuePlain', plain, 'continue');
		await execute(
			'continue on fail (subscription key cases)',
			'leakContinueSubkey',
			subkey,
			'continue',
		);
	});

	after(async () => {
		await sandbox?.close();
		n8n?.dispose();
	});

	test('each case fails as planned, with a message that names the cause', (t) => {
		const lines: string[] = [];
		const problems: string[] = [];
		for (const run of runs) {
			if (run.onError === 'stop') {
				const c = run.cases[0];
				const err = errorOf(run.run);
				if (!err) {
					problems.push(
						`${c.id}: the run did not stop with an error (exit ${run.result.result.code})\n${run.result.result.stdout.slice(-1500)}`,
					);
					continue;
				}
				const text = `${err.message ?? ''} ${err.description ?? ''}`.replace(/\s+/g, ' ');
				const n = requestCounts.get(c.id);
				if (!n || n.oho + n.gofive + n.token === 0)
					problems.push(`${c.id}: sent no request to the sandbox`);
				if (err.node !== c.id) problems.push(`${c.id}: the error is node "${err.node}"'s`);
				if (!c.expect.test(text))
					problems.push(`${c.id} (stop): ${c.expect} does not match "${text}"`);
				lines.push(`stop     ${c.id.padEnd(24)} ${text.slice(0, 170)}`);
			} else {
				const exitOk = run.result.result.code === 0 || run.result.result.signal === 'SIGSEGV';
				if (!run.run || run.run.data.resultData.error || !exitOk) {
					problems.push(
						`${run.label}: the run did not succeed (exit ${run.result.result.code}, error ${JSON.stringify(errorOf(run.run))})`,
					);
					continue;
				}
				for (const c of run.cases) {
					const items = errorItems(run.run, c.id);
					if (items.length !== 1) {
						problems.push(`${c.id} (${run.label}): ${items.length} error items`);
						continue;
					}
					const error = items[0].error as { message?: unknown; description?: unknown } | undefined;
					const text = `${String(error?.message)} ${String(error?.description ?? '')}`.replace(
						/\s+/g,
						' ',
					);
					if (!c.expect.test(text))
						problems.push(`${c.id} (continue): ${c.expect} does not match "${text}"`);
					lines.push(`continue ${c.id.padEnd(24)} ${text.slice(0, 170)}`);
				}
			}
		}
		t.diagnostic(`errors seen (${lines.length}):`);
		for (const line of lines) t.diagnostic(line);
		t.diagnostic('requests each case sent when run alone (oho / gofive / token):');
		for (const [id, n] of requestCounts)
			t.diagnostic(`  ${id.padEnd(24)} ${n.oho} / ${n.gofive} / ${n.token}`);
		assert.deepEqual(problems, []);
	});

	test("no secret in n8n's printed output, output items, error messages or descriptions", (t) => {
		const hits: Hit[] = [];
		let bytes = 0;
		for (const run of runs) {
			for (const [stream, text] of [
				['stdout', run.result.result.stdout],
				['stderr', run.result.result.stderr],
			] as const) {
				const buf = Buffer.from(text, 'utf8');
				bytes += buf.length;
				hits.push(...searchBytes(buf, NEEDLES, `${run.label} ${stream}`));
			}
			const resultData = run.run?.data.resultData;
			if (resultData) {
				hits.push(
					...searchBytes(
						Buffer.from(JSON.stringify(resultData)),
						NEEDLES,
						`${run.label} parsed run (items, errors)`,
					),
				);
			}
		}
		assert.ok(
			tokensIssued >= 1,
			'the sandbox issued a Gofive token, so the issued-token pattern had something to find',
		);
		t.diagnostic(`tokens the sandbox issued: ${tokensIssued}`);
		t.diagnostic(
			`searched ${runs.length} runs' stdout+stderr (${bytes} bytes) and parsed run data for ${NEEDLES.length} needles: ${NEEDLES.map((n) => n.label).join(', ')}`,
		);
		assert.deepEqual(hits, []);
	});

	test("no secret in n8n's database (executions with their errors) or anywhere in its user folder", async (t) => {
		const dbFile = join(n8n.userFolder, '.n8n', 'database.sqlite');
		const executions = await sqliteQuery<{
			id: number;
			workflowId: string;
			status: string;
			mode: string;
		}>(
			n8n.install,
			dbFile,
			'SELECT id, workflowId, status, mode FROM execution_entity ORDER BY id',
		);
		const data = await sqliteQuery<{ executionId: number; bytes: number }>(
			n8n.install,
			dbFile,
			'SELECT executionId, length(data) AS bytes FROM execution_data',
		);
		const byStatus: Record<string, number> = {};
		for (const e of executions)
			byStatus[`${e.mode}/${e.status}`] = (byStatus[`${e.mode}/${e.status}`] ?? 0) + 1;
		t.diagnostic(
			`executions stored: ${executions.length} ${JSON.stringify(byStatus)}; execution_data rows: ${data.length}, ${data.reduce((s, d) => s + d.bytes, 0)} bytes`,
		);
		const stopRuns = runs.filter((r) => r.onError === 'stop').length;
		assert.equal(
			executions.filter((e) => e.status === 'error').length,
			stopRuns,
			'every stopped run is stored as a failed execution',
		);
		assert.equal(
			executions.filter((e) => e.status === 'success').length,
			runs.length - stopRuns,
			'the continue-on-fail runs are stored as successful executions',
		);
		assert.equal(data.length, executions.length, 'every execution has its data stored');

		// Everything n8n wrote into its user folder, except our installed package (the code n8n loads).
		const files = listFiles(n8n.userFolder, [join('.n8n', 'nodes')]);
		const dbFiles = files.filter((f) => /database\.sqlite(-wal|-shm|-journal)?$/.test(f));
		assert.ok(dbFiles.includes(dbFile), 'the SQLite database was searched');
		const { hits, searched } = searchFiles(files, NEEDLES, n8n.userFolder);
		t.diagnostic(
			`searched ${searched.length} files: ${searched.map((s) => `${s.file} (${s.bytes} bytes)`).join(', ')}`,
		);

		// Positive control: the raw search does see execution data (error messages the nodes produced and the
		// workflows' own parameters are in the database as plain text).
		const controls: Needle[] = [
			{ label: 'a case user id (workflow data)', value: 'Uleak-fokfalse' },
			{ label: "Oho's 401 message", value: 'You do not have valid permission' },
			{ label: 'the token endpoint refusal', value: 'refused the client credentials' },
		];
		const dbControlHits = searchFiles(dbFiles, controls, n8n.userFolder).hits.map((h) => h.needle);
		assert.deepEqual(
			[...new Set(dbControlHits)].sort(),
			controls.map((c) => c.label).sort(),
			'positive control: plain execution data is visible to the search',
		);
		// The credentials table is encrypted: the imported secrets are stored, but not as plain text.
		const credentials = await sqliteQuery<{ id: string; data: string }>(
			n8n.install,
			dbFile,
			'SELECT id, data FROM credentials_entity',
		);
		assert.equal(credentials.length, Object.keys(CRED).length);

		for (const h of hits)
			t.diagnostic(`HIT: ${h.needle} in ${h.where} ×${h.count} at ${h.offset}: ${h.context}`);
		assert.deepEqual(hits, []);
	});
});

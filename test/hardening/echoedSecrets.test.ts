/**
 * A server that echoes the request it got (a misconfigured gateway, a debugging proxy, a token endpoint quoting the
 * form body in `error_description`) would carry the credential's secrets into what n8n stores. Every server text
 * that reaches an error or an output item has the credential's own values removed (nodes/common/transport/secrets.ts):
 * here servers echo the request into errors, non-JSON pages and successful answers, and no secret may appear in
 * the items, the error, the execution n8n would store, or anything printed.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { OhoContact } from '../../nodes/OhoContact/OhoContact.node';
import { credentialSecrets, redactText } from '../../nodes/common/transport/secrets';
import { DEMO } from '../../sandbox';
import type { RunNodeResult } from '../helpers/n8n';
import { jsonOf, runNode } from '../helpers/n8n';
import { runSendMessage } from '../helpers/gofive';
import { FAST_RETRIES, params, REQUIRED_FIELDS, SOMCHAI } from '../helpers/ohoContact';
import type { EchoedRequest, ScriptedReply } from '../helpers/scriptedServer';
import { startScriptedServer } from '../helpers/scriptedServer';
import { useSandbox } from '../helpers/sandbox';
import { secretsInRun } from '../reliability/support';

const ref = useSandbox();

/** Recognisable secrets with the characters a form body and JSON escape (+, /, =, a quote). */
const SECRETS = {
	client: 'cs+Echo/Secret=7f3a9"q',
	subscription: 'sub-Echo-Key-4c1d8',
	bearer: 'at.Echo.Token-b92e0',
	oho: 'oho-Echo-Key-e5a17',
};
const ALL_SECRETS = Object.values(SECRETS);

/** The request as an echoing server shows it: every header and the raw body in one text. */
const echo = (request: EchoedRequest) => `${JSON.stringify(request.headers)} ${request.body}`;

/** What the run left anywhere n8n would keep it, and anything printed meanwhile. */
async function leaks(
	run: () => Promise<RunNodeResult>,
): Promise<{ found: string[]; result: RunNodeResult }> {
	const printed: string[] = [];
	const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
		jest
			.spyOn(console, method)
			.mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' '))),
	);
	try {
		const result = await run();
		const found = [
			...secretsInRun(result, ALL_SECRETS),
			...printed.filter((line) => ALL_SECRETS.some((secret) => line.includes(secret))),
		];
		return { found, result };
	} finally {
		for (const spy of spies) spy.mockRestore();
	}
}

async function withServer<T>(
	replies: ScriptedReply[],
	use: (url: string) => Promise<T>,
): Promise<T> {
	const server = await startScriptedServer(replies);
	try {
		return await use(server.url);
	} finally {
		await server.close();
	}
}

const MESSAGE = {
	roomId: DEMO.gofiveRoomId,
	content: 'Hello',
	type: 'message',
	platform: 'line',
	companyId: DEMO.gofiveCompanyId,
};

async function sendWith(credential: ICredentialDataDecryptedObject, options: IDataObject = {}) {
	return await leaks(
		async () =>
			await runSendMessage(
				ref.sb,
				{ ...MESSAGE, options: { ...FAST_RETRIES, maxRetries: 0, ...options } },
				{ credential, onError: 'continueRegularOutput' },
			),
	);
}

describe('secrets a server echoes never reach an error, an output or a log', () => {
	test("the token endpoint's error_description quoting the form body (client secret) and the subscription key", async () => {
		const refusal: ScriptedReply = {
			status: 401,
			body: (request: EchoedRequest) => ({
				error: 'invalid_client',
				error_description: `Unknown client in ${echo(request)}`,
			}),
		};
		const { found, result } = await withServer([refusal], async (url) =>
			sendWith({
				authentication: 'clientCredentials',
				clientId: 'echo-client',
				clientSecret: SECRETS.client,
				subscriptionKey: SECRETS.subscription,
				tokenUrl: `${url}/authorization/connect/token`,
				baseUrl: url,
			}),
		);

		const [item] = jsonOf(result);
		// The server's words are kept, the secrets replaced: the operator still reads why.
		expect((item.error as IDataObject).message).toMatch(
			/Gofive refused the client credentials \(HTTP 401 invalid_client: Unknown client in .*\[redacted\]/,
		);
		expect(found).toEqual([]);
	});

	test("the API's error echoing the bearer token and the subscription key", async () => {
		const refusal: ScriptedReply = {
			status: 400,
			body: (request: EchoedRequest) => ({
				status: { code: '4001', description: `Bad request: ${echo(request)}` },
			}),
		};
		const { found, result } = await withServer([refusal], async (url) =>
			sendWith({
				authentication: 'accessToken',
				accessToken: SECRETS.bearer,
				subscriptionKey: SECRETS.subscription,
				baseUrl: url,
			}),
		);

		expect((jsonOf(result)[0].error as IDataObject).message).toContain('[redacted]');
		expect(found).toEqual([]);
	});

	test("a gateway's page (not JSON) echoing the request", async () => {
		const page: ScriptedReply = { status: 502, body: undefined, text: '' };
		const { found, result } = await withServer(
			[
				{
					...page,
					text: `<html><body>Bad gateway for Authorization: Bearer ${SECRETS.bearer}</body></html>`,
				},
			],
			async (url) =>
				sendWith({ authentication: 'accessToken', accessToken: SECRETS.bearer, baseUrl: url }),
		);

		expect((jsonOf(result)[0].error as IDataObject).description).toContain('Bearer [redacted]');
		expect(found).toEqual([]);
	});

	test('a successful answer echoing the request, with the raw response included in the output', async () => {
		const posted: ScriptedReply = {
			status: 201,
			body: (request: EchoedRequest) => ({
				status: { code: '1000', description: 'Success' },
				data: {
					id: 'message-1',
					debug: { headers: request.headers, [SECRETS.bearer]: 'as a key too' },
				},
			}),
		};
		const { found, result } = await withServer([posted], async (url) =>
			sendWith(
				{
					authentication: 'accessToken',
					accessToken: SECRETS.bearer,
					subscriptionKey: SECRETS.subscription,
					baseUrl: url,
				},
				{ includeRawResponse: true },
			),
		);

		const [item] = jsonOf(result);
		expect(item).toMatchObject({
			id: 'message-1',
			debug: {
				headers: { authorization: 'Bearer [redacted]', 'ocp-apim-subscription-key': '[redacted]' },
			},
		});
		expect(found).toEqual([]);
	});

	test("Oho's error message echoing the API key", async () => {
		const refusal: ScriptedReply = {
			status: 400,
			body: (request: EchoedRequest) => ({
				ok: false,
				status_code: 400,
				message: `Bad request with key ${String(request.headers['x-oho-api-key'])}`,
			}),
		};
		const { found, result } = await withServer([refusal], async (url) =>
			leaks(
				async () =>
					await runNode({
						node: new OhoContact(),
						parameters: params('create', SOMCHAI, {
							...REQUIRED_FIELDS,
							options: { ...FAST_RETRIES, maxRetries: 0 },
						}),
						credentials: { ohoApi: { apiKey: SECRETS.oho, baseUrl: url } },
						onError: 'continueRegularOutput',
					}),
			),
		);

		expect((jsonOf(result)[0].error as IDataObject).message).toBe(
			'Oho: Bad request with key [redacted] (HTTP 400)',
		);
		expect(found).toEqual([]);
	});
});

describe('which values are redacted', () => {
	test('every secret field, as written, URL-encoded and JSON-escaped; not the Client ID, not a value too short to be issued', () => {
		const secrets = credentialSecrets({
			clientId: 'public-client-id',
			clientSecret: SECRETS.client,
			apiKey: 'abc',
			baseUrl: 'https://api.gofive.co.th',
		});

		expect(secrets).toEqual(
			expect.arrayContaining([
				SECRETS.client,
				encodeURIComponent(SECRETS.client),
				'cs+Echo/Secret=7f3a9\\"q',
			]),
		);
		expect(redactText('id public-client-id, abc', secrets)).toBe('id public-client-id, abc');
		expect(
			redactText(
				`client_secret=${new URLSearchParams({ s: SECRETS.client }).toString().slice(2)}`,
				secrets,
			),
		).toBe('client_secret=[redacted]');
	});
});

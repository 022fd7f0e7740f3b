/**
 * Gofive Chat through n8n-core's WorkflowExecute against the sandbox: Send Message with an access token and with
 * client credentials (token fetched once, reused, fetched again after expiry), each documented answer (201 with
 * code 1000, 400 with 4001/4002, 201 with a business 4001, 401), validation, retries that never duplicate a
 * message, parallel items and continue on fail. Each test checks what reached the sandbox and what came out.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { GofiveChat } from '../../../nodes/GofiveChat/GofiveChat.node';
import { DEMO } from '../../../sandbox';
import type { RunNodeResult } from '../../helpers/n8n';
import { CredentialStore, jsonOf, subtitleOf } from '../../helpers/n8n';
import type { SendMessageRun } from '../../helpers/gofive';
import {
	accessToken,
	clientCredentials,
	messageRequests,
	runSendMessage,
	statuses,
	tokenRequests,
} from '../../helpers/gofive';
import { startScriptedServer } from '../../helpers/scriptedServer';
import { FAST_RETRIES, pairedItems, stopError } from '../../helpers/ohoContact';
import { useSandbox } from '../../helpers/sandbox';

const ref = useSandbox();

const ROOM = DEMO.gofiveRoomId;
const MESSAGE = { roomId: ROOM, content: 'Hello from n8n', type: 'message', platform: 'line' };

function params(fields: IDataObject = {}, options: IDataObject = {}): INodeParameters {
	return {
		resource: 'message',
		operation: 'sendMessage',
		...MESSAGE,
		companyId: DEMO.gofiveCompanyId,
		...fields,
		options: { ...FAST_RETRIES, ...options },
	} as INodeParameters;
}

const runSend = async (
	parameters: INodeParameters,
	run: SendMessageRun = {},
): Promise<RunNodeResult> => await runSendMessage(ref.sb, parameters, run);

async function runOne(parameters: INodeParameters, run: SendMessageRun = {}): Promise<IDataObject> {
	const result = await runSend(parameters, run);
	expect(result.error?.message).toBeUndefined();
	expect(jsonOf(result)).toHaveLength(1);
	return jsonOf(result)[0];
}

describe('Gofive Chat: Send Message', () => {
	test('posts the message with the bearer token and outputs ok, the operation, an ISO time and the sent message (data)', async () => {
		const output = await runOne(params());

		const [stored] = ref.sb.state().gofiveMessages;
		expect(stored).toMatchObject({ ...MESSAGE, companyId: DEMO.gofiveCompanyId });
		expect(Object.keys(output).slice(0, 4)).toEqual(['operation', 'ok', 'verified', 'sentAt']);
		expect(output.verified).toBe(true);
		expect(output).not.toHaveProperty('warnings');
		expect(output).toMatchObject({
			operation: 'sendMessage',
			ok: true,
			sentAt: new Date(stored.timestamp).toISOString(),
		});
		expect(output.sentAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		// Gofive's own fields stay as it answered them, the epoch-ms timestamp among them.
		expect(output).toMatchObject({
			...MESSAGE,
			id: stored.id,
			vwId: stored.vwId,
			traceId: stored.traceId,
			timestamp: stored.timestamp,
		});
		expect(output.user).toMatchObject({ type: 'bot' });
		expect(output).not.toHaveProperty('status');

		const [request] = messageRequests(ref.sb);
		expect(request).toMatchObject({
			method: 'POST',
			status: 201,
			body: { ...MESSAGE, companyId: DEMO.gofiveCompanyId },
		});
		expect(request.headers.authorization).toBe('Bearer gofi***');
		expect(request.headers['content-type']).toBe('application/json');
		expect(request.headers).not.toHaveProperty('ocp-apim-subscription-key');
		expect(tokenRequests(ref.sb)).toHaveLength(0);
	});

	test('an answer without a usable timestamp gives no sentAt; ok and the operation stay', async () => {
		const gofive = await startScriptedServer([
			{
				status: 201,
				body: {
					status: { code: '1000', description: 'Success' },
					data: { id: 'm-1', roomId: ROOM, content: 'hi', timestamp: 'soon' },
				},
			},
		]);
		try {
			const output = await runOne(params(), {
				credential: accessToken(ref.sb, { baseUrl: gofive.url }),
			});

			expect(output).toEqual({
				operation: 'sendMessage',
				ok: true,
				verified: true,
				id: 'm-1',
				roomId: ROOM,
				content: 'hi',
				timestamp: 'soon',
			});
		} finally {
			await gofive.close();
		}
	});

	test('a second room of the company takes the same platform, line', async () => {
		const output = await runOne(params({ roomId: DEMO.gofiveSecondRoomId }));

		expect(output).toMatchObject({ roomId: DEMO.gofiveSecondRoomId, platform: 'line' });
	});

	test.each([
		['left out', {}],
		['empty', { companyId: '' }],
		['spaces', { companyId: '  ' }],
		['0, as an earlier version saved it', { companyId: 0 }],
	])("Company ID %s takes the credential's Default Company ID", async (_case, fields) => {
		const parameters = params(fields);
		if (!('companyId' in fields)) delete parameters.companyId;
		await runOne(parameters, {
			credential: accessToken(ref.sb, { companyId: DEMO.gofiveCompanyId }),
		});

		expect((messageRequests(ref.sb)[0].body as IDataObject).companyId).toBe(DEMO.gofiveCompanyId);
	});

	test('a Company ID typed as text is sent as its number', async () => {
		await runOne(params({ companyId: ` ${DEMO.gofiveCompanyId} ` }));

		expect((messageRequests(ref.sb)[0].body as IDataObject).companyId).toBe(DEMO.gofiveCompanyId);
	});

	test("Company ID 0 takes the credential's Default Company ID; a Company ID in the node wins", async () => {
		await runOne(params({ companyId: 0 }), {
			credential: accessToken(ref.sb, { companyId: DEMO.gofiveCompanyId }),
		});
		await runOne(
			params({ roomId: DEMO.gofiveOtherCompanyRoomId, companyId: DEMO.gofiveOtherCompanyId }),
			{
				credential: accessToken(ref.sb, { companyId: DEMO.gofiveCompanyId }),
			},
		);

		expect(
			messageRequests(ref.sb).map((request) => (request.body as IDataObject).companyId),
		).toEqual([DEMO.gofiveCompanyId, DEMO.gofiveOtherCompanyId]);
	});

	test('Type and Platform take any value from an expression, and the text of a number is sent as Content', async () => {
		const result = await runSend(
			params({ type: '={{ $json.type }}', content: '={{ $json.orderNo }}' }),
			{
				items: [{ type: 'message', orderNo: 4711 }],
			},
		);

		expect(result.error).toBeUndefined();
		expect(messageRequests(ref.sb)[0].body).toMatchObject({ type: 'message', content: '4711' });
	});

	test('Include Raw API Response adds Gofive’s whole answer under rawResponse', async () => {
		const output = await runOne(params({}, { includeRawResponse: true }));

		expect(output.rawResponse).toMatchObject({
			status: { code: '1000', description: 'Success' },
			data: { id: output.id },
		});
	});

	// The node sends nothing docs/api/gofive.md § "Send message" does not document, so Gofive's own refusals come from a scripted server.
	test('a 400 with code 4001 stops the node with Gofive’s description and code, sent once', async () => {
		const gofive = await startScriptedServer([
			{
				status: 400,
				body: {
					status: { code: '4001', description: 'content is too long' },
					errors: [{ field: 'content', message: 'content is too long' }],
				},
			},
		]);
		try {
			const error = stopError(
				await runSend(params(), { credential: accessToken(ref.sb, { baseUrl: gofive.url }) }),
			);

			expect(error.message).toBe(
				'Gofive: content is too long (content: content is too long) (HTTP 400, code 4001)',
			);
			expect(error.httpCode).toBe('400');
			expect(error.description).toContain('Gofive rejected the message');
			expect(gofive.requests).toEqual(['POST /v1/chat/message']);
		} finally {
			await gofive.close();
		}
	});

	test('a 400 with code 4002 (several errors) lists each field Gofive named', async () => {
		const errors = [
			{ field: 'content', message: 'content is too long' },
			{ field: 'roomId', message: 'roomId is closed' },
		];
		const gofive = await startScriptedServer([
			{
				status: 400,
				body: { status: { code: '4002', description: '2 validation errors' }, errors },
			},
		]);
		try {
			const error = stopError(
				await runSend(params(), { credential: accessToken(ref.sb, { baseUrl: gofive.url }) }),
			);

			expect(error.message).toBe(
				'Gofive: 2 validation errors (content: content is too long; roomId: roomId is closed) (HTTP 400, code 4002)',
			);
			expect(error.httpCode).toBe('400');
		} finally {
			await gofive.close();
		}
	});

	test('a business error on HTTP 201 (status.code 4001) is an error, not a sent message', async () => {
		const error = stopError(await runSend(params({ roomId: DEMO.gofiveOtherCompanyRoomId })));

		expect(error.message).toBe(
			`Gofive: Room ${DEMO.gofiveOtherCompanyRoomId} does not belong to company ${DEMO.gofiveCompanyId} (HTTP 201, code 4001)`,
		);
		expect(error.httpCode).toBe('201');
		expect(statuses(messageRequests(ref.sb))).toEqual([201]);
		expect(ref.sb.state().gofiveMessages).toHaveLength(0);
	});

	test('a 2xx answer that is not a success (ok-false fault) is an error too', async () => {
		ref.sb.setKnobs({ faults: [{ match: { api: 'gofive' }, kind: 'ok-false' }] });
		const error = stopError(await runSend(params()));

		expect(error.message).toBe('Gofive: Temporary processing error (HTTP 201, code 4001)');
	});

	test('a refused access token stops the node with Gofive’s 401 and a hint about the credential', async () => {
		const error = stopError(
			await runSend(params(), {
				credential: accessToken(ref.sb, { accessToken: 'expired-token' }),
			}),
		);

		expect(error.message).toBe('Gofive: Unauthorized (HTTP 401, code 401)');
		expect(error.httpCode).toBe('401');
		expect(error.description).toContain('Check the Gofive API credential');
		// A pasted access token cannot change: n8n is told not to resend after the 401 (its default for every credential).
		expect(statuses(messageRequests(ref.sb))).toEqual([401]);
		expect(ref.sb.state().gofiveMessages).toHaveLength(0);
	});

	test('the subscription key goes as Ocp-Apim-Subscription-Key to the API and the token URL', async () => {
		ref.sb.setKnobs({ gofiveRequireSubscriptionKey: true });
		await runOne(params(), {
			credential: clientCredentials(ref.sb, { subscriptionKey: DEMO.gofiveSubscriptionKey }),
		});

		expect(tokenRequests(ref.sb)[0].headers['ocp-apim-subscription-key']).toBe('gofi***');
		expect(messageRequests(ref.sb)[0].headers['ocp-apim-subscription-key']).toBe('gofi***');
	});

	test('without the subscription key a gateway that wants one answers 401, reported with its message', async () => {
		ref.sb.setKnobs({ gofiveRequireSubscriptionKey: true });
		const error = stopError(await runSend(params()));

		expect(error.message).toContain('missing subscription key');
		expect(error.httpCode).toBe('401');
	});
});

describe('Gofive Chat: client-credentials token', () => {
	test('one token for all items of a run, fetched once even when items run in parallel', async () => {
		ref.sb.setKnobs({ latency: { fixedMs: 20, jitterMs: 0 } });
		const store = new CredentialStore();
		const items = [{ n: 1 }, { n: 2 }, { n: 3 }];
		const result = await runSend(
			params({ content: '=Message {{ $json.n }}' }, { parallelRequests: 3 }),
			{
				credential: clientCredentials(ref.sb),
				store,
				items,
			},
		);

		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((output) => output.content)).toEqual([
			'Message 1',
			'Message 2',
			'Message 3',
		]);
		const [token] = tokenRequests(ref.sb);
		expect(tokenRequests(ref.sb)).toHaveLength(1);
		expect(token.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(token.body).toEqual({
			grant_type: 'client_credentials',
			client_id: DEMO.gofiveClientId,
			client_secret: 'gofi***',
		});
		expect(token.status).toBe(200);
		expect(ref.sb.state().tokensIssued).toBe(1);
		// Every message carried the issued token, not the static demo token.
		expect(messageRequests(ref.sb).map((request) => request.headers.authorization)).toEqual(
			Array(3).fill('Bearer gft_***'),
		);
		expect(store.get('gofiveApi').sessionToken).toMatch(/^gft_/);
	});

	test('the stored token is reused by later runs: no new token request', async () => {
		const store = new CredentialStore();
		await runOne(params(), { credential: clientCredentials(ref.sb), store });
		const token = store.get('gofiveApi').sessionToken;
		await runOne(params(), { credential: clientCredentials(ref.sb), store });
		await runOne(params(), { credential: clientCredentials(ref.sb), store });

		expect(tokenRequests(ref.sb)).toHaveLength(1);
		expect(statuses(messageRequests(ref.sb))).toEqual([201, 201, 201]);
		expect(store.get('gofiveApi').sessionToken).toBe(token);
	});

	test('one credential read per run, however many items: every request reuses it, and one token serves them all', async () => {
		const store = new CredentialStore();
		const items = Array.from({ length: 12 }, (_, index) => ({ text: `message ${index}` }));
		const result = await runSend(params({ content: '={{ $json.text }}' }), {
			credential: clientCredentials(ref.sb),
			store,
			items,
		});

		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toHaveLength(12);
		// n8n's request helper would otherwise read (and decrypt) the credential again for each of the 12 requests.
		expect(store.reads).toBe(1);
		expect(tokenRequests(ref.sb)).toHaveLength(1);
	});

	test('after the token expires, the 401 fetches one new token and the message is sent once', async () => {
		const store = new CredentialStore();
		await runOne(params(), { credential: clientCredentials(ref.sb), store });
		const firstToken = store.get('gofiveApi').sessionToken;
		ref.sb.expireGofiveTokens();

		const result = await runSend(
			params({ content: '={{ $json.text }}' }, { parallelRequests: 1 }),
			{
				credential: clientCredentials(ref.sb),
				store,
				items: [{ text: 'after expiry 1' }, { text: 'after expiry 2' }],
			},
		);

		expect(result.error).toBeUndefined();
		expect(tokenRequests(ref.sb)).toHaveLength(2);
		// First run: 201. Second run: the expired token's 401, the resend with the new token, then item 2 with it.
		expect(statuses(messageRequests(ref.sb))).toEqual([201, 401, 201, 201]);
		expect(ref.sb.state().gofiveMessages.map((message) => message.content)).toEqual([
			MESSAGE.content,
			'after expiry 1',
			'after expiry 2',
		]);
		expect(store.get('gofiveApi').sessionToken).not.toBe(firstToken);
	});

	test('a wrong client secret stops the node with the token endpoint’s reason; no message is sent', async () => {
		const error = stopError(
			await runSend(params(), { credential: clientCredentials(ref.sb, { clientSecret: 'wrong' }) }),
		);

		expect(error.message).toBe(
			'Gofive request failed: Gofive refused the client credentials (HTTP 400 invalid_client: Client authentication failed). Check the Client ID, Client Secret, Token URL and Subscription Key in the Gofive API credential.',
		);
		expect(error.message).not.toContain('wrong');
		expect(statuses(tokenRequests(ref.sb))).toEqual([400]);
		expect(messageRequests(ref.sb)).toHaveLength(0);
	});

	test('an access token that is a JWT past its expiry stops the node before anything is sent, saying when it expired', async () => {
		const claims = Buffer.from(JSON.stringify({ exp: Date.UTC(2026, 0, 2, 3, 4) / 1000 })).toString(
			'base64url',
		);
		const expired = `eyJhbGciOiJSUzI1NiJ9.${claims}.c2ln`;
		const error = stopError(
			await runSend(params(), { credential: accessToken(ref.sb, { accessToken: expired }) }),
		);

		expect(error.message).toBe(
			'Gofive request failed: The Gofive access token expired on 2026-01-02 03:04 UTC. Paste a new token into the Gofive API credential, or switch its Authentication to Client Credentials so n8n fetches tokens itself.',
		);
		expect(JSON.stringify(error)).not.toContain(claims);
		expect(ref.sb.requests()).toHaveLength(0);
	});

	test('a token endpoint that stays unavailable fails the item with that reason after the retries', async () => {
		ref.sb.setKnobs({ faults: [{ match: { api: 'gofive-token' }, kind: 503 }] });
		const error = stopError(
			await runSend(params({}, { maxRetries: 1 }), { credential: clientCredentials(ref.sb) }),
		);

		expect(error.message).toContain("Gofive's token endpoint is unavailable (HTTP 503");
		expect(error.httpCode).toBe('503');
		expect(statuses(tokenRequests(ref.sb))).toEqual([503, 503]);
		expect(messageRequests(ref.sb)).toHaveLength(0);
	});

	test('a token endpoint failing with 500 is reported at once, and no message is sent', async () => {
		ref.sb.setKnobs({ faults: [{ match: { api: 'gofive-token' }, kind: 500 }] });
		const error = stopError(await runSend(params(), { credential: clientCredentials(ref.sb) }));

		expect(error.message).toBe(
			"Gofive request failed: Gofive's token endpoint is unavailable (HTTP 500 server_error: Internal server error). Try again later.",
		);
		expect(statuses(tokenRequests(ref.sb))).toEqual([500]);
		expect(messageRequests(ref.sb)).toHaveLength(0);
	});

	test('a token endpoint that is briefly unavailable (503) is retried like the API', async () => {
		ref.sb.setKnobs({ faults: [{ match: { api: 'gofive-token' }, sequence: [503, 'pass'] }] });
		const output = await runOne(params(), { credential: clientCredentials(ref.sb) });

		expect(output.content).toBe(MESSAGE.content);
		expect(statuses(tokenRequests(ref.sb))).toEqual([503, 200]);
		expect(statuses(messageRequests(ref.sb))).toEqual([201]);
	});
});

describe('Gofive Chat: validation', () => {
	test.each([
		[
			'a Room ID that holds no UUID',
			{ roomId: 'room-1' },
			'Invalid input: Room ID (roomId) must be a UUID such as 26259b2c-509c-4ff5-a82a-d1b5505b014d, or a text that holds one (such as a link to the chat room), got "room-1"',
		],
		[
			'a Room ID that holds two different UUIDs',
			{ roomId: `${ROOM} ${DEMO.gofiveSecondRoomId}` },
			`Invalid input: Room ID (roomId) holds 2 different UUIDs (${ROOM}, ${DEMO.gofiveSecondRoomId}): keep only the chat room's, got`,
		],
		[
			'a UUID run into other letters',
			{ roomId: `${ROOM}x` },
			'Invalid input: Room ID (roomId) must be a UUID such as',
		],
		[
			'a UUID without its dashes',
			{ roomId: ROOM.replace(/-/g, '') },
			'Invalid input: Room ID (roomId) must be a UUID such as',
		],
		[
			'Content of only spaces',
			{ content: '   ' },
			'Invalid input: Content (content) must not be empty',
		],
		[
			'Content empty from an expression',
			{ content: '={{ "" }}' },
			'Invalid input: Content (content) must not be empty',
		],
		[
			'a Type empty from an expression',
			{ type: '={{ "" }}' },
			'Invalid input: Type (type) must not be empty',
		],
		[
			'a Platform of only spaces from an expression',
			{ platform: '={{ "  " }}' },
			'Invalid input: Platform (platform) must not be empty',
		],
		[
			'a negative Company ID',
			{ companyId: -3 },
			"Invalid input: Company ID (or the credential's Default Company ID) (companyId) must be at least 1, got -3",
		],
	])('%s stops the node before anything is sent', async (_case, fields, message) => {
		const error = stopError(await runSend(params(fields)));

		expect(error.message.startsWith(message)).toBe(true);
		expect(error.description).toContain('Nothing was sent for this item.');
		expect(ref.sb.requests()).toHaveLength(0);
	});

	test.each([
		['empty', ''],
		['0', 0],
	])(
		'no Company ID in the node (%s) nor in the credential is a validation error naming both places',
		async (_case, companyId) => {
			const error = stopError(await runSend(params({ companyId })));

			expect(error.message).toBe(
				'Invalid input: Company ID (companyId) is required. Enter your Gofive company ID (such as 507) in Company ID, or set Default Company ID in the Gofive API credential',
			);
			expect(error.description).toBe('Nothing was sent for this item.');
			expect(ref.sb.requests()).toHaveLength(0);
		},
	);
});

describe('Gofive Chat: Room ID from a pasted text', () => {
	test.each([
		['a link to the chat room', `https://crm.example.com/chat/${ROOM}?tab=messages`, ROOM],
		[
			'a UUID in upper case, with spaces around it',
			`  ${ROOM.toUpperCase()}\n`,
			ROOM.toUpperCase(),
		],
		['a UUID in braces', `{${ROOM}}`, ROOM],
		['a urn', `urn:uuid:${ROOM}`, ROOM],
		[
			'a text that names the same room twice, in two cases',
			`room ${ROOM} (${ROOM.toUpperCase()})`,
			ROOM,
		],
	])('%s: the one UUID in it is sent as the Room ID', async (_case, roomId, sent) => {
		const output = await runOne(params({ roomId }));

		expect((messageRequests(ref.sb)[0].body as IDataObject).roomId).toBe(sent);
		expect(output).toMatchObject({ ok: true, content: MESSAGE.content });
	});

	test('a link from an expression works like a typed one', async () => {
		const result = await runSend(params({ roomId: '={{ $json.link }}' }), {
			items: [{ link: `https://crm.example.com/rooms/${DEMO.gofiveSecondRoomId}/` }],
		});

		expect(result.error).toBeUndefined();
		expect((messageRequests(ref.sb)[0].body as IDataObject).roomId).toBe(DEMO.gofiveSecondRoomId);
	});

	test('messages to one room keep their order whether the room is given by its UUID or by a link', async () => {
		ref.sb.setKnobs({ latency: { fixedMs: 0, jitterMs: 30 } });
		const items = [1, 2, 3, 4, 5, 6].map((n) => ({
			roomId: n % 2 === 0 ? `https://crm.example.com/chat/${ROOM}` : ROOM.toUpperCase(),
			text: `message ${n}`,
		}));
		const result = await runSend(
			params(
				{ roomId: '={{ $json.roomId }}', content: '={{ $json.text }}' },
				{ parallelRequests: 6 },
			),
			{ items },
		);

		expect(result.error).toBeUndefined();
		expect(ref.sb.state().gofiveMessages.map((message) => message.content)).toEqual(
			items.map((item) => item.text),
		);
	});
});

describe('Gofive Chat: retries never duplicate a message', () => {
	test('429 with Retry-After is retried: Gofive did not act', async () => {
		ref.sb.setKnobs({ faults: [{ match: { api: 'gofive' }, sequence: [429, 'pass'] }] });
		const output = await runOne(params());

		expect(output.content).toBe(MESSAGE.content);
		expect(statuses(messageRequests(ref.sb))).toEqual([429, 201]);
		expect(ref.sb.state().gofiveMessages).toHaveLength(1);
	});

	test('503 is retried: Gofive did not act', async () => {
		ref.sb.setKnobs({ faults: [{ match: { api: 'gofive' }, sequence: [503, 'pass'] }] });
		await runOne(params());

		expect(statuses(messageRequests(ref.sb))).toEqual([503, 201]);
		expect(ref.sb.state().gofiveMessages).toHaveLength(1);
	});

	test('a gateway 502 after Gofive posted the message is reported, not resent', async () => {
		ref.sb.setKnobs({
			faults: [{ match: { api: 'gofive' }, sequence: [502], afterHandling: true }],
		});
		const error = stopError(await runSend(params()));

		expect(error.httpCode).toBe('502');
		expect(error.description).toContain('not resent automatically');
		expect(messageRequests(ref.sb)).toHaveLength(1);
		expect(ref.sb.state().gofiveMessages).toHaveLength(1);
	});

	test('an HTML 502 from the gateway is reported, not resent', async () => {
		ref.sb.setKnobs({
			faults: [{ match: { api: 'gofive' }, sequence: ['html'], afterHandling: true }],
		});
		const error = stopError(await runSend(params()));

		expect(error.message).toBe('The Gofive API answered HTTP 502 with a body that is not JSON');
		expect(messageRequests(ref.sb)).toHaveLength(1);
		expect(ref.sb.state().gofiveMessages).toHaveLength(1);
	});

	test('a connection lost after Gofive posted the message is reported, not resent', async () => {
		ref.sb.setKnobs({
			faults: [{ match: { api: 'gofive' }, sequence: ['reset'], afterHandling: true }],
		});
		const error = stopError(await runSend(params()));

		expect(error.message).toMatch(/^Could not reach the Gofive API/);
		expect(error.description).toMatch(/not resent automatically/i);
		expect(messageRequests(ref.sb)).toHaveLength(1);
		expect(ref.sb.state().gofiveMessages).toHaveLength(1);
	});

	test('Max Retries bounds the retries of a 429', async () => {
		ref.sb.setKnobs({ faults: [{ match: { api: 'gofive' }, sequence: [429, 429, 429] }] });
		const error = stopError(await runSend(params({}, { maxRetries: 2 })));

		expect(error.httpCode).toBe('429');
		expect(messageRequests(ref.sb)).toHaveLength(3);
		expect(ref.sb.state().gofiveMessages).toHaveLength(0);
	});
});

describe('Gofive Chat: many items', () => {
	test('continue on fail: one output per input in order, errors as items, each paired with its input', async () => {
		const items = [
			{ roomId: ROOM, text: 'first' },
			{ roomId: 'not-a-uuid', text: 'second' },
			{ roomId: DEMO.gofiveOtherCompanyRoomId, text: 'third' },
			{ roomId: ROOM, text: 'fourth' },
		];
		const result = await runSend(
			params(
				{ roomId: '={{ $json.roomId }}', content: '={{ $json.text }}' },
				{ parallelRequests: 2 },
			),
			{
				items,
				onError: 'continueRegularOutput',
			},
		);

		expect(result.error).toBeUndefined();
		const outputs = jsonOf(result);
		expect(
			outputs.map((output) => output.content ?? (output.error as IDataObject | undefined)?.message),
		).toEqual([
			'first',
			expect.stringContaining('Room ID (roomId) must be a UUID'),
			expect.stringContaining('(HTTP 201, code 4001)'),
			'fourth',
		]);
		expect(pairedItems(result.outputs[0])).toEqual([0, 1, 2, 3]);
		expect(messageRequests(ref.sb)).toHaveLength(3);
		expect(
			ref.sb
				.state()
				.gofiveMessages.map((message) => message.content)
				.sort(),
		).toEqual(['first', 'fourth']);
	});

	test('continue on fail (error output) sends failures to the second output', async () => {
		const items = [{ roomId: DEMO.gofiveOtherCompanyRoomId }, { roomId: ROOM }];
		const result = await runSend(params({ roomId: '={{ $json.roomId }}' }), {
			items,
			onError: 'continueErrorOutput',
		});

		expect(pairedItems(result.outputs[0])).toEqual([1]);
		expect(pairedItems(result.outputs[1])).toEqual([0]);
		// n8n's error output keeps the input item's fields beside the error.
		expect(jsonOf(result, 1)[0]).toMatchObject({
			roomId: DEMO.gofiveOtherCompanyRoomId,
			error: expect.objectContaining({
				message: expect.stringContaining('does not belong to company'),
				httpCode: '201',
				itemIndex: 0,
			}),
		});
	});
});

describe('Gofive Chat: workflows saved by the earlier version', () => {
	test('Type, Platform and a numeric Company ID saved in the node are still read and sent', async () => {
		await runOne({
			resource: 'message',
			operation: 'sendMessage',
			roomId: ROOM,
			content: 'saved',
			type: 'message',
			platform: 'line',
			companyId: DEMO.gofiveCompanyId,
		});

		expect(messageRequests(ref.sb)[0].body).toEqual({
			roomId: ROOM,
			content: 'saved',
			type: 'message',
			platform: 'line',
			companyId: DEMO.gofiveCompanyId,
		});
	});

	test('a saved Type expression is still evaluated: its value is sent as given (docs/api/gofive.md § "Type and platform values")', async () => {
		const result = await runSend(params({ type: '={{ $json.kind }}' }), {
			items: [{ kind: ' Message ' }],
			onError: 'continueRegularOutput',
		});

		expect((messageRequests(ref.sb)[0].body as IDataObject).type).toBe('message');
		expect(jsonOf(result)).toEqual([expect.objectContaining({ ok: true, verified: true })]);
	});
});

describe('Gofive Chat: node description', () => {
	test('is usable as an AI tool, with one Send Message operation and the Gofive credential', () => {
		const { description } = new GofiveChat();
		const operation = description.properties.find((property) => property.name === 'operation');

		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: 'gofiveApi', required: true }]);
		expect(operation?.options).toEqual([
			expect.objectContaining({ value: 'sendMessage', action: 'Send a message' }),
		]);
	});

	test('the subtitle reads as a sentence', () => {
		expect(subtitleOf(new GofiveChat(), { resource: 'message', operation: 'sendMessage' })).toBe(
			'Send a message',
		);
	});

	test('the editor asks only what has a choice: no one-choice dropdown; Type and Platform are not shown', () => {
		const { properties } = new GofiveChat().description;
		const dropdowns = properties.filter(
			(property) =>
				property.type === 'options' &&
				property.name !== 'resource' &&
				property.name !== 'operation',
		);

		expect(dropdowns.filter((property) => (property.options ?? []).length < 2)).toEqual([]);
		expect(
			properties
				.filter((property) => ['type', 'platform'].includes(property.name))
				.map((property) => [property.name, property.type, property.default]),
		).toEqual([
			['type', 'hidden', 'message'],
			['platform', 'hidden', 'line'],
		]);
	});

	test("Company ID is optional, empty by default, and says that empty means the credential's", () => {
		const companyId = new GofiveChat().description.properties.find(
			(property) => property.name === 'companyId',
		);

		expect(companyId).toMatchObject({ type: 'string', default: '' });
		expect(companyId?.required).toBeFalsy();
		expect(companyId?.description).toContain(
			'Leave empty to use the Default Company ID of the Gofive API credential',
		);
	});

	test('Room ID says under the field where the ID comes from', () => {
		const roomId = new GofiveChat().description.properties.find(
			(property) => property.name === 'roomId',
		);

		expect(roomId?.hint).toContain('roomId');
		expect(roomId?.description).toContain('a link to the room');
	});
});

import {
	DEMO,
	RAW,
	requestToken,
	sendMessage,
	sleep,
	tokenForm,
	validMessage,
} from '../../test/helpers/sandboxHttp';
import { useSandbox } from '../../test/helpers/sandbox';

const t = useSandbox();
const UNAUTHORIZED = { status: { code: '401', description: 'Unauthorized' } };
const basic = (id: string, secret: string) =>
	`Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('Gofive POST /v1/chat/message', () => {
	it('201 with the documented body, stored', async () => {
		const res = await sendMessage(t.http, validMessage({ content: 'สวัสดีครับ' }));
		expect(res.status).toBe(201);
		expect(res.data.status).toEqual({ code: '1000', description: 'Success' });
		const d = res.data.data;
		expect(Object.keys(d).sort()).toEqual([
			'content',
			'deliveryStatus',
			'id',
			'isFirstCustomerMessage',
			'platform',
			'roomId',
			'timestamp',
			'traceId',
			'type',
			'user',
			'vwId',
		]);
		expect(Object.keys(d.user).sort()).toEqual([
			'avatar',
			'companyId',
			'displayName',
			'id',
			'originalName',
			'originalName_EN',
			'role',
			'type',
		]);
		expect(d).toMatchObject({
			roomId: DEMO.gofiveRoomId,
			platform: 'line',
			content: 'สวัสดีครับ',
			type: 'message',
			isFirstCustomerMessage: false,
		});
		expect(d.user.companyId).toBe('507');
		expect(Number.isInteger(d.timestamp)).toBe(true);
		for (const k of ['vwId', 'id', 'traceId', 'deliveryStatus']) expect(typeof d[k]).toBe('string');
		const stored = t.sb.state().gofiveMessages;
		expect(stored).toHaveLength(1);
		expect(stored[0]).toMatchObject({ id: d.id, companyId: 507, content: 'สวัสดีครับ' });
	});

	it('accepts a second LINE room and ignores unknown fields', async () => {
		const res = await sendMessage(
			t.http,
			validMessage({ roomId: DEMO.gofiveSecondRoomId, extra: 1 }),
		);
		expect(res.status).toBe(201);
		expect(res.data.status.code).toBe('1000');
	});

	it.each([
		['no', false],
		['an empty', ''],
	])(
		'reads a body with %s Content-Type as JSON (Gofive marks the header optional)',
		async (_n, contentType) => {
			const res = await t.http.post('/v1/chat/message', JSON.stringify(validMessage()), {
				...RAW,
				headers: { authorization: `Bearer ${DEMO.gofiveAccessToken}`, 'content-type': contentType },
			});
			expect(res.status).toBe(201);
			expect(t.sb.requests()[0].headers['content-type']).toBe(
				contentType === false ? undefined : '',
			);
		},
	);

	it('415 for a non-JSON Content-Type', async () => {
		const res = await sendMessage(t.http, 'roomId=x', DEMO.gofiveAccessToken, {
			'content-type': 'application/x-www-form-urlencoded',
		});
		expect([res.status, res.data]).toEqual([
			415,
			{ status: { code: '415', description: 'Unsupported Media Type' } },
		]);
	});

	describe('auth', () => {
		it.each([
			['no Authorization header', null, {}],
			['an unknown token', 'not-a-token', {}],
			[
				'a Basic header',
				null,
				{ authorization: basic(DEMO.gofiveClientId, DEMO.gofiveClientSecret) },
			],
		])('401 for %s', async (_n, token, headers) => {
			const res = await sendMessage(
				t.http,
				validMessage(),
				token,
				headers as Record<string, string>,
			);
			expect([res.status, res.data]).toEqual([401, UNAUTHORIZED]);
			expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
			expect(t.sb.state().gofiveMessages).toHaveLength(0);
		});

		it('checks auth before the body', async () => {
			const res = await sendMessage(t.http, {}, null);
			expect(res.status).toBe(401);
		});
	});

	describe('validation: 400 with status 4001 (one error) or 4002 (several)', () => {
		it.each([
			['roomId', undefined, 'roomId is required'],
			['roomId', 'room-1', 'roomId must be a UUID'],
			['roomId', 12, 'roomId must be a string'],
			['content', undefined, 'content is required'],
			['content', '', 'content must not be empty'],
			['content', 5, 'content must be a string'],
			['type', undefined, 'type is required'],
			['type', 'sticker', 'type must be one of: message'],
			['platform', undefined, 'platform is required'],
			['platform', 'instagram', 'platform must be one of: line'],
			['platform', 'facebook', 'platform must be one of: line'],
			['companyId', undefined, 'companyId is required'],
			['companyId', '507', 'companyId must be a number'],
			['companyId', 507.5, 'companyId must be an integer'],
		])('%s = %j → 4001', async (field, value, message) => {
			const res = await sendMessage(t.http, validMessage({ [field]: value }));
			expect([res.status, res.data]).toEqual([
				400,
				{ status: { code: '4001', description: message }, errors: [{ field, message }] },
			]);
		});

		it('several errors → 4002 listing each', async () => {
			const res = await sendMessage(t.http, { content: '', companyId: 'x' });
			expect(res.status).toBe(400);
			expect(res.data.status).toEqual({ code: '4002', description: '5 validation errors' });
			expect(res.data.errors.map((e: { field: string }) => e.field)).toEqual([
				'roomId',
				'content',
				'type',
				'platform',
				'companyId',
			]);
		});

		it.each([
			['a JSON array', '[]', 'body must be a JSON object'],
			['invalid JSON', '{"roomId": ', 'body is not valid JSON'],
			['an empty body', '', 'body must be a JSON object'],
		])('%s → 4001 on field body', async (_n, data, message) => {
			const res = await t.http.post('/v1/chat/message', data, {
				...RAW,
				headers: {
					authorization: `Bearer ${DEMO.gofiveAccessToken}`,
					'content-type': 'application/json',
				},
			});
			expect([res.status, res.data]).toEqual([
				400,
				{ status: { code: '4001', description: message }, errors: [{ field: 'body', message }] },
			]);
		});
	});

	describe('business errors: HTTP 201 with status.code 4001, nothing stored', () => {
		it.each([
			[
				'an unknown room',
				validMessage({ roomId: '00000000-0000-4000-8000-000000000000' }),
				/not found/,
			],
			[
				'a room of another company',
				validMessage({ roomId: DEMO.gofiveOtherCompanyRoomId }),
				/does not belong to company 507/,
			],
		])('%s', async (_n, body, description) => {
			const res = await sendMessage(t.http, body);
			expect(res.status).toBe(201);
			expect(res.data.status.code).toBe('4001');
			expect(res.data.status.description).toMatch(description);
			expect(res.data.data).toBeNull();
			expect(t.sb.state().gofiveMessages).toHaveLength(0);
		});
	});

	it('unknown Gofive path → 404 in Gofive shape; wrong method → 405', async () => {
		const notFound = await t.http.get('/v1/chat/rooms');
		expect([notFound.status, notFound.data]).toEqual([
			404,
			{ status: { code: '404', description: 'Not Found' } },
		]);
		const wrongMethod = await t.http.get('/v1/chat/message');
		expect([wrongMethod.status, wrongMethod.data.status.code, wrongMethod.headers.allow]).toEqual([
			405,
			'405',
			'POST',
		]);
	});
});

describe('Gofive token endpoint POST /authorization/connect/token', () => {
	it('issues a Bearer token that sends a message; counts tokens', async () => {
		const res = await requestToken(t.http);
		expect(res.status).toBe(200);
		expect(res.data).toMatchObject({ expires_in: 3600, token_type: 'Bearer' });
		expect(typeof res.data.access_token).toBe('string');
		expect((await sendMessage(t.http, validMessage(), res.data.access_token)).status).toBe(201);
		await requestToken(t.http);
		expect(t.sb.state().tokensIssued).toBe(2);
	});

	it('accepts HTTP Basic client authentication', async () => {
		const res = await requestToken(t.http, 'grant_type=client_credentials', {
			authorization: basic(DEMO.gofiveClientId, DEMO.gofiveClientSecret),
		});
		expect(res.status).toBe(200);
		expect((await sendMessage(t.http, validMessage(), res.data.access_token)).status).toBe(201);
	});

	it.each([
		['a wrong grant_type', tokenForm({ grant_type: 'password' }), 400, 'unsupported_grant_type'],
		[
			'no grant_type',
			`client_id=${DEMO.gofiveClientId}&client_secret=${DEMO.gofiveClientSecret}`,
			400,
			'invalid_request',
		],
		['a wrong secret', tokenForm({ client_secret: 'nope' }), 400, 'invalid_client'],
		['an unknown client', tokenForm({ client_id: 'someone' }), 400, 'invalid_client'],
		['no client', 'grant_type=client_credentials', 400, 'invalid_client'],
	])('%s → %i %s', async (_n, form, status, error) => {
		const res = await requestToken(t.http, form);
		expect(res.status).toBe(status);
		expect(res.data.error).toBe(error);
		expect(t.sb.state().tokensIssued).toBe(0);
	});

	it('a wrong secret over HTTP Basic → 401 invalid_client with a challenge', async () => {
		const res = await requestToken(t.http, 'grant_type=client_credentials', {
			authorization: basic(DEMO.gofiveClientId, 'nope'),
		});
		expect([res.status, res.data.error, res.headers['www-authenticate']]).toEqual([
			401,
			'invalid_client',
			'Basic realm="gofive"',
		]);
	});

	it('a JSON body → 400 invalid_request (must be form-encoded)', async () => {
		const res = await t.http.post('/authorization/connect/token', {
			grant_type: 'client_credentials',
			client_id: DEMO.gofiveClientId,
			client_secret: DEMO.gofiveClientSecret,
		});
		expect([res.status, res.data.error]).toEqual([400, 'invalid_request']);
	});

	it('expireGofiveTokens: issued tokens get 401, the static token keeps working, a new token works', async () => {
		const token = (await requestToken(t.http)).data.access_token;
		t.sb.expireGofiveTokens();
		const res = await sendMessage(t.http, validMessage(), token);
		expect([res.status, res.data]).toEqual([401, UNAUTHORIZED]);
		expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
		expect((await sendMessage(t.http, validMessage())).status).toBe(201);
		expect(
			(await sendMessage(t.http, validMessage(), (await requestToken(t.http)).data.access_token))
				.status,
		).toBe(201);
	});

	it('POST /__sandbox/gofive/expire-tokens does the same', async () => {
		const token = (await requestToken(t.http)).data.access_token;
		expect((await t.http.post('/__sandbox/gofive/expire-tokens', {})).status).toBe(200);
		expect((await sendMessage(t.http, validMessage(), token)).status).toBe(401);
	});

	it('tokens expire after gofiveTokenTtlSeconds (1 s)', async () => {
		t.sb.setKnobs({ gofiveTokenTtlSeconds: 1 });
		const res = await requestToken(t.http);
		expect(res.data.expires_in).toBe(1);
		expect((await sendMessage(t.http, validMessage(), res.data.access_token)).status).toBe(201);
		await sleep(1100);
		expect((await sendMessage(t.http, validMessage(), res.data.access_token)).status).toBe(401);
	});

	describe('gofiveRequireSubscriptionKey', () => {
		beforeEach(() => t.sb.setKnobs({ gofiveRequireSubscriptionKey: true }));
		const key = { 'ocp-apim-subscription-key': DEMO.gofiveSubscriptionKey };

		it.each([
			['missing', {}, /missing subscription key/],
			['wrong', { 'ocp-apim-subscription-key': 'wrong' }, /invalid subscription key/],
		])('token endpoint: %s key → 401', async (_n, headers, message) => {
			const res = await requestToken(t.http, tokenForm(), headers);
			expect(res.status).toBe(401);
			expect(res.data).toEqual({ statusCode: 401, message: expect.stringMatching(message) });
		});

		it('message endpoint: missing key → 401 even with a valid token; with the key → 201', async () => {
			expect((await sendMessage(t.http, validMessage())).status).toBe(401);
			expect((await sendMessage(t.http, validMessage(), DEMO.gofiveAccessToken, key)).status).toBe(
				201,
			);
		});

		it('token endpoint with the key → 200', async () => {
			expect((await requestToken(t.http, tokenForm(), key)).status).toBe(200);
		});
	});

	it('without the knob the subscription key is optional', async () => {
		expect((await requestToken(t.http)).status).toBe(200);
		expect(
			(await requestToken(t.http, tokenForm(), { 'ocp-apim-subscription-key': 'anything' })).status,
		).toBe(200);
	});
});

import type { AxiosRequestConfig, AxiosResponse } from 'axios';
import { startSandbox, type FaultKind, type FaultRule } from '../index';
import {
	contactPath,
	DEMO,
	LINE,
	oho,
	requestToken,
	sendMessage,
	sleep,
	validContact,
	validMessage,
} from '../../test/helpers/sandboxHttp';
import { useSandbox } from '../../test/helpers/sandbox';

const t = useSandbox();
const seeded = contactPath('line', LINE.platformId, LINE.userIds[0]);
type Api = 'oho' | 'gofive' | 'gofive-token';
const APIS: Api[] = ['oho', 'gofive', 'gofive-token'];
const TEXT = { responseType: 'text' as const, transformResponse: [(d: unknown) => d] };

/** One ordinary successful request per API. */
const REQUEST: Record<Api, AxiosRequestConfig> = {
	oho: { method: 'GET', url: seeded, headers: { 'x-oho-api-key': DEMO.ohoApiKey } },
	gofive: {
		method: 'POST',
		url: '/v1/chat/message',
		data: validMessage(),
		headers: { authorization: `Bearer ${DEMO.gofiveAccessToken}` },
	},
	'gofive-token': {
		method: 'POST',
		url: '/authorization/connect/token',
		data: `grant_type=client_credentials&client_id=${DEMO.gofiveClientId}&client_secret=${DEMO.gofiveClientSecret}`,
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
	},
};
/** Answered as text, so a malformed body can be inspected. */
const call = (api: Api, extra: AxiosRequestConfig = {}): Promise<AxiosResponse<string>> =>
	t.http.request({ ...REQUEST[api], ...TEXT, ...extra });
const CALL = Object.fromEntries(APIS.map((api) => [api, () => call(api)])) as Record<
	Api,
	() => Promise<AxiosResponse<string>>
>;
const OK_STATUS: Record<Api, number> = { oho: 200, gofive: 201, 'gofive-token': 200 };
const OAUTH: Record<number, string> = {
	429: 'too_many_requests',
	500: 'server_error',
	502: 'server_error',
	503: 'temporarily_unavailable',
};
const ERROR_BODY: Record<Api, (status: number, message: string) => unknown> = {
	oho: (status, message) => ({ ok: false, status_code: status, message }),
	gofive: (status, message) => ({ status: { code: String(status), description: message } }),
	'gofive-token': (status, message) => ({ error: OAUTH[status], error_description: message }),
};
const OK_FALSE: Record<Api, [number, unknown]> = {
	oho: [200, { ok: false, status_code: 200, message: 'Temporary processing error' }],
	gofive: [
		201,
		{ status: { code: '4001', description: 'Temporary processing error' }, data: null },
	],
	'gofive-token': [
		200,
		{ error: 'temporarily_unavailable', error_description: 'Temporary processing error' },
	],
};

const fault = (kind: FaultKind, extra: Partial<FaultRule> = {}) =>
	t.sb.setKnobs({ faults: [{ kind, ...extra }] });
const lastLogged = () => t.sb.requests().at(-1)!;
const errorCode = (p: Promise<unknown>) =>
	p.then(
		() => 'no error',
		(e: { code?: string }) => e.code,
	);

describe('faults, on every API', () => {
	const errorCases = APIS.flatMap((api) =>
		(
			[
				[500, 'Internal server error'],
				[502, 'Bad gateway'],
				[503, 'Service unavailable'],
				[429, 'Too many requests'],
			] as const
		).map(([s, m]) => [api, s, m] as const),
	);
	it.each(errorCases)('%s: %i with the API own error body', async (api, status, message) => {
		fault(status);
		const res = await CALL[api]();
		expect([res.status, JSON.parse(res.data)]).toEqual([status, ERROR_BODY[api](status, message)]);
		expect(res.headers['retry-after']).toBe(status === 429 || status === 503 ? '1' : undefined);
		expect(lastLogged()).toMatchObject({ api, status, fault: status });
	});

	it.each(APIS)('%s: ok-false answers 2xx with a failure inside', async (api) => {
		fault('ok-false');
		const res = await CALL[api]();
		expect([res.status, JSON.parse(res.data)]).toEqual(OK_FALSE[api]);
		expect(lastLogged().fault).toBe('ok-false');
	});

	it.each(APIS)(
		'%s: malformed-json answers 200 application/json that does not parse',
		async (api) => {
			fault('malformed-json');
			const res = await CALL[api]();
			expect([res.status, res.headers['content-type'], res.data]).toEqual([
				200,
				'application/json; charset=utf-8',
				'{"ok": tru',
			]);
			expect(() => JSON.parse(res.data)).toThrow();
		},
	);

	it.each(APIS)('%s: html answers a 502 HTML page', async (api) => {
		fault('html');
		const res = await CALL[api]();
		expect(res.status).toBe(502);
		expect(res.headers['content-type']).toMatch(/^text\/html/);
		expect(res.data).toContain('<title>502 Bad Gateway</title>');
	});

	it.each(APIS)('%s: reset destroys the connection', async (api) => {
		fault('reset');
		expect(await errorCode(CALL[api]())).toBe('ECONNRESET');
		expect(lastLogged()).toMatchObject({ api, status: null, fault: 'reset' });
		t.sb.setKnobs({ faults: [] });
		expect((await CALL[api]()).status).toBe(OK_STATUS[api]);
	});

	it.each(APIS)('%s: hang never answers', async (api) => {
		fault('hang');
		const hung = call(api, { timeout: 300 });
		expect(await errorCode(hung)).toBe('ECONNABORTED');
		expect(lastLogged()).toMatchObject({ api, status: null, fault: 'hang' });
	});

	it('does not apply to /__sandbox/ inspection', async () => {
		fault(500);
		expect((await t.http.get('/__sandbox/health')).status).toBe(200);
		expect((await t.http.get('/__sandbox/state')).status).toBe(200);
	});
});

describe('fault rules', () => {
	it('a sequence consumes one entry per matching request, then the rule is inactive', async () => {
		t.sb.setKnobs({ faults: [{ sequence: ['pass', 503, 'pass', 500] }] });
		const statuses = [];
		for (let i = 0; i < 6; i++) statuses.push((await CALL.oho()).status);
		expect(statuses).toEqual([200, 503, 200, 500, 200, 200]);
		expect(t.sb.knobs().faults[0].sequence).toEqual([]);
	});

	it('only matching requests consume a sequence (match.api)', async () => {
		t.sb.setKnobs({ faults: [{ match: { api: 'gofive' }, sequence: [500] }] });
		expect((await CALL.oho()).status).toBe(200);
		expect((await CALL['gofive-token']()).status).toBe(200);
		expect((await CALL.gofive()).status).toBe(500);
		expect((await CALL.gofive()).status).toBe(201);
	});

	it.each([
		['method (case-insensitive)', { method: 'post' }, 'gofive', 'oho'],
		['path substring', { path: '/v1/chat' }, 'gofive', 'oho'],
		['path /regex/', { path: '/^\\/contact\\/line\\//' }, 'oho', 'gofive'],
		['api', { api: 'gofive-token' as const }, 'gofive-token', 'gofive'],
	])('match by %s', async (_n, match, hit, miss) => {
		t.sb.setKnobs({ faults: [{ match, kind: 502 }] });
		expect((await CALL[hit as Api]()).status).toBe(502);
		expect((await CALL[miss as Api]()).status).toBe(OK_STATUS[miss as Api]);
	});

	it("a 'pass' falls through to the next rule", async () => {
		t.sb.setKnobs({ faults: [{ sequence: ['pass'] }, { kind: 503 }] });
		expect((await CALL.oho()).status).toBe(503);
	});

	it('probability 0 never fires, a kind without probability always fires, 0.5 fires sometimes', async () => {
		fault(500, { probability: 0 });
		for (let i = 0; i < 20; i++) expect((await CALL.oho()).status).toBe(200);
		fault(500);
		for (let i = 0; i < 5; i++) expect((await CALL.oho()).status).toBe(500);
		fault(500, { probability: 0.5 });
		const seen = new Set<number>();
		for (let i = 0; i < 100; i++) seen.add((await CALL.oho()).status);
		expect([...seen].sort()).toEqual([200, 500]);
	});

	it('before handling (default): a 500 on create changes nothing', async () => {
		const body = validContact();
		fault(500, { match: { path: '/contact' } });
		expect((await oho(t.http, 'POST', '/contact', body)).status).toBe(500);
		expect(t.sb.state().contacts).toHaveLength(8);
	});

	it.each([
		['500', 500, async (p: Promise<AxiosResponse>) => expect((await p).status).toBe(500)],
		[
			'reset',
			'reset',
			async (p: Promise<AxiosResponse>) => expect(await errorCode(p)).toBe('ECONNRESET'),
		],
	] as const)(
		'afterHandling %s: the contact is created, so a retried create gets 409',
		async (_n, kind, expectFault) => {
			const body = validContact();
			t.sb.setKnobs({
				faults: [
					{ match: { method: 'POST', path: '/contact' }, sequence: [kind], afterHandling: true },
				],
			});
			await expectFault(oho(t.http, 'POST', '/contact', body));
			const sp = body.social_profile as { id: string };
			expect(t.sb.getContact('line', LINE.platformId, sp.id)).toBeDefined();
			expect((await oho(t.http, 'POST', '/contact', body)).data.status_code).toBe(409);
		},
	);

	it('afterHandling hang: the Gofive message is stored though the client never hears back', async () => {
		t.sb.setKnobs({ faults: [{ match: { api: 'gofive' }, kind: 'hang', afterHandling: true }] });
		const hung = t.http.post('/v1/chat/message', validMessage(), {
			headers: { authorization: `Bearer ${DEMO.gofiveAccessToken}` },
			timeout: 300,
		});
		expect(await errorCode(hung)).toBe('ECONNABORTED');
		expect(t.sb.state().gofiveMessages).toHaveLength(1);
	});
});

describe('latency', () => {
	it('fixed latency delays API answers (measured loosely)', async () => {
		t.sb.setKnobs({ latency: { fixedMs: 150 } });
		const start = Date.now();
		expect((await CALL.oho()).status).toBe(200);
		expect(Date.now() - start).toBeGreaterThanOrEqual(140);
	});

	it('jitter adds a random delay on top', async () => {
		t.sb.setKnobs({ latency: { fixedMs: 60, jitterMs: 100 } });
		const start = Date.now();
		await Promise.all([CALL.oho(), CALL.gofive(), CALL['gofive-token']()]);
		expect(Date.now() - start).toBeGreaterThanOrEqual(55);
	});

	it('does not delay inspection', async () => {
		t.sb.setKnobs({ latency: { fixedMs: 5000 } });
		const start = Date.now();
		await t.http.get('/__sandbox/health');
		expect(Date.now() - start).toBeLessThan(2500);
	});
});

describe('rate limit', () => {
	it('answers 429 with Retry-After and the Oho envelope once the burst is spent; other keys are not affected', async () => {
		t.sb.setKnobs({ rateLimit: { perSecond: 1, burst: 2 } });
		expect((await CALL.oho()).status).toBe(200);
		expect((await CALL.oho()).status).toBe(200);
		const limited = await CALL.oho();
		expect([limited.status, JSON.parse(limited.data)]).toEqual([
			429,
			{ ok: false, status_code: 429, message: 'Too many requests' },
		]);
		expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
		expect(Number.isInteger(Number(limited.headers['retry-after']))).toBe(true);
		expect(lastLogged()).toMatchObject({ status: 429 });
		expect(lastLogged().fault).toBeUndefined();
		const other = contactPath(
			'facebook',
			DEMO.otherBusiness.facebook.platformId,
			DEMO.otherBusiness.facebook.userIds[0],
		);
		expect((await oho(t.http, 'GET', other, undefined, DEMO.ohoOtherBusinessKey)).status).toBe(200);
	});

	it('a limited request changes nothing', async () => {
		t.sb.setKnobs({ rateLimit: { perSecond: 0.1, burst: 1 } });
		await CALL.oho();
		const res = await oho(t.http, 'POST', '/contact', validContact());
		expect([res.status, res.headers['retry-after']]).toEqual([429, '10']);
		expect(t.sb.state().contacts).toHaveLength(8);
	});

	it('refills over time', async () => {
		t.sb.setKnobs({ rateLimit: { perSecond: 5, burst: 1 } });
		expect((await CALL.oho()).status).toBe(200);
		expect((await CALL.oho()).status).toBe(429);
		await sleep(300);
		expect((await CALL.oho()).status).toBe(200);
	});

	it('counts per bearer token on Gofive and per client id on the token endpoint, with their own bodies', async () => {
		t.sb.setKnobs({ rateLimit: { perSecond: 0.5, burst: 1 } });
		expect((await CALL.gofive()).status).toBe(201);
		const g = await CALL.gofive();
		expect([g.status, JSON.parse(g.data)]).toEqual([
			429,
			ERROR_BODY.gofive(429, 'Too many requests'),
		]);
		expect((await CALL['gofive-token']()).status).toBe(200);
		const tk = await CALL['gofive-token']();
		expect([tk.status, JSON.parse(tk.data)]).toEqual([
			429,
			ERROR_BODY['gofive-token'](429, 'Too many requests'),
		]);
		const other = await sendMessage(t.http, validMessage(), 'some-unknown-token');
		expect(other.status).toBe(401); // a different token has its own bucket
	});

	it('null turns it off', async () => {
		t.sb.setKnobs({ rateLimit: { perSecond: 0.1, burst: 1 } });
		await CALL.oho();
		t.sb.setKnobs({ rateLimit: null });
		expect((await CALL.oho()).status).toBe(200);
	});
});

describe('setKnobs', () => {
	it('merges: latency, webhookDelivery and readings fields merge, arrays replace', () => {
		t.sb.setKnobs({
			latency: { fixedMs: 10 },
			faults: [{ kind: 500 }, { kind: 502 }],
			webhookDelivery: { duplicates: 2 },
			readings: { closeChatMethod: 'GET' },
		});
		t.sb.setKnobs({
			latency: { jitterMs: 5 },
			faults: [{ kind: 503 }],
			webhookDelivery: { malformed: true },
			readings: { gofiveStatusBlock: false },
		});
		expect(t.sb.knobs()).toEqual({
			latency: { fixedMs: 10, jitterMs: 5 },
			rateLimit: null,
			faults: [{ kind: 503 }],
			gofiveTokenTtlSeconds: 3600,
			gofiveRequireSubscriptionKey: false,
			gofiveCustomerContact: 'contacts',
			gofiveCustomerUpdate: 'keep',
			webhookDelivery: { duplicates: 2, delayMs: 0, malformed: true, wrongSecret: false },
			readings: {
				closeChatMethod: 'GET',
				lineBasicIdNonLine: 'optional',
				gofiveStatusBlock: false,
				gofiveOtherValues: false,
			},
		});
	});

	it.each([
		[{ latency: { fixedMs: -1 } }, /latency.fixedMs/],
		[{ latency: { delay: 1 } }, /latency.delay/],
		[{ rateLimit: { perSecond: 0 } }, /rateLimit.perSecond/],
		[{ rateLimit: { perSecond: 1, burst: 0 } }, /rateLimit.burst/],
		[{ faults: {} }, /faults must be an array/],
		[{ gofiveCustomerContact: 'both' }, /gofiveCustomerContact must be 'contacts' or 'contact'/],
		[{ gofiveCustomerUpdate: 'merge' }, /gofiveCustomerUpdate must be 'keep' or 'clear'/],
		[{ faults: [{}] }, /needs a kind or a sequence/],
		[{ faults: [{ kind: 418 }] }, /kind must be one of/],
		[{ faults: [{ kind: 500, probability: 2 }] }, /probability/],
		[{ faults: [{ sequence: ['boom'] }] }, /sequence\[0\]/],
		[{ faults: [{ kind: 500, match: { api: 'crm' } }] }, /match.api/],
		[{ faults: [{ kind: 500, match: { path: '/(/' } }] }, /invalid path regex/],
		[{ faults: [{ kind: 500, when: 'now' }] }, /faults\[0\].when/],
		[{ readings: { closeChatMethod: 'PUT' } }, /readings.closeChatMethod/],
		[{ readings: { lineBasicIdNonLine: 'never' } }, /readings.lineBasicIdNonLine/],
		[{ readings: { gofiveStatusBlock: 'no' } }, /readings.gofiveStatusBlock/],
		[{ readings: { other: true } }, /readings.other is not a reading/],
		[{ gofiveTokenTtlSeconds: -1 }, /gofiveTokenTtlSeconds/],
		[{ gofiveRequireSubscriptionKey: 'yes' }, /gofiveRequireSubscriptionKey/],
		[{ speed: 'fast' }, /speed is not a knob/],
	])('rejects %j', (patch, message) => {
		const before = t.sb.knobs();
		expect(() => t.sb.setKnobs(patch as never)).toThrow(message);
		expect(t.sb.knobs()).toEqual(before);
	});

	it('startSandbox rejects invalid knobs', async () => {
		await expect(
			startSandbox({ knobs: { latency: { fixedMs: -5, jitterMs: 0 } } }),
		).rejects.toThrow(/latency.fixedMs/);
	});
});

describe('reset', () => {
	it('returns state to the seed, knobs to the start options and clears the log', async () => {
		const sb = await startSandbox({
			knobs: { latency: { fixedMs: 1, jitterMs: 0 }, gofiveTokenTtlSeconds: 60 },
		});
		try {
			const start = sb.knobs();
			const headers = { 'x-oho-api-key': DEMO.ohoApiKey, 'content-type': 'application/json' };
			await fetch(`${sb.url}/contact`, {
				method: 'POST',
				headers,
				body: JSON.stringify(validContact()),
			});
			await fetch(`${sb.url}${seeded}`, {
				method: 'PATCH',
				headers,
				body: JSON.stringify({ first_name: 'Changed' }),
			});
			sb.setKnobs({
				latency: { fixedMs: 0 },
				faults: [{ kind: 500 }],
				rateLimit: { perSecond: 1 },
			});
			expect(sb.state().contacts).toHaveLength(9);
			sb.reset();
			expect(sb.state().contacts).toHaveLength(8);
			expect(sb.getContact('line', LINE.platformId, LINE.userIds[0])?.first_name).toBe('Somchai');
			expect(sb.knobs()).toEqual(start);
			expect(sb.knobs().latency.fixedMs).toBe(1);
			expect(sb.requests()).toEqual([]);
		} finally {
			await sb.close();
		}
	});

	it('drops issued tokens and resets the count', async () => {
		const token = (await requestToken(t.http)).data.access_token;
		t.sb.reset();
		expect(t.sb.state().tokensIssued).toBe(0);
		expect((await sendMessage(t.http, validMessage(), token)).status).toBe(401);
	});
});

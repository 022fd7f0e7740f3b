/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
import axios from 'axios';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startSandbox, type Sandbox } from '../index';
import {
	chatPath,
	contactPath,
	DEMO,
	LINE,
	oho,
	RAW,
	requestToken,
	sendMessage,
	sleep,
	tokenForm,
	validContact,
	validMessage,
} from '../../test/helpers/sandboxHttp';
import { useSandbox } from '../../test/helpers/sandbox';

const t = useSandbox();
/** Inspection writes carry JSON (the sandbox refuses a write a web page could send without asking). */
const JSON_WRITE = { headers: { 'content-type': 'application/json' } };
const seeded = contactPath('line', LINE.platformId, LINE.userIds[0]);

describe('HTTP inspection under /__sandbox/', () => {
	it('GET health', async () => {
		const res = await t.http.get('/__sandbox/health');
		expect(res.status).toBe(200);
		expect(res.data).toMatchObject({ ok: true, url: t.sb.url });
	});

	it('GET requests (filterable), DELETE requests; inspection calls are not logged', async () => {
		await oho(t.http, 'GET', seeded);
		await oho(t.http, 'POST', '/contact', validContact());
		await sendMessage(t.http, validMessage());
		await t.http.get('/__sandbox/state');
		const all = (await t.http.get('/__sandbox/requests')).data;
		expect(
			all.map((r: { method: string; api: string; status: number }) => [r.api, r.method, r.status]),
		).toEqual([
			['oho', 'GET', 200],
			['oho', 'POST', 201],
			['gofive', 'POST', 201],
		]);
		expect(all.map((r: { seq: number }) => r.seq)).toEqual(
			[1, 2, 3].map((n) => all[0].seq + n - 1),
		);
		expect(
			(await t.http.get('/__sandbox/requests', { params: { api: 'oho', method: 'post' } })).data,
		).toHaveLength(1);
		expect(
			(await t.http.get('/__sandbox/requests', { params: { path: '/contact/line/' } })).data,
		).toHaveLength(1);
		expect(t.sb.requests({ api: 'gofive' })[0].body).toEqual(validMessage());
		expect((await t.http.delete('/__sandbox/requests', JSON_WRITE)).status).toBe(200);
		expect((await t.http.get('/__sandbox/requests')).data).toEqual([]);
		expect(t.sb.requests()).toEqual([]);
	});

	it('records bodies as parsed JSON, a form object, or the raw string; unknown paths as api other', async () => {
		await oho(t.http, 'POST', '/contact', '{"broken":', null, {
			...RAW,
			headers: { 'content-type': 'application/json' },
		});
		await requestToken(t.http, 'grant_type=client_credentials&client_id=c1');
		await t.http.post('/elsewhere', 'plain words', {
			...RAW,
			headers: { 'content-type': 'text/plain' },
		});
		expect(t.sb.requests().map((r) => [r.api, r.body])).toEqual([
			['oho', '{"broken":'],
			['gofive-token', { grant_type: 'client_credentials', client_id: 'c1' }],
			['other', 'plain words'],
		]);
	});

	it('GET state', async () => {
		const state = (await t.http.get('/__sandbox/state')).data;
		expect(state.contacts).toHaveLength(8);
		expect(state.rooms).toHaveLength(8);
		expect(state.gofiveMessages).toEqual([]);
		expect(state.tokensIssued).toBe(0);
		expect(state.gofiveRooms.map((r: { roomId: string }) => r.roomId)).toContain(DEMO.gofiveRoomId);
		expect(state.platforms[`line:${LINE.platformId}`]).toBe('demo');
	});

	it('POST reset', async () => {
		await oho(t.http, 'PATCH', seeded, { first_name: 'Changed' });
		t.sb.setKnobs({ faults: [{ kind: 500, match: { api: 'oho' } }] });
		expect((await t.http.post('/__sandbox/reset', {})).data).toEqual({ ok: true });
		expect(t.sb.getContact('line', LINE.platformId, LINE.userIds[0])?.first_name).toBe('Somchai');
		expect(t.sb.knobs().faults).toEqual([]);
	});

	it('GET and PATCH knobs (JSON merge), 400 on an invalid patch', async () => {
		expect((await t.http.get('/__sandbox/knobs')).data).toEqual(t.sb.knobs());
		await t.http.patch('/__sandbox/knobs', { latency: { fixedMs: 5 } });
		const res = await t.http.patch('/__sandbox/knobs', {
			latency: { jitterMs: 2 },
			rateLimit: { perSecond: 100 },
		});
		expect(res.status).toBe(200);
		expect(res.data).toMatchObject({
			latency: { fixedMs: 5, jitterMs: 2 },
			rateLimit: { perSecond: 100 },
		});
		expect((await t.http.patch('/__sandbox/knobs', { rateLimit: null })).data.rateLimit).toBeNull();
		const bad = await t.http.patch('/__sandbox/knobs', { faults: [{ kind: 'explode' }] });
		expect(bad.status).toBe(400);
		expect(bad.data.error).toMatch(/faults\[0\].kind/);
		const notJson = await t.http.patch('/__sandbox/knobs', '{', {
			...RAW,
			headers: { 'content-type': 'application/json' },
		});
		expect(notJson.status).toBe(400);
	});

	it('PATCH knobs with a fault sequence drives the API', async () => {
		await t.http.patch('/__sandbox/knobs', {
			faults: [{ match: { api: 'oho', path: '/request-agent$/' }, sequence: [503] }],
		});
		const path = chatPath('line', LINE.platformId, LINE.userIds[0], 'request-agent');
		expect((await oho(t.http, 'POST', path)).status).toBe(503);
		expect((await oho(t.http, 'POST', path)).status).toBe(200);
	});

	it('POST gofive/expire-tokens', async () => {
		const token = (await requestToken(t.http)).data.access_token;
		const res = await t.http.post('/__sandbox/gofive/expire-tokens', {});
		expect(res.data).toMatchObject({ ok: true });
		expect((await sendMessage(t.http, validMessage(), token)).status).toBe(401);
	});

	it('PUT room-state', async () => {
		const body = {
			platform: 'line',
			platformId: LINE.platformId,
			userId: LINE.userIds[0],
			state: 'agent_active',
		};
		const res = await t.http.put('/__sandbox/room-state', body);
		expect([res.status, res.data.state]).toEqual([200, 'agent_active']);
		expect(
			(await oho(t.http, 'POST', chatPath('line', LINE.platformId, LINE.userIds[0], 'close-chat')))
				.status,
		).toBe(200);
		expect((await t.http.put('/__sandbox/room-state', { ...body, state: 'sleeping' })).status).toBe(
			400,
		);
		expect((await t.http.put('/__sandbox/room-state', { ...body, userId: 'Unobody' })).status).toBe(
			404,
		);
	});

	it('404 for an unknown inspection path, 405 for a wrong method', async () => {
		expect((await t.http.get('/__sandbox/nothing')).status).toBe(404);
		const res = await t.http.post('/__sandbox/state', {});
		expect([res.status, res.headers.allow]).toEqual([405, 'GET']);
	});
});

describe('inspection writes need application/json (a web page cannot send one without asking)', () => {
	it.each([
		['a form', 'application/x-www-form-urlencoded'],
		['text', 'text/plain'],
		['no body at all', undefined],
	])('POST reset as %s is refused with 415 and changes nothing', async (_name, contentType) => {
		t.sb.setKnobs({ faults: [{ kind: 500, match: { api: 'oho' } }] });
		const res = await t.http.post('/__sandbox/reset', contentType ? 'x=1' : undefined, {
			...RAW,
			headers: contentType ? { 'content-type': contentType } : {},
		});

		expect(res.status).toBe(415);
		expect(t.sb.knobs().faults).toHaveLength(1);
	});

	it('every other write is refused the same way; reads need nothing', async () => {
		const writes: Array<[string, string]> = [
			['DELETE', '/__sandbox/requests'],
			['PATCH', '/__sandbox/knobs'],
			['POST', '/__sandbox/gofive/expire-tokens'],
			['PUT', '/__sandbox/room-state'],
			['PUT', '/__sandbox/webhooks'],
			['DELETE', '/__sandbox/webhooks'],
		];
		for (const [method, url] of writes) {
			const res = await t.http.request({
				method,
				url,
				data: '{}',
				...RAW,
				headers: { 'content-type': 'text/plain' },
			});
			expect([method, url, res.status]).toEqual([method, url, 415]);
		}
		expect((await t.http.get('/__sandbox/state')).status).toBe(200);
		expect(
			(
				await t.http.post(
					'/__sandbox/reset',
					{},
					{ headers: { 'content-type': 'application/json; charset=utf-8' } },
				)
			).status,
		).toBe(200);
	});
});

describe('API keys are looked up in a Map', () => {
	it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
		'the key "%s" is no business’s: 401',
		async (key) => {
			const res = await oho(t.http, 'GET', seeded, undefined, key);
			expect([res.status, res.data.status_code]).toEqual([401, 401]);
		},
	);
});

describe('masking: the request log never holds a full secret', () => {
	it('a secret after an escaped quote in text that is not JSON is masked whole', async () => {
		const secret = 'abc\\"Escaped-Tail-Secret-99';
		const text = `{"client_secret": "${secret}", broken`;
		await t.http.post('/authorization/connect/token', text, {
			...RAW,
			headers: { 'content-type': 'text/plain' },
		});

		const [logged] = t.sb.requests({ api: 'gofive-token' });
		expect(logged.body).not.toContain('Escaped-Tail-Secret-99');
		expect(logged.body).toBe('{"client_secret": "abc\\***", broken');
	});

	it('text that is JSON is masked by key', async () => {
		const inText = { nestedValue: 'json-in-text-Secret-1', inline: 'inline-Secret-2' };
		const text = JSON.stringify({
			nested: { api_key: inText.nestedValue },
			note: `token=${inText.inline}`,
		});
		await t.http.post('/authorization/connect/token', text, {
			...RAW,
			headers: { 'content-type': 'text/plain' },
		});

		const logged = JSON.stringify(t.sb.requests({ api: 'gofive-token' }));
		expect(logged).not.toMatch(/Secret-1|Secret-2/);
	});

	it('a long adversarial text (400k characters of secret-looking names, no value) is logged as it is, in one pass', async () => {
		// A pattern that tries every "token" against the rest of the text takes 80,000 × 400,000 steps and does not
		// finish; the scan reads each character once, so the request is logged and answered.
		const text = 'token'.repeat(80_000) + ' '.repeat(100) + 'x';
		await t.http.post('/authorization/connect/token', text, {
			...RAW,
			headers: { 'content-type': 'text/plain' },
		});

		const [logged] = t.sb.requests({ api: 'gofive-token' });
		expect(logged.body).toBe(text);
	});

	const SECRETS = [
		DEMO.ohoApiKey,
		DEMO.ohoOtherBusinessKey,
		DEMO.gofiveAccessToken,
		DEMO.gofiveClientSecret,
		DEMO.gofiveSubscriptionKey,
	];

	it('masks keys, tokens, subscription keys, client secrets (form, JSON, Basic) and issued tokens', async () => {
		await oho(t.http, 'GET', seeded);
		await oho(t.http, 'GET', seeded, undefined, DEMO.ohoOtherBusinessKey);
		const issued = (
			await requestToken(t.http, tokenForm(), {
				'ocp-apim-subscription-key': DEMO.gofiveSubscriptionKey,
			})
		).data.access_token as string;
		await sendMessage(t.http, validMessage(), issued);
		await sendMessage(t.http, validMessage());
		await requestToken(t.http, 'grant_type=client_credentials', {
			authorization: `Basic ${Buffer.from(`${DEMO.gofiveClientId}:${DEMO.gofiveClientSecret}`).toString('base64')}`,
		});
		await t.http.post('/authorization/connect/token', {
			client_secret: DEMO.gofiveClientSecret,
			access_token: issued,
		});
		await t.http.post('/authorization/connect/token', `client_secret=${DEMO.gofiveClientSecret}`, {
			...RAW,
			headers: { 'content-type': 'text/plain' },
		});

		const logged = JSON.stringify(t.sb.requests());
		const overHttp = (await t.http.get('/__sandbox/requests', { responseType: 'text' }))
			.data as string;
		const basicCreds = Buffer.from(`${DEMO.gofiveClientId}:${DEMO.gofiveClientSecret}`).toString(
			'base64',
		);
		for (const secret of [...SECRETS, issued, basicCreds]) {
			expect(logged).not.toContain(secret);
			expect(overHttp).not.toContain(secret);
		}
		const reqs = t.sb.requests();
		expect(reqs[0].headers['x-oho-api-key']).toBe('oho-***');
		expect(reqs[2].headers['ocp-apim-subscription-key']).toMatch(/^\w{1,4}\*\*\*$/);
		expect((reqs[2].body as Record<string, string>).client_secret).toMatch(/^\w{1,4}\*\*\*$/);
		expect(reqs[4].headers.authorization).toBe('Bearer gofi***');
		expect(reqs[5].headers.authorization).toMatch(/^Basic \S{1,4}\*\*\*$/);
		expect(reqs[7].body).toMatch(/^client_secret=\w{1,4}\*\*\*$/);
	});

	it('state and knobs hold no secret', async () => {
		const issued = (await requestToken(t.http)).data.access_token as string;
		await sendMessage(t.http, validMessage(), issued);
		await sendMessage(t.http, validMessage());
		const text = JSON.stringify([t.sb.state(), t.sb.knobs()]);
		for (const secret of [...SECRETS, issued]) expect(text).not.toContain(secret);
	});
});

describe('request log ring buffer', () => {
	it('keeps the newest requestLogLimit entries', async () => {
		const sb = await startSandbox({ requestLogLimit: 3 });
		try {
			for (let i = 0; i < 5; i++) await fetch(`${sb.url}/x${i}`);
			expect(sb.requests().map((r) => [r.seq, r.path])).toEqual([
				[3, '/x2'],
				[4, '/x3'],
				[5, '/x4'],
			]);
		} finally {
			await sb.close();
		}
	});
});

describe('seed and data file', () => {
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'sandbox-data-'));
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	async function withSandbox(
		file: string,
		run: (sb: Sandbox, http: ReturnType<typeof axios.create>) => Promise<void>,
	): Promise<void> {
		const sb = await startSandbox({ dataFile: file });
		try {
			await run(sb, axios.create({ baseURL: sb.url, validateStatus: () => true }));
		} finally {
			await sb.close();
		}
	}

	it('seed: false starts empty', async () => {
		const sb = await startSandbox({ seed: false });
		try {
			expect(sb.state()).toMatchObject({ contacts: [], rooms: [], gofiveRooms: [] });
			const res = await fetch(sb.url + seeded, { headers: { 'x-oho-api-key': DEMO.ohoApiKey } });
			expect(res.status).toBe(404);
		} finally {
			await sb.close();
		}
	});

	it('keeps contacts, room states, ownership and messages across a restart', async () => {
		const file = join(dir, 'sandbox.json');
		const body = validContact();
		const uid = (body.social_profile as { id: string }).id;
		await withSandbox(file, async (_sb, http) => {
			expect((await oho(http, 'POST', '/contact', body)).status).toBe(201);
			expect(
				(await oho(http, 'POST', chatPath('line', LINE.platformId, uid, 'request-agent'))).status,
			).toBe(200);
			expect((await oho(http, 'PATCH', seeded, { tags: ['kept'] })).status).toBe(200);
			expect((await sendMessage(http, validMessage({ content: 'persisted' }))).status).toBe(201);
		});
		expect(existsSync(file)).toBe(true);
		await withSandbox(file, async (sb, http) => {
			expect(sb.getContact('line', LINE.platformId, uid)).toBeDefined();
			expect(sb.getContact('line', LINE.platformId, LINE.userIds[0])?.tags).toEqual(['kept']);
			expect(sb.state().gofiveMessages.map((m) => m.content)).toEqual(['persisted']);
			expect(
				(await oho(http, 'POST', chatPath('line', LINE.platformId, uid, 'request-agent'))).status,
			).toBe(409);
			sb.reset();
			expect(sb.getContact('line', LINE.platformId, uid)).toBeUndefined();
		});
		await withSandbox(file, async (sb) => {
			expect(sb.getContact('line', LINE.platformId, uid)).toBeUndefined(); // the reset was saved too
		});
	});

	it('saves on change (debounced) while running', async () => {
		const file = join(dir, 'live.json');
		await withSandbox(file, async (_sb, http) => {
			await oho(http, 'PATCH', seeded, { first_name: 'Saved' });
			const saved = () => existsSync(file) && readFileSync(file, 'utf8').includes('Saved');
			for (let i = 0; i < 50 && !saved(); i++) await sleep(50);
			expect(saved()).toBe(true);
		});
	});

	it('rejects a file that is not sandbox data', async () => {
		const file = join(dir, 'bad.json');
		writeFileSync(file, '{"hello": "world"}');
		await expect(startSandbox({ dataFile: file })).rejects.toThrow(
			/not a version 1 sandbox data file/,
		);
	});
});

describe('close', () => {
	it.each([
		['hung connections', { faults: [{ kind: 'hang' as const }] }],
		['requests waiting on latency', { latency: { fixedMs: 60000, jitterMs: 0 } }],
	])('ends %s', async (_n, knobs) => {
		const sb = await startSandbox({ knobs });
		const pending = fetch(`${sb.url}/contact`).then(
			() => 'answered',
			() => 'connection ended',
		);
		while (sb.requests().length === 0) await sleep(10);
		await sb.close();
		expect(await pending).toBe('connection ended');
	});
});

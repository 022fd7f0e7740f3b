/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * The sandbox's Oho customer-profile webhook: registered through the sandbox-only endpoint, sent after a create or
 * an update through the API in the documented payload, and each knob (duplicates, delay, malformed, wrong secret).
 */
import { randomBytes } from 'crypto';
import { createServer, type IncomingHttpHeaders } from 'http';
import type { AddressInfo } from 'net';

import { contactPath, LINE, oho, validContact } from '../../test/helpers/sandboxHttp';
import { useSandbox } from '../../test/helpers/sandbox';

interface Received {
	headers: IncomingHttpHeaders;
	body: string;
}

const t = useSandbox();
let received: Received[];
let receiverUrl: string;
let closeReceiver: () => Promise<void>;

beforeAll(async () => {
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"message":"Workflow was started"}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/oho`;
	closeReceiver = async () => await new Promise<void>((resolve) => server.close(() => resolve()));
});
afterAll(async () => await closeReceiver());
beforeEach(() => {
	received = [];
});

interface StoredTag {
	_id: string;
	keyword: string;
}
interface Payload {
	event_code: string;
	updated_field?: string[];
	contact: {
		_id: string;
		age: string;
		social_profile: Record<string, string>;
		contact_tags: StoredTag[];
		chat_tags: StoredTag[];
	};
}

const payloads = () => received.map((delivery) => JSON.parse(delivery.body) as Payload);
const SECRET = randomBytes(16).toString('hex');

async function createTagged(
	tags: string[],
): Promise<{ social_profile: Record<string, string>; first_name: string }> {
	const body = validContact({ tags, labels: ['new'], age: 34 });
	expect((await oho(t.http, 'POST', '/contact', body)).status).toBe(201);
	return body as { social_profile: Record<string, string>; first_name: string };
}

describe('sandbox: Oho customer-profile webhook', () => {
	test('nothing is sent until a URL is registered', async () => {
		await createTagged(['vip']);
		await t.sb.settleWebhooks();
		expect(received).toHaveLength(0);
		expect(t.sb.webhookDeliveries()).toEqual([]);
	});

	test('a create sends "contact created" with the contact as Oho stores it; the LINE OA named by its channel ID', async () => {
		t.sb.registerWebhook({ url: receiverUrl, headers: { 'X-Oho-Webhook-Secret': SECRET } });
		const body = await createTagged(['vip', 'ลูกค้าประจำ']);
		await t.sb.settleWebhooks();

		expect(received).toHaveLength(1);
		expect(received[0].headers['content-type']).toBe('application/json');
		expect(received[0].headers['x-oho-webhook-secret']).toBe(SECRET);
		const [payload] = payloads();
		expect(Object.keys(payload)).toEqual(['event_code', 'contact']);
		expect(payload.event_code).toBe('contact created');
		expect(payload.contact.social_profile).toEqual({
			...body.social_profile,
			platform_id: LINE.channelId,
		});
		expect(payload.contact._id).toMatch(/^[0-9a-f]{24}$/);
		expect(payload.contact.age).toBe('34');
		expect(payload.contact.contact_tags.map((tag) => tag.keyword)).toEqual(['vip', 'ลูกค้าประจำ']);
		expect(payload.contact.contact_tags[0]).toEqual({
			_id: expect.stringMatching(/^[0-9a-f]{24}$/),
			keyword: 'vip',
		});
		expect(payload.contact.chat_tags.map((tag) => tag.keyword)).toEqual(['new']);
		expect(payload.contact).not.toHaveProperty('tags');
		expect(t.sb.webhookDeliveries()).toMatchObject([
			{ seq: 1, event: 'contact created', status: 200, duplicate: false },
		]);
	});

	test('an update sends "contact updated" with updated_field in stored names, only the fields that changed', async () => {
		const body = await createTagged(['vip']);
		t.sb.registerWebhook({ url: receiverUrl });
		const path = contactPath('line', LINE.platformId, body.social_profile.id);

		expect(
			(
				await oho(t.http, 'PATCH', path, {
					tags: ['vip', 'gold'],
					first_name: body.first_name,
					phone: '0812345678',
				})
			).status,
		).toBe(200);
		// The same values again change nothing: nothing is sent.
		expect((await oho(t.http, 'PATCH', path, { tags: ['vip', 'gold'] })).status).toBe(200);
		await t.sb.settleWebhooks();

		expect(payloads()).toEqual([
			expect.objectContaining({
				event_code: 'contact updated',
				updated_field: ['contact_tags', 'phone'],
			}),
		]);
		expect(payloads()[0].contact.contact_tags.map((tag) => tag.keyword)).toEqual(['vip', 'gold']);
	});

	test('knobs: duplicates, a delay, a body cut in half, wrong header values', async () => {
		t.sb.registerWebhook({ url: receiverUrl, headers: { 'X-Oho-Webhook-Secret': SECRET } });
		t.sb.setKnobs({ webhookDelivery: { duplicates: 2, delayMs: 150 } });
		const started = Date.now();
		await createTagged(['vip']);
		await t.sb.settleWebhooks();
		expect(Date.now() - started).toBeGreaterThanOrEqual(150);
		expect(received.map((delivery) => delivery.body)).toEqual(Array(3).fill(received[0].body));
		expect(t.sb.webhookDeliveries().map((delivery) => delivery.duplicate)).toEqual([
			false,
			true,
			true,
		]);

		received = [];
		t.sb.setKnobs({
			webhookDelivery: { duplicates: 0, delayMs: 0, malformed: true, wrongSecret: true },
		});
		await createTagged(['vip']);
		await t.sb.settleWebhooks();
		expect(() => JSON.parse(received[0].body)).toThrow();
		expect(received[0].headers['x-oho-webhook-secret']).not.toBe(SECRET);
		expect(t.sb.webhookDeliveries().at(-1)).toMatchObject({
			malformed: true,
			wrongSecret: true,
			status: 200,
		});
	});

	test('an unreachable URL is recorded with its error; reset forgets the registration', async () => {
		t.sb.registerWebhook({ url: 'http://127.0.0.1:9/webhook' });
		await createTagged(['vip']);
		await t.sb.settleWebhooks();
		expect(t.sb.webhookDeliveries()).toMatchObject([{ status: null, error: expect.any(String) }]);

		t.sb.reset();
		expect(t.sb.webhookRegistration()).toBeNull();
		expect(t.sb.webhookDeliveries()).toEqual([]);
	});

	test('the inspection endpoint registers, shows and removes the URL; a bad registration is refused', async () => {
		expect((await t.http.put('/__sandbox/webhooks', { url: 'ftp://x' })).status).toBe(400);
		expect(
			(await t.http.put('/__sandbox/webhooks', { url: receiverUrl, headers: { a: 1 } })).status,
		).toBe(400);
		expect(
			(
				await t.http.put('/__sandbox/webhooks', {
					url: receiverUrl,
					headers: { 'X-Secret': SECRET },
				})
			).data,
		).toEqual({ ok: true });
		await createTagged(['vip']);
		await t.sb.settleWebhooks();
		const shown = (await t.http.get('/__sandbox/webhooks')).data;
		// Header values are masked, like every secret the inspection endpoints show.
		expect(shown.registration).toEqual({
			url: receiverUrl,
			headers: { 'X-Secret': `${SECRET.slice(0, 4)}***` },
		});
		expect(shown.deliveries).toHaveLength(1);
		expect(
			(
				await t.http.delete('/__sandbox/webhooks', {
					headers: { 'content-type': 'application/json' },
				})
			).data,
		).toEqual({ ok: true });
		expect((await t.http.get('/__sandbox/webhooks')).data.registration).toBeNull();
	});

	test('knob values are checked', () => {
		expect(() => t.sb.setKnobs({ webhookDelivery: { duplicates: 11 } })).toThrow(
			'knobs.webhookDelivery.duplicates must be a whole number from 0 to 10',
		);
		expect(() => t.sb.setKnobs({ webhookDelivery: { late: true } as never })).toThrow(
			'knobs.webhookDelivery.late is not a webhook delivery field',
		);
	});
});

/**
 * Oho Trigger through n8n-core's WebhookContext behind a real HTTP server with n8n's body parsing and answers
 * (test/helpers/webhook.ts): each event, the filters, Header and Basic Auth accepted and refused, each bad body,
 * repeated deliveries, and what comes out. Each test checks the answer the sender got and the executions started.
 */
import { randomBytes } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { OhoTrigger } from '../../../nodes/OhoTrigger/OhoTrigger.node';
import { deliver } from '../../helpers/webhook';
import {
	created,
	notStarted,
	STARTED,
	storedContact,
	trigger,
	updated,
} from '../../helpers/ohoTrigger';

describe('Oho Trigger: events and output', () => {
	test('Contact Created starts one execution with the event, the identity as Oho Contact takes it and a readable contact', async () => {
		const { url, executions } = await trigger();

		expect(await deliver(url, created())).toEqual(STARTED);
		expect(executions).toHaveLength(1);
		const [item] = executions[0];
		expect(item).toMatchObject({
			event: 'created',
			changedFields: [],
			platform: 'line',
			platform_id: '2001234567',
			user_id: 'U38e365dddca4292c9cb1d8cf012aac87',
			contact_id: '6751a0c2f1d2e3a4b5c6d7e8',
		});
		const contact = item.contact as IDataObject;
		expect(contact.tags).toEqual(['vip', 'ลูกค้าประจำ']);
		expect(contact.labels).toEqual(['follow-up']);
		expect(contact.age).toBe(34);
		// The stored form stays beside the plain lists.
		expect(contact.contact_tags).toEqual(storedContact().contact_tags);
		expect(item).not.toHaveProperty('raw');
	});

	test('Contact Updated carries the changed fields Oho named', async () => {
		const { url, executions } = await trigger();

		expect(await deliver(url, updated(['contact_tags', 'phone']))).toEqual(STARTED);
		expect(executions[0][0]).toMatchObject({
			event: 'updated',
			changedFields: ['contact_tags', 'phone'],
		});
	});

	test('fields Oho adds that it does not document pass through untouched; Include Raw Payload adds the delivery as received', async () => {
		const { url, executions } = await trigger({ options: { includeRawPayload: true } });
		const body = {
			...updated(['email'], storedContact({ loyalty_level: { tier: 'gold' } })),
			delivered_at: '2026-12-01T10:00:00Z',
		};

		expect(await deliver(url, body)).toEqual(STARTED);
		const [item] = executions[0];
		expect(item.delivered_at).toBe('2026-12-01T10:00:00Z');
		expect((item.contact as IDataObject).loyalty_level).toEqual({ tier: 'gold' });
		expect(item.raw).toEqual(body);
	});

	test('a top-level field whose name the output already uses is kept under extraFields, never overwritten', async () => {
		const { url, executions } = await trigger();
		const body = {
			...updated(['email']),
			event: 'profile',
			platform: 'LINE OA',
			contact_id: 'C-9',
			batch: 7,
		};

		expect(await deliver(url, body)).toEqual(STARTED);
		expect(executions[0][0]).toMatchObject({
			event: 'updated',
			platform: 'line',
			contact_id: '6751a0c2f1d2e3a4b5c6d7e8',
			batch: 7,
			extraFields: { event: 'profile', platform: 'LINE OA', contact_id: 'C-9' },
		});
	});

	test('a created delivery that carries updated_field keeps it as changedFields', async () => {
		const { url, executions } = await trigger();

		expect(await deliver(url, { ...created(), updated_field: ['all'] })).toEqual(STARTED);
		expect(executions[0][0].changedFields).toEqual(['all']);
	});

	test('JSON sent as text/plain or with no content type is read like JSON', async () => {
		const { url, executions } = await trigger();
		const text = JSON.stringify(created());

		expect(await deliver(url, text, { 'content-type': 'text/plain' })).toEqual(STARTED);
		// A byte body: fetch sets no content type of its own.
		const untyped = await fetch(url, { method: 'POST', body: new TextEncoder().encode(text) });
		expect([untyped.status, await untyped.json()]).toEqual([STARTED.status, STARTED.body]);
		expect(executions.map((run) => run[0].user_id)).toEqual([
			'U38e365dddca4292c9cb1d8cf012aac87',
			'U38e365dddca4292c9cb1d8cf012aac87',
		]);
	});

	test('tags and labels are always lists: [] when Oho sends none, entries without a keyword left out', async () => {
		const { url, executions } = await trigger();

		await deliver(
			url,
			created(storedContact({ contact_tags: null, chat_tags: [{ _id: 'x' }, { keyword: 'vip' }] })),
		);
		const contact = executions[0][0].contact as IDataObject;
		expect([contact.tags, contact.labels]).toEqual([[], ['vip']]);
	});

	test('by default a contact of any platform starts the workflow, one Oho may add later too', async () => {
		const { url, executions } = await trigger();

		expect(
			await deliver(
				url,
				created(
					storedContact({ social_profile: { platform: 'tiktok', id: 'T1', platform_id: 'P1' } }),
				),
			),
		).toEqual(STARTED);
		expect(executions[0][0].platform).toBe('tiktok');
	});

	test('an age that is not a whole number stays as Oho sent it', async () => {
		const { url, executions } = await trigger();

		await deliver(url, created(storedContact({ age: 'unknown' })));
		expect((executions[0][0].contact as IDataObject).age).toBe('unknown');
	});
});

describe('Oho Trigger: filters', () => {
	test('an event that is not selected is answered 200 and starts nothing', async () => {
		const { url, executions } = await trigger({ events: ['created'] });

		expect(await deliver(url, updated(['phone']))).toEqual(
			notStarted("Contact Updated is not among this trigger's Events."),
		);
		expect(await deliver(url, created())).toEqual(STARTED);
		expect(executions.map((run) => run[0].event)).toEqual(['created']);
	});

	test('Changed Fields: only updates that changed a selected field start the workflow', async () => {
		const { url, executions } = await trigger({ changedFields: ['contact_tags'] });

		expect(await deliver(url, updated(['phone']))).toEqual(
			notStarted("none of the changed fields (phone) is among this trigger's Changed Fields."),
		);
		expect(await deliver(url, updated(undefined))).toEqual(
			notStarted(
				'the delivery does not say which fields changed (no updated_field), and this trigger waits for particular fields.',
			),
		);
		expect(await deliver(url, updated(['phone', 'contact_tags']))).toEqual(STARTED);
		// Created events are not filtered by changed fields.
		expect(await deliver(url, created())).toEqual(STARTED);
		expect(executions.map((run) => run[0].event)).toEqual(['updated', 'created']);
	});

	test('Platforms: a contact on another platform starts nothing', async () => {
		const { url, executions } = await trigger({ platforms: ['facebook'] });
		const facebook = storedContact({
			social_profile: {
				platform: 'facebook',
				id: '2837465',
				platform_id: '1099887766',
				platform_name: 'Page',
			},
		});

		expect(await deliver(url, created())).toEqual(
			notStarted('the contact\'s platform ("line") is not among this trigger\'s Platforms.'),
		);
		expect(await deliver(url, created(facebook))).toEqual(STARTED);
		expect(executions).toHaveLength(1);
		expect(executions[0][0]).toMatchObject({
			platform: 'facebook',
			platform_id: '1099887766',
			user_id: '2837465',
		});
	});

	test('Platforms: the platform is matched whatever its case', async () => {
		const { url, executions } = await trigger({ platforms: ['line'] });
		const upperCase = storedContact({
			social_profile: { platform: 'LINE', id: 'U1', platform_id: '2001234567' },
		});

		expect(await deliver(url, created(upperCase))).toEqual(STARTED);
		expect(executions[0][0].platform).toBe('LINE');
	});

	test('a selection left empty selects everything', async () => {
		const { url, executions } = await trigger({ events: [], platforms: [], changedFields: [] });

		expect(await deliver(url, updated(['phone']))).toEqual(STARTED);
		expect(executions).toHaveLength(1);
	});
});

describe('Oho Trigger: authentication', () => {
	const SECRET = randomBytes(16).toString('hex');
	const headerAuth = { ohoWebhookHeaderAuthApi: { name: 'X-Oho-Webhook-Secret', secret: SECRET } };

	test('Header Auth: a missing header is 401, a wrong one 403, neither starts anything nor echoes the secret', async () => {
		const { url, executions } = await trigger({ authentication: 'headerAuth' }, headerAuth);

		const missing = await deliver(url, created());
		const wrong = await deliver(url, created(), { 'X-Oho-Webhook-Secret': 'guess' });
		const right = await deliver(url, created(), { 'x-oho-webhook-secret': SECRET });

		expect(missing).toEqual({
			status: 401,
			body: {
				message:
					'Authorization is missing: this Oho Trigger expects the X-Oho-Webhook-Secret header.',
			},
		});
		expect(wrong).toEqual({
			status: 403,
			body: {
				message:
					'Authorization is wrong: the X-Oho-Webhook-Secret header does not carry the expected secret.',
			},
		});
		expect(right).toEqual(STARTED);
		expect(executions).toHaveLength(1);
		expect(JSON.stringify([missing, wrong, executions])).not.toContain(SECRET);
	});

	const PASSWORD = randomBytes(12).toString('base64');

	test('Basic Auth: missing is 401 with a Basic challenge, a wrong password 403, the right pair starts the workflow', async () => {
		const { url, executions } = await trigger(
			{ authentication: 'basicAuth' },
			{ ohoWebhookBasicAuthApi: { user: 'oho', password: PASSWORD } },
		);
		const basic = (user: string, password: string) => ({
			authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
		});

		const missing = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(created()),
		});
		expect(missing.status).toBe(401);
		expect(missing.headers.get('www-authenticate')).toBe('Basic realm="Oho Trigger"');
		expect(await deliver(url, created(), basic('oho', 'wrong-password'))).toEqual({
			status: 403,
			body: { message: 'Authorization is wrong: the user or password does not match.' },
		});
		expect(await deliver(url, created(), basic('someone', PASSWORD))).toMatchObject({
			status: 403,
		});
		expect(await deliver(url, created(), basic('oho', PASSWORD))).toEqual(STARTED);
		expect(executions).toHaveLength(1);
	});

	test('a credential without a secret refuses every delivery, an empty header too', async () => {
		const { url, executions } = await trigger(
			{ authentication: 'headerAuth' },
			{ ohoWebhookHeaderAuthApi: { name: 'X-Oho-Webhook-Secret', secret: '' } },
		);

		expect(await deliver(url, created(), { 'X-Oho-Webhook-Secret': '' })).toEqual({
			status: 401,
			body: {
				message:
					"Authorization cannot be checked: this Oho Trigger's credential has no usable secret (at least 16 characters). Open the credential and set one.",
			},
		});
		expect(executions).toHaveLength(0);
	});

	test('an authentication failure wins over a bad body: nothing about the body is told to an unknown sender', async () => {
		const { url } = await trigger({ authentication: 'headerAuth' }, headerAuth);

		expect(await deliver(url, 'not json', { 'content-type': 'text/plain' })).toMatchObject({
			status: 401,
		});
	});
});

describe('Oho Trigger: bodies that are not Oho deliveries', () => {
	const cases: Array<[string, unknown, Record<string, string>, number, string]> = [
		[
			'text that is not JSON',
			'hello',
			{ 'content-type': 'text/plain' },
			400,
			'The body is not a JSON object. Oho sends { "event_code": ..., "contact": { ... } }.',
		],
		[
			'a JSON array',
			[created()],
			{},
			400,
			'The body is not a JSON object. Oho sends { "event_code": ..., "contact": { ... } }.',
		],
		[
			'an empty object',
			{},
			{},
			400,
			'The body is not a JSON object. Oho sends { "event_code": ..., "contact": { ... } }.',
		],
		[
			'an unknown event_code',
			{ event_code: 'contact deleted', contact: storedContact() },
			{},
			400,
			'The body has the event_code "contact deleted"; Oho\'s events are "contact created" and "contact updated".',
		],
		[
			'no event_code',
			{ contact: storedContact() },
			{},
			400,
			'The body has no event_code; Oho\'s events are "contact created" and "contact updated".',
		],
		[
			'no contact',
			{ event_code: 'contact created' },
			{},
			400,
			'The "contact created" delivery has no contact object.',
		],
		[
			'an event_code that names an object property',
			{ event_code: 'constructor', contact: storedContact() },
			{},
			400,
			'The body has the event_code "constructor"; Oho\'s events are "contact created" and "contact updated".',
		],
		[
			'a contact that is not an object',
			{ event_code: 'contact updated', contact: 'U123' },
			{},
			400,
			'The "contact updated" delivery has no contact object.',
		],
		[
			'a contact that names nobody',
			{ event_code: 'contact created', contact: { display_name: 'Ton' } },
			{},
			400,
			'The "contact created" delivery\'s contact has neither an _id nor a social_profile.id: it names no contact.',
		],
	];

	test.each(cases)(
		'%s: answered with its status and message, nothing started',
		async (_name, body, headers, status, message) => {
			const { url, executions } = await trigger();

			expect(await deliver(url, body, headers)).toEqual({ status, body: { message } });
			expect(executions).toHaveLength(0);
		},
	);

	test('a body that claims JSON but is not is refused by n8n itself (422) before the trigger runs', async () => {
		const { url, executions } = await trigger();

		expect(await deliver(url, '{"event_code": "contact created", "contact": {')).toMatchObject({
			status: 422,
		});
		expect(executions).toHaveLength(0);
	});

	test('an oversize body is answered 413', async () => {
		const { url, executions } = await trigger();
		const huge = created(storedContact({ notes: 'x'.repeat(1024 * 1024) }));

		const answer = await deliver(url, huge);
		expect(answer.status).toBe(413);
		expect((answer.body as IDataObject).message).toMatch(
			/^The body has \d+ bytes; an Oho delivery has far fewer \(at most 1048576 are read\)\.$/,
		);
		expect(executions).toHaveLength(0);
	});

	test('Invalid Deliveries: Answer 200 and Ignore answers 200, says why, and starts nothing; an oversize body is still refused', async () => {
		const { url, executions } = await trigger({ options: { invalidDeliveries: 'ignore' } });

		expect(await deliver(url, { event_code: 'contact deleted', contact: {} })).toEqual(
			notStarted(
				'not an Oho delivery. The body has the event_code "contact deleted"; Oho\'s events are "contact created" and "contact updated".',
			),
		);
		expect(
			(await deliver(url, created(storedContact({ notes: 'x'.repeat(1024 * 1024) })))).status,
		).toBe(413);
		expect(executions).toHaveLength(0);
	});
});

describe('Oho Trigger: repeated deliveries', () => {
	test('off by default: the same delivery twice starts two executions', async () => {
		const { url, executions } = await trigger();

		await deliver(url, updated(['contact_tags']));
		await deliver(url, updated(['contact_tags']));
		expect(executions).toHaveLength(2);
	});

	test('with a window: the same delivery again (keys in another order) starts nothing; different content starts again', async () => {
		const { url, executions } = await trigger({ options: { repeatWindowSeconds: 60 } });
		const first = updated(['contact_tags']);
		const reordered = Object.fromEntries(Object.entries(first).reverse());

		expect(await deliver(url, first)).toEqual(STARTED);
		expect(await deliver(url, reordered)).toEqual(
			notStarted('the same delivery arrived within the last 60 seconds.'),
		);
		expect(
			await deliver(url, updated(['contact_tags'], storedContact({ contact_tags: [] }))),
		).toEqual(STARTED);
		expect(await deliver(url, created())).toEqual(STARTED);
		expect(executions.map((run) => run[0].event)).toEqual(['updated', 'updated', 'created']);
	});

	test('after the window the same delivery starts the workflow again', async () => {
		const { url, executions } = await trigger({ options: { repeatWindowSeconds: 1 } });
		const body = created(storedContact({ customer_id: 'C-window' }));

		await deliver(url, body);
		await deliver(url, body);
		await sleep(1100);
		await deliver(url, body);
		expect(executions).toHaveLength(2);
	});
});

describe('Oho Trigger: credential tests (nothing is contacted)', () => {
	const test_ = new OhoTrigger().methods.credentialTest.ohoWebhookSecret;
	const run = async (type: string, data: IDataObject) =>
		await test_.call({} as never, { id: 'x', name: 'x', type, data } as never);

	test('a header secret that can be used passes; a bad header name, a reserved header or a short secret fail', async () => {
		expect(
			await run('ohoWebhookHeaderAuthApi', {
				name: 'X-Oho-Webhook-Secret',
				secret: 'a'.repeat(16),
			}),
		).toMatchObject({ status: 'OK' });
		expect(await run('ohoWebhookHeaderAuthApi', { name: 'X Oho', secret: 'a'.repeat(16) })).toEqual(
			{
				status: 'Error',
				message:
					'Cannot be used: "X Oho" is not a valid header name (letters, digits and - only, no spaces).',
			},
		);
		expect(
			(await run('ohoWebhookHeaderAuthApi', { name: 'Authorization', secret: 'a'.repeat(16) }))
				.message,
		).toContain('a header HTTP uses for itself');
		expect(
			(await run('ohoWebhookHeaderAuthApi', { name: 'X-Secret', secret: 'short' })).message,
		).toContain('at least 16 characters');
	});

	test('Basic Auth: a user with ":" or a short password fails', async () => {
		expect(
			await run('ohoWebhookBasicAuthApi', { user: 'oho', password: 'p'.repeat(16) }),
		).toMatchObject({ status: 'OK' });
		expect(
			(await run('ohoWebhookBasicAuthApi', { user: 'a:b', password: 'p'.repeat(16) })).message,
		).toContain('must not contain ":"');
		expect(
			(await run('ohoWebhookBasicAuthApi', { user: 'oho', password: 'short' })).message,
		).toContain('at least 16 characters');
	});
});

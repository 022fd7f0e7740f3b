/**
 * Deliveries built to break the Oho Trigger (through n8n-core's WebhookContext behind test/helpers/webhook.ts): each
 * is answered with a 4xx that says why, or starts the workflow with a clean item; none answers 500 or lets an
 * unchecked delivery in.
 */
import { randomBytes } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import type { Delivery } from '../../../nodes/OhoTrigger/helpers/delivery';
import { isRepeat, MAX_REMEMBERED_PER_TRIGGER } from '../../../nodes/OhoTrigger/helpers/repeats';
import { deliver } from '../../helpers/webhook';
import { created, notStarted, STARTED, storedContact, trigger } from '../../helpers/ohoTrigger';

const SECRET = randomBytes(16).toString('hex');

/** `levels` arrays, one inside the other, as JSON text (JSON.stringify would need as many stack frames). */
const nestedArrays = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('Oho Trigger: nesting', () => {
	test('150,000 nested arrays (300 KB) are answered 400, with the repeat memory on, and start nothing', async () => {
		const { url, executions } = await trigger({ options: { repeatWindowSeconds: 60 } });
		const body = `{"event_code":"contact created","contact":{"_id":"6751a0c2f1d2e3a4b5c6d7e8","notes":${nestedArrays(150_000)}}}`;

		expect(await deliver(url, body)).toEqual({
			status: 400,
			body: {
				message: 'The body nests deeper than 64 levels; an Oho delivery is a few levels deep.',
			},
		});
		expect(executions).toHaveLength(0);
	});

	test('64 levels are read; 65 are refused', async () => {
		const { url, executions } = await trigger();
		// The body is level 1 and the contact level 2: the notes' arrays take the levels after them.
		const withNotes = (levels: number) =>
			`{"event_code":"contact created","contact":{"_id":"6751a0c2f1d2e3a4b5c6d7e8","notes":${nestedArrays(levels)}}}`;

		expect(await deliver(url, withNotes(62))).toEqual(STARTED);
		expect((await deliver(url, withNotes(63))).status).toBe(400);
		expect(executions).toHaveLength(1);
	});
});

describe('Oho Trigger: authentication that cannot be checked', () => {
	test('an Authentication value the node does not know (a typo in imported JSON) refuses, it does not let everything in', async () => {
		const { url, executions } = await trigger(
			{ authentication: 'headerauth' },
			{ ohoWebhookHeaderAuthApi: { name: 'X-Oho-Webhook-Secret', secret: SECRET } },
		);

		expect(await deliver(url, created(), { 'X-Oho-Webhook-Secret': SECRET })).toEqual({
			status: 401,
			body: {
				message:
					"Authorization cannot be checked: this Oho Trigger's Authentication is not one it knows. Open the node and choose one.",
			},
		});
		expect(executions).toHaveLength(0);
	});

	test.each([
		[
			'Header Auth',
			'headerAuth',
			{ ohoWebhookHeaderAuthApi: { name: 'X-Oho-Webhook-Secret', secret: 'fifteen-chars!!' } },
			{ 'X-Oho-Webhook-Secret': 'fifteen-chars!!' },
		],
		[
			'Basic Auth',
			'basicAuth',
			{ ohoWebhookBasicAuthApi: { user: 'oho', password: 'fifteen-chars!!' } },
			{ authorization: `Basic ${Buffer.from('oho:fifteen-chars!!').toString('base64')}` },
		],
	])(
		'%s: a secret of 15 characters refuses even the delivery that carries it',
		async (_name, authentication, credentials, headers) => {
			const { url, executions } = await trigger({ authentication }, credentials);

			expect(await deliver(url, created(), headers)).toEqual({
				status: 401,
				body: {
					message:
						"Authorization cannot be checked: this Oho Trigger's credential has no usable secret (at least 16 characters). Open the credential and set one.",
				},
			});
			expect(executions).toHaveLength(0);
		},
	);

	test('a header named like an object property ("constructor") is a header like any other: 401 without it, 403 wrong, started right', async () => {
		const { url, executions } = await trigger(
			{ authentication: 'headerAuth' },
			{ ohoWebhookHeaderAuthApi: { name: 'constructor', secret: SECRET } },
		);

		expect(await deliver(url, created())).toEqual({
			status: 401,
			body: {
				message: 'Authorization is missing: this Oho Trigger expects the constructor header.',
			},
		});
		expect((await deliver(url, created(), { constructor: 'guess' })).status).toBe(403);
		expect(await deliver(url, created(), { constructor: SECRET })).toEqual(STARTED);
		expect(executions).toHaveLength(1);
	});
});

describe('Oho Trigger: size without a raw body or content-length', () => {
	/** A chunked POST: the sender declares no content-length. */
	async function deliverChunked(
		url: string,
		text: string,
	): Promise<{ status: number; body: IDataObject }> {
		const bytes = new TextEncoder().encode(text);
		const stream = new ReadableStream<Uint8Array>({
			start(controller) {
				for (let offset = 0; offset < bytes.length; offset += 64 * 1024)
					controller.enqueue(bytes.subarray(offset, offset + 64 * 1024));
				controller.close();
			},
		});
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: stream,
			duplex: 'half',
		} as RequestInit);
		return { status: response.status, body: (await response.json()) as IDataObject };
	}

	test('a 5 MB chunked body, with n8n keeping no raw body, is answered 413', async () => {
		const { url, executions } = await trigger({}, {}, { rawBody: false });

		const answer = await deliverChunked(
			url,
			JSON.stringify(created(storedContact({ notes: 'x'.repeat(5 * 1024 * 1024) }))),
		);
		expect(answer).toEqual({
			status: 413,
			body: {
				message:
					'The body has more than 1048576 bytes; an Oho delivery has far fewer (at most 1048576 are read).',
			},
		});
		expect(executions).toHaveLength(0);
	});

	test('the same way, a delivery of normal size starts the workflow', async () => {
		const { url, executions } = await trigger({}, {}, { rawBody: false });

		expect(await deliverChunked(url, JSON.stringify(created()))).toEqual(STARTED);
		expect(executions).toHaveLength(1);
	});
});

describe('Oho Trigger: prototype keys', () => {
	test('__proto__, constructor and prototype keys are dropped at every level, raw payload included', async () => {
		const { url, executions } = await trigger({ options: { includeRawPayload: true } });
		const contact = JSON.stringify(storedContact()).replace(
			/^\{/,
			'{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}},"prototype":"p","social_extra":{"__proto__":{"y":2},"kept":1},',
		);
		const body = `{"__proto__":{"polluted":true},"event_code":"contact created","contact":${contact},"batch":{"constructor":"c","kept":2}}`;

		expect(await deliver(url, body)).toEqual(STARTED);
		const [item] = executions[0];
		const ownKeysEverywhere: string[] = [];
		const walk = (value: unknown) => {
			if (typeof value !== 'object' || value === null) return;
			for (const key of Object.keys(value)) ownKeysEverywhere.push(key);
			Object.values(value).forEach(walk);
		};
		walk(item);
		expect(
			ownKeysEverywhere.filter((key) => ['__proto__', 'constructor', 'prototype'].includes(key)),
		).toEqual([]);
		expect(JSON.stringify(item)).not.toMatch(/isAdmin|polluted|"y":2/);
		expect((item.contact as IDataObject).social_extra).toEqual({ kept: 1 });
		expect(item.batch).toEqual({ kept: 2 });
		expect(Object.getPrototypeOf(item.contact)).toBe(Object.prototype);
	});
});

describe('Oho Trigger: the repeat memory is each trigger’s own', () => {
	test('another trigger’s flood of distinct deliveries does not make this trigger forget its own', async () => {
		const { url, executions } = await trigger({ options: { repeatWindowSeconds: 60 } });
		const body = created(storedContact({ customer_id: 'C-flood' }));

		expect(await deliver(url, body)).toEqual(STARTED);
		// Another workflow's trigger, receiving more distinct deliveries than one trigger remembers.
		for (let index = 0; index <= MAX_REMEMBERED_PER_TRIGGER; index++) {
			const flood: Delivery = {
				event: 'created',
				changedFields: [],
				contact: { _id: `flood-${index}` },
				body: {},
			};
			isRepeat('another-workflow\nanother-node\nwebhook', flood, 60);
		}
		expect(await deliver(url, body)).toEqual(
			notStarted('the same delivery arrived within the last 60 seconds.'),
		);
		expect(executions).toHaveLength(1);
	});

	test('one trigger’s own memory is bounded: past the bound its oldest delivery is forgotten', () => {
		const delivery = (id: string): Delivery => ({
			event: 'created',
			changedFields: [],
			contact: { _id: id },
			body: {},
		});
		const own = 'bounded-workflow\nnode\nwebhook';
		const now = 1_000_000;

		expect(isRepeat(own, delivery('first'), 60, now)).toBe(false);
		for (let index = 0; index < MAX_REMEMBERED_PER_TRIGGER; index++)
			isRepeat(own, delivery(`other-${index}`), 60, now);
		expect(isRepeat(own, delivery(`other-${MAX_REMEMBERED_PER_TRIGGER - 1}`), 60, now)).toBe(true);
		expect(isRepeat(own, delivery('first'), 60, now)).toBe(false);
	});
});

/**
 * Send Message is not idempotent (Gofive has no idempotency key): it is sent again only after an answer that says
 * Gofive did not act on it, a 429, or a 503 that is Gofive's own answer or carries a Retry-After. A gateway's 503
 * page without either can come after Gofive stored the message; then the item is reported as an unclear attempt
 * (`unclearAttempt: true`, the description says the message may already be posted) and nothing is resent.
 * The server here is scripted: it stores nothing, so what counts is how many POSTs reached it and what came out.
 */
import type { IDataObject } from 'n8n-workflow';

import { DEMO } from '../../sandbox';
import { jsonOf } from '../helpers/n8n';
import { accessToken, runSendMessage } from '../helpers/gofive';
import { contactPath, FAST_RETRIES, newLineContact, params, runOne } from '../helpers/ohoContact';
import type { EchoedRequest, ScriptedReply } from '../helpers/scriptedServer';
import { startScriptedServer } from '../helpers/scriptedServer';
import { useSandbox } from '../helpers/sandbox';

const ref = useSandbox();

const POSTED: ScriptedReply = {
	status: 201,
	body: {
		status: { code: '1000', description: 'Success' },
		data: { id: 'message-1', roomId: DEMO.gofiveRoomId, content: 'Hello' },
	},
};
const gatewayPage = (status: number, headers: Record<string, string> = {}): ScriptedReply => ({
	status,
	body: undefined,
	text: `<html><head><title>${status}</title></head><body><h1>${status} Service Unavailable</h1></body></html>`,
	headers,
});

/** Sends one message through a server answering `replies` in turn; the POSTs it got and the item that came out. */
async function send(replies: ScriptedReply[]): Promise<{ posts: number; item: IDataObject }> {
	const gofive = await startScriptedServer(replies);
	try {
		const result = await runSendMessage(
			ref.sb,
			{
				roomId: DEMO.gofiveRoomId,
				content: 'Hello',
				type: 'message',
				platform: 'line',
				companyId: DEMO.gofiveCompanyId,
				options: { ...FAST_RETRIES, maxRetries: 3 },
			},
			{
				credential: accessToken(ref.sb, { baseUrl: gofive.url }),
				onError: 'continueRegularOutput',
			},
		);
		const items = jsonOf(result);
		expect(items).toHaveLength(1);
		return {
			posts: gofive.requests.filter((request) => request.startsWith('POST ')).length,
			item: items[0],
		};
	} finally {
		await gofive.close();
	}
}

const MAY_BE_POSTED = /Gofive may have posted it already/;

describe('Send Message: resent only when Gofive did not act', () => {
	test("a gateway's HTML 503 without Retry-After: one POST, the item flagged as an unclear attempt", async () => {
		const { posts, item } = await send([gatewayPage(503), POSTED]);

		expect(posts).toBe(1);
		expect(item.error).toMatchObject({
			message: 'The Gofive API answered HTTP 503 with a body that is not JSON',
			httpCode: '503',
			unclearAttempt: true,
		});
		expect((item.error as IDataObject).description).toMatch(MAY_BE_POSTED);
	});

	test("a 503 with Gofive's JSON status is resent (Gofive said it did not act)", async () => {
		const unavailable: ScriptedReply = {
			status: 503,
			body: { status: { code: '5003', description: 'Service unavailable' } },
		};
		const { posts, item } = await send([unavailable, POSTED]);

		expect(posts).toBe(2);
		expect(item).toMatchObject({ id: 'message-1' });
	});

	test('a 503 page with a Retry-After is resent', async () => {
		const { posts, item } = await send([gatewayPage(503, { 'retry-after': '0' }), POSTED]);

		expect(posts).toBe(2);
		expect(item).toMatchObject({ id: 'message-1' });
	});

	test('a 429 is resent, even as a page without Retry-After', async () => {
		const { posts, item } = await send([gatewayPage(429), POSTED]);

		expect(posts).toBe(2);
		expect(item).toMatchObject({ id: 'message-1' });
	});

	test.each([502, 504])(
		"a gateway's HTML %s: one POST, flagged, and the error keeps the “may already be posted” hint",
		async (status) => {
			const { posts, item } = await send([gatewayPage(status), POSTED]);

			expect(posts).toBe(1);
			expect(item.error).toMatchObject({ httpCode: String(status), unclearAttempt: true });
			expect((item.error as IDataObject).description).toMatch(MAY_BE_POSTED);
		},
	);

	test("a 503 that is not Gofive's JSON (a gateway's JSON) and has no Retry-After: one POST, flagged", async () => {
		const { posts, item } = await send([
			{ status: 503, body: { statusCode: 503, message: 'Service Unavailable' } },
			POSTED,
		]);

		expect(posts).toBe(1);
		expect(item.error).toMatchObject({ httpCode: '503', unclearAttempt: true });
		expect((item.error as IDataObject).description).toMatch(MAY_BE_POSTED);
	});

	test('a 400 (Gofive refused the message) is not flagged: nothing was posted', async () => {
		const { posts, item } = await send([
			{ status: 400, body: { status: { code: '4001', description: 'roomId is closed' } } },
		]);

		expect(posts).toBe(1);
		expect(item.error).not.toHaveProperty('unclearAttempt');
	});
});

describe('Oho Create: a bare 503 is resent (a 409 then answers), and counts as an attempt Oho may have acted on', () => {
	test("a gateway's HTML 503 after Oho stored the contact: the resend's 409 is read back and reported as created", async () => {
		let posted: IDataObject = {};
		const oho = await startScriptedServer([
			{
				...gatewayPage(503),
				body: (request: EchoedRequest) => void (posted = JSON.parse(request.body) as IDataObject),
			},
			{ status: 409, body: { ok: false, status_code: 409, message: 'The contact already exists' } },
			{
				status: 200,
				body: () => ({ ok: true, status_code: 200, message: 'Found contact', data: posted }),
			},
		]);
		try {
			const contact = newLineContact();
			const output = await runOne(ref.sb, params('create', contact), { baseUrl: oho.url });

			expect(oho.requests).toEqual([
				'POST /contact',
				'POST /contact',
				`GET ${contactPath(contact)}`,
			]);
			expect(output).toMatchObject({
				operation: 'created',
				message:
					"Created contact successfully (an earlier attempt met a gateway's HTTP 503; the stored contact holds what was sent)",
			});
		} finally {
			await oho.close();
		}
	});
});

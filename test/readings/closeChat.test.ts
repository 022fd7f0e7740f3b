/**
 * Close Chat's method, an OPEN point (docs/api/oho.md § "Close chat method"): the method line says POST, the curl
 * example GET. Under the first reading one POST closes the chat; under the other (the sandbox's readings knob) POST
 * meets a framework's bare 404, the item is sent once more with GET, and the run keeps GET for its other items.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { OhoChat } from '../../nodes/OhoChat/OhoChat.node';
import { DEMO } from '../../sandbox';
import type { RunNodeResult } from '../helpers/n8n';
import { jsonOf, runNode } from '../helpers/n8n';
import { FAST_RETRIES } from '../helpers/ohoContact';
import { ohoCalls, useSandbox } from '../helpers/sandbox';
import { startScriptedServer } from '../helpers/scriptedServer';

const ref = useSandbox();

const LINE = DEMO.line;
/** Seeded: Suda's room has an agent in session, Anan's has an agent requested, Somchai's is with the bot. */
const SUDA = LINE.userIds[1];
const ANAN = LINE.userIds[2];
const SOMCHAI = LINE.userIds[0];

const closePath = (userId: string) =>
	`/chat/line/${encodeURIComponent(LINE.platformId)}/user/${encodeURIComponent(userId)}/close-chat`;
const roomState = (userId: string) =>
	ref.sb.state().rooms.find((room) => room.platform === 'line' && room.user_id === userId)?.state;

async function closeChats(
	userIds: string[],
	options: IDataObject = {},
	baseUrl = ref.sb.url,
): Promise<RunNodeResult> {
	return await runNode({
		node: new OhoChat(),
		parameters: {
			resource: 'chat',
			operation: 'closeChat',
			platform: 'line',
			platformId: LINE.platformId,
			userId: '={{ $json.userId }}',
			options: { ...FAST_RETRIES, parallelRequests: 1, ...options },
		} as INodeParameters,
		credentials: { ohoApi: { apiKey: DEMO.ohoApiKey, baseUrl } },
		items: userIds.map((userId) => ({ userId })),
		onError: 'continueRegularOutput',
	});
}

describe("Close Chat under the method line's reading (POST)", () => {
	test('one POST closes the chat; the item carries no warning', async () => {
		const result = await closeChats([SUDA]);

		expect(ohoCalls(ref.sb)).toEqual([`POST ${closePath(SUDA)}`]);
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({
				operation: 'closeChat',
				changed: true,
				message: 'Chat room session has been closed',
			}),
		]);
		expect(jsonOf(result)[0]).not.toHaveProperty('warnings');
		expect(roomState(SUDA)).toBe('bot');
		expect(result.hints).toEqual([]);
	});

	test("Oho's own 404 (no chat room) is an answer: no GET follows, the item fails with Oho's message", async () => {
		const result = await closeChats(['U0000000000000000000000000000dead']);

		expect(ohoCalls(ref.sb)).toEqual([`POST ${closePath('U0000000000000000000000000000dead')}`]);
		expect(jsonOf(result)).toEqual([
			{
				error: expect.objectContaining({
					message: 'Oho: Not found chat room (HTTP 404)',
					httpCode: '404',
				}),
			},
		]);
	});

	test('a 405 for POST (a server with the route for GET only) is followed by one GET, which closes the chat', async () => {
		const server = await startScriptedServer([
			{ status: 405, body: { ok: false, status_code: 405, message: 'Method not allowed' } },
			{
				status: 200,
				body: { ok: true, status_code: 200, message: 'Chat room session has been closed' },
			},
		]);
		try {
			const result = await closeChats([SUDA], {}, server.url);

			expect(server.requests).toEqual([`POST ${closePath(SUDA)}`, `GET ${closePath(SUDA)}`]);
			expect(jsonOf(result)).toEqual([
				expect.objectContaining({
					changed: true,
					message: 'Chat room session has been closed',
					warnings: [
						expect.objectContaining({
							field: 'method',
							value: 'GET',
							problem: expect.stringMatching(
								/^Oho answered POST with HTTP 405 \(Method not allowed\)/,
							),
						}),
					],
				}),
			]);
		} finally {
			await server.close();
		}
	});
});

describe("Close Chat under the curl example's reading (GET)", () => {
	beforeEach(() => ref.sb.setKnobs({ readings: { closeChatMethod: 'GET' } }));

	test('POST meets a bare 404, the item is sent once with GET, closes the chat and says so', async () => {
		const result = await closeChats([SUDA]);

		expect(ohoCalls(ref.sb)).toEqual([`POST ${closePath(SUDA)}`, `GET ${closePath(SUDA)}`]);
		expect(roomState(SUDA)).toBe('bot');
		const [output] = jsonOf(result);
		expect(output).toEqual(
			expect.objectContaining({
				operation: 'closeChat',
				ok: true,
				changed: true,
				message: 'Chat room session has been closed',
			}),
		);
		expect(output.warnings).toEqual([
			{
				field: 'method',
				value: 'GET',
				problem: expect.stringMatching(
					/^Oho answered POST with HTTP 404 \(Cannot POST \/chat\/line\/.*\), a route it does not have, so this item was sent again with GET\. .*GET for the rest of this run\.$/,
				),
			},
		]);
		expect(result.hints.map((hint) => hint.message)).toEqual([
			'1 warning on 1 of 1 item (method): each item lists its own under "warnings".',
		]);
	});

	test('the run keeps GET: the next items are sent with GET only, each saying so', async () => {
		const result = await closeChats([SUDA, ANAN, SOMCHAI]);

		expect(ohoCalls(ref.sb)).toEqual([
			`POST ${closePath(SUDA)}`,
			`GET ${closePath(SUDA)}`,
			`GET ${closePath(ANAN)}`,
			`GET ${closePath(SOMCHAI)}`,
		]);
		const outputs = jsonOf(result);
		expect(outputs.map((output) => [output.changed, output.message])).toEqual([
			[true, 'Chat room session has been closed'],
			[true, 'Chat room session has been closed'],
			[false, 'The chat room was already with the chat bot (no agent session): no change'],
		]);
		expect(outputs.slice(1).map((output) => (output.warnings as IDataObject[])[0].problem)).toEqual(
			[
				expect.stringMatching(
					/^An earlier item of this run found that Oho closes chats with GET, not POST/,
				),
				expect.stringMatching(
					/^An earlier item of this run found that Oho closes chats with GET, not POST/,
				),
			],
		);
	});

	test('the next run starts from POST again (the reading is kept per run, not in the process)', async () => {
		await closeChats([SUDA]);
		ref.sb.clearRequests();
		await closeChats([ANAN]);

		expect(ohoCalls(ref.sb)).toEqual([`POST ${closePath(ANAN)}`, `GET ${closePath(ANAN)}`]);
	});

	test("Oho's own 404 answered to GET fails the item with Oho's message, after one POST and one GET", async () => {
		const result = await closeChats(['U0000000000000000000000000000dead']);

		expect(ohoCalls(ref.sb)).toHaveLength(2);
		expect(jsonOf(result)).toEqual([
			{
				error: expect.objectContaining({
					message: 'Oho: Not found chat room (HTTP 404)',
					httpCode: '404',
				}),
			},
		]);
	});
});

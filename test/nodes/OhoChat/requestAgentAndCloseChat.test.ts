/**
 * Oho Chat through n8n-core's WorkflowExecute against the sandbox: Request Agent and Close Chat, every status
 * Oho documents for them (200, 401, 404, 409: a success without change unless Fail If Nothing Changes),
 * validation, retries, parallel items and continue on fail. Each test checks what reached the sandbox and what came out.
 */
import type {
	IDataObject,
	INodeParameters,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { OhoChat } from '../../../nodes/OhoChat/OhoChat.node';
import type { Sandbox } from '../../../sandbox';
import { DEMO } from '../../../sandbox';
import type { OnError, RunNodeResult } from '../../helpers/n8n';
import { jsonOf, runNode, subtitleOf } from '../../helpers/n8n';
import { FAST_RETRIES, pairedItems, stopError } from '../../helpers/ohoContact';
import { ohoCalls, ohoRequests, useSandbox } from '../../helpers/sandbox';

const ref = useSandbox();

const LINE = DEMO.line;
type Operation = 'requestAgent' | 'closeChat';
interface Customer {
	platform: string;
	platformId: string;
	userId: string;
}

/** Seeded rooms: Somchai's is with the bot, Suda's has an agent in session, Anan's has an agent requested. */
const BOT_ROOM: Customer = {
	platform: 'line',
	platformId: LINE.platformId,
	userId: LINE.userIds[0],
};
const AGENT_ACTIVE_ROOM: Customer = {
	platform: 'line',
	platformId: LINE.platformId,
	userId: LINE.userIds[1],
};
const AGENT_REQUESTED_ROOM: Customer = {
	platform: 'line',
	platformId: LINE.platformId,
	userId: LINE.userIds[2],
};
const FACEBOOK_BOT_ROOM: Customer = {
	platform: 'facebook',
	platformId: DEMO.facebook.platformId,
	userId: DEMO.facebook.userIds[0],
};
const INSTAGRAM_BOT_ROOM: Customer = {
	platform: 'instagram',
	platformId: DEMO.instagram.platformId,
	userId: DEMO.instagram.userIds[0],
};

const ENDPOINT: Record<Operation, string> = {
	requestAgent: 'request-agent',
	closeChat: 'close-chat',
};

function chatPath(operation: Operation, { platform, platformId, userId }: Customer): string {
	return `/chat/${platform}/${encodeURIComponent(platformId)}/user/${encodeURIComponent(userId)}/${ENDPOINT[operation]}`;
}

function params(
	operation: Operation,
	customer: Partial<Customer>,
	options: IDataObject = {},
): INodeParameters {
	return {
		resource: 'chat',
		operation,
		...customer,
		options: { ...FAST_RETRIES, ...options },
	} as INodeParameters;
}

async function runChat(
	parameters: INodeParameters,
	run: { items?: IDataObject[]; onError?: OnError; apiKey?: string } = {},
): Promise<RunNodeResult> {
	return await runNode({
		node: new OhoChat(),
		parameters,
		credentials: { ohoApi: { apiKey: run.apiKey ?? DEMO.ohoApiKey, baseUrl: ref.sb.url } },
		items: run.items,
		onError: run.onError,
	});
}

async function runOne(parameters: INodeParameters): Promise<IDataObject> {
	const result = await runChat(parameters);
	expect(result.error?.message).toBeUndefined();
	expect(jsonOf(result)).toHaveLength(1);
	return jsonOf(result)[0];
}

function roomState(sb: Sandbox, { platform, platformId, userId }: Customer): string | undefined {
	return sb
		.state()
		.rooms.find(
			(room) =>
				room.platform === platform && room.platform_id === platformId && room.user_id === userId,
		)?.state;
}

describe('Oho Chat: Request Agent', () => {
	test('hands a bot chat to a human agent with one POST carrying the API key, and says so', async () => {
		const output = await runOne(params('requestAgent', BOT_ROOM));

		expect(output).toEqual({
			operation: 'requestAgent',
			ok: true,
			changed: true,
			alreadyInState: false,
			message: 'Agent has been requested for the chat room',
			platform: 'line',
			platform_id: LINE.platformId,
			user_id: LINE.userIds[0],
		});
		expect(ohoCalls(ref.sb)).toEqual([`POST ${chatPath('requestAgent', BOT_ROOM)}`]);
		const [request] = ohoRequests(ref.sb);
		expect(request.headers['x-oho-api-key']).toBe('oho-***');
		expect(request.status).toBe(200);
		expect(roomState(ref.sb, BOT_ROOM)).toBe('agent_requested');
	});

	test.each([
		['facebook', FACEBOOK_BOT_ROOM],
		['instagram', INSTAGRAM_BOT_ROOM],
	])('works for a %s chat by its own platform ID and user ID', async (platform, customer) => {
		const output = await runOne(params('requestAgent', customer));

		expect(output).toMatchObject({
			ok: true,
			platform,
			platform_id: customer.platformId,
			user_id: customer.userId,
		});
		expect(ohoCalls(ref.sb)).toEqual([`POST ${chatPath('requestAgent', customer)}`]);
		expect(roomState(ref.sb, customer)).toBe('agent_requested');
	});

	test("accepts the LINE provider's channel ID as Platform ID and reports the ID it was given", async () => {
		const byChannel = { ...BOT_ROOM, platformId: LINE.channelId };
		const output = await runOne(params('requestAgent', byChannel));

		expect(output).toMatchObject({ ok: true, platform_id: LINE.channelId });
		expect(ohoCalls(ref.sb)).toEqual([`POST ${chatPath('requestAgent', byChannel)}`]);
		expect(roomState(ref.sb, BOT_ROOM)).toBe('agent_requested');
	});

	test.each([
		['an agent requested', AGENT_REQUESTED_ROOM],
		['an agent in session', AGENT_ACTIVE_ROOM],
	])(
		'a chat that already has %s is a success that says no change was made (Oho’s 409)',
		async (_state, customer) => {
			const output = await runOne(params('requestAgent', customer));

			expect(output).toEqual({
				operation: 'requestAgent',
				ok: true,
				changed: false,
				alreadyInState: true,
				message:
					'The chat room was already handed to a human agent (requested or in session): no change',
				platform: 'line',
				platform_id: customer.platformId,
				user_id: customer.userId,
			});
			// 409 is an answer, not a fault: sent once, never retried.
			expect(ohoRequests(ref.sb).map((request) => request.status)).toEqual([409]);
		},
	);

	test('running Request Agent again, as while building a workflow, passes both times; the second changes nothing', async () => {
		const first = await runOne(params('requestAgent', BOT_ROOM));
		const again = await runOne(params('requestAgent', BOT_ROOM));

		expect([first.changed, again.changed]).toEqual([true, false]);
		expect(again.message).toBe(
			'The chat room was already handed to a human agent (requested or in session): no change',
		);
		expect(ohoRequests(ref.sb).map((request) => request.status)).toEqual([200, 409]);
		expect(roomState(ref.sb, BOT_ROOM)).toBe('agent_requested');
	});

	test('with Fail If Nothing Changes a second request stops the node with Oho’s 409 and a hint naming the option', async () => {
		await runOne(params('requestAgent', BOT_ROOM));
		const error = stopError(
			await runChat(params('requestAgent', BOT_ROOM, { failIfUnchanged: true })),
		);

		expect(error.message).toBe('Oho: Chat room cannot be changed to agent requested (HTTP 409)');
		expect(error.httpCode).toBe('409');
		expect(error.description).toBe(
			'The chat is already with a human agent (requested or in session). The item failed because Options > Fail If Nothing Changes is on; without it, this counts as success with changed: false.',
		);
		expect(ohoRequests(ref.sb).map((request) => request.status)).toEqual([200, 409]);
	});

	test('Fail If Nothing Changes still lets a real change pass', async () => {
		const output = await runOne(params('requestAgent', BOT_ROOM, { failIfUnchanged: true }));

		expect(output).toMatchObject({
			ok: true,
			changed: true,
			message: 'Agent has been requested for the chat room',
		});
	});

	test('Fail If Nothing Changes is on once added to Options, and its label fits the editor', () => {
		const options = new OhoChat().description.properties.find(
			(property) => property.name === 'options',
		);
		const option = (options?.options as INodeProperties[]).find(
			(field) => field.name === 'failIfUnchanged',
		);

		expect(option).toMatchObject({
			displayName: 'Fail If Nothing Changes',
			type: 'boolean',
			default: true,
		});
		expect(option!.displayName.length).toBeLessThanOrEqual(25);
	});

	test.each([true, false])(
		'a workflow saved with the earlier option (treatConflictAsSuccess: %s) runs: n8n drops it, and a 409 is a success without change',
		async (saved) => {
			const output = await runOne(
				params('requestAgent', AGENT_ACTIVE_ROOM, { treatConflictAsSuccess: saved }),
			);

			expect(output).toMatchObject({ ok: true, changed: false, alreadyInState: true });
		},
	);

	test('an unknown chat room stops the node with Oho’s 404 message and a hint about the identity fields', async () => {
		const error = stopError(
			await runChat(params('requestAgent', { ...BOT_ROOM, userId: 'Unobody' })),
		);

		expect(error.message).toBe('Oho: Not found chat room (HTTP 404)');
		expect(error.httpCode).toBe('404');
		expect(error.description).toContain('no chat room for this Platform, Platform ID and User ID');
		expect(ohoRequests(ref.sb)).toHaveLength(1);
	});

	test('a 404 is never a success, with or without the option', async () => {
		const error = stopError(
			await runChat(params('requestAgent', { ...BOT_ROOM, userId: 'Unobody' })),
		);

		expect(error.httpCode).toBe('404');
	});

	test('a wrong API key stops the node with Oho’s 401 message and changes nothing', async () => {
		const error = stopError(
			await runChat(params('requestAgent', BOT_ROOM), { apiKey: 'oho-wrong-key' }),
		);

		expect(error.message).toBe('Oho: You do not have valid permission (HTTP 401)');
		expect(error.httpCode).toBe('401');
		expect(error.description).toBe('Check the API key in the Oho API credential.');
		// The Oho key cannot change: one request, not n8n's default resend after a 401.
		expect(ohoRequests(ref.sb).map((request) => request.status)).toEqual([401]);
		expect(roomState(ref.sb, BOT_ROOM)).toBe('bot');
	});

	test('a key of another business gets Oho’s 403', async () => {
		const other = DEMO.otherBusiness.facebook;
		const error = stopError(
			await runChat(
				params('requestAgent', {
					platform: 'facebook',
					platformId: other.platformId,
					userId: other.userIds[0],
				}),
			),
		);

		expect(error.message).toBe('Oho: Invalid partner for this API key (HTTP 403)');
		expect(error.httpCode).toBe('403');
	});

	test('Include Raw API Response adds Oho’s envelope under rawResponse', async () => {
		const output = await runOne(params('requestAgent', BOT_ROOM, { includeRawResponse: true }));

		expect(output.rawResponse).toEqual({
			ok: true,
			status_code: 200,
			message: 'Agent has been requested for the chat room',
		});
	});
});

describe('Oho Chat: Close Chat', () => {
	test.each([
		['in session', AGENT_ACTIVE_ROOM],
		['requested', AGENT_REQUESTED_ROOM],
	])(
		'ends an agent session (%s) with one POST; the bot has the chat again',
		async (_state, customer) => {
			const output = await runOne(params('closeChat', customer));

			expect(output).toEqual({
				operation: 'closeChat',
				ok: true,
				changed: true,
				alreadyInState: false,
				message: 'Chat room session has been closed',
				platform: 'line',
				platform_id: customer.platformId,
				user_id: customer.userId,
			});
			expect(ohoCalls(ref.sb)).toEqual([`POST ${chatPath('closeChat', customer)}`]);
			expect(roomState(ref.sb, customer)).toBe('bot');
		},
	);

	test('closing a chat the bot already has is a success that says no change was made (Oho’s 409)', async () => {
		const output = await runOne(params('closeChat', BOT_ROOM));

		expect(output).toMatchObject({
			operation: 'closeChat',
			ok: true,
			changed: false,
			alreadyInState: true,
			message: 'The chat room was already with the chat bot (no agent session): no change',
		});
		expect(ohoRequests(ref.sb).map((request) => request.status)).toEqual([409]);
	});

	test('with Fail If Nothing Changes closing a bot chat stops the node with Oho’s 409', async () => {
		const error = stopError(
			await runChat(params('closeChat', BOT_ROOM, { failIfUnchanged: true })),
		);

		expect(error.message).toBe('Oho: Chat room session cannot be closed (HTTP 409)');
		expect(error.httpCode).toBe('409');
		expect(error.description).toContain('no agent session to close');
		expect(error.description).toContain('Fail If Nothing Changes');
		expect(ohoRequests(ref.sb)).toHaveLength(1);
	});

	test('an unknown chat room gets Oho’s 404', async () => {
		const error = stopError(await runChat(params('closeChat', { ...BOT_ROOM, userId: 'Unobody' })));

		expect(error.message).toBe('Oho: Not found chat room (HTTP 404)');
	});

	test('a wrong API key gets Oho’s 401', async () => {
		const error = stopError(
			await runChat(params('closeChat', AGENT_ACTIVE_ROOM), { apiKey: 'oho-wrong-key' }),
		);

		expect(error.message).toBe('Oho: You do not have valid permission (HTTP 401)');
		expect(roomState(ref.sb, AGENT_ACTIVE_ROOM)).toBe('agent_active');
	});

	test('hand-off round trip: request an agent, then close the session', async () => {
		await runOne(params('requestAgent', BOT_ROOM));
		expect(roomState(ref.sb, BOT_ROOM)).toBe('agent_requested');
		await runOne(params('closeChat', BOT_ROOM));

		expect(roomState(ref.sb, BOT_ROOM)).toBe('bot');
		expect(ohoCalls(ref.sb)).toEqual([
			`POST ${chatPath('requestAgent', BOT_ROOM)}`,
			`POST ${chatPath('closeChat', BOT_ROOM)}`,
		]);
	});
});

describe('Oho Chat: validation', () => {
	test.each([
		// Spaces count as empty, and this credential holds no account to take the Platform ID from.
		[
			'a Platform ID of only spaces',
			{ platformId: '   ' },
			'Invalid input: Platform ID (platformId) is empty, and the Oho API credential has no LINE Bot User ID',
		],
		[
			'a User ID over 40 characters',
			{ userId: `U${'a'.repeat(40)}` },
			'Invalid input: User ID (userId) must be at most 40 characters',
		],
		[
			'an unknown platform',
			{ platform: 'twitter' },
			'Invalid input: Platform (platform) must be one of: line, facebook, instagram',
		],
	])('%s stops the node before anything is sent', async (_case, change, message) => {
		const error = stopError(await runChat(params('requestAgent', { ...BOT_ROOM, ...change })));

		expect(error.message).toContain(message);
		expect(error.description).toContain('Nothing was sent for this item.');
		expect(ohoRequests(ref.sb)).toHaveLength(0);
	});
});

describe('Oho Chat: retries', () => {
	test('a 502 is retried and the retry succeeds', async () => {
		ref.sb.setKnobs({
			faults: [{ match: { api: 'oho', path: 'request-agent' }, sequence: [502, 'pass'] }],
		});
		const output = await runOne(params('requestAgent', BOT_ROOM));

		expect(output).toMatchObject({
			ok: true,
			alreadyInState: false,
			message: 'Agent has been requested for the chat room',
		});
		expect(ohoRequests(ref.sb).map((request) => request.status)).toEqual([502, 200]);
	});

	test('a 503 with Retry-After is retried', async () => {
		ref.sb.setKnobs({
			faults: [{ match: { api: 'oho', path: 'close-chat' }, sequence: [503, 'pass'] }],
		});
		const output = await runOne(params('closeChat', AGENT_ACTIVE_ROOM));

		expect(output.ok).toBe(true);
		expect(ohoRequests(ref.sb).map((request) => request.status)).toEqual([503, 200]);
	});

	test('Max Retries bounds the attempts; then the node stops with the last answer', async () => {
		ref.sb.setKnobs({ faults: [{ match: { api: 'oho', path: 'request-agent' }, kind: 502 }] });
		const error = stopError(await runChat(params('requestAgent', BOT_ROOM, { maxRetries: 2 })));

		expect(error.httpCode).toBe('502');
		expect(ohoRequests(ref.sb)).toHaveLength(3);
		expect(roomState(ref.sb, BOT_ROOM)).toBe('bot');
	});

	test('when a lost answer hid that the first attempt worked, the retry’s 409 is reported as that success', async () => {
		// Oho hands the chat over, then the gateway answers 502; the resend finds the chat with an agent.
		ref.sb.setKnobs({
			faults: [
				{ match: { api: 'oho', path: 'request-agent' }, sequence: [502], afterHandling: true },
			],
		});
		// The option does not fail it: the change was made, by the earlier attempt.
		const output = await runOne(params('requestAgent', BOT_ROOM, { failIfUnchanged: true }));

		expect(output).toMatchObject({ ok: true, changed: true, alreadyInState: true });
		expect(output.message).toBe(
			"The chat room is now handed to a human agent (requested or in session): an earlier attempt met a gateway's HTTP 502 and has probably made this change itself (the resend found it made)",
		);
		expect(ohoRequests(ref.sb).map((request) => request.status)).toEqual([502, 409]);
		expect(roomState(ref.sb, BOT_ROOM)).toBe('agent_requested');
	});
});

describe('Oho Chat: many items', () => {
	const THREE_ROOMS = [BOT_ROOM, AGENT_REQUESTED_ROOM, FACEBOOK_BOT_ROOM];
	const FROM_ITEM = {
		platform: '={{ $json.platform }}',
		platformId: '={{ $json.platformId }}',
		userId: '={{ $json.userId }}',
	};

	test('items run in parallel and come out in input order, each paired with its input', async () => {
		// Random latency lets later items finish first; the output order must not follow.
		ref.sb.setKnobs({ latency: { fixedMs: 0, jitterMs: 40 } });
		const items = [
			BOT_ROOM,
			FACEBOOK_BOT_ROOM,
			INSTAGRAM_BOT_ROOM,
			AGENT_ACTIVE_ROOM,
		] as unknown as IDataObject[];
		const result = await runChat(params('closeChat', FROM_ITEM, { parallelRequests: 4 }), {
			items,
		});

		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((output) => [output.user_id, output.alreadyInState])).toEqual([
			[BOT_ROOM.userId, true],
			[FACEBOOK_BOT_ROOM.userId, true],
			[INSTAGRAM_BOT_ROOM.userId, true],
			[AGENT_ACTIVE_ROOM.userId, false],
		]);
		expect(pairedItems(result.outputs[0])).toEqual([0, 1, 2, 3]);
		expect(ohoRequests(ref.sb)).toHaveLength(4);
	});

	test('without continue on fail the first failing item stops the node, naming that item', async () => {
		const result = await runChat(params('requestAgent', FROM_ITEM, { failIfUnchanged: true }), {
			items: THREE_ROOMS as unknown as IDataObject[],
		});
		const error = stopError(result);

		expect(error.message).toBe('Oho: Chat room cannot be changed to agent requested (HTTP 409)');
		expect((error.context as IDataObject).itemIndex).toBe(1);
	});

	test('continue on fail (regular output) gives one item per input: results and errors, in order', async () => {
		const items = [
			BOT_ROOM,
			{ ...BOT_ROOM, userId: 'Unobody' },
			{ ...BOT_ROOM, userId: '' },
			FACEBOOK_BOT_ROOM,
		] as unknown as IDataObject[];
		const result = await runChat(params('requestAgent', FROM_ITEM), {
			items,
			onError: 'continueRegularOutput',
		});

		expect(result.error).toBeUndefined();
		const outputs = jsonOf(result);
		expect(outputs).toHaveLength(4);
		expect(outputs[0]).toMatchObject({ ok: true, user_id: BOT_ROOM.userId });
		expect(outputs[1]).toEqual({
			error: expect.objectContaining({
				message: 'Oho: Not found chat room (HTTP 404)',
				httpCode: '404',
				itemIndex: 1,
			}),
		});
		expect(outputs[2]).toEqual({
			error: expect.objectContaining({
				message: expect.stringContaining('Invalid input: User ID (userId) must not be empty'),
				itemIndex: 2,
			}),
		});
		expect(outputs[3]).toMatchObject({ ok: true, platform: 'facebook' });
		expect(pairedItems(result.outputs[0])).toEqual([0, 1, 2, 3]);
		// The invalid item was never sent.
		expect(ohoRequests(ref.sb)).toHaveLength(3);
	});

	test('continue on fail (error output) routes failures to the second output, each paired with its input', async () => {
		const items = [
			{ ...BOT_ROOM, userId: 'Unobody' },
			BOT_ROOM,
			AGENT_ACTIVE_ROOM,
		] as unknown as IDataObject[];
		const result = await runChat(params('requestAgent', FROM_ITEM, { failIfUnchanged: true }), {
			items,
			onError: 'continueErrorOutput',
		});

		expect(result.error).toBeUndefined();
		expect(jsonOf(result, 0).map((output) => output.user_id)).toEqual([BOT_ROOM.userId]);
		expect(pairedItems(result.outputs[0])).toEqual([1]);
		expect(jsonOf(result, 1).map((output) => (output.error as IDataObject).message)).toEqual([
			'Oho: Not found chat room (HTTP 404)',
			'Oho: Chat room cannot be changed to agent requested (HTTP 409)',
		]);
		// n8n puts the input item's fields beside the error on the error output.
		expect(jsonOf(result, 1)[0]).toMatchObject({
			userId: 'Unobody',
			error: { httpCode: '404', itemIndex: 0 },
		});
		expect(pairedItems(result.outputs[1])).toEqual([0, 2]);
	});
});

describe('Oho Chat: node description', () => {
	test('is usable as an AI tool, one Chat resource with two operations that have actions', () => {
		const { description } = new OhoChat();
		const operation = description.properties.find((property) => property.name === 'operation');

		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: 'ohoApi', required: true }]);
		const options = (operation?.options ?? []) as INodePropertyOptions[];
		expect(options.map((option) => [option.value, option.action])).toEqual([
			['closeChat', 'Close the agent session of a chat'],
			['requestAgent', 'Request a human agent for a chat'],
		]);
		const platformId = description.properties.find((property) => property.name === 'platformId');
		expect(platformId?.description).toContain('channel ID');
	});

	test.each([
		['requestAgent', 'Request a human agent'],
		['closeChat', 'Close the agent session'],
	])('the subtitle of %s reads as a sentence: "%s"', (operation, subtitle) => {
		expect(subtitleOf(new OhoChat(), { resource: 'chat', operation })).toBe(subtitle);
	});
});

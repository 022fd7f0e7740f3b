/**
 * A parameter that is one drag-and-drop reference to the item (`{{ $json.key }}`, `{{ $json["key"] }}`) is read from
 * the item instead of n8n's expression engine (nodes/common/parameters.ts). These tests run the same items through
 * n8n's engine twice, once with the references and once with expressions that mean the same but that only the
 * engine can evaluate, and compare what reached the sandbox and what came out.
 */
import { ExecuteContext } from 'n8n-core';
import type { IDataObject, IExecuteFunctions, INodeParameters } from 'n8n-workflow';

import { RunParameters } from '../../nodes/common/parameters';

import { DEMO } from '../../sandbox';
import { runSendMessage } from '../helpers/gofive';
import { FAST_RETRIES, jsonOf, LINE, params, runContact } from '../helpers/ohoContact';
import { useSandbox } from '../helpers/sandbox';

const ref = useSandbox();

/** Every kind of value a field can hold: Thai text, numbers, true/false, null, objects, lists, a missing key. */
const ITEMS: IDataObject[] = [
	{
		userId: LINE.userIds[0],
		'first name': 'สมชาย',
		age: 35,
		city: 'กรุงเทพมหานคร',
		note: 'VIP ลูกค้า',
	},
	{ userId: LINE.userIds[1], 'first name': '  Suda  ', age: '41', city: 'Chiang Mai', note: '' },
	{ userId: LINE.userIds[2], 'first name': 'Anan', age: 0, city: true, note: 12 },
	{ userId: LINE.userIds[0], 'first name': null, age: 30, city: 'Phuket', note: 'x' },
	{ userId: LINE.userIds[1], 'first name': { text: 'Obj' }, age: [1], city: 'Bangkok', note: 'y' },
	{ userId: LINE.userIds[2], age: 29, city: 'Bangkok' },
	{
		userId: LINE.userIds[0],
		'first name': 'Constructor',
		age: 33,
		city: 'Bangkok',
		note: 'ok',
		constructor: 'x',
	},
	{ userId: 12345, 'first name': 'Number ID', age: 40, city: 'Bangkok', note: 'n' },
];

/** Update for each item; `ref(key)` writes the expression that reads the item's `key`. */
function updateEach(reference: (key: string) => string): INodeParameters {
	return params(
		'update',
		{ platform: 'line', platformId: LINE.platformId, userId: reference('userId') },
		{
			updateFields: {
				firstName: reference('first name'),
				age: reference('age'),
				city: reference('city'),
				lastName: reference('note'),
			},
			options: { parallelRequests: 1 },
		},
	);
}

const dragAndDrop = (key: string) =>
	/^[A-Za-z_$][\w$]*$/.test(key) ? `={{ $json.${key} }}` : `={{ $json["${key}"] }}`;
/** The same value, but not a plain reference: only n8n's expression engine evaluates it. */
const engineOnly = (key: string) => `={{ ($json[${JSON.stringify(key)}]) }}`;

/** What a run did that a user can see: each request (method, path, body) and each output item (JSON or error). */
async function observe(parameters: INodeParameters) {
	ref.sb.reset();
	const result = await runContact(ref.sb, parameters, {
		items: ITEMS,
		onError: 'continueRegularOutput',
	});
	const requests = ref.sb
		.requests({ api: 'oho' })
		.map(({ method, path, body }) => ({ method, path, body }));
	const outputs = (result.outputs[0] ?? []).map((item) => ({
		json: item.json,
		pairedItem: item.pairedItem,
	}));
	return { requests, outputs, error: result.error?.message };
}

/** How often n8n's engine was asked for each parameter during `run`. */
async function engineReads(run: () => Promise<unknown>): Promise<(name: string) => number> {
	const evaluated = jest.spyOn(
		ExecuteContext.prototype as unknown as { _getNodeParameter: (name: string) => unknown },
		'_getNodeParameter',
	);
	try {
		await run();
		const calls = evaluated.mock.calls.map(([name]) => name);
		return (name) => calls.filter((called) => called === name).length;
	} finally {
		evaluated.mockRestore();
	}
}

describe('parameters that reference a field of the item', () => {
	test('give the same requests and the same output items as n8n’s expression engine, for every kind of value', async () => {
		const direct = await observe(updateEach(dragAndDrop));
		const engine = await observe(updateEach(engineOnly));

		expect(direct).toEqual(engine);
		// The comparison covers requests that were sent and items that failed before sending.
		expect(direct.requests.length).toBeGreaterThanOrEqual(4);
		expect(
			direct.outputs.filter((item) => item.json.error !== undefined).length,
		).toBeGreaterThanOrEqual(2);
		expect(direct.requests[0].body).toMatchObject({
			first_name: 'สมชาย',
			age: 35,
			last_name: 'VIP ลูกค้า',
		});
	});

	test('single- and double-quoted keys and spaces inside the braces read the same field', async () => {
		const forms = ['={{$json.userId}}', '={{ $json["userId"] }}', "={{  $json[ 'userId' ]  }}"];
		for (const form of forms) {
			const { requests } = await observe({ ...updateEach(dragAndDrop), userId: form });
			expect(requests.map((request) => request.path)).toEqual(
				(await observe(updateEach(engineOnly))).requests.map((request) => request.path),
			);
		}
	});

	test('skip n8n’s engine when the field holds text, a number or true/false, and ask it otherwise', async () => {
		const items = [
			{ userId: LINE.userIds[0], 'first name': 'สมชาย', age: 35, city: 'Bangkok', note: 'a' },
			{ userId: LINE.userIds[1], 'first name': 'Suda', age: 41, city: 'Phuket', note: 'b' },
			// No "note": its collection goes to the engine, which decides what a missing field gives.
			{ userId: LINE.userIds[2], 'first name': 'Anan', age: 29, city: 'Bangkok' },
		];
		const reads = await engineReads(
			async () => await runContact(ref.sb, updateEach(dragAndDrop), { items }),
		);

		expect(reads('userId')).toBe(0);
		expect(reads('updateFields')).toBe(1);
		const patched = ref.sb
			.requests({ api: 'oho', method: 'PATCH' })
			.map((request) => request.body as IDataObject);
		expect(patched.map((body) => body.first_name)).toEqual(['สมชาย', 'Suda', 'Anan']);
		expect(patched.map((body) => body.last_name)).toEqual(['a', 'b', undefined]);
	});

	test('keys n8n’s engine guards or cannot read as written are left to it', async () => {
		for (const key of ['caller', 'constructor', 'toString', '__proto__', 'a}}b', 'line\nbreak']) {
			const items = [{ userId: LINE.userIds[0], 'first name': 'Somchai', [key]: 'from the item' }];
			const parameters = {
				...updateEach(dragAndDrop),
				updateFields: { firstName: dragAndDrop('first name'), lastName: dragAndDrop(key) },
			};
			let seen: IDataObject[] = [];
			const reads = await engineReads(async () => {
				const result = await runContact(ref.sb, parameters, {
					items,
					onError: 'continueRegularOutput',
				});
				seen = jsonOf(result);
			});

			// The engine decides (n8n 2.x's refuses most of these; the legacy one reads some): one evaluation, one item out.
			expect({ key, engineReads: reads('updateFields'), items: seen.length }).toEqual({
				key,
				engineReads: 1,
				items: 1,
			});
			ref.sb.reset();
		}
	});

	test('keys the engine refuses by the text of the expression (".constructor", U+2028, U+2029) give the engine’s own outcome', async () => {
		for (const key of [
			'a.constructor',
			'x. constructor',
			'line\u2028separator',
			'paragraph\u2029separator',
		]) {
			const items = [{ userId: LINE.userIds[0], 'first name': 'Somchai', [key]: 'from the item' }];
			const withKey = (reference: (key: string) => string) => ({
				...updateEach(dragAndDrop),
				updateFields: { firstName: dragAndDrop('first name'), lastName: reference(key) },
			});
			const outcome = async (reference: (key: string) => string) => {
				ref.sb.reset();
				const result = await runContact(ref.sb, withKey(reference), {
					items,
					onError: 'continueRegularOutput',
				});
				return {
					sent: ref.sb.requests({ api: 'oho' }).map((request) => request.body),
					items: jsonOf(result),
				};
			};
			let direct: Awaited<ReturnType<typeof outcome>> | undefined;
			const reads = await engineReads(async () => (direct = await outcome(dragAndDrop)));

			expect({ key, engineReads: reads('updateFields') }).toEqual({ key, engineReads: 1 });
			expect(direct).toEqual(await outcome(engineOnly));
			// n8n 2.41's engine refuses each of these: the item fails and nothing is sent.
			expect({
				key,
				sent: direct!.sent.length,
				failed: direct!.items[0].error !== undefined,
			}).toEqual({ key, sent: 0, failed: true });
		}
	});

	test('an n8n without n8n-workflow’s isSafeObjectProperty gets no shortcut: every reference goes to the engine', () => {
		jest.isolateModules(() => {
			jest.doMock('n8n-workflow', () => ({
				...jest.requireActual('n8n-workflow'),
				isSafeObjectProperty: undefined,
			}));
			const isolated = jest.requireActual<typeof import('../../nodes/common/parameters')>(
				'../../nodes/common/parameters',
			);
			const ctx = {
				getNode: () => ({ parameters: { userId: '={{ $json.userId }}' } }),
				getNodeParameter: () => 'the engine’s value',
				getInputData: () => [{ json: { userId: 'from the item' } }],
			} as unknown as IExecuteFunctions;
			expect(new isolated.RunParameters(ctx).value('userId', 0)).toBe('the engine’s value');
		});
		jest.dontMock('n8n-workflow');
	});

	test('other expressions still go to n8n’s engine', async () => {
		const reads = await engineReads(
			async () =>
				await runContact(
					ref.sb,
					{ ...updateEach(dragAndDrop), userId: '={{ $json.userId.trim() }}' },
					{ items: ITEMS.slice(0, 3) },
				),
		);

		expect(reads('userId')).toBe(3);
		expect(reads('updateFields')).toBe(0);
	});

	test('Gofive Chat reads room and content the same way, and sends the same messages', async () => {
		const rooms = [DEMO.gofiveRoomId, DEMO.gofiveSecondRoomId];
		const items = rooms.flatMap((roomId, index) => [
			{ roomId, text: `สวัสดีค่ะ ${index}` },
			{ roomId, text: 42 },
			{ roomId, text: { nested: true } },
		]);
		const send = (reference: (key: string) => string) => async () => {
			ref.sb.reset();
			const result = await runSendMessage(
				ref.sb,
				{
					roomId: reference('roomId'),
					content: reference('text'),
					type: 'message',
					platform: 'line',
					companyId: DEMO.gofiveCompanyId,
					options: { ...FAST_RETRIES, parallelRequests: 1 },
				},
				{ items, onError: 'continueRegularOutput' },
			);
			return {
				sent: ref.sb.requests({ api: 'gofive', method: 'POST' }).map((request) => request.body),
				outputs: jsonOf(result).map((json) => json.error ?? json.roomId),
			};
		};

		const direct = await send(dragAndDrop)();
		expect(direct).toEqual(await send(engineOnly)());
		expect(direct.sent).toHaveLength(4);
		const reads = await engineReads(send(dragAndDrop));
		expect(reads('roomId')).toBe(0);
		expect(reads('content')).toBe(2);
	});

	/**
	 * An AI agent's tool call is not a WorkflowExecute run, so this one case uses a stand-in context: in it the
	 * node's input is the tool call while `$json` is the agent's item.
	 */
	describe('run as an AI agent’s tool', () => {
		const toolCall = (context: Partial<Record<keyof IExecuteFunctions, unknown>>) =>
			({
				getNode: () => ({ parameters: { userId: '={{ $json.userId }}' } }),
				getNodeParameter: () => 'the engine’s value',
				...context,
			}) as unknown as IExecuteFunctions;

		test('n8n 2.x (isToolExecution): the engine decides', () => {
			const ctx = toolCall({
				isToolExecution: () => true,
				getInputData: () => [{ json: { userId: 'from the tool call' } }],
			});
			expect(new RunParameters(ctx).value('userId', 0)).toBe('the engine’s value');
		});

		test('n8n 1.x (no isToolExecution, no main input): the engine decides', () => {
			const ctx = toolCall({
				getInputData: (_index: number, type: string) =>
					type === 'main' ? [] : [{ json: { userId: 'from the tool call' } }],
			});
			expect(new RunParameters(ctx).value('userId', 0)).toBe('the engine’s value');
		});

		test('a plain run reads the item', () => {
			const ctx = toolCall({
				isToolExecution: () => false,
				getInputData: () => [{ json: { userId: 'from the item' } }],
			});
			expect(new RunParameters(ctx).value('userId', 0)).toBe('from the item');
		});
	});
});

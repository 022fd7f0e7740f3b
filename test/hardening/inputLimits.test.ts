/**
 * Limits on what one item may carry: attributes (a count, and unique names checked in one pass), Gofive content
 * (LINE's 5,000 characters), text without a NUL or half an emoji, a Company ID that has not lost digits. Each is
 * refused with the field named and nothing sent.
 */
import type { IDataObject } from 'n8n-workflow';

import { sendMessageSchema } from '../../nodes/GofiveChat/schema';
import { createContactSchema, MAX_ATTRIBUTES } from '../../nodes/OhoContact/schema';
import { DEMO } from '../../sandbox';
import { jsonOf } from '../helpers/n8n';
import { runSendMessage } from '../helpers/gofive';
import {
	FAST_RETRIES,
	newLineContact,
	params,
	requiredBody,
	runContact,
} from '../helpers/ohoContact';
import { useSandbox } from '../helpers/sandbox';

const ref = useSandbox();

const attributes = (count: number, name: (index: number) => string) =>
	Array.from({ length: count }, (_, index) => ({
		display_name: name(index),
		value: { text: 'v' },
	}));

describe('attributes', () => {
	test(`more than ${MAX_ATTRIBUTES} are refused before their names are compared`, () => {
		const result = createContactSchema.safeParse({
			...requiredBody('U1'),
			attributes: attributes(30_000, () => 'Same'),
		});

		expect(result.success).toBe(false);
		// One problem for the count; none of the 29,999 repeated names is compared.
		expect(result.error!.issues.map((issue) => issue.code)).toEqual(['too_big']);
	});

	test('repeated names are found in one pass: each repeat names the first attribute with that name', () => {
		const result = createContactSchema.safeParse({
			...requiredBody('U1'),
			attributes: attributes(MAX_ATTRIBUTES, (index) => `Name ${index % 2}`),
		});

		const issues = result.error!.issues;
		expect(issues).toHaveLength(MAX_ATTRIBUTES - 2);
		expect(issues[0]).toMatchObject({
			path: ['attributes', 2, 'display_name'],
			message: 'must be unique: attribute 1 already has the name "Name 0"',
		});
		expect(issues[1]).toMatchObject({
			path: ['attributes', 3, 'display_name'],
			message: 'must be unique: attribute 2 already has the name "Name 1"',
		});
	});

	test('through the node: 1,000 attributes fail the item, nothing is sent', async () => {
		const contact = newLineContact();
		const many = Array.from({ length: 1_000 }, (_, index) => ({
			name: `Field ${index}`,
			value: 'x',
		}));
		const result = await runContact(
			ref.sb,
			params('create', contact, { additionalFields: { attributes: { attribute: many } } }),
			{
				onError: 'continueRegularOutput',
			},
		);

		expect((jsonOf(result)[0].error as IDataObject).message).toMatch(
			/Attributes \(attributes\) must have at most 100 entries/,
		);
		expect(ref.sb.requests({ api: 'oho' })).toHaveLength(0);
	});
});

describe('text without a NUL or half an emoji', () => {
	test.each([
		['a NUL', 'Som\0chai'],
		['a lone high surrogate', 'Somchai \uD83D'],
		['a lone low surrogate', '\uDE00 Somchai'],
	])('a first name with %s is refused; nothing is sent', async (_name, firstName) => {
		const result = await runContact(ref.sb, params('create', newLineContact(), { firstName }), {
			onError: 'continueRegularOutput',
		});

		expect((jsonOf(result)[0].error as IDataObject).message).toMatch(
			/First Name \(first_name\) must not contain a null character \(\\0\) or half of an emoji \(a lone surrogate\)/,
		);
		expect(ref.sb.requests({ api: 'oho' })).toHaveLength(0);
	});

	test('a whole emoji (a surrogate pair) is text like any other', () => {
		expect(
			createContactSchema.safeParse({ ...requiredBody('U1'), first_name: 'Somchai 😀' }).success,
		).toBe(true);
	});
});

describe('Gofive Send Message', () => {
	const MESSAGE = {
		roomId: DEMO.gofiveRoomId,
		content: 'Hello',
		type: 'message',
		platform: 'line',
		companyId: DEMO.gofiveCompanyId,
	};

	async function send(fields: IDataObject) {
		const result = await runSendMessage(
			ref.sb,
			{ ...MESSAGE, ...fields, options: FAST_RETRIES },
			{ onError: 'continueRegularOutput' },
		);
		return { item: jsonOf(result)[0], sent: ref.sb.requests({ api: 'gofive' }).length };
	}

	test("content of LINE's 5,000 characters is sent; 5,001 (or 10 MB) is refused", async () => {
		expect(await send({ content: 'ก'.repeat(5000) })).toMatchObject({
			sent: 1,
			item: { content: 'ก'.repeat(5000) },
		});
		for (const content of ['ก'.repeat(5001), 'x'.repeat(10_000_000)]) {
			ref.sb.reset();
			const { item, sent } = await send({ content });
			expect((item.error as IDataObject).message).toMatch(
				/^Invalid input: Content \(content\) must be at most 5000 characters/,
			);
			expect(sent).toBe(0);
		}
	});

	test.each([
		['a NUL', 'Hello\0'],
		['a lone surrogate', 'Hello \uD83D'],
	])('content with %s is refused', async (_name, content) => {
		const { item, sent } = await send({ content });

		expect((item.error as IDataObject).message).toMatch(
			/Content \(content\) must not contain a null character/,
		);
		expect(sent).toBe(0);
	});

	test.each([
		['2^53 + 1 written as text', '9007199254740993'],
		['1e20', 1e20],
	])('a Company ID past 2^53 (%s) is refused: it has lost digits', async (_name, companyId) => {
		const { item, sent } = await send({ companyId });

		expect((item.error as IDataObject).message).toMatch(
			/Company ID .*must be at most 9007199254740991: a larger number has lost digits/,
		);
		expect(sent).toBe(0);
	});

	test('the largest safe integer is a Company ID like any other (the schema decides, not the node)', () => {
		expect(
			sendMessageSchema.safeParse({ ...MESSAGE, companyId: Number.MAX_SAFE_INTEGER }).success,
		).toBe(true);
	});
});

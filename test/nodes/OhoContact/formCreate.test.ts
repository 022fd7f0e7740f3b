/**
 * Creating contacts from a sign-up form on the first run: the names create requires fall back to the names the form
 * gives, a full-name column is split into First and Last Name, nothing is invented on update, and an item that
 * still lacks a value says which input fields went unused. Through n8n's engine, against the sandbox.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import rows from '../../data/thai-signups.json';
import type { Identity } from '../../helpers/ohoContact';
import {
	contactPath,
	jsonOf,
	LINE,
	newLineContact,
	params,
	runContact,
	runFailing,
	runOne,
	SOMCHAI,
} from '../../helpers/ohoContact';
import { ohoCalls, ohoRequests, sentBodies, useSandbox } from '../../helpers/sandbox';

const ref = useSandbox();

/** The User ID dragged from a column whose name has a space, as the editor writes it. */
const USER_ID_FROM_COLUMN = {
	platform: 'line',
	platformId: LINE.platformId,
	userId: '={{ $json["LINE user"] }}',
};
const AUTO_MAP = {
	dataMode: 'mapper',
	contactFields: { mappingMode: 'autoMapInputData', value: null, matchingColumns: [], schema: [] },
};
const SKIP = { invalidOptionalFields: 'skipAndWarn' };

/** What the OA gives every contact (the account: its name, LINE ID and a picture); a form has none of it. */
const ACCOUNT = {
	platform_name: LINE.platformName,
	line_basic_id: LINE.lineBasicId,
	profile_picture_url: 'https://profile.line-scdn.net/0hForm',
};

/** A sign-up row: the account's values, the customer's LINE user ID and the answers. */
const signUp = (contact: Identity, answers: IDataObject): IDataObject => ({
	'LINE user': contact.userId,
	...ACCOUNT,
	...answers,
});

const posted = (sb = ref.sb) => sentBodies(sb, 'POST') as IDataObject[];

async function createFrom(answers: IDataObject, operation: 'create' | 'upsert' = 'upsert') {
	const contact = newLineContact();
	const output = await runOne(ref.sb, params(operation, USER_ID_FROM_COLUMN, AUTO_MAP), {
		items: [signUp(contact, answers)],
	});
	return { contact, output, sent: posted()[0] };
}

describe('Oho Contact: create from a sign-up form', () => {
	describe('a full-name column gives First and Last Name (Map Automatically)', () => {
		test('a Thai name with a title: the title is left out, split at the first space, and the output says so', async () => {
			const { output, sent } = await createFrom({
				'ชื่อ-นามสกุล': 'นาย  สมชาย ใจดี',
				เบอร์โทร: '0812345678',
				interest: 'skincare',
			});

			expect(sent).toMatchObject({
				first_name: 'สมชาย',
				last_name: 'ใจดี',
				platform_display_name: 'สมชาย ใจดี',
				display_name: 'สมชาย ใจดี',
				phone: '0812345678',
			});
			expect(output.derivedFields).toEqual([
				{ field: 'first_name', value: 'สมชาย', from: 'ชื่อ-นามสกุล', titleLeftOut: 'นาย' },
				{ field: 'last_name', value: 'ใจดี', from: 'ชื่อ-นามสกุล' },
				{ field: 'platform_display_name', value: 'สมชาย ใจดี', from: 'first_name + last_name' },
			]);
			// The full name is used; the LINE user column is read by User ID: neither is "unmapped".
			expect(output.unmappedFields).toEqual(['interest']);
		});

		test.each([
			['Full Name', 'Mary Ann Smith', { first_name: 'Mary', last_name: 'Ann Smith' }],
			['name', 'Mr. John Smith', { first_name: 'John', last_name: 'Smith' }],
			['full_name', 'Ms Jane Doe', { first_name: 'Jane', last_name: 'Doe' }],
			['fullName', 'Dr. Somsak Rakthai', { first_name: 'Somsak', last_name: 'Rakthai' }],
			[
				'ชื่อ นามสกุล',
				'นางสาว\u00a0ปาริชาต  ศรีสุข',
				{ first_name: 'ปาริชาต', last_name: 'ศรีสุข' },
			],
			['ชื่อ-สกุล', 'คุณ สมศรี มีสุข', { first_name: 'สมศรี', last_name: 'มีสุข' }],
			['Customer Name', 'Kanya Boonmee', { first_name: 'Kanya', last_name: 'Boonmee' }],
		])('a %s column ("%s")', async (column, fullName, names) => {
			const { sent } = await createFrom({ [column]: fullName });

			expect(sent).toMatchObject({
				...names,
				platform_display_name: `${names.first_name} ${names.last_name}`,
			});
		});

		test('one word is the first name only; a title alone, or joined to the name, is kept as written', async () => {
			const single = await createFrom({ name: 'ปาริชาต' });
			expect(single.sent).toMatchObject({
				first_name: 'ปาริชาต',
				platform_display_name: 'ปาริชาต',
				display_name: 'ปาริชาต',
			});
			expect(single.sent).not.toHaveProperty('last_name');
			expect(single.output.derivedFields).toEqual([
				{ field: 'first_name', value: 'ปาริชาต', from: 'name' },
				{ field: 'platform_display_name', value: 'ปาริชาต', from: 'first_name' },
			]);

			const joined = await createFrom({ name: 'นายสมชาย ใจดี' });
			expect(posted()[1]).toMatchObject({ first_name: 'นายสมชาย', last_name: 'ใจดี' });
			expect(joined.output.derivedFields).toEqual(
				expect.arrayContaining([{ field: 'first_name', value: 'นายสมชาย', from: 'name' }]),
			);

			await createFrom({ name: 'คุณ' });
			expect(posted()[2]).toMatchObject({ first_name: 'คุณ' });
		});

		test('a form with its own First Name keeps it and lists the full name as unmapped', async () => {
			const { output, sent } = await createFrom({ name: 'Somchai Jaidee', ชื่อ: 'สมชาย' });

			expect(sent).toMatchObject({ first_name: 'สมชาย', platform_display_name: 'สมชาย' });
			expect(sent).not.toHaveProperty('last_name');
			expect(output.unmappedFields).toEqual(['name']);
			expect(output.derivedFields).toEqual([
				{ field: 'platform_display_name', value: 'สมชาย', from: 'first_name' },
			]);
		});

		test('with a Last Name given and no First Name, the full name gives the First Name only', async () => {
			const { sent } = await createFrom({ 'Full Name': 'Somchai Jaidee', นามสกุล: 'ใจดี' });

			expect(sent).toMatchObject({ first_name: 'Somchai', last_name: 'ใจดี' });
		});
	});

	describe('Platform Display Name falls back; Display Name follows it, as the contract says', () => {
		test('to the Display Name', async () => {
			const { output, sent } = await createFrom({
				'Display Name': 'Nok (VIP)',
				ชื่อ: 'นก',
				นามสกุล: 'ใจดี',
			});

			expect(sent).toMatchObject({
				platform_display_name: 'Nok (VIP)',
				display_name: 'Nok (VIP)',
				first_name: 'นก',
				last_name: 'ใจดี',
			});
			expect(output.derivedFields).toEqual([
				{ field: 'platform_display_name', value: 'Nok (VIP)', from: 'display_name' },
			]);
		});

		test('to First Name and Last Name, and Display Name with it', async () => {
			const { output, sent } = await createFrom(
				{ 'First Name': 'Nok', 'Last Name': 'Charoen' },
				'create',
			);

			expect(sent).toMatchObject({
				platform_display_name: 'Nok Charoen',
				display_name: 'Nok Charoen',
			});
			expect(output).toMatchObject({
				operation: 'created',
				derivedFields: [
					{ field: 'platform_display_name', value: 'Nok Charoen', from: 'first_name + last_name' },
				],
			});
		});

		test('a Platform Display Name given is sent as it is, and nothing is listed as derived', async () => {
			const { output, sent } = await createFrom({
				platform_display_name: 'Nok 🌸',
				ชื่อ: 'นก',
				นามสกุล: 'ใจดี',
			});

			expect(sent).toMatchObject({ platform_display_name: 'Nok 🌸', display_name: 'Nok 🌸' });
			expect(output).not.toHaveProperty('derivedFields');
		});

		test('Set Each Field: Platform Display Name may be left empty (the editor does not ask for it)', async () => {
			const contact = newLineContact();
			const output = await runOne(
				ref.sb,
				params('create', contact, {
					platformDisplayName: '',
					firstName: 'Somsak',
					additionalFields: { lastName: 'Rakthai' },
				}),
			);

			expect(posted()).toEqual([
				expect.objectContaining({
					platform_display_name: 'Somsak Rakthai',
					display_name: 'Somsak Rakthai',
				}),
			]);
			expect(output.derivedFields).toEqual([
				{ field: 'platform_display_name', value: 'Somsak Rakthai', from: 'first_name + last_name' },
			]);
		});

		test('a Display Name it cannot send is skipped with a warning, and the names give the Platform Display Name', async () => {
			const long = 'น'.repeat(256);
			const contact = newLineContact();
			const item = signUp(contact, { display_name: long, ชื่อ: 'นก' });
			const output = await runOne(
				ref.sb,
				params('create', USER_ID_FROM_COLUMN, { ...AUTO_MAP, options: SKIP }),
				{ items: [item] },
			);

			expect(posted()).toEqual([
				expect.objectContaining({ platform_display_name: 'นก', display_name: 'นก' }),
			]);
			expect(output.warnings).toEqual([
				{ field: 'display_name', value: long, problem: 'must be at most 255 characters' },
			]);

			// Failing the item instead names the Display Name alone: the Platform Display Name taken from it is not blamed.
			const error = await runFailing(ref.sb, params('create', USER_ID_FROM_COLUMN, AUTO_MAP), {
				items: [signUp(newLineContact(), { display_name: long, ชื่อ: 'นก' })],
			});
			expect(error.message).toMatch(
				/^Invalid input: Display Name \(display_name\) must be at most 255 characters, got "น+\.\.\." \(256 characters\)\. To write the contact without Display Name, set Options > Invalid Optional Fields to "Skip the Field and Warn"$/,
			);
		});
	});

	describe('nothing is invented on update', () => {
		test('Update sends the names given and no display name', async () => {
			const output = await runOne(ref.sb, params('update', USER_ID_FROM_COLUMN, AUTO_MAP), {
				items: [{ 'LINE user': SOMCHAI.userId, 'First Name': 'Somchai', 'Last Name': 'Jaidee' }],
			});

			expect(sentBodies(ref.sb, 'PATCH')).toEqual([{ first_name: 'Somchai', last_name: 'Jaidee' }]);
			expect(output).not.toHaveProperty('derivedFields');
			expect(output.unmappedFields).toEqual([]);
		});

		test("Create or Update of an existing contact: the full name's split is sent, create's fallbacks are not", async () => {
			const before = ref.sb.getContact(SOMCHAI.platform, SOMCHAI.platformId, SOMCHAI.userId)!;
			const output = await runOne(ref.sb, params('upsert', USER_ID_FROM_COLUMN, AUTO_MAP), {
				items: [signUp(SOMCHAI, { 'ชื่อ-นามสกุล': 'นาย สมชาย ใจดี' })],
			});

			expect(ohoCalls(ref.sb)).toEqual(['POST /contact', `PATCH ${contactPath(SOMCHAI)}`]);
			expect(sentBodies(ref.sb, 'PATCH')).toEqual([{ first_name: 'สมชาย', last_name: 'ใจดี' }]);
			expect(output).toMatchObject({ operation: 'updated' });
			expect(output.derivedFields).toEqual([
				{ field: 'first_name', value: 'สมชาย', from: 'ชื่อ-นามสกุล', titleLeftOut: 'นาย' },
				{ field: 'last_name', value: 'ใจดี', from: 'ชื่อ-นามสกุล' },
			]);
			expect(ref.sb.getContact(SOMCHAI.platform, SOMCHAI.platformId, SOMCHAI.userId)).toMatchObject(
				{
					display_name: before.display_name,
					platform_display_name: before.platform_display_name,
				},
			);
		});
	});

	describe('Map Input Fields (defined below): the Full Name column', () => {
		const mapped = (value: IDataObject): INodeParameters =>
			params('create', USER_ID_FROM_COLUMN, {
				dataMode: 'mapper',
				contactFields: {
					mappingMode: 'defineBelow',
					value: { ...ACCOUNT, ...value },
					matchingColumns: [],
					schema: [],
				},
			});

		test('a Full Name mapped from the item is split like a full-name column', async () => {
			const contact = newLineContact();
			const output = await runOne(ref.sb, mapped({ full_name: '={{ $json["ชื่อ-นามสกุล"] }}' }), {
				items: [{ 'LINE user': contact.userId, 'ชื่อ-นามสกุล': 'นางสาว ปาริชาต ศรีสุข' }],
			});

			expect(posted()).toEqual([
				expect.objectContaining({
					first_name: 'ปาริชาต',
					last_name: 'ศรีสุข',
					platform_display_name: 'ปาริชาต ศรีสุข',
				}),
			]);
			expect(output.derivedFields).toEqual([
				{ field: 'first_name', value: 'ปาริชาต', from: 'Full Name', titleLeftOut: 'นางสาว' },
				{ field: 'last_name', value: 'ศรีสุข', from: 'Full Name' },
				{ field: 'platform_display_name', value: 'ปาริชาต ศรีสุข', from: 'first_name + last_name' },
			]);
		});

		test('no name mapped: the error lists the input fields no parameter reads', async () => {
			const error = await runFailing(ref.sb, mapped({ phone: '={{ $json.tel }}' }), {
				items: [
					{
						'LINE user': newLineContact().userId,
						tel: '0812345678',
						'Given name': 'Nok',
						Surname2: 'Charoen',
					},
				],
			});

			expect(error.message).toBe(
				'Invalid input: First Name (first_name) is required. Input fields not used: Given name, Surname2',
			);
			expect(ohoRequests(ref.sb)).toEqual([]);
		});

		test('with an expression the node cannot follow, no field is claimed to be unused', async () => {
			const error = await runFailing(ref.sb, mapped({ phone: '={{ $json.tel.trim() }}' }), {
				items: [{ 'LINE user': newLineContact().userId, tel: '0812345678', 'Given name': 'Nok' }],
			});

			expect(error.message).toBe('Invalid input: First Name (first_name) is required');
		});
	});

	describe('an item still missing a required value', () => {
		test('Map Automatically: the error lists the input fields not used (not the column read by User ID)', async () => {
			const error = await runFailing(ref.sb, params('create', USER_ID_FROM_COLUMN, AUTO_MAP), {
				items: [
					signUp(newLineContact(), {
						Nickname: 'Nok',
						ชื่อเล่น: 'นก',
						เบอร์โทร: '0812345678',
						interest: '',
					}),
				],
			});

			expect(error.message).toBe(
				'Invalid input: First Name (first_name) is required. Input fields not used: Nickname, ชื่อเล่น, interest',
			);
			expect(ohoRequests(ref.sb)).toEqual([]);
		});

		test('a long list of unused fields is cut short', async () => {
			const extra = Object.fromEntries(
				Array.from({ length: 12 }, (_, index) => [`q${index + 1}`, 'x']),
			);
			const error = await runFailing(ref.sb, params('create', USER_ID_FROM_COLUMN, AUTO_MAP), {
				items: [signUp(newLineContact(), extra)],
			});

			expect(error.message).toMatch(
				/\. Input fields not used: q1, q2, q3, q4, q5, q6, q7, q8, q9, q10 and 2 more$/,
			);
		});

		test('Update with nothing to send says which fields it did not use', async () => {
			const error = await runFailing(ref.sb, params('update', USER_ID_FROM_COLUMN, AUTO_MAP), {
				items: [{ 'LINE user': SOMCHAI.userId, Nickname: 'Nok' }],
			});

			expect(error.message).toBe(
				'Invalid input: body has nothing to update: set at least one field. Input fields not used: Nickname',
			);
		});
	});

	test('the Thai sign-up sheet with only the account added: every row with a name is created on the first run', async () => {
		type Row = IDataObject & { userId: string; _expect: string };
		const sheet = (rows as Row[]).slice(0, 60);
		// `_expect` is the test's answer key, not a sheet column.
		const items = sheet.map((row) => ({
			...Object.fromEntries(Object.entries(row).filter(([column]) => column !== '_expect')),
			...ACCOUNT,
		}));
		const result = await runContact(
			ref.sb,
			params(
				'upsert',
				{ platform: 'line', platformId: LINE.platformId, userId: '={{ $json.userId }}' },
				{ ...AUTO_MAP, options: SKIP },
			),
			{ items, onError: 'continueErrorOutput' },
		);
		const [created, failed] = [jsonOf(result, 0), jsonOf(result, 1)];

		const named = sheet.filter((row) => row._expect === 'contact');
		expect(created).toHaveLength(named.length);
		expect(failed).toHaveLength(sheet.length - named.length);
		for (const output of created) {
			const contact = output.contact as IDataObject;
			const names = [contact.first_name, contact.last_name]
				.filter((name) => name !== undefined)
				.join(' ');
			expect(contact).toMatchObject({ platform_display_name: names, display_name: names });
		}
	});
});

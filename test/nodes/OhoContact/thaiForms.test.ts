/**
 * Thai form data becomes correct Oho contacts, through n8n's engine against the sandbox: the one cleaning
 * step in every input mode, Thai column names, "Skip the Field and Warn", Date Order, the workflow's time zone.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Identity } from '../../helpers/ohoContact';
import {
	jsonOf,
	LINE,
	newLineContact,
	params,
	runContact,
	runFailing,
	runOne,
	SUDA,
} from '../../helpers/ohoContact';
import { ohoRequests, sentBodies, useSandbox } from '../../helpers/sandbox';

const ref = useSandbox();

const IDENTITY_FROM_ITEM = {
	platform: 'line',
	platformId: LINE.platformId,
	userId: '={{ $json.userId }}',
};
const AUTO_MAP = {
	dataMode: 'mapper',
	contactFields: { mappingMode: 'autoMapInputData', value: null, matchingColumns: [], schema: [] },
};
const SKIP = { invalidOptionalFields: 'skipAndWarn' };
const REMEDY_END = 'set Options > Invalid Optional Fields to "Skip the Field and Warn"';

/** What a Thai sign-up form hands to the workflow: Thai column names, values as people type them. */
function thaiForm(contact: Identity, answers: IDataObject = {}): IDataObject {
	return {
		userId: contact.userId,
		platform_name: LINE.platformName,
		line_basic_id: LINE.lineBasicId,
		profile_picture_url: 'https://profile.line-scdn.net/0hForm',
		platform_display_name: 'Nok 🌸',
		ชื่อ: '  นก\u200b  ',
		นามสกุล: 'ใจ  ดี',
		เบอร์โทร: '+66 81 234 5678',
		อีเมล: ' Nok@Gmail.COM ',
		จังหวัด: 'จ.เชียงใหม่',
		วันเกิด: '29 พ.ย. 2541',
		เพศ: 'หญิง',
		อายุ: '28 ปี',
		interest: 'skincare',
		...answers,
	};
}

/** What that form must become: the documented formats only. */
const CLEANED = {
	first_name: 'นก',
	last_name: 'ใจ ดี',
	phone: '0812345678',
	email: 'Nok@gmail.com',
	city: 'Chiang Mai',
	birth_date: '1998-11-29',
	gender: 'female',
	age: 28,
};

describe('Oho Contact: Thai form data', () => {
	test('Map Automatically takes Thai column names, cleans every value and lists the columns it did not use (not userId, read by User ID)', async () => {
		const contact = newLineContact();
		const output = await runOne(ref.sb, params('upsert', IDENTITY_FROM_ITEM, AUTO_MAP), {
			items: [thaiForm(contact)],
		});

		expect(sentBodies(ref.sb, 'POST')).toEqual([expect.objectContaining(CLEANED)]);
		expect(output).toMatchObject({
			operation: 'created',
			contact: CLEANED,
			unmappedFields: ['interest'],
		});
		expect(ref.sb.getContact('line', contact.platformId, contact.userId)).toMatchObject(CLEANED);
	});

	test('English column names forms use are matched too: province, birthday, mobile, DOB, sex', async () => {
		const contact = newLineContact();
		const form: IDataObject = {
			...thaiForm(contact),
			'Province ': 'กทม.',
			Birthday: '29/11/1998',
			Mobile: '081.234.5678',
			Sex: 'M',
			DOB: '1/1/1990',
		};
		for (const thai of ['จังหวัด', 'วันเกิด', 'เบอร์โทร', 'เพศ']) delete form[thai];
		const output = await runOne(ref.sb, params('create', IDENTITY_FROM_ITEM, AUTO_MAP), {
			items: [form],
		});

		expect(sentBodies(ref.sb, 'POST')).toEqual([
			expect.objectContaining({
				city: 'Bangkok',
				birth_date: '1998-11-29',
				phone: '0812345678',
				gender: 'male',
			}),
		]);
		// Two columns for the birth date: the first one given is sent, the other is reported, not silently dropped.
		expect(output.unmappedFields).toEqual(['interest', 'DOB']);
	});

	test('Set Each Field and Map Input Fields (defined below) clean the same values the same way', async () => {
		const [first, second] = [newLineContact(), newLineContact()];
		const answers = thaiForm(first);
		const expression = (column: string) => `={{ $json["${column}"] }}`;
		await runOne(
			ref.sb,
			params('create', IDENTITY_FROM_ITEM, {
				firstName: expression('ชื่อ'),
				additionalFields: {
					lastName: expression('นามสกุล'),
					phone: expression('เบอร์โทร'),
					email: expression('อีเมล'),
					city: expression('จังหวัด'),
					birthDate: expression('วันเกิด'),
					gender: expression('เพศ'),
					age: expression('อายุ'),
				},
			}),
			{ items: [answers] },
		);
		const mapped = {
			dataMode: 'mapper',
			contactFields: {
				mappingMode: 'defineBelow',
				value: {
					platform_name: LINE.platformName,
					line_basic_id: LINE.lineBasicId,
					profile_picture_url: 'https://profile.line-scdn.net/0hForm',
					platform_display_name: 'Nok 🌸',
					first_name: expression('ชื่อ'),
					last_name: expression('นามสกุล'),
					phone: expression('เบอร์โทร'),
					email: expression('อีเมล'),
					city: expression('จังหวัด'),
					birth_date: expression('วันเกิด'),
					gender: expression('เพศ'),
					age: expression('อายุ'),
				},
				matchingColumns: [],
				schema: [],
			},
		};
		await runOne(ref.sb, params('create', IDENTITY_FROM_ITEM, mapped), {
			items: [{ ...answers, userId: second.userId }],
		});

		const [setEachField, mapInputFields] = sentBodies(ref.sb, 'POST') as IDataObject[];
		expect(setEachField).toMatchObject(CLEANED);
		expect(mapInputFields).toMatchObject(CLEANED);
	});

	describe('Invalid Optional Fields', () => {
		const broken = (contact: Identity) =>
			thaiForm(contact, { เบอร์โทร: '12', อายุ: 'thirty', วันเกิด: '31/02/2541' });

		test('Fail the Item (the default): the message names every problem and the option; nothing is sent', async () => {
			const error = await runFailing(ref.sb, params('upsert', IDENTITY_FROM_ITEM, AUTO_MAP), {
				items: [broken(newLineContact())],
			});

			expect(error.message).toBe(
				'Invalid input: Phone (phone) must be a Thai phone number: 0 and 8 or 9 more digits, like 0987654321 or 02-123-4567 (this one has 2 digits), got "12"; ' +
					'Age (age) must be a whole number from 1 to 99, like 25, got "thirty"; ' +
					'Birth Date (birth_date) is not a real date: day 31 of month 2 of 1998 (Buddhist-era 2541), read day first as Options > Date Order says, got "31/02/2541". ' +
					`To write the contact without Phone, Age and Birth Date, ${REMEDY_END}`,
			);
			expect(ohoRequests(ref.sb)).toEqual([]);
		});

		test('Skip the Field and Warn: the contact is written without them, and each is in "warnings"', async () => {
			const contact = newLineContact();
			const output = await runOne(
				ref.sb,
				params('upsert', IDENTITY_FROM_ITEM, { ...AUTO_MAP, options: SKIP }),
				{ items: [broken(contact)] },
			);

			const [sent] = sentBodies(ref.sb, 'POST') as IDataObject[];
			expect(sent).not.toHaveProperty('phone');
			expect(sent).not.toHaveProperty('age');
			expect(sent).not.toHaveProperty('birth_date');
			expect(sent).toMatchObject({
				first_name: 'นก',
				city: 'Chiang Mai',
				gender: 'female',
				email: 'Nok@gmail.com',
			});
			expect(output.operation).toBe('created');
			expect(output.warnings).toEqual([
				{
					field: 'phone',
					value: '12',
					problem:
						'must be a Thai phone number: 0 and 8 or 9 more digits, like 0987654321 or 02-123-4567 (this one has 2 digits)',
				},
				{ field: 'age', value: 'thirty', problem: 'must be a whole number from 1 to 99, like 25' },
				{
					field: 'birth_date',
					value: '31/02/2541',
					problem:
						'is not a real date: day 31 of month 2 of 1998 (Buddhist-era 2541), read day first as Options > Date Order says',
				},
			]);
		});

		test('Skip the Field and Warn also leaves out a value the schema refuses (age 0, an email without @), on update of an existing contact', async () => {
			const output = await runOne(
				ref.sb,
				params('upsert', IDENTITY_FROM_ITEM, { ...AUTO_MAP, options: SKIP }),
				{ items: [thaiForm(SUDA, { อายุ: 0, อีเมล: 'suda.example.com' })] },
			);

			expect(output.operation).toBe('updated');
			const [patch] = sentBodies(ref.sb, 'PATCH') as IDataObject[];
			expect(patch).not.toHaveProperty('age');
			expect(patch).not.toHaveProperty('email');
			expect(patch).toMatchObject({ phone: '0812345678', city: 'Chiang Mai' });
			expect(output.warnings).toEqual([
				{
					field: 'email',
					value: 'suda.example.com',
					problem: 'must be an email address, like name@example.com',
				},
				{ field: 'age', value: 0, problem: 'must be at least 1' },
			]);
		});

		test('with no problem, "warnings" is an empty list, so a workflow can test it', async () => {
			const output = await runOne(
				ref.sb,
				params('upsert', IDENTITY_FROM_ITEM, { ...AUTO_MAP, options: SKIP }),
				{ items: [thaiForm(newLineContact())] },
			);

			expect(output.warnings).toEqual([]);
		});

		test('the identity and the fields Create requires still fail the item, naming the skippable ones too', async () => {
			const form = { ...broken(newLineContact()), ชื่อ: ' \u200b ' };
			const error = await runFailing(
				ref.sb,
				params('create', IDENTITY_FROM_ITEM, { ...AUTO_MAP, options: SKIP }),
				{ items: [form] },
			);

			expect(error.message).toMatch(
				/^Invalid input: Phone \(phone\) .*; Age \(age\) .*; Birth Date \(birth_date\) .*; First Name \(first_name\) is required\. Input fields not used: interest$/,
			);
			const identity = await runFailing(
				ref.sb,
				params('create', IDENTITY_FROM_ITEM, { ...AUTO_MAP, options: SKIP }),
				{
					items: [{ ...thaiForm(newLineContact()), userId: '   ' }],
				},
			);
			expect(identity.message).toBe('Invalid input: User ID (userId) must not be empty, got "   "');
			expect(ohoRequests(ref.sb)).toEqual([]);
		});

		test('an update whose only values are unusable fails: nothing would be left to send', async () => {
			const error = await runFailing(
				ref.sb,
				params('update', SUDA, { updateFields: { phone: '12' }, options: SKIP }),
			);

			expect(error.message).toBe(
				'Invalid input: Phone (phone) must be a Thai phone number: 0 and 8 or 9 more digits, like 0987654321 or 02-123-4567 (this one has 2 digits), got "12"; body has nothing to update: set at least one field',
			);
			expect(ohoRequests(ref.sb)).toEqual([]);
		});
	});

	describe('dates and phones', () => {
		test('Date Order: Month First reads 05/06/1990 as May 6', async () => {
			await runOne(
				ref.sb,
				params('update', SUDA, {
					updateFields: { birthDate: '05/06/1990' },
					options: { dateOrder: 'monthFirst' },
				}),
			);
			await runOne(ref.sb, params('update', SUDA, { updateFields: { birthDate: '05/06/1990' } }));

			expect(sentBodies(ref.sb, 'PATCH')).toEqual([
				{ birth_date: '1990-05-06' },
				{ birth_date: '1990-06-05' },
			]);
		});

		test('a date-time with a zone is the date it is in the workflow time zone', async () => {
			const midnightInBangkok = { updateFields: { birthDate: '1998-11-28T17:00:00.000Z' } };
			await runContact(ref.sb, params('update', SUDA, midnightInBangkok));
			await runContact(ref.sb, params('update', SUDA, midnightInBangkok), { timezone: 'UTC' });

			expect(sentBodies(ref.sb, 'PATCH')).toEqual([
				{ birth_date: '1998-11-29' },
				{ birth_date: '1998-11-28' },
			]);
		});

		test('a number of another country fails the item unless allowed; allowed, it is sent as + and digits, which Oho does not document', async () => {
			const refused = await runFailing(
				ref.sb,
				params('update', SUDA, { updateFields: { phone: '+1 415 555 2671' } }),
			);
			expect(refused.message).toMatch(
				/^Invalid input: Phone \(phone\) is a number of another country \(\+14155552671\); .*Allow Non-Thai Phone Numbers, got "\+1 415 555 2671"/,
			);
			expect(ohoRequests(ref.sb)).toEqual([]);

			const sent = await runFailing(
				ref.sb,
				params('update', SUDA, {
					updateFields: { phone: '+1 415 555 2671' },
					options: { allowNonThaiPhones: true },
				}),
			);
			expect(sentBodies(ref.sb, 'PATCH')).toEqual([{ phone: '+14155552671' }]);
			// The sandbox is as strict as docs/api/oho.md § "Phone": only 0987654321 is documented.
			expect(sent.message).toMatch(/phone must be a phone number like 0987654321/);
		});

		test('no Buddhist-era year reaches Oho', async () => {
			const items = ['2541-11-29', '29/11/2541', '29 พฤศจิกายน 2541', '๒๙/๑๑/๒๕๔๑'].map(
				(birthDate) => ({ birthDate }),
			);
			const result = await runContact(
				ref.sb,
				params('update', SUDA, { updateFields: { birthDate: '={{ $json.birthDate }}' } }),
				{ items },
			);

			expect(jsonOf(result)).toHaveLength(4);
			expect(sentBodies(ref.sb, 'PATCH')).toEqual(Array(4).fill({ birth_date: '1998-11-29' }));
		});
	});
});

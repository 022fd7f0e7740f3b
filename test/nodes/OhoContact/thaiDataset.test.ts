/**
 * Thai form data at scale: a realistic Thai sign-up sheet (test/data/thai-signups.json: 249 rows of Thai and English
 * columns, the date, phone and province forms people type, emoji, blanks, spreadsheet artefacts) through Create or
 * Update with Map Automatically and "Skip the Field and Warn", in n8n's engine, against the sandbox.
 */
import type { IDataObject } from 'n8n-workflow';

import provinces from '../../../nodes/OhoContact/data/provinces.json';
import rows from '../../data/thai-signups.json';
import { jsonOf, LINE, params, runContact } from '../../helpers/ohoContact';
import { ohoRequests, useSandbox } from '../../helpers/sandbox';

const ref = useSandbox();

/** The contact field each column of the sheet stands for. */
const COLUMNS: Record<string, string> = {
	ชื่อ: 'first_name',
	'First Name': 'first_name',
	นามสกุล: 'last_name',
	เบอร์โทร: 'phone',
	Mobile: 'phone',
	อีเมล: 'email',
	'E-mail': 'email',
	จังหวัด: 'city',
	Province: 'city',
	วันเกิด: 'birth_date',
	'Date of Birth': 'birth_date',
	เพศ: 'gender',
	Gender: 'gender',
	อายุ: 'age',
	Age: 'age',
};

type Row = IDataObject & { userId: string; _expect: 'contact' | 'identity-error' };
const SHEET = rows as Row[];

/** A cell a form left empty: nothing, spaces (of any kind), or the lone dash Thai sheets write for "none". */
const isBlank = (value: unknown) =>
	value === undefined ||
	value === null ||
	(typeof value === 'string' &&
		/^[-\u2013\u2014]?$/.test(value.replace(/[\s\u200b\u2060\ufeff]/g, '')));

/** The documented formats (docs/api/oho.md § "Create contact" and § "Update contact") every body reaching Oho must keep. */
const TODAY = new Date().toISOString().slice(0, 10);
const PROVINCES = new Set(provinces.map((province) => province.en));
function outsideContract(body: IDataObject): string[] {
	const problems: string[] = [];
	if (body.phone !== undefined && !/^0\d{8,9}$/.test(body.phone as string))
		problems.push(`phone ${String(body.phone)}`);
	const birth = body.birth_date as string | undefined;
	if (
		birth !== undefined &&
		(!/^\d{4}-\d{2}-\d{2}$/.test(birth) || birth < '1900-01-01' || birth > TODAY)
	)
		problems.push(`birth_date ${birth}`);
	if (body.city !== undefined && !PROVINCES.has(body.city as string))
		problems.push(`city ${String(body.city)}`);
	if (body.gender !== undefined && !['male', 'female', 'not_say'].includes(body.gender as string))
		problems.push(`gender ${String(body.gender)}`);
	if (
		body.age !== undefined &&
		!(Number.isInteger(body.age) && (body.age as number) >= 1 && (body.age as number) <= 99)
	)
		problems.push(`age ${String(body.age)}`);
	return problems;
}

describe('Oho Contact: a Thai sign-up sheet of 249 rows (Skip the Field and Warn)', () => {
	let main: IDataObject[];
	let errors: IDataObject[];

	beforeAll(() => expect(SHEET.length).toBeGreaterThanOrEqual(200));

	beforeEach(async () => {
		// What a Set node before Oho Contact adds: the OA's details and the customer's LINE name and picture.
		// `_expect` is the test's answer key, not a sheet column.
		const items = SHEET.map((row) => ({
			...Object.fromEntries(Object.entries(row).filter(([column]) => column !== '_expect')),
			platform_name: LINE.platformName,
			line_basic_id: LINE.lineBasicId,
			profile_picture_url: 'https://profile.line-scdn.net/0hSignup',
			platform_display_name: 'LINE customer',
		}));
		const result = await runContact(
			ref.sb,
			params(
				'upsert',
				{ platform: 'line', platformId: LINE.platformId, userId: '={{ $json.userId }}' },
				{
					dataMode: 'mapper',
					contactFields: {
						mappingMode: 'autoMapInputData',
						value: null,
						matchingColumns: [],
						schema: [],
					},
					options: { invalidOptionalFields: 'skipAndWarn' },
				},
			),
			{ items, onError: 'continueErrorOutput' },
		);
		[main, errors] = [jsonOf(result, 0), jsonOf(result, 1)];
	});

	test('every row with a valid identity becomes a contact; the rest go to the error output naming the User ID', () => {
		const contacts = SHEET.filter((row) => row._expect === 'contact');
		expect(main.map((item) => item.user_id)).toEqual(contacts.map((row) => row.userId.trim()));
		expect(main.every((item) => item.operation === 'created')).toBe(true);
		expect(errors).toHaveLength(SHEET.length - contacts.length);
		for (const item of errors)
			expect((item.error as IDataObject).message).toMatch(/^Invalid input: User ID \(userId\)/);
		for (const row of contacts)
			expect(ref.sb.getContact('line', LINE.platformId, row.userId.trim())).toBeDefined();
	});

	test('every value given is sent or in "warnings": nothing is dropped without a word', () => {
		const contacts = SHEET.filter((row) => row._expect === 'contact');
		let warned = 0;
		contacts.forEach((row, index) => {
			const output = main[index];
			const sent = new Set(Object.keys(output.contact as IDataObject));
			const warnings = output.warnings as Array<{ field: string; value: unknown }>;
			warned += warnings.length;
			for (const [column, field] of Object.entries(COLUMNS)) {
				if (isBlank(row[column])) continue;
				const fate = sent.has(field)
					? 'sent'
					: warnings.some((warning) => warning.field === field && warning.value === row[column])
						? 'warned'
						: 'dropped';
				expect({ row: index, column, fate }).toEqual({
					row: index,
					column,
					fate: expect.stringMatching(/^(sent|warned)$/),
				});
			}
			// userId is read by the User ID parameter; the sheet's other columns are not contact fields.
			expect(output.unmappedFields).toEqual(
				Object.keys(row).filter((column) => column === 'interest' || column === 'vip'),
			);
		});
		// The sheet has unusable values in about 4 rows of 10: they are reported, not sent.
		expect(warned).toBeGreaterThan(50);
	});

	test('the sandbox records no request outside the documented formats, no Buddhist-era year and no 400', () => {
		const writes = ohoRequests(ref.sb).filter(
			(request) => request.method === 'POST' || request.method === 'PATCH',
		);
		expect(writes.length).toBeGreaterThanOrEqual(SHEET.length - errors.length);
		expect(writes.filter((request) => request.status !== 201 && request.status !== 200)).toEqual(
			[],
		);
		expect(writes.flatMap((request) => outsideContract(request.body as IDataObject))).toEqual([]);
	});

	test('the spellings people type become one value each', () => {
		const sentFor = (userId: string) =>
			main.find((item) => item.user_id === userId)?.contact as IDataObject;
		const rowWith = (column: string, value: unknown) =>
			SHEET.find((row) => row[column] === value && row._expect === 'contact')!;
		expect(sentFor(rowWith('เบอร์โทร', '+66 (0) 81 234 5678').userId)).toMatchObject({
			phone: '0812345678',
		});
		expect(sentFor(rowWith('จังหวัด', 'กทม.').userId)).toMatchObject({ city: 'Bangkok' });
		expect(sentFor(rowWith('วันเกิด', '29 พฤศจิกายน 2541').userId)).toMatchObject({
			birth_date: '1998-11-29',
		});
		expect(sentFor(rowWith('วันเกิด', '1998-11-28T17:00:00.000Z').userId)).toMatchObject({
			birth_date: '1998-11-29',
		});
	});
});

import type { IDataObject } from 'n8n-workflow';

import { DEMO } from '../../../sandbox';
import {
	newLineContact,
	params,
	readBack,
	requiredBody,
	runFailing,
	runOne,
	SOMCHAI,
} from '../../helpers/ohoContact';
import { ohoCalls, sentBodies, useSandbox } from '../../helpers/sandbox';

const ref = useSandbox();

/** Runs Create for a new LINE contact with these additional fields; returns the output and the body Oho received. */
async function createWith(additionalFields: IDataObject, rest: IDataObject = {}) {
	const contact = newLineContact();
	const output = await runOne(ref.sb, params('create', contact, { additionalFields, ...rest }));
	const [sent] = sentBodies(ref.sb, 'POST', '/contact') as IDataObject[];
	return {
		contact,
		output,
		sent,
		stored: ref.sb.getContact(contact.platform, contact.platformId, contact.userId),
	};
}

describe('Oho Contact: Create', () => {
	test("sends the required fields in the shape of Oho's create, display name defaulting to the platform display name", async () => {
		const { contact, output, sent, stored } = await createWith({});

		expect(sent).toEqual(requiredBody(contact.userId));
		expect(output).toEqual({
			operation: 'created',
			message: 'Created contact successfully',
			platform: 'line',
			platform_id: contact.platformId,
			user_id: contact.userId,
			contact: requiredBody(contact.userId),
		});
		expect(stored).toMatchObject({ display_name: 'Somsak LINE', gender: 'not_say', tags: [] });
		expect(ohoCalls(ref.sb)).toEqual(['POST /contact']);
	});

	test("sends every optional field of Oho's create from Additional Fields, converted to what the API takes", async () => {
		const { sent, stored, output } = await createWith({
			displayName: '  Somsak (VIP)  ',
			lastName: 'Jaidee',
			phone: '098-765 4321',
			email: 'somsak@example.com',
			country: 'Thailand',
			city: 'Chiang Mai',
			gender: 'male',
			age: 29,
			birthDate: '1996-02-03T00:00:00',
			tags: ['vip', ' wholesale ', '', 'vip'],
			labels: ['follow-up'],
			attributes: {
				attribute: [
					{ name: 'Member level', value: 'Gold' },
					{ name: 'Points', value: 120 },
				],
			},
		});

		const optional = {
			display_name: 'Somsak (VIP)',
			last_name: 'Jaidee',
			phone: '0987654321',
			email: 'somsak@example.com',
			country: 'Thailand',
			city: 'Chiang Mai',
			gender: 'male',
			age: 29,
			birth_date: '1996-02-03',
			tags: ['vip', 'wholesale'],
			labels: ['follow-up'],
			attributes: [
				{ display_name: 'Member level', value: { text: 'Gold' } },
				{ display_name: 'Points', value: { text: '120' } },
			],
		};
		expect(sent).toEqual({
			...requiredBody((sent.social_profile as IDataObject).id as string),
			...optional,
		});
		expect(stored).toMatchObject(optional);
		expect(output.contact).toEqual(sent);
	});

	test.each<[string, IDataObject, IDataObject]>([
		[
			'Birth Date from a date-picker datetime',
			{ birthDate: '1996-02-03T00:00:00' },
			{ birth_date: '1996-02-03' },
		],
		[
			'Birth Date from a datetime with an offset (its own calendar date)',
			{ birthDate: '1996-02-03T23:30:00+07:00' },
			{ birth_date: '1996-02-03' },
		],
		['Birth Date as YYYY-MM-DD text', { birthDate: '1996-02-03' }, { birth_date: '1996-02-03' }],
		[
			'Birth Date from a Luxon DateTime expression',
			{ birthDate: '={{ DateTime.fromISO("1996-02-03T08:00:00") }}' },
			{ birth_date: '1996-02-03' },
		],
		[
			'Tags and Labels as comma-separated text',
			{ tags: '={{ "vip, wholesale ,, vip" }}', labels: '={{ "a,b" }}' },
			{ tags: ['vip', 'wholesale'], labels: ['a', 'b'] },
		],
		[
			'Tags and Labels as a list from an expression',
			{ tags: '={{ ["vip", "wholesale"] }}', labels: '={{ ["a"] }}' },
			{ tags: ['vip', 'wholesale'], labels: ['a'] },
		],
		['Phone with spaces and dashes', { phone: '098 765-4321' }, { phone: '0987654321' }],
		['Phone as a Thai international number', { phone: '+66 98 765 4321' }, { phone: '0987654321' }],
		['Phone with dots and brackets', { phone: '(098) 765.4321' }, { phone: '0987654321' }],
		['Age as text from an expression', { age: '={{ "42" }}' }, { age: 42 }],
	])('%s is sent as the API takes it', async (_label, additionalFields, expected) => {
		const { sent } = await createWith(additionalFields);

		expect(sent).toMatchObject(expected);
	});

	test.each(['male', 'female', 'not_say'])(
		'Gender %s is sent and stored as chosen',
		async (gender) => {
			const { stored } = await createWith({ gender });

			expect(stored?.gender).toBe(gender);
		},
	);

	test('an expression may send a country or city outside the node’s lists', async () => {
		const { sent } = await createWith({
			country: '={{ "Kurdistan" }}',
			city: '={{ "Vientiane  Capital" }}',
		});

		expect(sent).toMatchObject({ country: 'Kurdistan', city: 'Vientiane Capital' });
	});

	test('a Facebook contact needs no LINE Basic ID: an empty one is left out', async () => {
		const contact = {
			platform: 'facebook',
			platformId: DEMO.facebook.platformId,
			userId: '6723405918270001',
		};
		const output = await runOne(
			ref.sb,
			params('create', contact, { platformName: DEMO.facebook.platformName, lineBasicId: '' }),
		);

		const [sent] = sentBodies(ref.sb, 'POST') as IDataObject[];
		expect(sent.social_profile).toEqual({
			platform: 'facebook',
			id: contact.userId,
			platform_id: contact.platformId,
			platform_name: DEMO.facebook.platformName,
		});
		expect(output.operation).toBe('created');
		expect(ref.sb.getContact('facebook', contact.platformId, contact.userId)).toBeDefined();
	});

	test('Return Stored Contact reads the contact back with one GET and adds it as storedContact', async () => {
		const { contact, output } = await createWith(
			{ tags: ['vip'] },
			{ options: { returnStoredContact: true } },
		);

		expect(ohoCalls(ref.sb)).toEqual([
			'POST /contact',
			`GET /contact/line/${contact.platformId}/user/${contact.userId}`,
		]);
		expect(output.storedContact).toEqual(readBack(ref.sb, contact));
		expect(output.storedContact).toMatchObject({ _id: expect.any(String), tags: ['vip'] });
	});

	test('Include Raw API Response adds Oho’s answer to the create', async () => {
		const { output } = await createWith({}, { options: { includeRawResponse: true } });

		expect(output.rawResponse).toEqual({
			ok: true,
			status_code: 201,
			message: 'Created contact successfully',
		});
	});

	test('an existing contact stops Create with Oho’s 409 message and a hint to use Create or Update; the contact is unchanged', async () => {
		const before = ref.sb.getContact(SOMCHAI.platform, SOMCHAI.platformId, SOMCHAI.userId);
		const error = await runFailing(ref.sb, params('create', SOMCHAI, { firstName: 'Changed' }));

		expect(error.message).toBe('Oho: The contact already exists (HTTP 409)');
		expect(error.description).toBe(
			'A contact with this Platform, Platform ID and User ID exists already. Use the Create or Update operation instead.',
		);
		expect(error.httpCode).toBe('409');
		expect(ohoCalls(ref.sb)).toEqual(['POST /contact']);
		expect(ref.sb.getContact(SOMCHAI.platform, SOMCHAI.platformId, SOMCHAI.userId)).toEqual(before);
	});
});

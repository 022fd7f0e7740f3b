import type { IDataObject } from 'n8n-workflow';

import type { Identity, Operation } from '../../helpers/ohoContact';
import {
	jsonOf,
	newLineContact,
	pairedItems,
	params,
	runContact,
	runFailing,
	SOMCHAI,
	USER_ID_FROM_ITEM,
} from '../../helpers/ohoContact';
import { ohoRequests, sentBodies, useSandbox } from '../../helpers/sandbox';

const ref = useSandbox();

const long = (length: number, start = '') => start + 'x'.repeat(length - start.length);
const many = (count: number) => Array.from({ length: count }, (_, index) => `entry-${index}`);
const attribute = (name: string, value: string) => ({
	attributes: { attribute: [{ name, value }] },
});

type Case = [title: string, operation: Operation, parameters: IDataObject, message: string];

/** The fields a contact can be written without (on update, every field it takes). */
const OPTIONAL_LABELS = [
	'Display Name',
	'Last Name',
	'Phone',
	'Email',
	'Country',
	'City (Province)',
	'Gender',
	'Age',
	'Birth Date',
	'Tags',
	'Labels (Chat Tags)',
];

/** The end of the message for a problem of an optional field: the option that writes the contact without it. */
function remedyFor(message: string, operation: Operation): string {
	if (operation === 'get') return '';
	const label = message.startsWith('Attribute ')
		? 'Attributes'
		: OPTIONAL_LABELS.find((optional) => message.startsWith(`${optional} (`));
	return label
		? `. To write the contact without ${label}, set Options > Invalid Optional Fields to "Skip the Field and Warn"`
		: '';
}

/** A value one character over a limit, put where `place` says; the message shows its start and length. */
function tooLong(
	title: string,
	operation: Operation,
	label: string,
	max: number,
	place: (value: string) => IDataObject,
	start = '',
): Case {
	const value = long(max + 1, start);
	return [
		title,
		operation,
		place(value),
		`${label} must be at most ${max} characters, got "${value.slice(0, 37)}..." (${max + 1} characters)`,
	];
}

const IDENTITY_CASES: Case[] = [
	[
		'a User ID expression that gives nothing',
		'get',
		{ userId: '={{ "" }}' },
		'User ID (userId) must not be empty, got ""',
	],
	tooLong(
		'a User ID over 40 characters',
		'get',
		'User ID (userId)',
		40,
		(userId) => ({ userId }),
		'U',
	),
	tooLong(
		'a Platform ID over 40',
		'update',
		'Platform ID (platformId)',
		40,
		(platformId) => ({ platformId, updateFields: { age: 3 } }),
		'U',
	),
	[
		'a User ID number beyond 2^53 (digits already lost)',
		'get',
		{ userId: '={{ 12345678901234567890 }}' },
		"User ID (userId) must be kept as text where it comes from: a number over 9007199254740991 lost its last digits when the JSON was read, and String() would give another customer's ID, got 12345678901234567000",
	],
	[
		'a Platform ID that is a fraction',
		'get',
		{ platformId: '={{ 1.5 }}' },
		'Platform ID (platformId) must be text or a whole number, got 1.5',
	],
	[
		'an unknown platform from an expression',
		'get',
		{ platform: '={{ "whatsapp" }}' },
		'Platform (platform) must be one of: line, facebook, instagram, got "whatsapp"',
	],
];

const CREATE_CASES: Case[] = [
	[
		'a Platform Name expression that gives nothing (and no account in the credential)',
		'create',
		{ platformName: '={{ $json.missing }}' },
		'Platform Name (social_profile.platform_name) is required: fill in LINE OA Name in the Oho API credential, or give it in the node',
	],
	tooLong(
		'a Platform Name over 255',
		'create',
		'Platform Name (social_profile.platform_name)',
		255,
		(platformName) => ({ platformName }),
	),
	[
		'no LINE Basic ID for LINE (and no account in the credential)',
		'create',
		{ lineBasicId: '' },
		'LINE Basic ID (social_profile.line_basic_id) is required: fill in LINE Basic ID in the Oho API credential, or give it in the node',
	],
	tooLong(
		'a LINE Basic ID over 255',
		'create',
		'LINE Basic ID (social_profile.line_basic_id)',
		255,
		(lineBasicId) => ({ lineBasicId }),
		'@',
	),
	[
		'a Profile Picture URL that is no URL',
		'create',
		{ profilePictureUrl: 'profile.png' },
		'Profile Picture URL (profile_picture_url) must be a URL, like https://profile.line-scdn.net/..., got "profile.png"',
	],
	[
		'a Profile Picture URL that is not http(s)',
		'create',
		{ profilePictureUrl: 'ftp://example.com/a.png' },
		'Profile Picture URL (profile_picture_url) must start with http:// or https://, got "ftp://example.com/a.png"',
	],
	tooLong(
		'a Profile Picture URL over 2000',
		'create',
		'Profile Picture URL (profile_picture_url)',
		2000,
		(profilePictureUrl) => ({ profilePictureUrl }),
		'https://example.com/',
	),
	tooLong(
		'a Platform Display Name over 255',
		'create',
		'Platform Display Name (platform_display_name)',
		255,
		(platformDisplayName) => ({ platformDisplayName }),
	),
	['a First Name of spaces', 'upsert', { firstName: ' ' }, 'First Name (first_name) is required'],
	tooLong('a First Name over 100', 'create', 'First Name (first_name)', 100, (firstName) => ({
		firstName,
	})),
	tooLong(
		'a Display Name over 255 on create',
		'create',
		'Display Name (display_name)',
		255,
		(displayName) => ({ additionalFields: { displayName } }),
	),
	tooLong('a Last Name over 100', 'create', 'Last Name (last_name)', 100, (lastName) => ({
		additionalFields: { lastName },
	})),
	[
		'a phone with letters',
		'create',
		{ additionalFields: { phone: '09-CALL-ME' } },
		'Phone (phone) must be one phone number: digits, with spaces, dashes, dots or brackets and an optional leading +, like 081-234-5678, got "09-CALL-ME"',
	],
	[
		'a phone of 21 digits',
		'create',
		{ additionalFields: { phone: '0'.repeat(21) } },
		`Phone (phone) must be a Thai phone number: 0 and 8 or 9 more digits, like 0987654321 or 02-123-4567 (this one has 21 digits), got "${'0'.repeat(21)}"`,
	],
	[
		'an email without @',
		'create',
		{ additionalFields: { email: 'somsak.example.com' } },
		'Email (email) must be an email address, like name@example.com, got "somsak.example.com"',
	],
	[
		'an email over 254',
		'create',
		{ additionalFields: { email: `${long(243)}@example.com` } },
		`Email (email) must be at most 254 characters, got "${long(37)}..." (255 characters)`,
	],
	tooLong(
		'a Country over 100 from an expression',
		'create',
		'Country (country)',
		100,
		(country) => ({ additionalFields: { country: `={{ "${country}" }}` } }),
	),
	tooLong(
		'a City over 100 from an expression',
		'create',
		'City (Province) (city)',
		100,
		(city) => ({ additionalFields: { city: `={{ "${city}" }}` } }),
	),
	[
		'an unknown gender from an expression',
		'create',
		{ additionalFields: { gender: '={{ "other" }}' } },
		'Gender (gender) must be male, female or not_say (M, F, Male, Female and the Thai words for male, female and not specified are understood), got "other"',
	],
	['age 0', 'create', { additionalFields: { age: 0 } }, 'Age (age) must be at least 1, got 0'],
	[
		'age 100',
		'upsert',
		{ additionalFields: { age: 100 } },
		'Age (age) must be at most 99, got 100',
	],
	[
		'a fractional age',
		'create',
		{ additionalFields: { age: 25.5 } },
		'Age (age) must be a whole number, got 25.5',
	],
	[
		'an age that is not a number',
		'create',
		{ additionalFields: { age: '={{ "twenty" }}' } },
		'Age (age) must be a whole number from 1 to 99, like 25, got "twenty"',
	],
	[
		'a birth date with a two-digit year',
		'create',
		{ additionalFields: { birthDate: '29/11/98' } },
		'Birth Date (birth_date) has a two-digit year (98), which could be either century or a Buddhist-era year: write the year in full, like 1998 or 2541, got "29/11/98"',
	],
	[
		'a birth date that does not exist',
		'create',
		{ additionalFields: { birthDate: '1998-02-30' } },
		'Birth Date (birth_date) is not a real date: day 30 of month 2 of 1998, got "1998-02-30"',
	],
	[
		'21 tags',
		'create',
		{ additionalFields: { tags: many(21) } },
		'Tags (tags) must have at most 20 entries, got 21 entries',
	],
	[
		'11 labels',
		'upsert',
		{ additionalFields: { labels: many(11) } },
		'Labels (Chat Tags) (labels) must have at most 10 entries, got 11 entries',
	],
	[
		'an attribute without a name',
		'create',
		{ additionalFields: attribute('', 'Gold') },
		'Attribute Name (attributes.0.display_name) must not be empty, got ""',
	],
	[
		'two attributes with one name',
		'create',
		{
			additionalFields: {
				attributes: {
					attribute: [
						{ name: 'Tier', value: 'Gold' },
						{ name: 'Tier', value: 'VIP' },
					],
				},
			},
		},
		'Attribute Name (attributes.1.display_name) must be unique: attribute 1 already has the name "Tier", got "Tier"',
	],
	tooLong(
		'an attribute name over 100',
		'create',
		'Attribute Name (attributes.0.display_name)',
		100,
		(name) => ({ additionalFields: attribute(name, 'Gold') }),
	),
	tooLong(
		'an attribute value over 2000',
		'create',
		'Attribute Value (attributes.0.value.text)',
		2000,
		(value) => ({ additionalFields: attribute('Notes', value) }),
	),
];

const UPDATE_CASES: Case[] = [
	tooLong(
		'a Display Name over 1000 on update',
		'update',
		'Display Name (display_name)',
		1000,
		(displayName) => ({ updateFields: { displayName } }),
	),
	[
		'an update with no field',
		'update',
		{ updateFields: {} },
		'body has nothing to update: set at least one field',
	],
	[
		'an update whose only value is blank',
		'update',
		{ updateFields: { lastName: '  ' } },
		'body has nothing to update: set at least one field',
	],
];

/** The contact each operation is tried on: an existing one for update, a new one otherwise. */
const target = (operation: Operation): Identity =>
	operation === 'update' || operation === 'get' ? SOMCHAI : newLineContact();

describe('Oho Contact: validation before any request', () => {
	test.each([...IDENTITY_CASES, ...CREATE_CASES, ...UPDATE_CASES])(
		'%s stops the item with a message naming the field and the limit; nothing is sent',
		async (_title, operation, parameters, message) => {
			const error = await runFailing(ref.sb, params(operation, target(operation), parameters));

			expect(error.message).toBe(`Invalid input: ${message}${remedyFor(message, operation)}`);
			expect(error.description).toMatch(/Nothing was sent for this item\.$/);
			expect(error.context?.itemIndex).toBe(0);
			expect(ohoRequests(ref.sb)).toEqual([]);
		},
	);

	test('the limits themselves pass: 40-character IDs, 255/1000-character names, age 1 and 99, 20 tags, 10 labels', async () => {
		const contact = { ...newLineContact(), userId: long(40, 'U') };
		const created = await runContact(
			ref.sb,
			params('create', contact, {
				platformName: long(255),
				firstName: long(100),
				additionalFields: {
					displayName: long(255),
					age: 99,
					tags: many(20),
					labels: many(10),
					...attribute(long(100), long(2000)),
				},
			}),
		);
		const updated = await runContact(
			ref.sb,
			params('update', contact, { updateFields: { displayName: long(1000), age: 1 } }),
		);

		expect([created.error, updated.error]).toEqual([undefined, undefined]);
		expect(ref.sb.getContact(contact.platform, contact.platformId, contact.userId)).toMatchObject({
			age: 1,
			display_name: long(1000),
		});
	});

	test('IDs that come from JSON as whole numbers (Facebook Page and user IDs) are sent as their digits', async () => {
		const contact = { platform: 'facebook', platformId: 104857600123456, userId: 7012345678901234 };
		const result = await runContact(
			ref.sb,
			params('get', {
				platform: 'facebook',
				platformId: '={{ $json.platformId }}',
				userId: '={{ $json.userId }}',
			}),
			{ items: [contact] },
		);

		expect(result.error?.message).toBe('Oho: Not found contact (HTTP 404)');
		expect(ohoRequests(ref.sb).map((request) => request.path)).toEqual([
			'/contact/facebook/104857600123456/user/7012345678901234',
		]);
	});

	test('a required parameter left empty is refused by n8n itself before the node runs', async () => {
		await expect(
			runContact(ref.sb, params('create', newLineContact(), { firstName: '' })),
		).rejects.toThrow('Parameter "First Name" is required');
		expect(ohoRequests(ref.sb)).toEqual([]);
	});

	test('every problem of an item is listed in the message, with the option that skips the optional ones', async () => {
		const error = await runFailing(
			ref.sb,
			params('create', newLineContact(), {
				firstName: '={{ "" }}',
				additionalFields: { age: 120, email: 'x' },
			}),
		);

		expect(error.message).toBe(
			'Invalid input: First Name (first_name) is required; Email (email) must be an email address, like name@example.com, got "x"; Age (age) must be at most 99, got 120. To write the contact without Email and Age, set Options > Invalid Optional Fields to "Skip the Field and Warn"',
		);
		expect(error.description).toBe('Nothing was sent for this item.');
	});

	describe('in a batch, only the bad item is held back', () => {
		const contacts = [newLineContact(), newLineContact(), newLineContact()];
		const items = contacts.map((contact, index) => ({
			userId: contact.userId,
			age: index === 1 ? 150 : 30 + index,
		}));
		const batch = params('create', USER_ID_FROM_ITEM, {
			additionalFields: { age: '={{ $json.age }}' },
		});
		const postedUserIds = () =>
			(sentBodies(ref.sb, 'POST') as Array<{ social_profile: { id: string } }>).map(
				(body) => body.social_profile.id,
			);

		test('stopping on error, the error names item 1 and item 1 is never sent', async () => {
			const error = await runFailing(ref.sb, batch, { items });

			expect(error.message).toBe(
				`Invalid input: Age (age) must be at most 99, got 150${remedyFor('Age (age)', 'create')}`,
			);
			expect(error.context?.itemIndex).toBe(1);
			expect(postedUserIds()).not.toContain(contacts[1].userId);
		});

		test('continuing on fail, item 1 becomes an error item with its index; items 0 and 2 are created', async () => {
			const result = await runContact(ref.sb, batch, { items, onError: 'continueRegularOutput' });

			const output = jsonOf(result);
			expect(output[1]).toEqual({
				error: {
					message: `Invalid input: Age (age) must be at most 99, got 150${remedyFor('Age (age)', 'create')}`,
					description: 'Nothing was sent for this item.',
					itemIndex: 1,
				},
			});
			expect([output[0].operation, output[2].operation]).toEqual(['created', 'created']);
			expect(pairedItems(result.outputs[0])).toEqual([0, 1, 2]);
			expect(postedUserIds().sort()).toEqual([contacts[0].userId, contacts[2].userId].sort());
		});
	});
});

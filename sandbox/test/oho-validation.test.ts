import {
	contactPath,
	DEMO,
	expectEnvelope,
	FB,
	LINE,
	oho,
	RAW,
	validContact,
} from '../../test/helpers/sandboxHttp';
import { useSandbox } from '../../test/helpers/sandbox';

const t = useSandbox();
const s = (n: number, ch = 'a') => ch.repeat(n);
const seeded = contactPath('line', LINE.platformId, LINE.userIds[0]);
const attr = (display_name: unknown, text: unknown = 'M') => ({ display_name, value: { text } });

/** [field, bad value, expected message]: one failing case per field and limit, for create and update alike. */
const BAD_FIELDS: Array<[string, unknown, string]> = [
	['first_name', s(101), 'first_name must be at most 100 characters'],
	['first_name', 42, 'first_name must be a string'],
	['first_name', '', 'first_name must not be empty'],
	['last_name', s(101), 'last_name must be at most 100 characters'],
	['last_name', null, 'last_name must be a string'],
	['phone', '1'.repeat(21), 'phone must be at most 20 characters'],
	['phone', '098-765-4321', 'phone must be a phone number like 0987654321'],
	['phone', '12345678', 'phone must be a phone number like 0987654321'],
	['phone', '1234567890', 'phone must be a phone number like 0987654321'],
	['phone', '09876543', 'phone must be a phone number like 0987654321'],
	['phone', '09876543210', 'phone must be a phone number like 0987654321'],
	['phone', '+66987654321', 'phone must be a phone number like 0987654321'],
	['phone', '66987654321', 'phone must be a phone number like 0987654321'],
	['phone', 987654321, 'phone must be a string'],
	['email', 'not-an-email', 'email must be a valid email address'],
	['email', `${s(243)}@example.com`, 'email must be at most 254 characters'],
	['country', '', 'country must not be empty'],
	['country', s(101), 'country must be at most 100 characters'],
	['city', s(101), 'city must be at most 100 characters'],
	['city', 7, 'city must be a string'],
	['gender', 'other', 'gender must be one of: male, female, not_say'],
	['gender', 'Male', 'gender must be one of: male, female, not_say'],
	['age', 0, 'age must be between 1 and 99'],
	['age', 100, 'age must be between 1 and 99'],
	['age', 30.5, 'age must be an integer'],
	['age', '30', 'age must be a number'],
	[
		'birth_date',
		'1998/11/29',
		'birth_date must be a real date in YYYY-MM-DD format, from 1900 up to today',
	],
	[
		'birth_date',
		'1998-02-30',
		'birth_date must be a real date in YYYY-MM-DD format, from 1900 up to today',
	],
	[
		'birth_date',
		'1998-13-01',
		'birth_date must be a real date in YYYY-MM-DD format, from 1900 up to today',
	],
	[
		'birth_date',
		'98-11-29',
		'birth_date must be a real date in YYYY-MM-DD format, from 1900 up to today',
	],
	[
		'birth_date',
		'1998-11-29T00:00:00Z',
		'birth_date must be a real date in YYYY-MM-DD format, from 1900 up to today',
	],
	['birth_date', 19981129, 'birth_date must be a string'],
	[
		'birth_date',
		'2541-11-29',
		'birth_date must be a real date in YYYY-MM-DD format, from 1900 up to today',
	],
	[
		'birth_date',
		'1899-12-31',
		'birth_date must be a real date in YYYY-MM-DD format, from 1900 up to today',
	],
	[
		'birth_date',
		`${new Date().getUTCFullYear() + 1}-01-01`,
		'birth_date must be a real date in YYYY-MM-DD format, from 1900 up to today',
	],
	['attributes', 'Size: M', 'attributes must be an array'],
	['attributes', ['x'], 'attributes[0] must be an object'],
	['attributes', [{ value: { text: 'M' } }], 'attributes[0].display_name is required'],
	['attributes', [attr('')], 'attributes[0].display_name must not be empty'],
	['attributes', [attr(s(101))], 'attributes[0].display_name must be at most 100 characters'],
	['attributes', [{ display_name: 'Size' }], 'attributes[0].value is required'],
	['attributes', [{ display_name: 'Size', value: 'M' }], 'attributes[0].value must be an object'],
	['attributes', [{ display_name: 'Size', value: {} }], 'attributes[0].value.text is required'],
	[
		'attributes',
		[attr('Size', s(2001))],
		'attributes[0].value.text must be at most 2000 characters',
	],
	['attributes', [attr('Size', 5)], 'attributes[0].value.text must be a string'],
	['attributes', [{ ...attr('Size'), id: 1 }], 'attributes[0].id is not allowed'],
	['attributes', [attr('Size'), attr('Size', 'L')], 'attributes[1].display_name must be unique'],
	['tags', Array(21).fill('t'), 'tags must contain at most 20 items'],
	['tags', 'vip', 'tags must be an array'],
	['tags', ['ok', 3], 'tags[1] must be a string'],
	['tags', [''], 'tags[0] must not be empty'],
	['labels', Array(11).fill('l'), 'labels must contain at most 10 items'],
	['labels', [null], 'labels[0] must be a string'],
	['nickname', 'Sam', 'nickname is not allowed'],
];

/** [case, top-level overrides, social_profile overrides, expected message] — create only. */
const BAD_CREATE: Array<[string, Record<string, unknown>, Record<string, unknown>, string]> = [
	['no social_profile', { social_profile: undefined }, {}, 'social_profile is required'],
	[
		'social_profile not an object',
		{ social_profile: 'line' },
		{},
		'social_profile must be an object',
	],
	['no platform', {}, { platform: undefined }, 'social_profile.platform is required'],
	[
		'platform twitter',
		{},
		{ platform: 'twitter' },
		'social_profile.platform must be one of: line, facebook, instagram',
	],
	['no id', {}, { id: undefined }, 'social_profile.id is required'],
	['empty id', {}, { id: '' }, 'social_profile.id must not be empty'],
	['id of 41', {}, { id: s(41, 'U') }, 'social_profile.id must be at most 40 characters'],
	['numeric id', {}, { id: 12345 }, 'social_profile.id must be a string'],
	['no platform_id', {}, { platform_id: undefined }, 'social_profile.platform_id is required'],
	[
		'platform_id of 41',
		{},
		{ platform_id: s(41, 'U') },
		'social_profile.platform_id must be at most 40 characters',
	],
	[
		'no platform_name',
		{},
		{ platform_name: undefined },
		'social_profile.platform_name is required',
	],
	[
		'platform_name of 256',
		{},
		{ platform_name: s(256) },
		'social_profile.platform_name must be at most 255 characters',
	],
	[
		'LINE without line_basic_id',
		{},
		{ line_basic_id: undefined },
		'social_profile.line_basic_id is required for platform line',
	],
	[
		'LINE with empty line_basic_id',
		{},
		{ line_basic_id: '' },
		'social_profile.line_basic_id must not be empty for platform line',
	],
	[
		'line_basic_id of 256',
		{},
		{ line_basic_id: s(256) },
		'social_profile.line_basic_id must be at most 255 characters',
	],
	[
		'unknown social_profile field',
		{},
		{ page_token: 'x' },
		'social_profile.page_token is not allowed',
	],
	[
		'no profile_picture_url',
		{ profile_picture_url: undefined },
		{},
		'profile_picture_url is required',
	],
	[
		'ftp profile_picture_url',
		{ profile_picture_url: 'ftp://example.com/a.png' },
		{},
		'profile_picture_url must be a valid http(s) URL',
	],
	[
		'relative profile_picture_url',
		{ profile_picture_url: '/avatars/a.png' },
		{},
		'profile_picture_url must be a valid http(s) URL',
	],
	[
		'profile_picture_url of 2001',
		{ profile_picture_url: `https://example.com/${s(1981)}` },
		{},
		'profile_picture_url must be at most 2000 characters',
	],
	[
		'no platform_display_name',
		{ platform_display_name: undefined },
		{},
		'platform_display_name is required',
	],
	[
		'platform_display_name of 256',
		{ platform_display_name: s(256) },
		{},
		'platform_display_name must be at most 255 characters',
	],
	['no display_name', { display_name: undefined }, {}, 'display_name is required'],
	[
		'display_name of 256',
		{ display_name: s(256) },
		{},
		'display_name must be at most 255 characters',
	],
	[
		'display_name of 256 Thai characters',
		{ display_name: s(256, 'ก') },
		{},
		'display_name must be at most 255 characters',
	],
	['no first_name', { first_name: undefined }, {}, 'first_name is required'],
];

/** [case, top-level overrides, social_profile overrides]: boundary values that must pass. */
const GOOD_CREATE: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
	['id of 40', {}, { id: s(40, 'U') }],
	['platform_id of 40 (an unowned OA)', {}, { platform_id: s(40, 'U') }],
	['platform_name of 255', {}, { platform_name: s(255) }],
	['line_basic_id of 255', {}, { line_basic_id: s(255) }],
	[
		'Facebook without line_basic_id',
		{},
		{ platform: 'facebook', platform_id: FB.platformId, line_basic_id: undefined },
	],
	[
		'Instagram with an empty line_basic_id',
		{},
		{ platform: 'instagram', platform_id: DEMO.instagram.platformId, line_basic_id: '' },
	],
	[
		'http profile_picture_url of 2000',
		{ profile_picture_url: `http://example.com/${s(1981)}` },
		{},
	],
	['platform_display_name of 255', { platform_display_name: s(255) }, {}],
	['display_name of 255', { display_name: s(255) }, {}],
	['display_name of 255 Thai characters', { display_name: s(255, 'ก') }, {}],
	['first_name of 100', { first_name: s(100) }, {}],
	['first_name of 100 emoji (counted as characters)', { first_name: s(100, '😀') }, {}],
	['last_name of 100', { last_name: s(100) }, {}],
	['empty last_name', { last_name: '' }, {}],
	['phone 0987654321', { phone: '0987654321' }, {}],
	['phone of 9 digits', { phone: '098765432' }, {}],
	['phone of 10 digits', { phone: '0812345678' }, {}],
	['birth_date of 1900-01-01', { birth_date: '1900-01-01' }, {}],
	['email of 254', { email: `${s(242)}@example.com` }, {}],
	['country and city of 100', { country: s(100), city: s(100) }, {}],
	['Thai country and city', { country: 'ไทย', city: 'กรุงเทพมหานคร' }, {}],
	['gender male', { gender: 'male' }, {}],
	['gender female', { gender: 'female' }, {}],
	['gender not_say', { gender: 'not_say' }, {}],
	['age 1', { age: 1 }, {}],
	['age 99', { age: 99 }, {}],
	['birth_date on a leap day', { birth_date: '2000-02-29' }, {}],
	['attribute name of 100 and text of 2000', { attributes: [attr(s(100), s(2000))] }, {}],
	['attribute with empty text', { attributes: [attr('Note', '')] }, {}],
	[
		'20 tags and 10 labels',
		{
			tags: Array.from({ length: 20 }, (_, i) => `t${i}`),
			labels: Array.from({ length: 10 }, (_, i) => `l${i}`),
		},
		{},
	],
	['empty lists', { attributes: [], tags: [], labels: [] }, {}],
];

const withoutUndefined = (o: Record<string, unknown>) =>
	JSON.parse(JSON.stringify(o)) as Record<string, unknown>;

describe('create contact: each validation rule', () => {
	it.each(BAD_FIELDS)('400 for %s = %j', async (field, value, message) => {
		expectEnvelope(
			await oho(t.http, 'POST', '/contact', validContact({ [field]: value })),
			400,
			`Bad request: ${message}`,
		);
	});

	it.each(BAD_CREATE)('400 for %s', async (_name, overrides, social, message) => {
		expectEnvelope(
			await oho(t.http, 'POST', '/contact', validContact(overrides, social)),
			400,
			`Bad request: ${message}`,
		);
		expect(t.sb.state().contacts).toHaveLength(8); // nothing stored
	});

	it.each(GOOD_CREATE)(
		'201 at the boundary: %s, stored as sent',
		async (_name, overrides, social) => {
			const body = withoutUndefined(validContact(overrides, social));
			expect((await oho(t.http, 'POST', '/contact', body)).data).toEqual({
				ok: true,
				status_code: 201,
				message: 'Created contact successfully',
			});
			const sp = body.social_profile as { platform: string; platform_id: string; id: string };
			expect(t.sb.getContact(sp.platform, sp.platform_id, sp.id)).toMatchObject(body);
		},
	);

	it('lists every error, each naming its field', async () => {
		const res = await oho(
			t.http,
			'POST',
			'/contact',
			validContact({ first_name: s(101), age: 0 }, { id: s(41) }),
		);
		expectEnvelope(
			res,
			400,
			'Bad request: social_profile.id must be at most 40 characters; first_name must be at most 100 characters; age must be between 1 and 99',
		);
	});

	it.each([
		['a JSON array', '[]', 'application/json', 'body must be a JSON object'],
		['a JSON string', '"contact"', 'application/json', 'body must be a JSON object'],
		['no body', '', 'application/json', 'body must be a JSON object'],
		[
			'text/plain',
			JSON.stringify(validContact()),
			'text/plain',
			'Content-Type must be application/json',
		],
		[
			'a form',
			'first_name=x',
			'application/x-www-form-urlencoded',
			'Content-Type must be application/json',
		],
	])('400 for %s', async (_name, data, contentType, message) => {
		const res = await oho(t.http, 'POST', '/contact', data, null, {
			...RAW,
			headers: { 'x-oho-api-key': DEMO.ohoApiKey, 'content-type': contentType },
		});
		expectEnvelope(res, 400, `Bad request: ${message}`);
	});
});

describe('update contact: each validation rule', () => {
	it.each(BAD_FIELDS)('400 for %s = %j', async (field, value, message) => {
		expectEnvelope(
			await oho(t.http, 'PATCH', seeded, { [field]: value }),
			400,
			`Bad request: ${message}`,
		);
	});

	it.each([
		['an empty body', {}, 'body must contain at least one field'],
		['social_profile', { social_profile: { platform: 'line' } }, 'social_profile is not allowed'],
		[
			'profile_picture_url',
			{ profile_picture_url: 'https://example.com/a.png' },
			'profile_picture_url is not allowed',
		],
		[
			'platform_display_name',
			{ platform_display_name: 'X' },
			'platform_display_name is not allowed',
		],
		[
			'display_name of 1001',
			{ display_name: s(1001) },
			'display_name must be at most 1000 characters',
		],
		['an array', [{ first_name: 'X' }], 'body must be a JSON object'],
	])('400 for %s', async (_name, body, message) => {
		expectEnvelope(await oho(t.http, 'PATCH', seeded, body), 400, `Bad request: ${message}`);
	});

	const updatable = GOOD_CREATE.filter(
		([, o, sp]) =>
			Object.keys(sp).length === 0 &&
			!('profile_picture_url' in o) &&
			!('platform_display_name' in o),
	);
	it.each([
		...updatable,
		[
			'display_name of 1000 (longer than create allows)',
			{ display_name: s(1000) },
			{},
		] as (typeof GOOD_CREATE)[number],
	])('200 at the boundary: %s, applied', async (_name, overrides) => {
		expectEnvelope(
			await oho(t.http, 'PATCH', seeded, overrides),
			200,
			'Update contact successfully',
		);
		expect(t.sb.getContact('line', LINE.platformId, LINE.userIds[0])).toMatchObject(overrides);
	});

	it('validates before looking the contact up (400 beats 404)', async () => {
		expectEnvelope(
			await oho(t.http, 'PATCH', contactPath('line', LINE.platformId, 'Unobody'), { age: 0 }),
			400,
			'Bad request: age must be between 1 and 99',
		);
	});
});

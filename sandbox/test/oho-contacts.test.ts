import {
	RAW,
	chatPath,
	contactPath,
	DEMO,
	expectEnvelope,
	FB,
	freshUserId,
	LINE,
	oho,
	validContact,
} from '../../test/helpers/sandboxHttp';
import { useSandbox } from '../../test/helpers/sandbox';

const t = useSandbox();
const seeded = contactPath('line', LINE.platformId, LINE.userIds[0]);
const OTHER = DEMO.otherBusiness.facebook;

describe('Oho get contact', () => {
	it('returns a seeded contact in data with _id, created_at, updated_at, in the stored form: tags as { _id, keyword }, age as text', async () => {
		const res = await oho(t.http, 'GET', seeded);
		expect(res.status).toBe(200);
		expect(res.data).toMatchObject({
			ok: true,
			status_code: 200,
			message: 'Get contact successfully',
		});
		expect(res.data.data).toMatchObject({
			social_profile: {
				platform: 'line',
				id: LINE.userIds[0],
				platform_id: LINE.platformId,
				platform_name: LINE.platformName,
				line_basic_id: LINE.lineBasicId,
			},
			first_name: 'Somchai',
			age: '34',
			contact_tags: [{ _id: expect.stringMatching(/^[0-9a-f]{24}$/), keyword: 'vip' }],
			chat_tags: [{ _id: expect.stringMatching(/^[0-9a-f]{24}$/), keyword: 'follow-up' }],
		});
		expect(res.data.data).not.toHaveProperty('tags');
		expect(res.data.data).not.toHaveProperty('labels');
		expect(res.data.data._id).toMatch(/^[0-9a-f]{24}$/);
		expect(Number.isNaN(Date.parse(res.data.data.created_at))).toBe(false);
		expect(Number.isNaN(Date.parse(res.data.data.updated_at))).toBe(false);
	});

	it.each([
		['unknown user', contactPath('line', LINE.platformId, 'Unobody')],
		['unknown platform id', contactPath('facebook', '999999999999', FB.userIds[0])],
		['a user of another platform id', contactPath('facebook', FB.platformId, LINE.userIds[0])],
		[
			'the LINE channel id (only the chat endpoints accept it)',
			contactPath('line', LINE.channelId, LINE.userIds[0]),
		],
	])('404 Not found contact for %s', async (_name, path) => {
		expectEnvelope(await oho(t.http, 'GET', path), 404, 'Not found contact');
	});

	it('400 names the path parameter when platform is not line/facebook/instagram', async () => {
		expectEnvelope(
			await oho(t.http, 'GET', contactPath('twitter', LINE.platformId, LINE.userIds[0])),
			400,
			'Bad request: platform must be one of: line, facebook, instagram',
		);
	});
});

describe('Oho create contact', () => {
	it('201 Created contact successfully, then GET returns the fields as sent plus defaults, tags and labels in the stored form', async () => {
		const body = validContact({
			last_name: 'Rakdee',
			phone: '0812345678',
			tags: ['a', 'b'],
			labels: ['x'],
			attributes: [{ display_name: 'Size', value: { text: 'M' } }],
		});
		const res = await oho(t.http, 'POST', '/contact', body);
		expectEnvelope(res, 201, 'Created contact successfully');
		const sp = body.social_profile as { id: string };
		const got = await oho(t.http, 'GET', contactPath('line', LINE.platformId, sp.id));
		expect(got.status).toBe(200);
		const { _id, created_at, updated_at, contact_tags, chat_tags, ...stored } = got.data.data;
		// Tags and labels are stored as contact_tags and chat_tags, checked below.
		const written = Object.fromEntries(
			Object.entries(body).filter(([field]) => field !== 'tags' && field !== 'labels'),
		);
		expect(stored).toEqual({ ...written, gender: 'not_say' });
		expect([
			contact_tags.map((tag: { keyword: string }) => tag.keyword),
			chat_tags.map((tag: { keyword: string }) => tag.keyword),
		]).toEqual([['a', 'b'], ['x']]);
		expect(created_at).toBe(updated_at);
		expect(t.sb.getContact('line', LINE.platformId, sp.id)?._id).toBe(_id);
	});

	it('defaults gender to not_say and lists to []', async () => {
		const body = validContact();
		await oho(t.http, 'POST', '/contact', body);
		const c = t.sb.getContact('line', LINE.platformId, (body.social_profile as { id: string }).id);
		expect(c).toMatchObject({ gender: 'not_say', attributes: [], tags: [], labels: [] });
	});

	it('409 The contact already exists (and the stored contact is unchanged)', async () => {
		const body = validContact();
		expect((await oho(t.http, 'POST', '/contact', body)).status).toBe(201);
		expectEnvelope(
			await oho(t.http, 'POST', '/contact', { ...body, first_name: 'Changed' }),
			409,
			'The contact already exists',
		);
		expect(
			t.sb.getContact('line', LINE.platformId, (body.social_profile as { id: string }).id)
				?.first_name,
		).toBe('Somsak');
	});

	it('409 for a seeded contact', async () => {
		const body = validContact({}, { id: LINE.userIds[0] });
		expectEnvelope(await oho(t.http, 'POST', '/contact', body), 409, 'The contact already exists');
	});

	it('keys contacts by (platform, platform_id, user id): the same user id under another platform id is another contact', async () => {
		const userId = freshUserId();
		const a = validContact({}, { id: userId });
		const b = validContact({}, { id: userId, platform_id: 'Ufreshbot0000000000000000000000001' });
		expect((await oho(t.http, 'POST', '/contact', a)).status).toBe(201);
		expect((await oho(t.http, 'POST', '/contact', b)).status).toBe(201);
		expect(t.sb.state().contacts.filter((c) => c.social_profile.id === userId)).toHaveLength(2);
	});

	it('opens a chat room in state bot for the new contact', async () => {
		const body = validContact();
		await oho(t.http, 'POST', '/contact', body);
		const id = (body.social_profile as { id: string }).id;
		expect(t.sb.state().rooms.find((r) => r.user_id === id)).toMatchObject({
			platform: 'line',
			platform_id: LINE.platformId,
			state: 'bot',
		});
	});
});

describe('Oho update contact', () => {
	it('200 Update contact successfully; attributes, tags and labels are replaced wholesale, other fields kept', async () => {
		const before = t.sb.getContact('line', LINE.platformId, LINE.userIds[0])!;
		const patch = {
			first_name: 'Somchai2',
			tags: ['new-tag'],
			labels: [],
			attributes: [{ display_name: 'Points', value: { text: '10' } }],
		};
		expectEnvelope(await oho(t.http, 'PATCH', seeded, patch), 200, 'Update contact successfully');
		const after = t.sb.getContact('line', LINE.platformId, LINE.userIds[0])!;
		expect(after).toMatchObject(patch);
		expect(after.attributes).toEqual(patch.attributes); // "Member level" is gone
		expect(after.email).toBe(before.email);
		expect(after._id).toBe(before._id);
		expect(after.created_at).toBe(before.created_at);
		expect(after.updated_at > before.updated_at).toBe(true);
	});

	it('404 The contact not found', async () => {
		expectEnvelope(
			await oho(t.http, 'PATCH', contactPath('line', LINE.platformId, 'Unobody'), {
				first_name: 'X',
			}),
			404,
			'The contact not found',
		);
	});
});

describe('Oho auth and business ownership', () => {
	const endpoints: Array<[string, string, string, unknown?]> = [
		['GET contact', 'GET', seeded, undefined],
		['POST contact', 'POST', '/contact', validContact()],
		['PATCH contact', 'PATCH', seeded, { first_name: 'X' }],
		[
			'request-agent',
			'POST',
			chatPath('line', LINE.platformId, LINE.userIds[0], 'request-agent'),
			undefined,
		],
		[
			'close-chat',
			'POST',
			chatPath('line', LINE.platformId, LINE.userIds[1], 'close-chat'),
			undefined,
		],
	];
	// Every row has 4 entries: with fewer, jest would pass its `done` callback as `body`.

	it.each(endpoints)(
		'%s: 401 You do not have valid permission without a key',
		async (_n, method, path, body) => {
			expectEnvelope(
				await oho(t.http, method, path, body, null),
				401,
				'You do not have valid permission',
			);
		},
	);

	it.each(endpoints)('%s: 401 with an unknown key', async (_n, method, path, body) => {
		expectEnvelope(
			await oho(t.http, method, path, body, 'oho-made-up-key'),
			401,
			'You do not have valid permission',
		);
	});

	it.each(endpoints)(
		'%s: 403 Invalid partner for this API key with another business key',
		async (_n, method, path, body) => {
			expectEnvelope(
				await oho(t.http, method, path, body, DEMO.ohoOtherBusinessKey),
				403,
				'Invalid partner for this API key',
			);
		},
	);

	it('403 for the demo key on the other business page, 200 for its own key', async () => {
		const path = contactPath('facebook', OTHER.platformId, OTHER.userIds[0]);
		expectEnvelope(await oho(t.http, 'GET', path), 403, 'Invalid partner for this API key');
		expect((await oho(t.http, 'GET', path, undefined, DEMO.ohoOtherBusinessKey)).status).toBe(200);
	});

	it('403 also through the LINE channel id alias', async () => {
		const res = await oho(
			t.http,
			'POST',
			chatPath('line', LINE.channelId, LINE.userIds[0], 'request-agent'),
			undefined,
			DEMO.ohoOtherBusinessKey,
		);
		expectEnvelope(res, 403, 'Invalid partner for this API key');
	});

	it('a platform id owned by nobody becomes the creating business', async () => {
		const page = '300000000000001';
		const body = validContact(
			{},
			{
				platform: 'facebook',
				platform_id: page,
				platform_name: 'Fresh page',
				line_basic_id: undefined,
				id: '8000000000000001',
			},
		);
		expect((await oho(t.http, 'POST', '/contact', body, DEMO.ohoOtherBusinessKey)).status).toBe(
			201,
		);
		expect(t.sb.state().platforms[`facebook:${page}`]).toBe('other');
		expectEnvelope(
			await oho(t.http, 'GET', contactPath('facebook', page, '8000000000000001')),
			403,
			'Invalid partner for this API key',
		);
		expectEnvelope(
			await oho(t.http, 'POST', '/contact', {
				...body,
				social_profile: { ...(body.social_profile as object), id: '8000000000000002' },
			}),
			403,
			'Invalid partner for this API key',
		);
	});

	it('checks the key before the body', async () => {
		expectEnvelope(
			await oho(t.http, 'POST', '/contact', { nonsense: true }, null),
			401,
			'You do not have valid permission',
		);
	});

	it('accepts extra keys given in the options', async () => {
		const { startSandbox } = await import('../index');
		const sb = await startSandbox({ ohoApiKeys: { 'oho-extra-key': 'demo' } });
		try {
			const res = await fetch(sb.url + seeded, { headers: { 'x-oho-api-key': 'oho-extra-key' } });
			expect(res.status).toBe(200);
		} finally {
			await sb.close();
		}
	});
});

describe('Oho routing and envelope', () => {
	it.each([
		['GET', '/'],
		['GET', '/contacts'],
		['GET', '/contact/line/x/user'],
		['POST', '/chat/line/x/user/y/transfer'],
	])('%s %s → 404 Not found', async (method, path) => {
		expectEnvelope(await oho(t.http, method, path), 404, 'Not found');
	});

	it.each([
		['DELETE', seeded, 'GET, PATCH'],
		['GET', '/contact', 'POST'],
		['PUT', seeded, 'GET, PATCH'],
		['GET', chatPath('line', LINE.platformId, LINE.userIds[1], 'close-chat'), 'POST'],
	])('%s %s → 405 with Allow', async (method, path, allow) => {
		const res = await oho(t.http, method, path);
		expectEnvelope(res, 405, 'Method not allowed');
		expect(res.headers.allow).toBe(allow);
	});

	it('400 on an invalid JSON body', async () => {
		const res = await oho(t.http, 'POST', '/contact', '{"social_profile": ', null, {
			...RAW,
			headers: { 'x-oho-api-key': DEMO.ohoApiKey, 'content-type': 'application/json' },
		});
		expectEnvelope(res, 400, 'Bad request: body is not valid JSON');
	});

	it('ignores a trailing slash and a query string', async () => {
		expect((await oho(t.http, 'GET', `${seeded}/?x=1`)).status).toBe(200);
	});

	it('413 on a body over 1 MB', async () => {
		const res = await oho(
			t.http,
			'POST',
			'/contact',
			validContact({ first_name: 'x'.repeat(1024 * 1024) }),
		);
		expectEnvelope(res, 413, 'Payload too large');
	});
});

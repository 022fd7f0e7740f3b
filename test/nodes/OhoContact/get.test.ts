import { DEMO, storedForm } from '../../../sandbox';
import {
	contactPath,
	params,
	readBack,
	runFailing,
	runOne,
	SOMCHAI,
} from '../../helpers/ohoContact';
import { ohoCalls, ohoRequests, useSandbox } from '../../helpers/sandbox';

const ref = useSandbox();

describe('Oho Contact: Get', () => {
	test('returns the stored contact as Oho has it, its tags and labels also as plain lists and age as a number, after one GET carrying the API key', async () => {
		const contact = await runOne(ref.sb, params('get', SOMCHAI));

		expect(contact).toEqual(readBack(ref.sb, SOMCHAI));
		expect(contact).toMatchObject({
			first_name: 'Somchai',
			contact_tags: [{ _id: expect.stringMatching(/^[0-9a-f]{24}$/), keyword: 'vip' }],
			chat_tags: [{ _id: expect.stringMatching(/^[0-9a-f]{24}$/), keyword: 'follow-up' }],
			tags: ['vip'],
			labels: ['follow-up'],
			age: 34,
			birth_date: '1991-04-13',
		});
		const [request] = ohoRequests(ref.sb);
		expect(ohoCalls(ref.sb)).toEqual([`GET ${contactPath(SOMCHAI)}`]);
		// The sandbox masks the key in its log; its prefix shows the credential's key was sent.
		expect(request.headers['x-oho-api-key']).toBe('oho-***');
		expect(request.status).toBe(200);
	});

	test.each([
		['facebook', DEMO.facebook.platformId, DEMO.facebook.userIds[0], 'Malee'],
		['instagram', DEMO.instagram.platformId, DEMO.instagram.userIds[0], 'Nok'],
	])(
		'reads a %s contact by its own platform ID and user ID',
		async (platform, platformId, userId, firstName) => {
			const contact = await runOne(ref.sb, params('get', { platform, platformId, userId }));

			expect(contact.first_name).toBe(firstName);
			expect(ohoCalls(ref.sb)).toEqual([`GET /contact/${platform}/${platformId}/user/${userId}`]);
		},
	);

	test('URL-encodes identity values, so a user ID with / or spaces cannot reach another path', async () => {
		const identity = { ...SOMCHAI, userId: 'a/b c?d' };
		const error = await runFailing(ref.sb, params('get', identity));

		expect(ohoCalls(ref.sb)).toEqual([
			`GET /contact/line/${SOMCHAI.platformId}/user/a%2Fb%20c%3Fd`,
		]);
		expect(error.message).toBe('Oho: Not found contact (HTTP 404)');
	});

	test('Include Raw API Response adds the whole envelope under rawResponse', async () => {
		const contact = await runOne(
			ref.sb,
			params('get', SOMCHAI, { options: { includeRawResponse: true } }),
		);

		expect(contact.rawResponse).toEqual({
			ok: true,
			status_code: 200,
			message: 'Get contact successfully',
			data: storedForm(ref.sb.getContact(SOMCHAI.platform, SOMCHAI.platformId, SOMCHAI.userId)!),
		});
		expect(contact.first_name).toBe('Somchai');
	});

	test('an unknown contact stops the node with Oho’s 404 message and a hint about the identity fields', async () => {
		const error = await runFailing(ref.sb, params('get', { ...SOMCHAI, userId: 'Unobody' }));

		expect(error.message).toBe('Oho: Not found contact (HTTP 404)');
		expect(error.description).toBe(
			'Nothing matches this Platform, Platform ID and User ID. Check the three identity fields.',
		);
		expect(error.httpCode).toBe('404');
		expect(ohoRequests(ref.sb)).toHaveLength(1);
	});
});

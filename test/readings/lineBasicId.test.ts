/**
 * line_basic_id on Facebook and Instagram, an OPEN point (docs/api/oho.md): documented as required, and "Facebook
 * and Instagram have none". The node leaves the key out; a 400 that names it (which wrote nothing) is answered by
 * one more request with the key empty, or the other way round, and the run keeps the form Oho took.
 */
import type { IDataObject } from 'n8n-workflow';

import { DEMO } from '../../sandbox';
import { jsonOf, params, runContact } from '../helpers/ohoContact';
import { ohoCalls, sentBodies, useSandbox } from '../helpers/sandbox';
import { startScriptedServer } from '../helpers/scriptedServer';

const ref = useSandbox();

const FACEBOOK = DEMO.facebook;
const INSTAGRAM = DEMO.instagram;
const facebookUser = (n: number) => `67234000000${String(n).padStart(5, '0')}`;

/** Create (or Create or Update) of Facebook contacts whose user IDs come from the items. */
async function createFacebook(
	userIds: string[],
	operation: 'create' | 'upsert' = 'create',
	lineBasicId = '',
) {
	return await runContact(
		ref.sb,
		params(
			operation,
			{ platform: 'facebook', platformId: FACEBOOK.platformId, userId: '={{ $json.userId }}' },
			{
				platformName: FACEBOOK.platformName,
				lineBasicId,
				options: { parallelRequests: 1 },
			},
		),
		{ items: userIds.map((userId) => ({ userId })), onError: 'continueRegularOutput' },
	);
}

const profilesSent = () =>
	(sentBodies(ref.sb, 'POST') as IDataObject[]).map((body) => body.social_profile as IDataObject);
const lineBasicIdsSent = () =>
	profilesSent().map((profile) =>
		'line_basic_id' in profile ? profile.line_basic_id : '(left out)',
	);

describe('under the reading that Facebook and Instagram need no key (the sandbox default)', () => {
	test('one POST without line_basic_id creates the contact; no warning', async () => {
		const result = await createFacebook([facebookUser(1)]);

		expect(lineBasicIdsSent()).toEqual(['(left out)']);
		expect(jsonOf(result)).toEqual([expect.objectContaining({ operation: 'created' })]);
		expect(jsonOf(result)[0]).not.toHaveProperty('warnings');
		expect(ref.sb.getContact('facebook', FACEBOOK.platformId, facebookUser(1))).toBeDefined();
	});

	test('Instagram too', async () => {
		const result = await runContact(
			ref.sb,
			params(
				'create',
				{ platform: 'instagram', platformId: INSTAGRAM.platformId, userId: '17841400000000001' },
				{ platformName: INSTAGRAM.platformName, lineBasicId: '' },
			),
		);

		expect(lineBasicIdsSent()).toEqual(['(left out)']);
		expect(jsonOf(result)).toEqual([expect.objectContaining({ operation: 'created' })]);
	});

	test('a LINE Basic ID given for Facebook is sent as given', async () => {
		await createFacebook([facebookUser(2)], 'create', '@page');

		expect(lineBasicIdsSent()).toEqual(['@page']);
	});

	test("Oho's refusal of an empty key (the sandbox's emptyRefused) never happens: the key is left out", async () => {
		ref.sb.setKnobs({ readings: { lineBasicIdNonLine: 'emptyRefused' } });
		const result = await createFacebook([facebookUser(3)]);

		expect(ohoCalls(ref.sb)).toEqual(['POST /contact']);
		expect(jsonOf(result)).toEqual([expect.objectContaining({ operation: 'created' })]);
	});
});

describe('under the reading that the key is required even when empty', () => {
	beforeEach(() => ref.sb.setKnobs({ readings: { lineBasicIdNonLine: 'keyRequired' } }));

	test('the 400 naming line_basic_id is followed by one POST with it empty, which creates the contact and says so', async () => {
		const result = await createFacebook([facebookUser(4)]);

		expect(ohoCalls(ref.sb)).toEqual(['POST /contact', 'POST /contact']);
		expect(lineBasicIdsSent()).toEqual(['(left out)', '']);
		const [output] = jsonOf(result);
		expect(output).toEqual(
			expect.objectContaining({ operation: 'created', message: 'Created contact successfully' }),
		);
		expect(output.warnings).toEqual([
			{
				field: 'social_profile.line_basic_id',
				value: '',
				problem: expect.stringMatching(
					/^Oho refused the contact \(HTTP 400: Bad request: social_profile\.line_basic_id is required\), so it was sent once more with LINE Basic ID sent empty\./,
				),
			},
		]);
		expect(ref.sb.getContact('facebook', FACEBOOK.platformId, facebookUser(4))).toBeDefined();
		expect(result.hints.map((hint) => hint.message)).toEqual([
			'1 warning on 1 of 1 item (social_profile.line_basic_id): each item lists its own under "warnings".',
		]);
	});

	test('the run keeps the empty form: later items are sent once, each saying so', async () => {
		const result = await createFacebook([facebookUser(5), facebookUser(6), facebookUser(7)]);

		expect(lineBasicIdsSent()).toEqual(['(left out)', '', '', '']);
		expect(jsonOf(result).map((output) => output.operation)).toEqual([
			'created',
			'created',
			'created',
		]);
		expect(
			jsonOf(result)
				.slice(1)
				.map((output) => (output.warnings as IDataObject[])[0].problem),
		).toEqual([
			expect.stringMatching(
				/^An earlier item of this run found that Oho wants LINE Basic ID sent empty/,
			),
			expect.stringMatching(
				/^An earlier item of this run found that Oho wants LINE Basic ID sent empty/,
			),
		]);
	});

	test('Create or Update of an existing Facebook contact: the second create answers 409 and the update follows', async () => {
		await createFacebook([facebookUser(8)]);
		ref.sb.clearRequests();
		const result = await createFacebook([facebookUser(8)], 'upsert');

		expect(ohoCalls(ref.sb)).toEqual([
			'POST /contact',
			'POST /contact',
			`PATCH /contact/facebook/${FACEBOOK.platformId}/user/${facebookUser(8)}`,
		]);
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({
				operation: 'updated',
				warnings: [expect.objectContaining({ field: 'social_profile.line_basic_id' })],
			}),
		]);
	});

	/** Create of one Facebook contact against a server that always answers 400 with this message. */
	async function createAgainst400(message: string, userId: string) {
		const server = await startScriptedServer([
			{ status: 400, body: { ok: false, status_code: 400, message } },
		]);
		try {
			const result = await runContact(
				ref.sb,
				params(
					'create',
					{ platform: 'facebook', platformId: FACEBOOK.platformId, userId },
					{ platformName: FACEBOOK.platformName, lineBasicId: '' },
				),
				{ baseUrl: server.url, onError: 'continueRegularOutput' },
			);
			return { requests: server.requests, outputs: jsonOf(result) };
		} finally {
			await server.close();
		}
	}

	test('a 400 about another field is not resent; a second 400 naming line_basic_id fails the item after two requests', async () => {
		const refused = await createAgainst400('Bad request: email is invalid', facebookUser(9));
		const refusedTwice = await createAgainst400(
			'Bad request: social_profile.line_basic_id is invalid',
			facebookUser(10),
		);

		expect(refused.requests).toEqual(['POST /contact']);
		expect(refused.outputs).toEqual([
			{
				error: expect.objectContaining({
					message: 'Oho: Bad request: email is invalid (HTTP 400)',
					httpCode: '400',
				}),
			},
		]);
		expect(refusedTwice.requests).toEqual(['POST /contact', 'POST /contact']);
		expect(refusedTwice.outputs).toEqual([
			{
				error: expect.objectContaining({
					message: 'Oho: Bad request: social_profile.line_basic_id is invalid (HTTP 400)',
				}),
			},
		]);
	});
});

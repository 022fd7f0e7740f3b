/**
 * The business's accounts in the Oho API credential (nodes/common/oho/account.ts), through n8n's engine against the
 * sandbox: Platform ID, Platform Name, LINE Basic ID and Profile Picture URL left empty are taken from the
 * credential in every data mode, the output names them in fromCredential, a value neither gives fails before
 * sending naming the credential field, and a LINE channel ID (digits) on a contact endpoint becomes the bot user ID.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { OhoChat } from '../../../nodes/OhoChat/OhoChat.node';
import { DEMO, DEMO_OHO_ACCOUNT } from '../../../sandbox';
import { jsonOf, runNode } from '../../helpers/n8n';
import type { Identity } from '../../helpers/ohoContact';
import {
	contactPath,
	FAST_RETRIES,
	LINE,
	newLineContact,
	REQUIRED_FIELDS,
	requiredBody,
	runContact,
	runFailing,
	runOne,
	SOMCHAI,
} from '../../helpers/ohoContact';
import { startConcurrencyProxy } from '../../helpers/concurrencyProxy';
import { ohoCalls, ohoRequests, sentBodies, useSandbox } from '../../helpers/sandbox';

const ref = useSandbox();

const account = { ...DEMO_OHO_ACCOUNT };
const ALL_FROM_CREDENTIAL = ['platformId', 'platformName', 'lineBasicId', 'profilePictureUrl'];

/** A new LINE customer of the demo OA, named by its user ID only: the node's Platform ID stays empty. */
function newCustomer(): Identity {
	return { ...newLineContact(), platformId: '' };
}

/** The customer's own fields; the account's fields are left to the credential. */
const CUSTOMER_FIELDS = {
	platformDisplayName: REQUIRED_FIELDS.platformDisplayName,
	firstName: REQUIRED_FIELDS.firstName,
};

function createParams(customer: Identity, rest: IDataObject = {}): INodeParameters {
	return {
		resource: 'contact',
		operation: 'create',
		...customer,
		...CUSTOMER_FIELDS,
		...rest,
		options: FAST_RETRIES,
	} as INodeParameters;
}

/** The create body when the account comes from the credential (the demo OA's name and LINE ID, its default picture). */
function accountBody(userId: string): IDataObject {
	return {
		...requiredBody(userId),
		profile_picture_url: DEMO_OHO_ACCOUNT.defaultProfilePictureUrl,
	};
}

const AUTO_MAP = {
	dataMode: 'mapper',
	contactFields: { mappingMode: 'autoMapInputData', value: null, matchingColumns: [], schema: [] },
};

describe('Oho Contact: the account in the credential', () => {
	test('Set Each Field: the four empty account fields come from the credential, and the output names them', async () => {
		const customer = newCustomer();
		const output = await runOne(ref.sb, createParams(customer), { account });

		expect(sentBodies(ref.sb, 'POST')).toEqual([accountBody(customer.userId)]);
		expect(output).toMatchObject({
			operation: 'created',
			platform_id: LINE.platformId,
			user_id: customer.userId,
			fromCredential: ALL_FROM_CREDENTIAL,
		});
		expect(
			ref.sb.getContact('line', LINE.platformId, customer.userId)?.social_profile.platform_name,
		).toBe(LINE.platformName);
	});

	test('Map Input Fields (defined below): the columns left out come from the credential', async () => {
		const customer = newCustomer();
		const mapper = {
			dataMode: 'mapper',
			contactFields: {
				mappingMode: 'defineBelow',
				value: {
					platform_display_name: REQUIRED_FIELDS.platformDisplayName,
					first_name: REQUIRED_FIELDS.firstName,
				},
				matchingColumns: [],
				schema: [],
			},
		};
		const output = await runOne(
			ref.sb,
			{ resource: 'contact', operation: 'upsert', ...customer, ...mapper, options: FAST_RETRIES },
			{ account },
		);

		expect(sentBodies(ref.sb, 'POST')).toEqual([accountBody(customer.userId)]);
		expect(output.fromCredential).toEqual(ALL_FROM_CREDENTIAL);
	});

	test('Map Automatically: a form row without the account columns gets the credential’s; a column given wins', async () => {
		const [first, second] = [newCustomer(), newCustomer()];
		const items = [
			{
				lineUserId: first.userId,
				'Platform Display Name': REQUIRED_FIELDS.platformDisplayName,
				'First Name': REQUIRED_FIELDS.firstName,
			},
			{
				lineUserId: second.userId,
				'Platform Display Name': REQUIRED_FIELDS.platformDisplayName,
				'First Name': REQUIRED_FIELDS.firstName,
				platform_name: 'Campaign OA',
			},
		];
		const result = await runContact(
			ref.sb,
			{
				resource: 'contact',
				operation: 'upsert',
				platform: 'line',
				platformId: '',
				userId: '={{ $json.lineUserId }}',
				...AUTO_MAP,
				options: FAST_RETRIES,
			},
			{ account, items },
		);

		const campaignBody = accountBody(second.userId);
		(campaignBody.social_profile as IDataObject).platform_name = 'Campaign OA';
		expect(sentBodies(ref.sb, 'POST')).toEqual([accountBody(first.userId), campaignBody]);
		expect(jsonOf(result).map((item) => item.fromCredential)).toEqual([
			ALL_FROM_CREDENTIAL,
			['platformId', 'lineBasicId', 'profilePictureUrl'],
		]);
	});

	test('Facebook: the Page ID and name come from the credential; no LINE Basic ID is sent or named', async () => {
		const userId = '6723400000000099';
		const output = await runOne(
			ref.sb,
			createParams({ platform: 'facebook', platformId: '', userId }),
			{ account },
		);

		expect(sentBodies(ref.sb, 'POST')).toEqual([
			{
				...accountBody(userId),
				social_profile: {
					platform: 'facebook',
					id: userId,
					platform_id: DEMO.facebook.platformId,
					platform_name: DEMO.facebook.platformName,
				},
			},
		]);
		expect(output.fromCredential).toEqual(['platformId', 'platformName', 'profilePictureUrl']);
	});

	test('Create or Update of an existing contact: the update sends no account field, so only Platform ID is named', async () => {
		const output = await runOne(
			ref.sb,
			createParams({ ...SOMCHAI, platformId: '' }, { operation: 'upsert' }),
			{ account },
		);

		expect(ohoCalls(ref.sb)).toEqual(['POST /contact', `PATCH ${contactPath(SOMCHAI)}`]);
		expect(output).toMatchObject({
			operation: 'updated',
			platform_id: LINE.platformId,
			fromCredential: ['platformId'],
		});
	});

	test('Get and Update: an empty Platform ID is the credential’s LINE Bot User ID', async () => {
		const read = await runOne(
			ref.sb,
			{ resource: 'contact', operation: 'get', ...SOMCHAI, platformId: '' },
			{ account },
		);
		const updated = await runOne(
			ref.sb,
			{
				resource: 'contact',
				operation: 'update',
				...SOMCHAI,
				platformId: '',
				updateFields: { lastName: 'Jaidee' },
			},
			{ account },
		);

		expect(ohoCalls(ref.sb)).toEqual([
			`GET ${contactPath(SOMCHAI)}`,
			`PATCH ${contactPath(SOMCHAI)}`,
		]);
		expect(read).toMatchObject({ first_name: 'Somchai', fromCredential: ['platformId'] });
		expect(updated).toMatchObject({ operation: 'updated', fromCredential: ['platformId'] });
	});

	test('values the node gives are sent and not named', async () => {
		const customer = newLineContact();
		const output = await runOne(
			ref.sb,
			createParams(customer, {
				platformName: LINE.platformName,
				lineBasicId: LINE.lineBasicId,
				profilePictureUrl: 'https://example.com/nok.png',
			}),
			{ account },
		);

		expect(output.fromCredential).toBeUndefined();
		expect(sentBodies(ref.sb, 'POST')).toEqual([
			{ ...accountBody(customer.userId), profile_picture_url: 'https://example.com/nok.png' },
		]);
	});

	test('neither the node nor the credential gives Platform ID: the item fails before sending, naming the credential field', async () => {
		const error = await runFailing(ref.sb, createParams(newCustomer()));

		expect(error.message).toBe(
			'Invalid input: Platform ID (platformId) is empty, and the Oho API credential has no LINE Bot User ID',
		);
		expect(error.description).toMatch(
			/^Fill in LINE Bot User ID in the Oho API credential, or give the Platform ID in the node\. .*"destination" of every LINE webhook event.*Nothing was sent for this item\.$/,
		);
		expect(ohoRequests(ref.sb)).toEqual([]);
	});

	test('a Platform ID given, but no account values anywhere: one error names each credential field to fill', async () => {
		const error = await runFailing(ref.sb, createParams(newLineContact()));

		expect(error.message).toBe(
			'Invalid input: Platform Name (social_profile.platform_name) is required: fill in LINE OA Name in the Oho API credential, or give it in the node; ' +
				'LINE Basic ID (social_profile.line_basic_id) is required: fill in LINE Basic ID in the Oho API credential, or give it in the node; ' +
				'Profile Picture URL (profile_picture_url) is required: fill in Default Profile Picture URL in the Oho API credential, or give it in the node',
		);
		expect(error.description).toContain(
			"LINE OA Name: Your LINE Official Account's display name, as customers see it: LINE Official Account Manager",
		);
		expect(error.description).toContain("LINE Basic ID: Your LINE OA's LINE ID, starting with @");
		expect(error.description).toMatch(
			/Default Profile Picture URL: .*Nothing was sent for this item\.$/,
		);
		expect(ohoRequests(ref.sb)).toEqual([]);
	});

	test('another LINE OA than the credential’s: its name is not taken from the credential, and the error says why', async () => {
		const otherOa = { ...newLineContact(), platformId: 'U0000000000000000000000000000beef' };
		const error = await runFailing(ref.sb, createParams(otherOa), { account });

		expect(error.message).toBe(
			'Invalid input: Platform Name (social_profile.platform_name) is required: fill in LINE OA Name in the Oho API credential, or give it in the node; ' +
				'LINE Basic ID (social_profile.line_basic_id) is required: fill in LINE Basic ID in the Oho API credential, or give it in the node',
		);
		expect(error.description).toContain(
			`The credential's is for LINE Bot User ID ${LINE.platformId}, not for Platform ID ${otherOa.platformId}.`,
		);
		expect(ohoRequests(ref.sb)).toEqual([]);
	});
});

describe('Oho Contact: a LINE channel ID as Platform ID', () => {
	const channelId = LINE.channelId;

	test('with the bot user ID in the credential: the contact endpoints get it, and the output says so', async () => {
		const output = await runOne(
			ref.sb,
			{ resource: 'contact', operation: 'get', ...SOMCHAI, platformId: channelId },
			{ account },
		);

		expect(ohoCalls(ref.sb)).toEqual([`GET ${contactPath(SOMCHAI)}`]);
		expect(output).toMatchObject({ fromCredential: ['platformId'], lineChannelId: channelId });
	});

	test('a channel ID from the Oho Trigger’s output, as a number from an expression, is read the same way', async () => {
		const output = await runOne(
			ref.sb,
			{
				resource: 'contact',
				operation: 'update',
				...SOMCHAI,
				platformId: '={{ $json.platform_id }}',
				updateFields: { lastName: 'Jaidee' },
			},
			{ account, items: [{ platform_id: Number(channelId) }] },
		);

		expect(ohoCalls(ref.sb)).toEqual([`PATCH ${contactPath(SOMCHAI)}`]);
		expect(output).toMatchObject({ platform_id: LINE.platformId, lineChannelId: channelId });
	});

	test('without it: the item fails before sending, explaining the two IDs and where each comes from', async () => {
		const error = await runFailing(ref.sb, {
			resource: 'contact',
			operation: 'get',
			...SOMCHAI,
			platformId: channelId,
		});

		expect(error.message).toBe(
			`Invalid input: Platform ID (platformId) ${channelId} is a LINE channel ID: Oho's contact endpoints take the LINE OA's bot user ID`,
		);
		expect(error.description).toContain(
			'the channel ID (digits only, e.g. 2001234567; LINE Developers console > the Messaging API channel > Basic settings > Channel ID)',
		);
		expect(error.description).toContain('the bot user ID (U followed by 32 characters');
		expect(error.description).toContain(
			'Fill in LINE Bot User ID in the Oho API credential and leave Platform ID empty',
		);
		expect(ohoRequests(ref.sb)).toEqual([]);
	});

	test('a channel ID typed into the credential’s LINE Bot User ID: the contact endpoints fail naming it; Oho Chat takes it', async () => {
		const channelAccount = { ...account, lineBotUserId: channelId };
		const error = await runFailing(
			ref.sb,
			{ resource: 'contact', operation: 'get', ...SOMCHAI, platformId: '' },
			{ account: channelAccount },
		);

		expect(error.message).toBe(
			`Invalid input: Platform ID (platformId) is empty, and the LINE Bot User ID in the Oho API credential, ${channelId}, is a LINE channel ID: Oho's contact endpoints take the LINE OA's bot user ID`,
		);
		expect(error.description).toContain('Replace it in the credential with the bot user ID.');
		expect(ohoRequests(ref.sb)).toEqual([]);
	});

	test('Continue on Fail: the failing item becomes an error item with the same message; the next item is written', async () => {
		const result = await runContact(
			ref.sb,
			{
				resource: 'contact',
				operation: 'get',
				platform: 'line',
				platformId: '={{ $json.oa }}',
				userId: SOMCHAI.userId,
			},
			{ items: [{ oa: channelId }, { oa: LINE.platformId }], onError: 'continueRegularOutput' },
		);

		const [failed, read] = jsonOf(result);
		expect((failed.error as IDataObject).message).toBe(
			`Invalid input: Platform ID (platformId) ${channelId} is a LINE channel ID: Oho's contact endpoints take the LINE OA's bot user ID`,
		);
		expect(read.first_name).toBe('Somchai');
		expect(ohoCalls(ref.sb)).toEqual([`GET ${contactPath(SOMCHAI)}`]);
	});
});

describe('Oho Contact: one customer named three ways is written in input order', () => {
	test('rows with an empty Platform ID, the bot user ID and the channel ID run one at a time, the last row winning', async () => {
		const proxy = await startConcurrencyProxy(ref.sb.url, (method, path) =>
			method === 'PATCH' ? decodeURIComponent(path.split('/').pop()!) : undefined,
		);
		try {
			const names = ['', LINE.platformId, LINE.channelId];
			const items = Array.from({ length: 9 }, (_, index) => ({
				oa: names[index % 3],
				phone: `08${String(index).padStart(8, '0')}`,
			}));
			const result = await runContact(
				ref.sb,
				{
					resource: 'contact',
					operation: 'update',
					platform: 'line',
					platformId: '={{ $json.oa }}',
					userId: SOMCHAI.userId,
					updateFields: { phone: '={{ $json.phone }}' },
					options: { ...FAST_RETRIES, parallelRequests: 4 },
				},
				{ items, account, baseUrl: proxy.url },
			);

			expect(result.error).toBeUndefined();
			expect(proxy.maxInFlight.get(SOMCHAI.userId)).toBe(1);
			expect(
				(sentBodies(ref.sb, 'PATCH') as Array<{ phone: string }>).map((body) => body.phone),
			).toEqual(items.map((item) => item.phone));
			expect(ref.sb.getContact('line', LINE.platformId, SOMCHAI.userId)?.phone).toBe('0800000008');
		} finally {
			await proxy.close();
		}
	});
});

describe('Oho Chat: the account in the credential', () => {
	async function runChat(parameters: IDataObject, withAccount = true) {
		return await runNode({
			node: new OhoChat(),
			parameters: {
				resource: 'chat',
				operation: 'requestAgent',
				options: FAST_RETRIES,
				...parameters,
			} as INodeParameters,
			credentials: {
				ohoApi: { apiKey: DEMO.ohoApiKey, baseUrl: ref.sb.url, ...(withAccount ? account : {}) },
			},
		});
	}

	test('an empty Platform ID is the credential’s account, named in the output', async () => {
		const result = await runChat({ platform: 'line', platformId: '', userId: SOMCHAI.userId });

		expect(ohoCalls(ref.sb)).toEqual([
			`POST /chat/line/${LINE.platformId}/user/${SOMCHAI.userId}/request-agent`,
		]);
		expect(jsonOf(result)[0]).toMatchObject({
			ok: true,
			platform_id: LINE.platformId,
			fromCredential: ['platformId'],
		});
	});

	test('a LINE channel ID is sent as given: the chat endpoints take it', async () => {
		const result = await runChat({
			platform: 'line',
			platformId: LINE.channelId,
			userId: SOMCHAI.userId,
		});

		expect(ohoCalls(ref.sb)).toEqual([
			`POST /chat/line/${LINE.channelId}/user/${SOMCHAI.userId}/request-agent`,
		]);
		expect(jsonOf(result)[0]).toMatchObject({ ok: true, platform_id: LINE.channelId });
		expect(jsonOf(result)[0].fromCredential).toBeUndefined();
	});

	test('no Platform ID and no account: fails before sending, naming the credential field', async () => {
		const result = await runChat(
			{ platform: 'instagram', platformId: '', userId: DEMO.instagram.userIds[0] },
			false,
		);

		expect(result.error?.message).toBe(
			'Invalid input: Platform ID (platformId) is empty, and the Oho API credential has no Instagram Account ID',
		);
		expect(ohoRequests(ref.sb)).toEqual([]);
	});
});

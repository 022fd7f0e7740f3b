/**
 * The whole loop without n8n's server: the Oho Contact node (n8n-core's WorkflowExecute) tags a contact in the
 * sandbox, the sandbox sends Oho's customer-profile webhook, and the Oho Trigger (n8n-core's WebhookContext behind
 * test/helpers/webhook.ts) starts one execution for it, and none for a wrong secret, a malformed body or a repeat.
 */
import { randomBytes } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { outputItem } from '../../../nodes/OhoTrigger/helpers/output';
import { OhoTrigger } from '../../../nodes/OhoTrigger/OhoTrigger.node';
import { DEMO_OHO_ACCOUNT } from '../../../sandbox';
import { startTriggerServer, type TriggerServer } from '../../helpers/webhook';
import {
	contactPath,
	jsonOf,
	LINE,
	params,
	runContact,
	runOne,
	SOMCHAI,
} from '../../helpers/ohoContact';
import { ohoCalls, useSandbox } from '../../helpers/sandbox';

const ref = useSandbox();
const SECRET = randomBytes(16).toString('hex');
let trigger: TriggerServer;

beforeEach(async () => {
	trigger = await startTriggerServer(
		new OhoTrigger(),
		{
			authentication: 'headerAuth',
			changedFields: ['contact_tags'],
			options: { repeatWindowSeconds: 60 },
		},
		{ ohoWebhookHeaderAuthApi: { name: 'X-Oho-Webhook-Secret', secret: SECRET } },
	);
	ref.sb.registerWebhook({ url: trigger.url, headers: { 'X-Oho-Webhook-Secret': SECRET } });
});
afterEach(async () => await trigger.close());

async function tagSomchai(tags: string[]): Promise<void> {
	await runOne(
		ref.sb,
		params('update', SOMCHAI, { updateFields: { tags }, options: { addToExisting: ['tags'] } }),
	);
	await ref.sb.settleWebhooks();
}

describe('Oho Contact → sandbox webhook → Oho Trigger', () => {
	test('tagging a contact starts one execution with the event, the identity and every tag as text', async () => {
		await tagSomchai(['gold']);

		expect(ref.sb.webhookDeliveries().map((delivery) => delivery.status)).toEqual([200]);
		expect(trigger.executions).toHaveLength(1);
		const [item] = trigger.executions[0];
		expect(item).toMatchObject({
			event: 'updated',
			changedFields: ['contact_tags'],
			platform: 'line',
			platform_id: LINE.channelId,
			user_id: SOMCHAI.userId,
		});
		expect((item.contact as IDataObject).tags).toEqual(['vip', 'gold']);
	});

	test('a change to another field starts nothing (Changed Fields: Tags)', async () => {
		await runOne(ref.sb, params('update', SOMCHAI, { updateFields: { lastName: 'Srisuk' } }));
		await ref.sb.settleWebhooks();

		expect(ref.sb.webhookDeliveries()).toHaveLength(1);
		expect(trigger.executions).toHaveLength(0);
	});

	test('a wrong secret (403), a malformed body (422) and duplicate copies start nothing more', async () => {
		ref.sb.setKnobs({ webhookDelivery: { wrongSecret: true } });
		await tagSomchai(['a']);
		ref.sb.setKnobs({ webhookDelivery: { wrongSecret: false, malformed: true } });
		await tagSomchai(['b']);
		ref.sb.setKnobs({ webhookDelivery: { malformed: false, duplicates: 2 } });
		await tagSomchai(['c']);

		expect(ref.sb.webhookDeliveries().map((delivery) => delivery.status)).toEqual([
			403, 422, 200, 200, 200,
		]);
		expect(trigger.executions).toHaveLength(1);
		expect((trigger.executions[0][0].contact as IDataObject).tags).toEqual(['vip', 'a', 'b', 'c']);
	});
});

/**
 * Oho Trigger → Oho Contact for LINE: the webhook names the OA by its channel ID (as Oho's does), the trigger's
 * item says so (line_channel_id), and Oho Contact given that platform_id reads the contact with the credential's
 * LINE Bot User ID, or fails before sending when the credential has none.
 */
describe('Oho Trigger → Oho Contact (LINE channel ID)', () => {
	/** The trigger's item for a new tag on Somchai. */
	async function triggerItem(): Promise<IDataObject> {
		await tagSomchai(['gold']);
		expect(trigger.executions).toHaveLength(1);
		ref.sb.clearRequests();
		return trigger.executions[0][0];
	}

	/** Oho Contact Get wired to the trigger's item, as a workflow drags the fields in. */
	const GET_FROM_TRIGGER = {
		resource: 'contact',
		operation: 'get',
		platform: '={{ $json.platform }}',
		platformId: '={{ $json.platform_id }}',
		userId: '={{ $json.user_id }}',
	};

	test('the trigger names the channel ID; Oho Contact reads the contact with the credential’s bot user ID', async () => {
		const item = await triggerItem();
		expect(item).toMatchObject({
			platform: 'line',
			platform_id: LINE.channelId,
			line_channel_id: LINE.channelId,
			user_id: SOMCHAI.userId,
		});

		const read = await runOne(ref.sb, GET_FROM_TRIGGER, {
			items: [item],
			account: { ...DEMO_OHO_ACCOUNT },
		});

		expect(ohoCalls(ref.sb)).toEqual([`GET ${contactPath(SOMCHAI)}`]);
		expect(read).toMatchObject({
			first_name: 'Somchai',
			tags: ['vip', 'gold'],
			fromCredential: ['platformId'],
			lineChannelId: LINE.channelId,
		});
	});

	test('without the bot user ID in the credential: fails before sending and says which ID to fill in', async () => {
		const item = await triggerItem();

		const result = await runContact(ref.sb, GET_FROM_TRIGGER, { items: [item] });

		expect(result.error?.message).toBe(
			`Invalid input: Platform ID (platformId) ${LINE.channelId} is a LINE channel ID: Oho's contact endpoints take the LINE OA's bot user ID`,
		);
		expect(jsonOf(result)).toEqual([]);
		expect(ohoCalls(ref.sb)).toEqual([]);
	});

	test.each([
		['a LINE channel ID', { platform: 'line', id: 'U1', platform_id: '2001234567' }, '2001234567'],
		[
			'a LINE channel ID sent as a number',
			{ platform: 'line', id: 'U1', platform_id: 2001234567 },
			'2001234567',
		],
		['a LINE bot user ID', { platform: 'line', id: 'U1', platform_id: LINE.platformId }, null],
		[
			'a Facebook Page ID (digits, but not LINE)',
			{ platform: 'facebook', id: '2837465', platform_id: '1099887766' },
			null,
		],
	])(
		'%s: line_channel_id names it only when it is a LINE channel ID; platform_id stays as Oho sent it',
		(_case, socialProfile, expected) => {
			const contact = { _id: '6751a0c2f1d2e3a4b5c6d7e8', social_profile: socialProfile };
			const item = outputItem(
				{
					event: 'created',
					changedFields: undefined,
					contact,
					body: { event_code: 'contact created', contact },
				},
				false,
				'Asia/Bangkok',
			);

			expect(item.line_channel_id).toBe(expected);
			expect(item.platform_id).toBe(socialProfile.platform_id);
		},
	);
});

describe('Oho Contact → sandbox webhook → Oho Trigger with Secret in URL', () => {
	let urlTrigger: TriggerServer;
	beforeEach(async () => {
		urlTrigger = await startTriggerServer(
			new OhoTrigger(),
			{ authentication: 'urlSecret', changedFields: ['contact_tags'] },
			{ ohoWebhookUrlSecretApi: { secret: SECRET } },
		);
		// The URL as an operator pastes it into Oho: the secret at its end, no header.
		ref.sb.registerWebhook({ url: `${urlTrigger.url}?secret=${SECRET}` });
	});
	afterEach(async () => await urlTrigger.close());

	test('the URL with its secret starts one execution; a sender without the secret (403) starts nothing; the records mask it', async () => {
		ref.sb.setKnobs({ webhookDelivery: { wrongSecret: true } });
		await tagSomchai(['a']);
		ref.sb.setKnobs({ webhookDelivery: { wrongSecret: false } });
		await tagSomchai(['b']);

		expect(ref.sb.webhookDeliveries().map((delivery) => delivery.status)).toEqual([403, 200]);
		expect(urlTrigger.executions).toHaveLength(1);
		expect((urlTrigger.executions[0][0].contact as IDataObject).tags).toEqual(['vip', 'a', 'b']);
		expect(JSON.stringify([ref.sb.webhookDeliveries(), urlTrigger.executions])).not.toContain(
			SECRET,
		);
	});
});

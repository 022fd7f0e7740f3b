/**
 * The whole loop without n8n's server: the Oho Contact node (n8n-core's WorkflowExecute) tags a contact in the
 * sandbox, the sandbox sends Oho's customer-profile webhook, and the Oho Trigger (n8n-core's WebhookContext behind
 * test/helpers/webhook.ts) starts one execution for it, and none for a wrong secret, a malformed body or a repeat.
 */
import { randomBytes } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { OhoTrigger } from '../../nodes/OhoTrigger/OhoTrigger.node';
import { startTriggerServer, type TriggerServer } from '../helpers/webhook';
import { LINE, params, runOne, SOMCHAI } from '../shared/ohoContact';
import { useSandbox } from '../shared/sandbox';

const ref = useSandbox();
const SECRET = randomBytes(16).toString('hex');
let trigger: TriggerServer;

beforeEach(async () => {
	trigger = await startTriggerServer(
		new OhoTrigger(),
		{ authentication: 'headerAuth', changedFields: ['contact_tags'], options: { repeatWindowSeconds: 60 } },
		{ ohoWebhookHeaderAuthApi: { name: 'X-Oho-Webhook-Secret', secret: SECRET } },
	);
	ref.sb.registerWebhook({ url: trigger.url, headers: { 'X-Oho-Webhook-Secret': SECRET } });
});
afterEach(async () => await trigger.close());

async function tagSomchai(tags: string[]): Promise<void> {
	await runOne(ref.sb, params('update', SOMCHAI, { updateFields: { tags }, options: { addToExisting: ['tags'] } }));
	await ref.sb.settleWebhooks();
}

describe('Oho Contact → sandbox webhook → Oho Trigger', () => {
	test('tagging a contact starts one execution with the event, the identity and every tag as text', async () => {
		await tagSomchai(['gold']);

		expect(ref.sb.webhookDeliveries().map((delivery) => delivery.status)).toEqual([200]);
		expect(trigger.executions).toHaveLength(1);
		const [item] = trigger.executions[0];
		expect(item).toMatchObject({ event: 'updated', changedFields: ['contact_tags'], platform: 'line', platform_id: LINE.channelId, user_id: SOMCHAI.userId });
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

		expect(ref.sb.webhookDeliveries().map((delivery) => delivery.status)).toEqual([403, 422, 200, 200, 200]);
		expect(trigger.executions).toHaveLength(1);
		expect((trigger.executions[0][0].contact as IDataObject).tags).toEqual(['vip', 'a', 'b', 'c']);
	});
});

describe('Oho Contact → sandbox webhook → Oho Trigger with Secret in URL', () => {
	let urlTrigger: TriggerServer;
	beforeEach(async () => {
		urlTrigger = await startTriggerServer(new OhoTrigger(), { authentication: 'urlSecret', changedFields: ['contact_tags'] }, { ohoWebhookUrlSecretApi: { secret: SECRET } });
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
		expect(JSON.stringify([ref.sb.webhookDeliveries(), urlTrigger.executions])).not.toContain(SECRET);
	});
});

/**
 * Deliveries as Oho's customer-profile webhook sends them (docs/api/oho.md § "Webhook delivery") and a trigger started behind
 * test/helpers/webhook.ts, closed after each test: what the Oho Trigger's tests share.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { OhoTrigger } from '../../nodes/OhoTrigger/OhoTrigger.node';
import { startTriggerServer, type TriggerServer, type TriggerServerOptions } from './webhook';

/** A contact as Oho's customer-profile webhook shows it (docs/api/oho.md § "Stored contact form"): stored tags as { _id, keyword }, age as text. */
export function storedContact(overrides: IDataObject = {}): IDataObject {
	return {
		_id: '6751a0c2f1d2e3a4b5c6d7e8',
		social_profile: {
			platform: 'line',
			id: 'U38e365dddca4292c9cb1d8cf012aac87',
			platform_id: '2001234567',
			platform_name: 'Oho Demo Shop',
		},
		platform_display_name: 'Ton',
		display_name: 'Ton (VIP)',
		first_name: 'Ton',
		last_name: 'Sakda',
		customer_id: 'C-1001',
		phone: '0812345678',
		email: 'ton@example.com',
		country: 'THA',
		city: 'Bangkok',
		gender: 'male',
		age: '34',
		birth_date: '1992-03-04T00:00:00.000Z',
		contact_tags: [
			{ _id: '6751a0c2f1d2e3a4b5c6d001', keyword: 'vip' },
			{ _id: '6751a0c2f1d2e3a4b5c6d002', keyword: 'ลูกค้าประจำ' },
		],
		chat_tags: [{ _id: '6751a0c2f1d2e3a4b5c6d003', keyword: 'follow-up' }],
		...overrides,
	};
}

export const created = (contact = storedContact()) => ({ event_code: 'contact created', contact });
export const updated = (fields: string[] | undefined, contact = storedContact()) => ({
	event_code: 'contact updated',
	contact,
	...(fields ? { updated_field: fields } : {}),
});

export const STARTED = { status: 200, body: { message: 'Workflow was started' } };
export const notStarted = (reason: string) => ({
	status: 200,
	body: { message: `Received; no workflow started: ${reason}` },
});

let server: TriggerServer | undefined;

/** An Oho Trigger with these parameters and credentials, listening until the end of the test. */
export async function trigger(
	parameters: INode['parameters'] = {},
	credentials: Record<string, IDataObject> = {},
	options: TriggerServerOptions = {},
): Promise<TriggerServer> {
	server = await startTriggerServer(new OhoTrigger(), parameters, credentials as never, options);
	return server;
}

afterEach(async () => {
	await server?.close();
	server = undefined;
});

import type { IDataObject } from 'n8n-workflow';

import { keywordsIn, readableContact } from '../../shared/oho/storedContact';
import type { Delivery } from './delivery';
import { platformOf } from './filters';

/** The delivery's own keys; anything else Oho adds passes through untouched. */
const DELIVERY_KEYS = new Set(['event_code', 'contact', 'updated_field']);

/**
 * Oho's webhook names a LINE OA by its channel ID (digits), the contract says; Oho's contact endpoints take its bot
 * user ID. The item names the channel ID as such, so a workflow (and Oho Contact, which then uses the credential's
 * LINE Bot User ID) can tell the two apart.
 */
function lineChannelIdOf(platform: unknown, platformId: unknown): string | null {
	const text = typeof platformId === 'number' ? String(platformId) : platformId;
	return platform === 'line' && typeof text === 'string' && /^\d+$/.test(text) ? text : null;
}

/**
 * One item per delivery: the event, what changed, the identity named as Oho Contact and Oho Chat take it
 * (`platform`, `platform_id`, `user_id`; for LINE also `line_channel_id`), and the contact with plain
 * `tags`/`labels` lists and a numeric `age`.
 */
export function outputItem(delivery: Delivery, includeRawPayload: boolean): IDataObject {
	const { contact, body } = delivery;
	const socialProfile = (contact.social_profile ?? {}) as IDataObject;
	const platform = (platformOf(contact) as string | undefined) ?? null;
	const item: IDataObject = {
		event: delivery.event,
		changedFields: delivery.changedFields ?? [],
		platform,
		platform_id: socialProfile.platform_id ?? null,
		line_channel_id: lineChannelIdOf(platform, socialProfile.platform_id),
		user_id: socialProfile.id ?? null,
		contact_id: contact._id ?? null,
		// Always lists, so an IF on $json.contact.tags works on every delivery.
		contact: {
			...readableContact(contact),
			tags: keywordsIn(contact.contact_tags ?? contact.tags),
			labels: keywordsIn(contact.chat_tags ?? contact.labels),
		},
		...(includeRawPayload ? { raw: body } : {}),
	};
	const passThrough: IDataObject = {};
	// An extra whose name the item already uses is kept under extraFields, never overwritten.
	const extraFields: IDataObject = {};
	for (const [key, value] of Object.entries(body)) {
		if (DELIVERY_KEYS.has(key)) continue;
		if (key in item || key === 'extraFields') extraFields[key] = value;
		else passThrough[key] = value;
	}
	return { ...passThrough, ...item, ...(Object.keys(extraFields).length ? { extraFields } : {}) };
}

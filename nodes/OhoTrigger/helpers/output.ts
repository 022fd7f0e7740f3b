import type { IDataObject } from 'n8n-workflow';

import { isoDateIn } from '../../common/dates';
import { keywordsIn, readableContact } from '../../common/oho/storedContact';
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

const isRecord = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * An ObjectId as text. Oho types `_id` as ObjectId without showing its wire form (docs/api/oho.md §
 * "Stored contact form"): the 24 hex digits, or MongoDB's extended JSON `{ "$oid": "…" }`. Null when it is neither text nor a number.
 */
function objectIdText(value: unknown): string | null {
	const id = isRecord(value) && '$oid' in value ? value.$oid : value;
	return typeof id === 'string' ? id : typeof id === 'number' ? String(id) : null;
}

/** The instant of a Date as Oho may write it: ISO text, epoch milliseconds, or extended JSON `{ "$date": … }`. */
function instantOf(value: unknown): Date | undefined {
	let date = isRecord(value) && '$date' in value ? value.$date : value;
	if (isRecord(date) && typeof date.$numberLong === 'string') date = Number(date.$numberLong);
	if (typeof date !== 'string' && typeof date !== 'number') return undefined;
	const instant = new Date(date);
	return Number.isNaN(instant.getTime()) ? undefined : instant;
}

/**
 * The birth date as the calendar day a workflow means (YYYY-MM-DD): a plain date as written; a date-time, the day
 * it falls on in the workflow's time zone (Oho's midnight in Bangkok, 1990-05-11T17:00:00.000Z, is 1990-05-12 there).
 */
function birthDateOf(value: unknown, timeZone: string): string | null {
	if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim())) return value.trim();
	const instant = instantOf(value);
	return instant ? isoDateIn(instant, timeZone) : null;
}

/** Stored tags with their `_id` as text, whichever form Oho wrote it in; a list that is not one stays as it came. */
function withTextIds(list: unknown): unknown {
	if (!Array.isArray(list)) return list;
	return list.map((entry: unknown) =>
		isRecord(entry) && '_id' in entry ? { ...entry, _id: objectIdText(entry._id) } : entry,
	);
}

/**
 * The contact as a workflow reads it: Oho's fields as sent, `_id` and the tags' `_id` as text, plain `tags` and
 * `labels` lists (always lists, so an IF on $json.contact.tags works on every delivery), `age` a number (null when
 * missing or empty) and `birthDate` beside `birth_date`.
 */
function readableDeliveredContact(contact: IDataObject, timeZone: string): IDataObject {
	const readable: IDataObject = {
		...readableContact(contact),
		tags: keywordsIn(contact.contact_tags ?? contact.tags),
		labels: keywordsIn(contact.chat_tags ?? contact.labels),
	};
	if ('_id' in contact) readable._id = objectIdText(contact._id);
	for (const stored of ['contact_tags', 'chat_tags']) {
		if (stored in contact) readable[stored] = withTextIds(contact[stored]) as IDataObject[];
	}
	if (
		readable.age === undefined ||
		(typeof readable.age === 'string' && readable.age.trim() === '')
	)
		readable.age = null;
	readable.birthDate = birthDateOf(contact.birth_date, timeZone);
	return readable;
}

/**
 * One item per delivery: the event, what changed, the identity named as Oho Contact and Oho Chat take it
 * (`platform`, `platform_id`, `user_id`; for LINE also `line_channel_id`), the contact's ID as text, and the
 * contact as a workflow reads it (readableDeliveredContact).
 */
export function outputItem(
	delivery: Delivery,
	includeRawPayload: boolean,
	timeZone: string,
): IDataObject {
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
		contact_id: objectIdText(contact._id),
		contact: readableDeliveredContact(contact, timeZone),
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

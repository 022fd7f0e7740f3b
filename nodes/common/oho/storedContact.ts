import type { IDataObject } from 'n8n-workflow';

import { isoDateIn } from '../dates';

/**
 * How Oho stores a contact (docs/api/oho.md § "Stored contact form"): what the write API calls `tags` and
 * `labels` are `contact_tags` and `chat_tags`, arrays of `{ _id, keyword }`; `age` is text. A read may come in
 * either form, so both are understood; `undefined` means the list cannot be read with certainty.
 */
type ListName = 'tags' | 'labels';

const STORED_NAME: Record<ListName, string> = { tags: 'contact_tags', labels: 'chat_tags' };

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const keywordOf = (entry: unknown): string | undefined =>
	typeof entry === 'string'
		? entry
		: isRecord(entry) && typeof entry.keyword === 'string'
			? entry.keyword
			: undefined;

/** Every keyword of a list, or undefined when it is not a list or one entry has none (it cannot be read with certainty). */
function keywordsOf(list: unknown): string[] | undefined {
	if (!Array.isArray(list)) return undefined;
	const keywords = list.map(keywordOf);
	return keywords.every((keyword) => keyword !== undefined) ? (keywords as string[]) : undefined;
}

/** For showing a list: the keywords it holds, skipping entries that carry none; [] when there is no list. */
export function keywordsIn(list: unknown): string[] {
	return Array.isArray(list)
		? list.map(keywordOf).filter((keyword): keyword is string => keyword !== undefined)
		: [];
}

/** A contact's tags or labels as plain text, from the stored form or the written one; undefined when unreadable or absent. */
export function storedList(contact: unknown, name: ListName): string[] | undefined {
	if (!isRecord(contact)) return undefined;
	const stored = STORED_NAME[name];
	if (stored in contact) return keywordsOf(contact[stored]);
	return name in contact ? keywordsOf(contact[name]) : undefined;
}

/** The attributes a read gave, when every entry has a name; undefined otherwise. */
export function storedAttributes(contact: unknown): IDataObject[] | undefined {
	if (!isRecord(contact) || !Array.isArray(contact.attributes)) return undefined;
	const attributes = contact.attributes as unknown[];
	return attributes.every((entry) => isRecord(entry) && typeof entry.display_name === 'string')
		? (attributes as IDataObject[])
		: undefined;
}

/** Oho stores age as text; "34" is the number 34. Anything else stays as it came. */
function storedAge(age: unknown): unknown {
	return typeof age === 'string' && /^\d+$/.test(age.trim()) ? Number(age) : age;
}

/**
 * A contact read from Oho, as the node outputs it: every field as Oho gave it, plus `tags` and `labels` as plain
 * text lists (where they could be read) and `age` as a number.
 */
export function readableContact(contact: unknown): IDataObject {
	if (!isRecord(contact)) return {};
	const readable: IDataObject = { ...(contact as IDataObject) };
	for (const name of ['tags', 'labels'] as const) {
		const list = storedList(contact, name);
		if (list !== undefined) readable[name] = list;
	}
	if (readable.age !== undefined) readable.age = storedAge(readable.age) as IDataObject[string];
	return readable;
}

const sameList = (a: unknown[] | undefined, b: unknown[]) =>
	a !== undefined &&
	JSON.stringify([...a].map(String).sort()) === JSON.stringify([...b].map(String).sort());

function sameAttributes(stored: IDataObject[] | undefined, written: unknown[]): boolean {
	const key = (entry: unknown) => {
		const attribute = entry as { display_name?: unknown; value?: { text?: unknown } };
		return `${String(attribute.display_name)}\u0000${String(attribute.value?.text)}`;
	};
	return stored !== undefined && sameList(stored.map(key), written.map(key));
}

/**
 * Oho types the stored birth date as a Date: it may come back as the date sent, or as a date-time (midnight UTC,
 * or midnight where the business is). Either way it is the same date if it falls on it in UTC or in the workflow's zone.
 */
function sameBirthDate(stored: unknown, sent: string, timeZone: string): boolean {
	if (typeof stored !== 'string') return false;
	if (stored.slice(0, 10) === sent) return true;
	const instant = new Date(stored);
	if (stored.length <= 10 || Number.isNaN(instant.getTime())) return false;
	return isoDateIn(instant, timeZone) === sent;
}

/**
 * Whether a stored contact holds every value a write sent, read in either form: the only proof that a create whose
 * answer was lost is the one that made it, and not a contact that existed before.
 */
export function storedMatches(stored: unknown, written: IDataObject, timeZone: string): boolean {
	if (!isRecord(stored)) return false;
	return Object.entries(written).every(([key, value]) => {
		switch (key) {
			case 'social_profile': {
				const profile = isRecord(stored.social_profile) ? stored.social_profile : {};
				const sent = value as IDataObject;
				return ['platform_name', 'line_basic_id'].every(
					(field) =>
						!(field in profile) || sent[field] === undefined || profile[field] === sent[field],
				);
			}
			case 'tags':
			case 'labels':
				return sameList(storedList(stored, key), value as unknown[]);
			case 'attributes':
				return sameAttributes(storedAttributes(stored), value as unknown[]);
			case 'age':
				return storedAge(stored.age) === value;
			case 'birth_date':
				return sameBirthDate(stored.birth_date, value as string, timeZone);
			default:
				return stored[key] === value;
		}
	});
}

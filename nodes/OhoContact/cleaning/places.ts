import countries from '../data/countries.json';
import provinces from '../data/provinces.json';
import { cleanText } from './text';
import type { Cleaned } from './types';

/** A place of data/countries.json or data/provinces.json. */
export interface Place {
	en: string;
	th: string;
	code?: string;
	alpha3?: string;
	aliases?: string[];
}

const PROVINCE_SUFFIX = 'province';

/**
 * The key two spellings of one place share: "จ.ชลบุรี", "จังหวัดชลบุรี", "Chon Buri", "Chonburi Province" and
 * "chon-buri" all give one key. Prefixes go before dots are dropped: "จ" alone starts provinces such as จันทบุรี.
 * Zero-width characters go before spaces are collapsed, and the suffix is cut with endsWith rather than a pattern
 * (`\s*province$` tries every space of a long run again: quadratic on a form visitor's value).
 */
export function placeKey(text: string): string {
	let key = text
		.normalize('NFC')
		.toLowerCase()
		.replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^(?:จังหวัด|จ\.|changwat\s|ประเทศ)\s?/, '');
	if (key.endsWith(PROVINCE_SUFFIX)) key = key.slice(0, -PROVINCE_SUFFIX.length);
	return key.replace(/[\s\-.'’,()]/g, '');
}

function lookup(places: Place[]): Map<string, string> {
	const byKey = new Map<string, string>();
	for (const place of places) {
		for (const name of [place.en, place.th, place.code, place.alpha3, ...(place.aliases ?? [])]) {
			if (name) byKey.set(placeKey(name), place.en);
		}
	}
	return byKey;
}

const PROVINCES = lookup(provinces as Place[]);
const COUNTRIES = lookup(countries as Place[]);

/**
 * One canonical value per place: the English name the node's list sends. A value the list does not know is
 * sent as written (tidied): Oho never published its lists, so the node does not refuse what Oho may accept.
 */
function cleanPlace(value: unknown, places: Map<string, string>): Cleaned {
	const text = cleanText(value);
	if (!('value' in text) || text.value === undefined) return text;
	return { value: places.get(placeKey(text.value as string)) ?? text.value };
}

export const cleanCity = (value: unknown) => cleanPlace(value, PROVINCES);
export const cleanCountry = (value: unknown) => cleanPlace(value, COUNTRIES);

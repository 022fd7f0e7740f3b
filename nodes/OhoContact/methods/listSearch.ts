import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import type { Place } from '../cleaning/places';
import { placeKey } from '../cleaning/places';
import countries from '../data/countries.json';
import provinces from '../data/provinces.json';

interface SearchablePlace {
	item: INodeListSearchItems;
	/** Every name the place is found by, as placeKey gives it: English, Thai, codes, other spellings. */
	keys: string[];
}

/** Labels and values in English, as n8n asks of every text in the editor; Thai names only find them. */
function searchable(places: Place[]): SearchablePlace[] {
	return [...places]
		.sort((a, b) => a.en.localeCompare(b.en, 'en'))
		.map((place) => ({
			item: { name: place.en, value: place.en },
			keys: [place.en, place.th, place.code, place.alpha3, ...(place.aliases ?? [])]
				.filter((name): name is string => typeof name === 'string' && name !== '')
				.map(placeKey),
		}));
}

const COUNTRIES = searchable(countries as Place[]);
const PROVINCES = searchable(provinces as Place[]);

/** 0 when a name is what was typed, 1 when a name starts with it, 2 when a name holds it; undefined otherwise. */
function rank(place: SearchablePlace, query: string): number | undefined {
	if (place.keys.includes(query)) return 0;
	if (place.keys.some((key) => key.startsWith(query))) return 1;
	if (place.keys.some((key) => key.includes(query))) return 2;
	return undefined;
}

/**
 * The places whose English or Thai name, code or other spelling holds the typed text, the closest first, in
 * English order within each; the whole list when nothing is typed.
 */
function searchPlaces(places: SearchablePlace[], filter?: string): INodeListSearchResult {
	const query = placeKey(filter ?? '');
	if (query === '') return { results: places.map((place) => place.item) };
	const ranked: Array<{ item: INodeListSearchItems; rank: number }> = [];
	for (const place of places) {
		const placeRank = rank(place, query);
		if (placeRank !== undefined) ranked.push({ item: place.item, rank: placeRank });
	}
	// Array.prototype.sort is stable: places of one rank keep their English order.
	return { results: ranked.sort((a, b) => a.rank - b.rank).map((entry) => entry.item) };
}

export async function searchCountries(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return searchPlaces(COUNTRIES, filter);
}

export async function searchProvinces(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return searchPlaces(PROVINCES, filter);
}

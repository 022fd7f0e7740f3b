import countries from '../../nodes/OhoContact/data/countries.json';
import provinces from '../../nodes/OhoContact/data/provinces.json';
import { cleanCity, cleanCountry, placeKey } from '../../nodes/OhoContact/cleaning/places';
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { OhoContact } from '../../nodes/OhoContact/OhoContact.node';

/** What the City and Country lists of the node send: the value a cleaned spelling must equal. */
async function listValues(method: 'searchCountries' | 'searchProvinces'): Promise<unknown[]> {
	const { results } = await new OhoContact().methods.listSearch[method].call(
		{} as ILoadOptionsFunctions,
	);
	return results.map((item) => item.value);
}

describe('cleaning: City (Province)', () => {
	test.each([
		[
			'Bangkok',
			[
				'Bangkok',
				'bangkok',
				'BKK',
				'กทม',
				'กทม.',
				'กรุงเทพ',
				'กรุงเทพฯ',
				'กรุงเทพมหานคร',
				'Bangkok Metropolis',
				'จังหวัดกรุงเทพมหานคร',
			],
		],
		[
			'Chiang Mai',
			[
				'เชียงใหม่',
				'จ.เชียงใหม่',
				'จ. เชียงใหม่',
				'จังหวัดเชียงใหม่',
				'Chiang Mai',
				'chiangmai',
				'CHIANG-MAI',
				'Chiang Mai Province',
			],
		],
		['Chon Buri', ['Chonburi', 'Chon Buri', 'ชลบุรี']],
		['Lop Buri', ['Lopburi', 'Lop Buri', 'ลพบุรี']],
		['Nakhon Ratchasima', ['Korat', 'โคราช', 'นครราชสีมา']],
		['Chanthaburi', ['จันทบุรี', 'จ.จันทบุรี']],
	])('every spelling of %s is sent as the list sends it', async (sent, spellings) => {
		expect(await listValues('searchProvinces')).toContain(sent);
		for (const spelling of spellings)
			expect([spelling, cleanCity(spelling)]).toEqual([spelling, { value: sent }]);
	});

	test('each of the 77 provinces, by its Thai or English name, is sent as the list value', () => {
		expect(provinces).toHaveLength(77);
		for (const province of provinces) {
			expect(cleanCity(province.th)).toEqual({ value: province.en });
			expect(cleanCity(` ${province.en.toUpperCase()} `)).toEqual({ value: province.en });
		}
	});

	test('a value the list does not know is sent as written, tidied (Oho never published its list)', () => {
		expect(cleanCity('  Vientiane   Capital ')).toEqual({ value: 'Vientiane Capital' });
	});
});

describe('cleaning: Country', () => {
	test.each([
		[
			'Thailand',
			['Thailand', 'thailand', 'TH', 'THA', 'tha', 'ไทย', 'ประเทศไทย', 'Kingdom of Thailand'],
		],
		['United States', ['USA', 'US', 'United States of America', 'สหรัฐอเมริกา']],
		['United Kingdom', ['UK', 'GB', 'GBR', 'Great Britain', 'อังกฤษ']],
		['Laos', ['Lao PDR', 'LA', 'LAO', 'ลาว']],
	])('every spelling of %s is sent as the list sends it', async (sent, spellings) => {
		expect(await listValues('searchCountries')).toContain(sent);
		for (const spelling of spellings)
			expect([spelling, cleanCountry(spelling)]).toEqual([spelling, { value: sent }]);
	});

	test('each of the 250 countries, by its codes and names, is sent as the list value', () => {
		for (const country of countries as Array<{
			code: string;
			alpha3: string;
			en: string;
			th: string;
		}>) {
			for (const name of [country.code, country.alpha3, country.en, country.th])
				expect(cleanCountry(name)).toEqual({ value: country.en });
		}
	});
});

describe('place data', () => {
	test.each([
		[
			'provinces',
			provinces as Array<{
				en: string;
				th: string;
				code?: string;
				alpha3?: string;
				aliases?: string[];
			}>,
		],
		[
			'countries',
			countries as Array<{
				en: string;
				th: string;
				code?: string;
				alpha3?: string;
				aliases?: string[];
			}>,
		],
	])('no spelling of the %s names two places', (_name, places) => {
		const owner = new Map<string, string>();
		for (const place of places) {
			for (const name of [place.en, place.th, place.code, place.alpha3, ...(place.aliases ?? [])]) {
				if (!name) continue;
				const key = placeKey(name);
				expect([name, owner.get(key) ?? place.en]).toEqual([name, place.en]);
				owner.set(key, place.en);
			}
		}
	});
});

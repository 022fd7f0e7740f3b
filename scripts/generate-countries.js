// Regenerates nodes/OhoContact/data/countries.json from the ICU data in Node.js (ISO 3166-1 countries and Kosovo,
// English and Thai names). Oho never published its country.json, so values are the English names.
const { writeFileSync } = require('fs');
const { join } = require('path');

const english = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const thai = new Intl.DisplayNames(['th'], { type: 'region', fallback: 'none' });
// Two-letter codes ICU names that are not countries or territories.
const notCountries = new Set(['AC', 'CP', 'DG', 'EA', 'EU', 'EZ', 'IC', 'QO', 'TA', 'UN', 'XA', 'XB', 'ZZ', 'CQ']);
// Withdrawn codes ICU still names (aliases of current ones).
const withdrawn = new Set(['AN', 'BU', 'CS', 'DD', 'DY', 'FX', 'HV', 'NH', 'RH', 'SU', 'TP', 'UK', 'VD', 'YD', 'YU', 'ZR']);

const countries = [];
for (let a = 65; a <= 90; a++) {
	for (let b = 65; b <= 90; b++) {
		const code = String.fromCharCode(a, b);
		const en = english.of(code);
		if (!en || notCountries.has(code) || withdrawn.has(code)) continue;
		countries.push({ code, en, th: thai.of(code) ?? en });
	}
}
countries.sort((x, y) => x.en.localeCompare(y.en, 'en'));
writeFileSync(join(__dirname, '../nodes/OhoContact/data/countries.json'), JSON.stringify(countries, null, '\t') + '\n');
console.log(`${countries.length} countries written`);

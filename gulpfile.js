// The build (`npm run build` is `gulp build`): n8n-node build, with the asset work it does not do around it.
//
// - countries, before it: nodes/OhoContact/data/countries.json from scripts/countries.source.json (which
//   countries, their ISO 3166-1 alpha-3 codes and the other spellings forms use) and the English and Thai names in
//   Node's ICU data. The English name is the value the node sends to Oho (docs/api/oho.md, "Country and province
//   lists"), so the list follows one CLDR version, the source's `cldr`: on a Node whose ICU follows another, the
//   list is kept and the task says so. Change `cldr` to move the list to that Node's names.
// - icons, after it: every node and credential package.json registers, as built, names a light and a dark icon
//   that the published files hold and that is an SVG n8n can scale. n8n-node lint checks that the source's icon
//   paths exist; this checks what n8n loads from the package.
const { spawn } = require('child_process');
const { existsSync, readFileSync, writeFileSync } = require('fs');
const { basename, dirname, join, relative, sep } = require('path');
const { series } = require('gulp');

const COUNTRY_SOURCE = join(__dirname, 'scripts', 'countries.source.json');
const COUNTRY_LIST = join(__dirname, 'nodes', 'OhoContact', 'data', 'countries.json');

/** The country list as its file holds it. */
function countryList(source) {
	const english = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
	const thai = new Intl.DisplayNames(['th'], { type: 'region', fallback: 'none' });
	const problems = [];
	const countries = [];
	for (const [code, { alpha3, aliases }] of Object.entries(source.countries)) {
		const en = english.of(code);
		if (!en) problems.push(`${code}: Node's ICU names no region ${code}`);
		if (!/^[A-Z]{3}$/.test(alpha3 ?? ''))
			problems.push(`${code}: "${alpha3 ?? ''}" is not an alpha-3 code`);
		countries.push({ code, alpha3, en, th: thai.of(code) ?? en, ...(aliases ? { aliases } : {}) });
	}
	if (problems.length > 0)
		throw new Error(`scripts/countries.source.json:\n${problems.join('\n')}`);
	countries.sort((x, y) => x.en.localeCompare(y.en, 'en'));
	return `${JSON.stringify(countries, null, '\t')}\n`;
}

async function countries() {
	const source = JSON.parse(readFileSync(COUNTRY_SOURCE, 'utf8'));
	if (process.versions.cldr !== source.cldr) {
		console.warn(
			`countries.json kept: this Node's ICU follows CLDR ${process.versions.cldr}, the list CLDR ${source.cldr} ` +
				'(scripts/countries.source.json). Build on a Node with that CLDR to apply a change to the source.',
		);
		return;
	}
	const text = countryList(source);
	if (readFileSync(COUNTRY_LIST, 'utf8') === text) return;
	writeFileSync(COUNTRY_LIST, text);
	console.log(`${relative(__dirname, COUNTRY_LIST)} written from scripts/countries.source.json`);
}

function n8nNodeBuild() {
	const bin = join(
		__dirname,
		'node_modules',
		'.bin',
		process.platform === 'win32' ? 'n8n-node.cmd' : 'n8n-node',
	);
	return spawn(bin, ['build'], { stdio: 'inherit', shell: process.platform === 'win32' });
}

/** What keeps an SVG from being drawn at the sizes n8n uses; an empty list for a good one. */
function svgProblems(svg) {
	const problems = [];
	const body = svg.replace(
		/<\?xml[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>|<!\[CDATA\[[\s\S]*?\]\]>/g,
		'',
	);
	const root = /^\s*<svg\b([^>]*)>/.exec(body);
	if (!root) return ['the root element is not <svg>'];
	if (!/\sxmlns="http:\/\/www\.w3\.org\/2000\/svg"/.test(root[1]))
		problems.push('no SVG namespace (xmlns)');
	if (!/\sviewBox="[^"]+"/.test(root[1])) problems.push('no viewBox, so it cannot be scaled');
	if (/<script\b|\son[a-z]+\s*=/i.test(body)) problems.push('a script');
	const open = [];
	const tags = /<(\/?)([A-Za-z][\w:.-]*)(?:\s[^>]*?)?(\/?)>/g;
	for (const [tag, closing, name, selfClosing] of body.matchAll(tags)) {
		if (selfClosing) continue;
		if (!closing) {
			open.push(name);
			continue;
		}
		const expected = open.pop();
		if (expected !== name) {
			return [...problems, expected ? `${tag} closes <${expected}>` : `${tag} closes nothing`];
		}
	}
	if (open.length > 0) problems.push(`<${open.at(-1)}> is not closed`);
	const end = body.lastIndexOf('</svg>');
	if (end >= 0 && body.slice(end + '</svg>'.length).trim()) problems.push('text after </svg>');
	return problems;
}

async function icons() {
	const packageJson = JSON.parse(readFileSync(join(__dirname, 'package.json'), 'utf8'));
	const published = packageJson.files.map((entry) => join(__dirname, entry) + sep);
	const problems = [];
	for (const built of [...packageJson.n8n.nodes, ...packageJson.n8n.credentials]) {
		const file = join(__dirname, built);
		// n8n loads the class named as the file: dist/nodes/OhoChat/OhoChat.node.js exports OhoChat.
		const instance = new (require(file)[basename(file).split('.')[0]])();
		const icon = (instance.description ?? instance).icon;
		if (typeof icon !== 'object' || !icon.light || !icon.dark) {
			problems.push(`${built}: the icon needs a light and a dark file`);
			continue;
		}
		for (const path of [icon.light, icon.dark]) {
			const target = join(dirname(file), path.replace(/^file:/, ''));
			const name = relative(__dirname, target);
			if (!published.some((folder) => target.startsWith(folder))) {
				problems.push(`${built}: ${name} is outside the published files (package.json "files")`);
			} else if (!existsSync(target)) {
				problems.push(`${built}: ${name} is not in the build`);
			} else {
				for (const problem of svgProblems(readFileSync(target, 'utf8')))
					problems.push(`${name}: ${problem}`);
			}
		}
	}
	if (problems.length > 0) throw new Error(`icons:\n${[...new Set(problems)].join('\n')}`);
}

exports.countries = countries;
exports.icons = icons;
exports.build = series(countries, n8nNodeBuild, icons);
exports.default = exports.build;

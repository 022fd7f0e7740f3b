/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * fast-check generators for what an operator (or an upstream node) can hand the nodes: for each field a valid raw
 * value paired with the value the API must receive, and invalid raw values the node must refuse before sending.
 *
 * Written from the API reference (docs/api/oho.md, docs/api/gofive.md) and the nodes' documented conversions (text trimmed, phone punctuation removed,
 * dates cut to YYYY-MM-DD, lists split, trimmed, deduplicated), not from the nodes' code.
 */
import fc from 'fast-check';

/** The seed every property uses; RELIABILITY_SEED=<n> replays another one. */
export const SEED = Number(process.env.RELIABILITY_SEED ?? 7_2025);

/**
 * fc.assert options: the fixed seed, no shrinking (each run is a whole node execution; the failing item is named by
 * the assertion itself) and a short report (a counterexample can hold 100 000-character strings).
 */
export function assertOptions<T>(numRuns: number, property: string): fc.Parameters<T> {
	// One seed per property (derived from SEED), so properties of the same shape still see different values.
	const seed = [...property].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) | 0, SEED);
	return {
		seed,
		numRuns,
		endOnFailure: true,
		reporter(details) {
			if (!details.failed) return;
			const error = details.errorInstance as Error | undefined;
			const message = error?.message ?? 'no error message';
			throw new Error(
				`Property failed on run ${details.numRuns} of seed ${details.seed} (replay another seed with RELIABILITY_SEED=<n>):\n${message.length > 6000 ? `${message.slice(0, 6000)}…` : message}`,
			);
		},
	};
}

/** A raw value as the operator gives it, and what the API must receive for it (undefined: not sent). */
export interface Valid<T = unknown> {
	raw: unknown;
	api: T;
}

/** Whitespace that String.prototype.trim removes, and so must the node: ASCII, no-break, ideographic, BOM, line separator. */
const PAD = fc.constantFrom(
	'',
	'',
	'',
	' ',
	'  ',
	'\t',
	'\n ',
	'\u00a0',
	'\u3000',
	'\ufeff',
	' \u2028',
);

/** Strings of only such whitespace: as empty as no value. */
export const BLANK = fc.constantFrom(
	'',
	' ',
	'   ',
	'\t\n',
	'\u00a0',
	'\u3000',
	'\ufeff',
	'\u2028 ',
);

/** Values of a type no text field takes. */
export const WRONG_TYPE = fc.constantFrom<unknown>({ value: 'x' }, {}, ['x'], [], true, false);

const ASCII = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('');

/** Unicode and syntax edge cases: Thai with tone marks, combining accents, emoji (astral, ZWJ, flags), RTL, CJK, zero-width, control, quotes, expression-like text. */
const EDGE_PIECES = [
	'สมชาย',
	'น้ำ',
	'ก',
	'e\u0301',
	'é',
	'ß',
	'中文',
	'한국',
	'مرحبا',
	'שלום',
	'😀',
	'👍🏽',
	'👨‍👩‍👧',
	'🇹🇭',
	'𝄞',
	'\u200b',
	'\u200d',
	'\u2060',
	'\u001f',
	'\t',
	'\n',
	'\r\n',
	' ',
	'"',
	"'",
	'\\',
	'<b>',
	'&amp;',
	'%20',
	'{{ $json }}',
	'={{ 1 }}',
	'${x}',
	'-',
	'_',
	'.',
	',',
	'/',
	'?',
	'#',
	'+',
];

const TEXT_PIECES = [...ASCII, ...ASCII, ...EDGE_PIECES];

/** The sandbox masks values that look like `token=...` in what it records; generated text never looks like that. */
const SECRETISH = /(secret|password|token|api[-_]?key|subscription[-_]?key)/i;

const tallied = (pieces: string[]) =>
	fc
		.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 14 })
		.map((parts) => parts.join(''));

/** Text of 1..max UTF-16 units once trimmed; one case in five is filled up to exactly the limit. */
export function textCore(max: number, pieces: string[] = TEXT_PIECES): fc.Arbitrary<string> {
	const natural = tallied(pieces);
	const atLimit = natural.map((text) =>
		text.length >= max ? 'y'.repeat(max) : text + 'y'.repeat(max - text.length),
	);
	return fc
		.oneof({ weight: 4, arbitrary: natural }, { weight: 1, arbitrary: atLimit })
		.filter(
			(text) => text.trim().length >= 1 && text.trim().length <= max && !SECRETISH.test(text),
		);
}

/**
 * What Oho Contact makes of a name (README, "Thai form data"): NFC, zero-width spaces, word joiners and BOMs removed,
 * every run of whitespace one space, trimmed.
 */
export const tidy = (text: string) =>
	text
		.normalize('NFC')
		.replace(/[\u200B\u2060\uFEFF]/g, '')
		// A (non-)joiner beside whitespace or at either end joins nothing: removed, so the whitespace around it is one run.
		.replace(/[\u200C\u200D]+/g, (joiners, at: number, whole: string) =>
			at === 0 ||
			at + joiners.length === whole.length ||
			/\s/.test(whole[at - 1] + whole[at + joiners.length])
				? ''
				: joiners,
		)
		.replace(/\s+/g, ' ')
		.trim();

/**
 * Long values shaped to stall a pattern that backtracks (runs of spaces and zero-width joiners, "<", digits with no
 * end, repeated names): 100k to 200k characters, each with a visible character so it is not blank. The node refuses
 * each by its length before any cleaning (every cleaned field) or by the field's limit.
 */
export const adversarialLong: fc.Arbitrary<string> = fc
	.tuple(
		fc.constantFrom(
			' \u200D',
			'\u200D ',
			' \u200B\u200C',
			'<',
			'<a',
			'1',
			'1/',
			' .',
			'token',
			'\t\u3000',
			'จ.',
		),
		fc.integer({ min: 100_000, max: 200_000 }),
	)
	.map(([piece, length]) => `x${piece.repeat(Math.ceil(length / piece.length))}x`);

/** Text an API cannot store as given: a NUL, half a surrogate pair. */
export const unsendableText = fc.constantFrom(
	'Som\u0000chai',
	'Somchai \uD83D',
	'\uDE00 Somchai',
	'a\uDBFFb',
);

/** A lone dash is how Thai forms write "none": Oho Contact takes it for no value. */
const NONE = /^[-\u2013\u2014]$/;

/**
 * Valid text: padded with whitespace the node trims (or, with `tidy`, tidied as a contact name); sometimes a
 * number, which the node sends as its text.
 */
export function validText(
	max: number,
	{
		numbers = true,
		pieces,
		tidy: tidied = false,
	}: { numbers?: boolean; pieces?: string[]; tidy?: boolean } = {},
): fc.Arbitrary<Valid<string>> {
	const padded = fc
		.tuple(PAD, textCore(max, pieces), PAD)
		.map(([before, core, after]) => {
			const raw = before + core + after;
			return { raw, api: tidied ? tidy(raw) : raw.trim() };
		})
		.filter(({ api }) => api !== '' && !NONE.test(api));
	if (!numbers) return padded;
	const number = fc.oneof(
		fc.integer({ min: -1_000_000, max: 1_000_000_000 }),
		fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
	);
	return fc
		.oneof(
			{ weight: 5, arbitrary: padded },
			{ weight: 1, arbitrary: number.map((n) => ({ raw: n, api: String(n) })) },
		)
		.filter((v) => v.api.length <= max);
}

/** Longer than `max`: just over it, over it in code points too (emoji), or huge. */
export function tooLong(max: number): fc.Arbitrary<string> {
	return fc.oneof(
		fc.integer({ min: 1, max: 30 }).map((over) => 'L'.repeat(max + over)),
		fc.integer({ min: 1, max: 5 }).map((over) => '😀'.repeat(max + over)),
		fc.integer({ min: 1, max: 5 }).map((over) => 'ท'.repeat(max + over)),
		fc.integer({ min: 0, max: 1000 }).map((over) => `huge ${'H'.repeat(100_000 + over)}`),
	);
}

/** Invalid for a text field: too long (adversarially too), of a wrong type, unsendable, and (when required) blank. */
export function invalidText(max: number, required: boolean): fc.Arbitrary<unknown> {
	const options: Array<fc.Arbitrary<unknown>> = [
		tooLong(max),
		adversarialLong,
		WRONG_TYPE,
		unsendableText,
	];
	if (required) options.push(BLANK, fc.constant(null));
	return fc.oneof(...options);
}

// ---------------------------------------------------------------- identity

/** Characters of IDs: those URLs treat specially ('/', '?', '#', '%', '.', '+', '&', space) and non-ASCII ones. */
const ID_PIECES = [
	...ASCII,
	...ASCII,
	...ASCII,
	'.',
	'-',
	'_',
	'/',
	'?',
	'#',
	'%',
	'+',
	'&',
	'=',
	' ',
	':',
	'@',
	'ก',
	'น้ำ',
	'😀',
	'中',
	'\u0000',
];

/**
 * A platform ID (1..40 once trimmed) with URL-special and non-ASCII characters; sometimes a whole number (a Facebook
 * Page ID read from JSON), which the node sends as its digits.
 */
export const platformId: fc.Arbitrary<Valid<string>> = fc.oneof(
	{
		weight: 5,
		arbitrary: fc
			.tuple(PAD, textCore(40, ID_PIECES), PAD)
			.map(([before, core, after]) => ({
				raw: before + core + after,
				api: (before + core + after).trim(),
			}))
			.filter(({ api }) => api !== '.' && api !== '..'),
	},
	{
		weight: 1,
		arbitrary: fc.maxSafeInteger().map((n): Valid<string> => ({ raw: n, api: String(n) })),
	},
);

export const PLATFORMS = ['line', 'facebook', 'instagram'] as const;

export const invalidPlatform = fc.oneof(
	fc.constantFrom<unknown>(
		'whatsapp',
		'LINE',
		'Line',
		' line',
		'facebook ',
		'',
		'fb',
		'ig',
		'twitter',
		null,
	),
	WRONG_TYPE,
);

/** IDs the node must refuse: blank, too long, a wrong type, a bare '.' or '..' (URLs drop them), unpaired UTF-16 surrogates. */
export const invalidId = fc.oneof(
	BLANK,
	fc.constant(null),
	tooLong(40),
	WRONG_TYPE,
	fc.constantFrom('.', '..', ' .. ', 'U\ud800', '\udc00U', 'a\udbff'),
	// Numbers that are no exact whole number: beyond 2^53 (digits already lost when the JSON was read), or fractional.
	fc.constantFrom<unknown>(2 ** 53, Number('12345678901234567890'), 1.5, -0.25),
);

// ---------------------------------------------------------------- contact fields

const TLD = fc.stringMatching(/^[a-z]{2,6}$/);
const LABEL = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
const LOCAL = fc.stringMatching(/^[a-z0-9_+-]{1,10}(\.[a-z0-9_+-]{1,10}){0,2}$/);

/** An email address both the node and Oho accept, sometimes at the 254-character limit, padded. */
export const email: fc.Arbitrary<Valid<string>> = fc
	.tuple(
		PAD,
		LOCAL,
		fc.array(LABEL, { minLength: 1, maxLength: 3 }),
		TLD,
		fc.boolean(),
		fc.boolean(),
		PAD,
	)
	.map(([before, local, labels, tld, upper, atLimit, after]) => {
		let address = `${local}@${labels.join('.')}.${tld}`;
		if (atLimit) address = 'e'.repeat(254 - address.length) + address;
		if (upper) address = address.toUpperCase();
		// The domain is case-insensitive: the node sends it in lower case; the local part as written.
		const at = address.lastIndexOf('@');
		return {
			raw: before + address + after,
			api: `${address.slice(0, at)}@${address.slice(at + 1).toLowerCase()}`,
		};
	})
	.filter(({ api }) => api.length <= 254);

export const invalidEmail = fc.oneof(
	fc.constantFrom(
		'somsak.example.com',
		'a@@b.co',
		'a b@c.co',
		'a@b',
		'.a@b.co',
		'a..b@c.co',
		'a@b.c',
		'a@-b.co',
		'@b.co',
		'a@',
	),
	fc.integer({ min: 1, max: 20 }).map((over) => `${'e'.repeat(243 + over)}@example.com`),
	adversarialLong,
	WRONG_TYPE,
);

const SEPARATORS = ['', '', '', ' ', '-', '.', '(', ')', '\u00a0'];

/** Digits written with the separators the node removes between them. */
const spaced = (digits: string, separators: string[]) =>
	digits
		.split('')
		.map((digit, index) => separators[index % separators.length] + digit)
		.join('');

/**
 * A Thai number, mobile (0 and 9 digits) or landline (0 and 8), as forms write it: local, or after +66, 66 or 0066
 * (with or without the trunk 0 kept), with separators; or a mobile number read from a sheet as a JSON number.
 * The API gets the local form (docs/api/oho.md § "Phone": "0987654321").
 */
export const phone: fc.Arbitrary<Valid<string>> = fc.oneof(
	{
		weight: 4,
		arbitrary: fc
			.tuple(
				fc.oneof(fc.stringMatching(/^[689][0-9]{8}$/), fc.stringMatching(/^[2-57][0-9]{7}$/)),
				fc.constantFrom('0', '0', '+66', '66', '0066', '+66 (0)', '+66 0'),
				fc.array(fc.constantFrom(...SEPARATORS), { minLength: 10, maxLength: 10 }),
				PAD,
				PAD,
			)
			.map(([national, prefix, separators, before, after]) => ({
				raw: `${before}${prefix}${spaced(national, separators)}${after}`,
				api: `0${national}`,
			})),
	},
	{
		weight: 1,
		arbitrary: fc
			.stringMatching(/^[689][0-9]{8}$/)
			.map((national) => ({ raw: Number(national), api: `0${national}` })),
	},
);

export const invalidPhone = fc.oneof(
	fc.stringMatching(/^[0-9]{1,7}$/),
	fc.stringMatching(/^0[1-9][0-9]{9,18}$/),
	fc.stringMatching(/^1[0-9]{7,12}$/),
	fc.stringMatching(/^\+[1-57-9][0-9]{7,13}$/),
	fc.constantFrom(
		'09-CALL-ME',
		'098765432x',
		'12+3456789012',
		'++66987654321',
		'0987654321 ext 5',
		'phone',
		'0812345678 / 0898765432',
		'+66 12',
	),
	adversarialLong,
	WRONG_TYPE,
);

/** Oho's three values, or what forms write for them (docs/api/oho.md § "Gender"; README, "Thai form data"). */
const GENDER_SPELLINGS: Record<string, string[]> = {
	male: ['male', 'Male', 'MALE', 'M', 'm', 'ชาย'],
	female: ['female', 'Female', 'F', 'f', 'หญิง'],
	not_say: ['not_say', 'ไม่ระบุ', 'Prefer not to say'],
};

export const gender: fc.Arbitrary<Valid<string>> = fc
	.tuple(
		PAD,
		fc.constantFrom(
			...Object.entries(GENDER_SPELLINGS).flatMap(([api, spellings]) =>
				spellings.map((raw) => ({ raw, api })),
			),
		),
		PAD,
	)
	.map(([before, { raw, api }, after]) => ({ raw: before + raw + after, api }));

export const invalidGender = fc.oneof(
	fc.constantFrom<unknown>('other', 'x', 'อื่นๆ', 'mf', 1),
	adversarialLong,
	WRONG_TYPE,
);

export const age: fc.Arbitrary<Valid<number>> = fc
	.tuple(
		fc.integer({ min: 1, max: 99 }),
		fc.constantFrom('number', 'text', 'padded', 'decimal', 'plus', 'years'),
	)
	.map(([n, form]) => ({
		raw: {
			number: n,
			text: `${n}`,
			padded: ` ${n}\t`,
			decimal: `${n}.0`,
			plus: `+${n}`,
			years: `${n} ปี`,
		}[form],
		api: n,
	}));

export const invalidAge = fc.oneof(
	fc.constantFrom<unknown>(
		0,
		'0',
		100,
		'100',
		-1,
		1000,
		1e9,
		0.5,
		25.5,
		'25.5',
		'twenty',
		'about 5',
		'1e2',
		true,
		[30],
		{},
		false,
	),
	fc.integer({ min: 100, max: 100_000 }),
	fc.integer({ min: -100_000, max: 0 }),
	adversarialLong,
);

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The time zone of the workflows these properties run (test/helpers/n8n.ts). */
export const WORKFLOW_TIME_ZONE = 'Asia/Bangkok';

const dateInWorkflowZone = (instant: Date) =>
	new Intl.DateTimeFormat('en-CA', {
		timeZone: WORKFLOW_TIME_ZONE,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
	}).format(instant);

/**
 * A real birth date (1900 up to the end of 2025, so never in the future), written as a date, a date picker's
 * date-time, 'date time', day first with slashes, or in the Buddhist era; the API gets YYYY-MM-DD. A date-time with a
 * zone ('Z', '+07:00', '-05:00') is the date it is in the workflow's time zone.
 */
export const birthDate: fc.Arbitrary<Valid<string>> = fc
	.tuple(
		fc.date({
			min: new Date('1900-01-02T00:00:00Z'),
			max: new Date('2025-12-31T00:00:00Z'),
			noInvalidDate: true,
		}),
		fc.constantFrom(
			'date',
			'picker',
			'iso',
			'space',
			'offset',
			'new-york',
			'day-first',
			'buddhist',
		),
		PAD,
	)
	.map(([date, form, pad]) => {
		const year = date.getUTCFullYear();
		const [month, dayOfMonth] = [pad2(date.getUTCMonth() + 1), pad2(date.getUTCDate())];
		const day = `${year}-${month}-${dayOfMonth}`;
		const time = `${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}`;
		const iso = `${day}T${time}.${String(date.getUTCMilliseconds()).padStart(3, '0')}Z`;
		const written = {
			date: { raw: day, api: day },
			picker: { raw: `${day}T${time}`, api: day },
			iso: { raw: iso, api: dateInWorkflowZone(new Date(iso)) },
			space: { raw: `${day} ${time.slice(0, 5)}`, api: day },
			// Bangkok was at +06:42 before 1920: a time near midnight at +07:00 can fall on the day before there.
			offset: {
				raw: `${day}T${time}+07:00`,
				api: dateInWorkflowZone(new Date(`${day}T${time}+07:00`)),
			},
			'new-york': {
				raw: `${day}T${time}-05:00`,
				api: dateInWorkflowZone(new Date(`${day}T${time}-05:00`)),
			},
			'day-first': { raw: `${dayOfMonth}/${month}/${year}`, api: day },
			buddhist: { raw: `${dayOfMonth}/${month}/${year + 543}`, api: day },
		}[form];
		return { raw: pad + written.raw + pad, api: written.api };
	})
	.filter(({ api }) => api <= '2025-12-31');

export const invalidBirthDate = fc.oneof(
	fc.constantFrom<unknown>(
		'19981129',
		'29/11/98',
		'98-11-29',
		'1998-11-29x',
		'yesterday',
		'31/02/1998',
		'01/01/1850',
		'2599-01-01',
		19981129,
		true,
		{},
		[],
	),
	// Dates no calendar has: day 0 or 32+, month 0 or 13+, Feb 30, Apr 31, Feb 29 of a common year.
	fc
		.tuple(
			fc.integer({ min: 1900, max: 2099 }),
			fc.constantFrom('00-10', '13-01', '02-30', '04-31', '06-31', '01-32', '12-00', '99-99'),
		)
		.map(([year, monthDay]) => `${year}-${monthDay}`),
	fc
		.integer({ min: 1900, max: 2099 })
		.filter((year) => year % 4 !== 0 || (year % 100 === 0 && year % 400 !== 0))
		.map((year) => `${year}-02-29`),
	fc.integer({ min: 1, max: 50 }).map((ahead) => `${new Date().getUTCFullYear() + ahead}-01-01`),
	adversarialLong,
);

/**
 * A tag or label list of 1..max distinct entries, written as a list with padding, duplicates and blank entries, or as
 * comma-separated text; the API gets the trimmed, distinct, non-blank entries in first-seen order. Sometimes only
 * blanks: then nothing is sent.
 */
export function tagList(max: number): fc.Arbitrary<Valid<string[] | undefined>> {
	const unique = (minLength: number) =>
		fc
			.uniqueArray(textCore(255), { minLength, maxLength: max, selector: (tag) => tag.trim() })
			.map((tags) => tags.map((tag) => tag.trim()));
	const distinct = fc.oneof(
		{ weight: 4, arbitrary: unique(1) },
		{ weight: 1, arbitrary: unique(max) },
	);
	const asList = fc
		.tuple(
			distinct,
			fc.array(PAD, { minLength: 2 * max, maxLength: 2 * max }),
			fc.array(fc.tuple(fc.nat(), PAD, PAD, fc.boolean()), { maxLength: 6 }),
		)
		.map(([tags, pads, extras]) => {
			const raw: string[] = tags.map((tag, index) => pads[2 * index] + tag + pads[2 * index + 1]);
			for (const [at, before, after, blank] of extras) {
				// A duplicate of an entry (padded differently) or a blank entry, somewhere after that entry's first occurrence.
				const source = tags[at % tags.length];
				const first = raw.findIndex((entry) => entry.trim() === source);
				raw.splice(
					first + 1 + (at % (raw.length - first)),
					0,
					blank ? before + after : before + source + after,
				);
			}
			return { raw, api: tags };
		});
	const asText = distinct
		// A lone dash as the whole text is how Thai forms write "none" (README, "Thai form data"): not a tag.
		.filter(
			(tags) =>
				tags.every((tag) => !tag.includes(',')) && !(tags.length === 1 && NONE.test(tags[0])),
		)
		.chain((tags) =>
			fc.array(PAD, { minLength: tags.length * 2, maxLength: tags.length * 2 }).map((pads) => ({
				raw: tags.map((tag, index) => pads[2 * index] + tag + pads[2 * index + 1]).join(','),
				api: tags,
			})),
		);
	const onlyBlanks = fc.constantFrom<Valid<undefined>>(
		{ raw: [], api: undefined },
		{ raw: ['', ' '], api: undefined },
		{ raw: ' , ,', api: undefined },
	);
	return fc.oneof(
		{ weight: 6, arbitrary: asList },
		{ weight: 2, arbitrary: asText },
		{ weight: 1, arbitrary: onlyBlanks },
	);
}

export function invalidTagList(max: number): fc.Arbitrary<unknown> {
	const tooMany = fc
		.integer({ min: max + 1, max: max + 15 })
		.map((count) => Array.from({ length: count }, (_, index) => `t${index}`));
	return fc.oneof(
		tooMany,
		tooMany.map((tags) => tags.join(', ')),
		tooLong(255).map((tag) => ['ok', tag]),
		fc.constantFrom<unknown>(['ok', { tag: 'x' }], [true], [['nested']], 5, true, { tags: ['x'] }),
	);
}

export interface AttributeInput {
	name: unknown;
	value: unknown;
}

/** `count` attributes with distinct names (trimmed by the node) and values sent as text, untrimmed. */
export function attributes(
	count: number,
): fc.Arbitrary<
	Valid<Array<{ display_name: string; value: { text: string } }>> & { raw: AttributeInput[] }
> {
	const value = fc.oneof(
		{ weight: 4, arbitrary: textCore(2000).map((text) => ({ raw: text as unknown, api: text })) },
		{
			weight: 1,
			arbitrary: fc
				.constantFrom(' ', '\u3000')
				.map((text) => ({ raw: text as unknown, api: text })),
		},
		{
			weight: 1,
			arbitrary: fc
				.oneof(fc.integer(), fc.boolean())
				.map((raw) => ({ raw: raw as unknown, api: String(raw) })),
		},
	);
	return fc
		.tuple(
			fc.uniqueArray(validText(100, { numbers: false }), {
				minLength: count,
				maxLength: count,
				selector: (name) => name.api,
			}),
			fc.array(value, { minLength: count, maxLength: count }),
		)
		.map(([names, values]) => ({
			raw: names.map((name, index) => ({ name: name.raw, value: values[index].raw })),
			api: names.map((name, index) => ({
				display_name: name.api,
				value: { text: values[index].api },
			})),
		}));
}

export const invalidAttributeName = fc.oneof(
	BLANK,
	tooLong(100),
	adversarialLong,
	unsendableText,
	fc.constantFrom<unknown>({ name: 'x' }, ['x'], true),
);
export const invalidAttributeValue = fc.oneof(
	fc.constant(''),
	tooLong(2000),
	adversarialLong,
	unsendableText,
	fc.constantFrom<unknown>({ text: 'Gold' }, ['Gold'], {}, []),
);

/** A profile picture URL, http or https, sometimes at the 2000-character limit. */
export const pictureUrl: fc.Arbitrary<Valid<string>> = fc
	.tuple(
		PAD,
		fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true }),
		fc.boolean(),
		PAD,
	)
	.map(([before, url, atLimit, after]) => {
		const written = atLimit
			? `${url}${url.includes('?') || url.includes('#') ? '' : '?'}${'p'.repeat(Math.max(0, 2000 - url.length - 1))}`.slice(
					0,
					2000,
				)
			: url;
		return { raw: before + written + after, api: written };
	})
	.filter(({ api }) => api.length <= 2000 && !SECRETISH.test(api));

export const invalidPictureUrl = fc.oneof(
	fc.constantFrom<unknown>(
		'profile.png',
		'ftp://example.com/a.png',
		'javascript:alert(1)',
		'mailto:a@b.co',
		'https//example.com',
		'//example.com/a.png',
		'file:///etc/passwd',
	),
	fc
		.integer({ min: 1, max: 50 })
		.map((over) => `https://example.com/${'p'.repeat(2000 - 20 + over)}`),
	BLANK,
	WRONG_TYPE,
);

// ---------------------------------------------------------------- Gofive

/** A room ID: a UUID in any case, padded (the node trims it), alone or inside a text such as a link (the node takes the one UUID in it). */
export const roomId = (known: string[]): fc.Arbitrary<Valid<string>> =>
	fc
		.tuple(
			PAD,
			fc.oneof(fc.constantFrom(...known), fc.uuid()),
			fc.boolean(),
			fc.constantFrom(
				['', ''],
				['', ''],
				['https://crm.example.com/chat/', '?tab=1'],
				['{', '}'],
				['urn:uuid:', ''],
				['room ', ' (copied)'],
			),
			PAD,
		)
		.map(([before, uuid, upper, [prefix, suffix], after]) => {
			const written = upper ? uuid.toUpperCase() : uuid;
			return { raw: before + prefix + written + suffix + after, api: written };
		});

export const invalidRoomId = fc.oneof(
	fc.constantFrom<unknown>(
		'room-1',
		'26259b2c509c4ff5a82ad1b5505b014d',
		'26259b2c-509c-4ff5-a82a-d1b5505b014dx',
		'x26259b2c-509c-4ff5-a82a-d1b5505b014d',
		'26259b2c-509c-4ff5-a82a-d1b5505b014g',
		'26259b2c-509c-4ff5-a82a',
		12345,
	),
	fc.uuid().map((uuid) => `${uuid}${uuid}`),
	// Two different rooms in one text: the node cannot tell which is meant.
	fc
		.tuple(fc.uuid(), fc.uuid())
		.filter(([a, b]) => a !== b)
		.map(([a, b]) => `https://crm.example.com/chat/${a}?from=${b}`),
	BLANK,
	WRONG_TYPE,
);

/** Content is sent as typed (never trimmed): any text with a visible character, huge ones included; numbers and booleans as their text. */
export const content: fc.Arbitrary<Valid<string>> = fc.oneof(
	{
		weight: 6,
		arbitrary: fc
			.tuple(PAD, textCore(4000), PAD)
			.map(([before, core, after]) => ({ raw: before + core + after, api: before + core + after })),
	},
	// Up to LINE's 5,000 characters ('ข้อความ ' is 8).
	{
		weight: 1,
		arbitrary: fc.integer({ min: 1_000, max: 5_000 }).map((length) => ({
			raw: 'ข้อความ '.repeat(length / 8),
			api: 'ข้อความ '.repeat(length / 8),
		})),
	},
	{
		weight: 1,
		arbitrary: fc.oneof(fc.integer(), fc.boolean()).map((raw) => ({ raw, api: String(raw) })),
	},
);

export const invalidContent = fc.oneof(
	BLANK,
	fc.constant(null),
	fc.constantFrom<unknown>({ text: 'hi' }, ['hi'], {}, []),
	// Past LINE's 5,000 characters, adversarially long, or not sendable.
	fc.integer({ min: 5_001, max: 60_000 }).map((length) => 'ข้อความ '.repeat(Math.ceil(length / 8))),
	adversarialLong,
	unsendableText,
);

/**
 * The one value Gofive documents (type `message`, platform `line`), in any case, with spaces around it: the node
 * trims and lower-cases it (docs/api/gofive.md § "Type and platform values").
 */
export const gofiveWord = (documented: string[]): fc.Arbitrary<Valid<string>> =>
	fc
		.tuple(
			PAD,
			fc.constantFrom(
				...documented.flatMap((word) => [
					word,
					word.toUpperCase(),
					word[0].toUpperCase() + word.slice(1),
				]),
			),
			PAD,
		)
		.map(([before, word, after]) => ({ raw: before + word + after, api: word.toLowerCase() }));

export const invalidGofiveWord = fc.oneof(
	BLANK,
	fc.constant(null),
	// Not text: a value Gofive does not document is sent as given with a warning, but only text can be sent.
	fc.constantFrom<unknown>(1, { type: 'message' }, ['message'], true),
);

/** A Company ID: a positive integer, as a number or as digits with spaces; 0, '' and null take the credential's default. */
export const companyId = (fallback: number): fc.Arbitrary<Valid<number>> =>
	fc.oneof(
		{
			weight: 4,
			arbitrary: fc.integer({ min: 1, max: 2_147_483_647 }).map((n) => ({ raw: n, api: n })),
		},
		{
			weight: 2,
			arbitrary: fc
				.tuple(PAD, fc.integer({ min: 1, max: 999_999 }), PAD)
				.map(([before, n, after]) => ({ raw: `${before}${n}${after}`, api: n })),
		},
		{
			weight: 1,
			arbitrary: fc.constantFrom<unknown>(0, '', null).map((raw) => ({ raw, api: fallback })),
		},
	);

export const invalidCompanyId = fc.constantFrom<unknown>(
	-1,
	-507,
	1.5,
	507.25,
	'abc',
	'507x',
	'5.0',
	'-5',
	true,
	{},
	[507],
);

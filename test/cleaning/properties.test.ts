/**
 * Properties of the cleaning step (fast-check, fixed seed): whatever comes in, a value that comes out is in the
 * documented format, and cleaning it again changes nothing.
 */
import fc from 'fast-check';

import { cleanAge } from '../../nodes/OhoContact/cleaning/age';
import { cleanBirthDate } from '../../nodes/OhoContact/cleaning/birthDate';
import { cleanGender } from '../../nodes/OhoContact/cleaning/gender';
import {
	cleanPhone,
	INTERNATIONAL_PHONE,
	THAI_LOCAL_PHONE,
} from '../../nodes/OhoContact/cleaning/phone';
import { cleanCity, cleanCountry } from '../../nodes/OhoContact/cleaning/places';
import { cleanEmail, cleanText } from '../../nodes/OhoContact/cleaning/text';
import type { Cleaned } from '../../nodes/OhoContact/cleaning/types';
import provinces from '../../nodes/OhoContact/data/provinces.json';

const RUNS = { numRuns: 2000, seed: 11 };
const TODAY = { year: 2026, month: 12, day: 1 };

const valueOf = (cleaned: Cleaned) => ('value' in cleaned ? cleaned.value : undefined);

/** Cleaning a cleaned value gives it back unchanged. */
function idempotent(clean: (value: unknown) => Cleaned, input: unknown) {
	const once = clean(input);
	if ('value' in once && once.value !== undefined) expect(clean(once.value)).toEqual(once);
}

const digits = (min: number, max: number) =>
	fc
		.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max })
		.map((list) => list.join(''));
const separator = fc.constantFrom('', ' ', '-', '.', ' - ', '\u00a0', '\t');
const thaiDigits = (text: string) =>
	text.replace(/\d/g, (digit) => String.fromCharCode(0x0e50 + Number(digit)));

/** Phone-shaped text: a prefix people use, digits split by separators, maybe in Thai digits, maybe bracketed. */
const phoneLike = fc
	.tuple(
		fc.constantFrom('', '0', '+66', '66', '0066', '+66 (0)', '+1', '00', '+'),
		fc.array(digits(1, 4), { minLength: 1, maxLength: 5 }),
		separator,
		fc.boolean(),
		fc.boolean(),
	)
	.map(([prefix, groups, sep, thai, brackets]) => {
		const body = groups
			.map((group, index) => (brackets && index === 0 ? `(${group})` : group))
			.join(sep);
		const text = `${prefix}${sep}${body}`;
		return thai ? thaiDigits(text) : text;
	});

const anyValue = fc.oneof(
	fc.string(),
	fc.string({ unit: 'grapheme' }),
	fc.integer(),
	fc.double(),
	fc.constant(null),
	fc.boolean(),
);

describe('cleaning properties', () => {
	test('Phone: any input gives 0 and 8 or 9 digits (or + and digits when allowed), or a problem; cleaning again changes nothing', () => {
		fc.assert(
			fc.property(
				fc.oneof(phoneLike, anyValue, fc.integer({ min: 1, max: 999_999_999_999 })),
				fc.boolean(),
				(input, allowNonThai) => {
					const cleaned = cleanPhone(input, allowNonThai);
					const value = valueOf(cleaned);
					if (value !== undefined) {
						expect(typeof value).toBe('string');
						expect(
							THAI_LOCAL_PHONE.test(value as string) ||
								(allowNonThai && INTERNATIONAL_PHONE.test(value as string)),
						).toBe(true);
					}
					idempotent((again) => cleanPhone(again, allowNonThai), input);
				},
			),
			RUNS,
		);
	});

	const dateLike = fc
		.tuple(
			fc.integer({ min: 0, max: 35 }),
			fc.integer({ min: 0, max: 14 }),
			fc.integer({ min: 0, max: 3000 }),
			fc.constantFrom('/', '-', '.', ' '),
			fc.nat(3),
		)
		.map(([day, month, year, sep, shape]) => {
			const y = String(year);
			if (shape === 0) return `${y}${sep}${month}${sep}${day}`;
			if (shape === 1) return `${day}${sep}${month}${sep}${y}`;
			if (shape === 2)
				return `${day} ${['ม.ค.', 'พฤศจิกายน', 'Nov', 'december', 'x'][month % 5]} ${y}`;
			return thaiDigits(`${day}/${month}/${y}`);
		});

	test('Birth Date: any input gives a real YYYY-MM-DD from 1900 to today, or a problem; never a Buddhist-era year', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					dateLike,
					anyValue,
					fc.date().map((date) => date.toISOString()),
				),
				fc.boolean(),
				(input, monthFirst) => {
					const settings = { timeZone: 'Asia/Bangkok', monthFirst };
					const clean = (value: unknown) => cleanBirthDate(value, settings, TODAY);
					const value = valueOf(clean(input)) as string | undefined;
					if (value !== undefined) {
						expect(value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
						expect(value >= '1900-01-01' && value <= '2026-12-01').toBe(true);
						expect(new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10)).toBe(value);
					}
					idempotent(clean, input);
				},
			),
			RUNS,
		);
	});

	test('City, Country, Gender, Age, names and email: cleaning again changes nothing; gender is one of the three', () => {
		const placeLike = fc.oneof(
			fc.constantFrom(
				...provinces.flatMap((province) => [
					province.en,
					province.th,
					`จ.${province.th}`,
					`${province.en} Province`,
				]),
			),
			fc.string(),
		);
		fc.assert(
			fc.property(fc.oneof(placeLike, anyValue), (input) => {
				for (const clean of [cleanCity, cleanCountry, cleanGender, cleanAge, cleanText, cleanEmail])
					idempotent(clean, input);
				const gender = valueOf(cleanGender(input));
				if (gender !== undefined) expect(['male', 'female', 'not_say']).toContain(gender);
				const text = valueOf(cleanText(input));
				if (typeof text === 'string') expect(text).toBe(text.normalize('NFC').trim());
			}),
			RUNS,
		);
	});
});

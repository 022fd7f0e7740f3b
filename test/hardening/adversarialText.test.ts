/**
 * Values a form's visitor or an API controls, made to stall a worker: 100k to 1M characters of spaces and zero-width
 * joiners, of "<", of digits. Each is refused by a length cap before any cleaning (no string pass runs over it), or
 * cleaned in one linear pass (the result is asserted at a size where a quadratic pass would not finish).
 */
import { cleanField } from '../../nodes/OhoContact/cleaning';
import { placeKey } from '../../nodes/OhoContact/cleaning/places';
import { tidyText } from '../../nodes/OhoContact/cleaning/text';
import { CONTACT_FIELDS } from '../../nodes/OhoContact/descriptions/contactFields';
import { describeBody } from '../../nodes/common/transport/errors';

const SETTINGS = { timeZone: 'Asia/Bangkok', monthFirst: false, allowNonThaiPhones: false };
const field = (path: string) => CONTACT_FIELDS.find((spec) => spec.path === path)!;

/** The lengths of the strings that string passes (replace, normalize, split, match, test) ran over during `run`. */
function passedLengths(run: () => unknown): number[] {
	const lengths: number[] = [];
	const spies = (['replace', 'normalize', 'split', 'match', 'trim', 'toLowerCase'] as const).map(
		(method) => {
			const original = String.prototype[method] as (...args: unknown[]) => unknown;
			return jest.spyOn(String.prototype, method).mockImplementation(function (
				this: string,
				...args: unknown[]
			) {
				lengths.push(this.length);
				return original.apply(this, args);
			} as never);
		},
	);
	const test = RegExp.prototype.test;
	const exec = RegExp.prototype.exec;
	const regexSpies = [
		jest.spyOn(RegExp.prototype, 'test').mockImplementation(function (this: RegExp, text: string) {
			lengths.push(String(text).length);
			return test.call(this, text);
		}),
		jest.spyOn(RegExp.prototype, 'exec').mockImplementation(function (this: RegExp, text: string) {
			lengths.push(String(text).length);
			return exec.call(this, text);
		}),
	];
	try {
		run();
	} finally {
		for (const spy of [...spies, ...regexSpies]) spy.mockRestore();
	}
	return lengths;
}

const HUGE = 200_000;
/** Per rule: a long value of the shape that rule's patterns would scan the longest. */
const ADVERSARIAL: Record<string, string> = {
	city: ` \u200D`.repeat(HUGE / 2),
	country: `x${' \u200D'.repeat(HUGE / 2)}x`,
	first_name: `\u200D `.repeat(HUGE / 2),
	email: `${'a'.repeat(HUGE)}@`,
	phone: '0'.repeat(HUGE),
	birth_date: `1${'/1'.repeat(HUGE / 2)}`,
	gender: ' .'.repeat(HUGE / 2),
	age: `${'1'.repeat(HUGE)}x`,
	profile_picture_url: `https://${'a'.repeat(HUGE)}`,
};

describe('a value far past its field’s limit is refused without being cleaned', () => {
	test.each(Object.entries(ADVERSARIAL))(
		'%s: refused by the cap, and no string pass reads it',
		(path, value) => {
			let cleaned: ReturnType<typeof cleanField> | undefined;
			const lengths = passedLengths(() => (cleaned = cleanField(field(path), value, SETTINGS)));

			const cap = ['phone', 'birth_date', 'gender', 'age'].includes(path) ? '1,000' : '10,000';
			expect(cleaned).toEqual({
				problem: `is far too long to be this field (more than ${cap} characters), so it was not read`,
			});
			expect(Math.max(0, ...lengths)).toBeLessThan(value.length);
		},
	);

	test('the caps: 1,000 characters for a phone, a date, a gender or an age; 10,000 for text', () => {
		expect(cleanField(field('age'), `${' '.repeat(990)}25`, SETTINGS)).toEqual({ value: 25 });
		expect(cleanField(field('age'), `${' '.repeat(1000)}25`, SETTINGS)).toHaveProperty('problem');
		expect(cleanField(field('city'), `${' \u200D'.repeat(4990)}Chiang Mai`, SETTINGS)).toEqual({
			value: 'Chiang Mai',
		});
		expect(
			cleanField(field('city'), `${' \u200D'.repeat(5000)}Chiang Mai`, SETTINGS),
		).toHaveProperty('problem');
	});
});

describe('cleaning within the cap is one linear pass', () => {
	test('a place key of 400k characters of spaces and zero-width joiners', () => {
		// Not ending in "province": the old suffix pattern tried every space of the run against the rest of it.
		expect(placeKey(`Chiang Mai${' \u200D'.repeat(HUGE)}x`)).toBe('chiangmaix');
		expect(placeKey(`Chiang Mai${' \u200D'.repeat(HUGE)}Province`)).toBe('chiangmai');
		expect(placeKey(`จังหวัด${' \u200D\u200B'.repeat(HUGE / 3)}เชียงใหม่`)).toBe('เชียงใหม่');
	});

	test('tidy text: zero-width characters go before spaces are collapsed; joiners inside emoji stay', () => {
		expect(tidyText(`a${' \u200D'.repeat(HUGE)}b`)).toBe('a b');
		expect(tidyText('\u200DBangkok \u200C')).toBe('Bangkok');
		expect(tidyText('👩\u200D💻 dev')).toBe('👩\u200D💻 dev');
	});

	const UNDER_THE_CAP: Record<string, unknown> = {
		city: { value: undefined },
		country: { value: 'x' },
		first_name: { value: undefined },
		email: { value: 'a'.repeat(10_000) },
		phone: { problem: expect.stringMatching(/^must be a Thai phone number/) },
		birth_date: { problem: expect.stringMatching(/^must be a date like/) },
		gender: { problem: expect.stringMatching(/^must be male, female or not_say/) },
		age: { value: Infinity },
		profile_picture_url: { value: `https://${'a'.repeat(10_000 - 'https://'.length)}` },
	};

	test.each(Object.entries(ADVERSARIAL))(
		'%s: just under the cap, cleaned to its result',
		(path, value) => {
			const cap = ['phone', 'birth_date', 'gender', 'age'].includes(path) ? 1_000 : 10_000;
			expect(cleanField(field(path), value.slice(0, cap), SETTINGS)).toEqual(UNDER_THE_CAP[path]);
		},
	);
});

describe('an API body that is not JSON is cut before it is read for a message', () => {
	test.each([
		['200k "<"', '<'.repeat(HUGE)],
		['200k "<a"', '<a'.repeat(HUGE / 2)],
		['1M characters of tags and spaces', '<b> \n'.repeat(HUGE)],
	])('%s: no pass reads past the first few kB, and the message is short', (_name, body) => {
		let message = '';
		const lengths = passedLengths(() => (message = describeBody(body)));

		expect(Math.max(...lengths)).toBeLessThanOrEqual(4096);
		expect(message.length).toBeLessThanOrEqual(160);
	});

	test('a gateway page still reads as its text', () => {
		expect(
			describeBody(
				'<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
			),
		).toBe('502 Bad Gateway 502 Bad Gateway');
	});
});

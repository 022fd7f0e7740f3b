import { cleanAge } from '../../nodes/OhoContact/cleaning/age';
import { cleanGender } from '../../nodes/OhoContact/cleaning/gender';
import { cleanEmail, cleanText } from '../../nodes/OhoContact/cleaning/text';

describe('cleaning: Gender', () => {
	test.each([
		['ชาย', 'male'],
		['หญิง', 'female'],
		['ไม่ระบุ', 'not_say'],
		['M', 'male'],
		['f', 'female'],
		['Male', 'male'],
		['FEMALE', 'female'],
		[' female\n', 'female'],
		['not_say', 'not_say'],
		['Prefer not to say', 'not_say'],
	])('%j is sent as %s', (given, sent) => {
		expect(cleanGender(given)).toEqual({ value: sent });
	});

	test.each(['อื่นๆ', 'x', 'other'])('%j is refused', (given) => {
		expect(cleanGender(given)).toEqual({
			problem:
				'must be male, female or not_say (M, F, Male, Female and the Thai words for male, female and not specified are understood)',
		});
	});
});

describe('cleaning: Age', () => {
	test.each([
		[25, 25],
		['25', 25],
		['25 ปี', 25],
		['25ปี', 25],
		['25.0', 25],
		[25.0, 25],
		['๒๕', 25],
		['25 years', 25],
	])('%j is sent as %d', (given, sent) => {
		expect(cleanAge(given)).toEqual({ value: sent });
	});

	test('a number out of range or a fraction is left to the schema, which names the limit', () => {
		expect(cleanAge('100')).toEqual({ value: 100 });
		expect(cleanAge('25.5')).toEqual({ value: 25.5 });
	});

	test.each(['thirty', '25-30', 'about 25'])('%j is refused', (given) => {
		expect(cleanAge(given)).toEqual({ problem: 'must be a whole number from 1 to 99, like 25' });
	});
});

describe('cleaning: names and email', () => {
	test.each([
		['  Somchai  ', 'Somchai'],
		['สม  ชาย', 'สม ชาย'],
		['สม\u200bชาย', 'สมชาย'],
		['Jose\u0301', 'Jos\u00e9'],
		['น้ำฝน\t🌸\n', 'น้ำฝน 🌸'],
		['\u00a0ณ\u00a0อยุธยา', 'ณ อยุธยา'],
	])('the name %j is sent as %j', (given, sent) => {
		expect(cleanText(given)).toEqual({ value: sent });
	});

	test('a name of only zero-width characters and spaces is none', () => {
		expect(cleanText('\u200b \u200b')).toEqual({ value: undefined });
	});

	test.each([
		[' Somchai@Gmail.COM ', 'Somchai@gmail.com'],
		['some one@Example.com', 'some one@example.com'],
		['somchai.gmail.com', 'somchai.gmail.com'],
	])('the email %j is sent as %j (the schema checks its form)', (given, sent) => {
		expect(cleanEmail(given)).toEqual({ value: sent });
	});
});

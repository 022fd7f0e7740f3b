import { cleanBirthDate } from '../../nodes/OhoContact/cleaning/birthDate';

const BANGKOK = { timeZone: 'Asia/Bangkok', monthFirst: false };
const TODAY = { year: 2026, month: 12, day: 1 };
const clean = (value: unknown, settings = BANGKOK) => cleanBirthDate(value, settings, TODAY);

describe('cleaning: Birth Date', () => {
	test.each([
		['1998-11-29', '1998-11-29'],
		['1998/11/29', '1998-11-29'],
		['29/11/1998', '1998-11-29'],
		['1/2/1995', '1995-02-01'],
		['29-11-1998', '1998-11-29'],
		['29.11.1998', '1998-11-29'],
		['29 November 1998', '1998-11-29'],
		['29 Nov 1998', '1998-11-29'],
		['Nov 29, 1998', '1998-11-29'],
		['November 29 1998', '1998-11-29'],
		['29-Nov-1998', '1998-11-29'],
		['1998 Nov 29', '1998-11-29'],
		['29 sept 1998', '1998-09-29'],
		[' 29/11/1998\n', '1998-11-29'],
	])('%j is sent as %s', (given, sent) => {
		expect(clean(given)).toEqual({ value: sent });
	});

	test.each([
		['2541-11-29', '1998-11-29'],
		['29/11/2541', '1998-11-29'],
		['29 พฤศจิกายน 2541', '1998-11-29'],
		['29 พ.ย. 2541', '1998-11-29'],
		['29พ.ย.2541', '1998-11-29'],
		['29 พ.ย. พ.ศ. 2541', '1998-11-29'],
		['5 ม.ค. 2530', '1987-01-05'],
		['๒๙/๑๑/๒๕๔๑', '1998-11-29'],
		['1 มกราคม 2543', '2000-01-01'],
		['31 ธันวาคม 2542', '1999-12-31'],
		['29/02/2543', '2000-02-29'],
	])('the Buddhist-era %j is sent as %s', (given, sent) => {
		expect(clean(given)).toEqual({ value: sent });
	});

	test('a date-time with a zone is read in the workflow time zone, not UTC', () => {
		expect(clean('1998-11-28T17:00:00.000Z')).toEqual({ value: '1998-11-29' });
		expect(clean('1998-11-28T17:00:00.000Z', { ...BANGKOK, timeZone: 'UTC' })).toEqual({
			value: '1998-11-28',
		});
		expect(
			clean('1998-11-29T00:30:00+07:00', { ...BANGKOK, timeZone: 'America/New_York' }),
		).toEqual({ value: '1998-11-28' });
	});

	test('a date-time with a zone whose date does not exist is refused, not rolled into the next month; a BE year is converted first', () => {
		expect(clean('1998-02-31T10:00:00+07:00')).toEqual({
			problem: 'is not a real date: day 31 of month 2 of 1998',
		});
		expect(clean('2001-02-29T12:00:00Z')).toEqual({
			problem: 'is not a real date: day 29 of month 2 of 2001',
		});
		expect(clean('2543-02-29T00:00:00+07:00')).toEqual({ value: '2000-02-29' });
	});

	test('a date-time without a zone (the date picker) keeps its date', () => {
		expect(clean('1998-11-29T00:00:00')).toEqual({ value: '1998-11-29' });
	});

	test('a JS Date and a Luxon-like DateTime are read in the workflow time zone', () => {
		const instant = new Date('1998-11-28T17:00:00.000Z');
		expect(clean(instant)).toEqual({ value: '1998-11-29' });
		expect(clean({ isValid: true, toJSDate: () => instant })).toEqual({ value: '1998-11-29' });
		expect(clean(new Date('nonsense'))).toEqual({ problem: 'is an invalid date' });
	});

	test('Date Order: Month First reads 05/06/1990 as May 6; year-first dates are not affected', () => {
		const monthFirst = { ...BANGKOK, monthFirst: true };
		expect(clean('05/06/1990')).toEqual({ value: '1990-06-05' });
		expect(clean('05/06/1990', monthFirst)).toEqual({ value: '1990-05-06' });
		expect(clean('11/29/1998', monthFirst)).toEqual({ value: '1998-11-29' });
		expect(clean('1990-05-06', monthFirst)).toEqual({ value: '1990-05-06' });
	});

	test.each([
		[
			'29/11/98',
			'has a two-digit year (98), which could be either century or a Buddhist-era year: write the year in full, like 1998 or 2541',
		],
		[
			'29 พ.ย. 41',
			'has a two-digit year (41), which could be either century or a Buddhist-era year: write the year in full, like 1998 or 2541',
		],
		[
			'31/02/1998',
			'is not a real date: day 31 of month 2 of 1998, read day first as Options > Date Order says',
		],
		[
			'11/29/1998',
			'is not a real date: day 11 of month 29 of 1998, read day first as Options > Date Order says',
		],
		['1998-02-30', 'is not a real date: day 30 of month 2 of 1998'],
		[
			'29/02/2541',
			'is not a real date: day 29 of month 2 of 1998 (Buddhist-era 2541), read day first as Options > Date Order says',
		],
		['01/01/1850', 'is before 1900'],
		['2599-01-01', 'is in the future: 2056-01-01 (read as the Buddhist-era year 2599, so 2056)'],
		['2026-12-02', 'is in the future: 2026-12-02'],
		[
			'next week',
			'must be a date like 29/11/1998, 1998-11-29 or 29 November 1998 (Thai month names and Buddhist-era years are understood)',
		],
		['29/11/19985', 'has a year that is not four digits'],
	])('%j is refused: %s', (given, problem) => {
		expect(clean(given)).toEqual({ problem });
	});

	test('a number is not taken for a date (a spreadsheet serial or 19981129 would be a guess)', () => {
		expect(clean(36128)).toEqual({
			problem: expect.stringMatching(/^is a number, not a date: must be a date like/),
		});
	});

	test('today is a birth date; blank is none', () => {
		expect(clean('2026-12-01')).toEqual({ value: '2026-12-01' });
		expect(clean('  ')).toEqual({ value: undefined });
	});
});

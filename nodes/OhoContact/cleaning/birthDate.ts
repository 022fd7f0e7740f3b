import { isoDateIn } from '../../common/dates';
import { asciiDigits, tidyText } from './text';
import type { Cleaned, CleaningSettings } from './types';
import { problem } from './types';

interface CalendarDate {
	year: number;
	month: number;
	day: number;
	/** Read from numbers only (29/11/1998), in the order Options > Date Order sets. */
	ordered?: boolean;
}

/** Years from here on are Buddhist-era years (BE 2400 is 1857): Thai forms and documents count that way. */
const FIRST_BUDDHIST_ERA_YEAR = 2400;
const BUDDHIST_ERA_OFFSET = 543;
const EARLIEST_YEAR = 1900;

const ENGLISH_MONTHS = [
	'january',
	'february',
	'march',
	'april',
	'may',
	'june',
	'july',
	'august',
	'september',
	'october',
	'november',
	'december',
];
const THAI_MONTHS = [
	'มกราคม',
	'กุมภาพันธ์',
	'มีนาคม',
	'เมษายน',
	'พฤษภาคม',
	'มิถุนายน',
	'กรกฎาคม',
	'สิงหาคม',
	'กันยายน',
	'ตุลาคม',
	'พฤศจิกายน',
	'ธันวาคม',
];
/** Written with dots (ม.ค.); looked up without them. */
const THAI_MONTHS_SHORT = [
	'มค',
	'กพ',
	'มีค',
	'เมย',
	'พค',
	'มิย',
	'กค',
	'สค',
	'กย',
	'ตค',
	'พย',
	'ธค',
];

const MONTHS = new Map<string, number>();
ENGLISH_MONTHS.forEach((name, index) => {
	MONTHS.set(name, index + 1);
	MONTHS.set(name.slice(0, 3), index + 1);
});
MONTHS.set('sept', 9);
THAI_MONTHS.forEach((name, index) => MONTHS.set(name, index + 1));
THAI_MONTHS_SHORT.forEach((name, index) => MONTHS.set(name, index + 1));

/** Era markers written next to a year (พ.ศ. is BE, ค.ศ. is AD); the year's size tells the era anyway. */
const ERA_WORDS = new Set(['พศ', 'คศ', 'be', 'ad', 'ce']);

const pad = (value: number, width = 2) => String(value).padStart(width, '0');
const isoOf = ({ year, month, day }: CalendarDate) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

/** The calendar date an instant falls on in a time zone. */
function dateIn(instant: Date, timeZone: string): CalendarDate {
	const [year, month, day] = isoDateIn(instant, timeZone).split('-').map(Number);
	return { year, month, day };
}

const TWO_DIGIT_YEAR = (year: string) =>
	`has a two-digit year (${year}), which could be either century or a Buddhist-era year: write the year in full, like 1998 or 2541`;

/** "29/11/1998", "1998-11-29", "29 November 1998", "Nov 29, 1998", the Thai month names, full or short. */
function readText(text: string, settings: CalendarSettings): CalendarDate | string {
	const yearFirst = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
	if (yearFirst)
		return { year: Number(yearFirst[1]), month: Number(yearFirst[2]), day: Number(yearFirst[3]) };

	const numeric = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d+)$/.exec(text);
	if (numeric) {
		if (numeric[3].length !== 4)
			return numeric[3].length === 2
				? TWO_DIGIT_YEAR(numeric[3])
				: 'has a year that is not four digits';
		const [first, second] = [Number(numeric[1]), Number(numeric[2])];
		return settings.monthFirst
			? { year: Number(numeric[3]), month: first, day: second, ordered: true }
			: { year: Number(numeric[3]), month: second, day: first, ordered: true };
	}

	const tokens = text
		.replace(/(\d)(?=\D)|(\D)(?=\d)/g, '$1$2 ')
		.split(/[\s,/-]+/)
		.map((token) => token.toLowerCase().replace(/\./g, ''))
		.filter((token) => token !== '' && !ERA_WORDS.has(token));
	const monthAt = tokens.findIndex((token) => MONTHS.has(token));
	const numbers = tokens.filter((_, index) => index !== monthAt);
	if (
		monthAt < 0 ||
		tokens.length !== 3 ||
		numbers.some((token) => !/^\d+$/.test(token)) ||
		monthAt === 2
	)
		return 'unreadable';
	// "29 Nov 1998" and "Nov 29 1998" give the day first; "1998 Nov 29" the year.
	const [day, year] = numbers[0].length === 4 ? [numbers[1], numbers[0]] : numbers;
	if (year.length !== 4)
		return year.length === 2 ? TWO_DIGIT_YEAR(year) : 'has a year that is not four digits';
	return { year: Number(year), month: MONTHS.get(tokens[monthAt])!, day: Number(day) };
}

type CalendarSettings = Pick<CleaningSettings, 'monthFirst' | 'timeZone'>;

/**
 * A date-time with a zone ("…T17:00:00Z"): the date it is in the workflow's time zone. Without a zone: the date as
 * written. The written date must be real first (JS would roll 02-31 into March), its Buddhist-era year converted.
 */
function readDateTime(text: string, timeZone: string): CalendarDate | undefined {
	const match =
		/^(\d{4})-(\d{2})-(\d{2})([T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
			text,
		);
	if (!match) return undefined;
	const written = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
	if (match[5] === undefined) return written;
	const year =
		written.year >= FIRST_BUDDHIST_ERA_YEAR ? written.year - BUDDHIST_ERA_OFFSET : written.year;
	// Not real as written: returned as written, so the caller names the day and month that do not exist.
	if (!isRealDate({ ...written, year })) return written;
	const instant = new Date(
		`${pad(year, 4)}-${match[2]}-${match[3]}${match[4].replace(' ', 'T')}${match[5]}`,
	);
	return Number.isNaN(instant.getTime()) ? undefined : dateIn(instant, timeZone);
}

function isRealDate({ year, month, day }: CalendarDate): boolean {
	const date = new Date(Date.UTC(year, month - 1, day));
	date.setUTCFullYear(year);
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

function describeFormats(settings: CalendarSettings): string {
	const order = settings.monthFirst ? '11/29/1998' : '29/11/1998';
	return `must be a date like ${order}, 1998-11-29 or 29 November 1998 (Thai month names and Buddhist-era years are understood)`;
}

function read(value: unknown, settings: CalendarSettings): CalendarDate | string | undefined {
	if (value instanceof Date)
		return Number.isNaN(value.getTime()) ? 'is an invalid date' : dateIn(value, settings.timeZone);
	// A Luxon DateTime ($now, $today, DateTime.fromISO(…) in an expression).
	const maybeLuxon = value as { toJSDate?: unknown; isValid?: unknown };
	if (typeof value === 'object' && value !== null && typeof maybeLuxon.toJSDate === 'function') {
		return maybeLuxon.isValid === false
			? 'is an invalid date'
			: dateIn((maybeLuxon.toJSDate as () => Date).call(value), settings.timeZone);
	}
	if (typeof value === 'number') return `is a number, not a date: ${describeFormats(settings)}`;
	if (typeof value !== 'string') return describeFormats(settings);
	const text = asciiDigits(tidyText(value));
	if (text === '') return undefined;
	const date = readDateTime(text, settings.timeZone) ?? readText(text, settings);
	return date === 'unreadable' ? describeFormats(settings) : date;
}

/**
 * A birth date as YYYY-MM-DD (docs/api/oho.md § "Birth date"). A year of 2400 or more is a Buddhist-era year (543 is taken off);
 * day-first unless the operator chose month-first; the result must be a real date from 1900 up to today
 * (in the workflow's time zone).
 */
export function cleanBirthDate(
	value: unknown,
	settings: CalendarSettings,
	today = dateIn(new Date(), settings.timeZone),
): Cleaned {
	const date = read(value, settings);
	if (date === undefined) return { value: undefined };
	if (typeof date === 'string') return problem(date);
	const buddhistEra = date.year >= FIRST_BUDDHIST_ERA_YEAR;
	const gregorian = buddhistEra ? { ...date, year: date.year - BUDDHIST_ERA_OFFSET } : date;
	const buddhistNote = buddhistEra
		? ` (read as the Buddhist-era year ${date.year}, so ${gregorian.year})`
		: '';
	if (!isRealDate(gregorian)) {
		const order = settings.monthFirst ? 'month first' : 'day first';
		const era = buddhistEra ? ` (Buddhist-era ${date.year})` : '';
		const reading = date.ordered ? `, read ${order} as Options > Date Order says` : '';
		return problem(
			`is not a real date: day ${date.day} of month ${date.month} of ${gregorian.year}${era}${reading}`,
		);
	}
	if (gregorian.year < EARLIEST_YEAR) return problem(`is before ${EARLIEST_YEAR}${buddhistNote}`);
	if (isoOf(gregorian) > isoOf(today))
		return problem(`is in the future: ${isoOf(gregorian)}${buddhistNote}`);
	return { value: isoOf(gregorian) };
}

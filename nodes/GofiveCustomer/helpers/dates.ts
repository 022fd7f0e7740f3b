/**
 * Dates of Venio's Customer API (docs/api/gofive-customer.md § "1. Common rules"): requests carry local time without an offset
 * (`2024-02-01T10:00:00`), read as Bangkok time (INFERRED); answers carry an offset without a colon
 * (`2025-01-29T15:38:43+0700`), which strict parsers (and n8n's own DateTime) refuse.
 */

/** The zone Venio reads a request's local time in (docs/api/gofive-customer.md § "1. Common rules", INFERRED). */
export const VENIO_TIME_ZONE = 'Asia/Bangkok';

const OFFSET_WITHOUT_COLON = /^(\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?)([+-]\d\d)(\d\d)$/;

/** A Venio answer's date with its offset written `+07:00`, so workflows read it as any ISO 8601 date; anything else as given. */
function readDate(value: string): string {
	const match = OFFSET_WITHOUT_COLON.exec(value);
	return match ? `${match[1]}${match[2]}:${match[3]}` : value;
}

/** Every date in an answer (at any depth) in the ISO 8601 form with a colon in the offset. */
export function readAnswerDates<T>(value: T): T {
	if (typeof value === 'string') return readDate(value) as T;
	if (Array.isArray(value)) return value.map(readAnswerDates) as T;
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(
			Object.entries(value).map(([key, field]) => [key, readAnswerDates(field)]),
		) as T;
	}
	return value;
}

interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

/** The wall clock an instant shows in a time zone. */
function wallClockIn(instant: Date, timeZone: string): WallClock {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(instant);
	const part = (type: Intl.DateTimeFormatPartTypes) =>
		Number(parts.find((entry) => entry.type === type)?.value);
	return {
		year: part('year'),
		month: part('month'),
		day: part('day'),
		hour: part('hour'),
		minute: part('minute'),
		second: part('second'),
	};
}

const utcOf = (clock: WallClock): number =>
	Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);

/** The instant a wall clock shows in a time zone (twice corrected, for the hour a clock change skips or repeats). */
function instantOf(clock: WallClock, timeZone: string): Date {
	let guess = utcOf(clock);
	for (let pass = 0; pass < 2; pass++)
		guess += utcOf(clock) - utcOf(wallClockIn(new Date(guess), timeZone));
	return new Date(guess);
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:\.\d+)?)?)?$/;
const HAS_OFFSET = /(?:Z|[+-]\d\d:?\d\d)$/i;

/**
 * The instant a date means: a Date or a DateTime ($now) as it is; a text with an offset (or Z) as written; a text
 * without one in the workflow's time zone, as n8n's date fields mean it. Undefined when it is not a date.
 */
export function readInstant(value: unknown, timeZone: string): Date | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
	const maybeDateTime = value as { toJSDate?: unknown; isValid?: unknown } | null;
	if (
		typeof value === 'object' &&
		value !== null &&
		typeof maybeDateTime?.toJSDate === 'function'
	) {
		return maybeDateTime.isValid === false
			? undefined
			: (maybeDateTime.toJSDate as () => Date).call(value);
	}
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	const local = LOCAL_DATE_TIME.exec(text);
	if (local) {
		const [year, month, day, hour, minute, second] = local
			.slice(1)
			.map((part) => Number(part ?? 0));
		const clock = { year, month, day, hour, minute, second };
		const instant = instantOf(clock, timeZone);
		// 2024-02-30 is no date: Date.UTC would roll it over into March.
		const check = new Date(Date.UTC(year, month - 1, day));
		return check.getUTCMonth() === month - 1 &&
			check.getUTCDate() === day &&
			hour < 24 &&
			minute < 60 &&
			second < 60
			? instant
			: undefined;
	}
	if (!HAS_OFFSET.test(text) || !/^\d{4}-\d\d-\d\d[T ]/.test(text)) return undefined;
	const instant = new Date(text.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
	return Number.isNaN(instant.getTime()) ? undefined : instant;
}

/** `2024-02-01T10:00:00`: an instant as the local time Venio reads (Bangkok), without an offset. */
export function venioLocalTime(instant: Date): string {
	const clock = wallClockIn(instant, VENIO_TIME_ZONE);
	const two = (number: number) => String(number).padStart(2, '0');
	return `${clock.year}-${two(clock.month)}-${two(clock.day)}T${two(clock.hour)}:${two(clock.minute)}:${two(clock.second)}`;
}

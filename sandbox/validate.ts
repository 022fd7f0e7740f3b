/**
 * A small hand-written validator for request bodies, written from docs/api/oho.md and docs/api/gofive.md
 * (independently of the nodes' own schemas: the sandbox plays the server's side).
 */

export type Format = 'url' | 'email' | 'phone' | 'date' | 'birthDate' | 'uuid';

interface Common {
	required?: boolean;
}
export type Rule =
	| (Common & {
			type: 'string';
			max?: number;
			allowEmpty?: boolean;
			enum?: readonly string[];
			format?: Format;
	  })
	| (Common & { type: 'integer'; min?: number; max?: number })
	| (Common & { type: 'array'; maxItems?: number; items: Rule })
	| (Common & { type: 'object'; fields: Record<string, Rule>; unknown?: 'reject' | 'ignore' });

export interface FieldError {
	field: string;
	/** A full sentence naming the field, e.g. `social_profile.id must be at most 40 characters`. */
	message: string;
}

const FORMATS: Record<Format, { test: (s: string) => boolean; message: string }> = {
	url: { test: isHttpUrl, message: 'must be a valid http(s) URL' },
	email: {
		test: (s) => /^[^\s@]+@[^\s@]+\.[^\s@.]+$/.test(s),
		message: 'must be a valid email address',
	},
	// docs/api/oho.md § "Phone" shows one form, '0987654321': read as a 0 and 8 (landline) or 9 (mobile) more digits. Nothing else.
	phone: { test: (s) => /^0\d{8,9}$/.test(s), message: 'must be a phone number like 0987654321' },
	date: { test: isCalendarDate, message: 'must be a real date in YYYY-MM-DD format' },
	// A birth date: a real date no earlier than 1900 and not in the future (a Buddhist-era year sent as is fails here).
	birthDate: {
		test: isPlausibleBirthDate,
		message: 'must be a real date in YYYY-MM-DD format, from 1900 up to today',
	},
	uuid: {
		test: (s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s),
		message: 'must be a UUID',
	},
};

function isHttpUrl(s: string): boolean {
	try {
		const url = new URL(s);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
	} catch {
		return false;
	}
}

function isCalendarDate(s: string): boolean {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
	if (!m) return false;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const date = new Date(Date.UTC(y, mo - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function isPlausibleBirthDate(s: string): boolean {
	return isCalendarDate(s) && s >= '1900-01-01' && s <= new Date().toISOString().slice(0, 10);
}

/** Length in characters (code points), so a Thai or emoji name counts as the user sees it. */
function charLength(s: string): number {
	return Array.from(s).length;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function join(path: string, key: string): string {
	return path ? `${path}.${key}` : key;
}

function checkString(v: unknown, rule: Extract<Rule, { type: 'string' }>): string | undefined {
	if (typeof v !== 'string') return 'must be a string';
	if (v === '') return rule.allowEmpty ? undefined : 'must not be empty';
	if (rule.max !== undefined && v.length > rule.max && charLength(v) > rule.max)
		return `must be at most ${rule.max} characters`;
	if (rule.enum && !rule.enum.includes(v)) return `must be one of: ${rule.enum.join(', ')}`;
	if (rule.format && !FORMATS[rule.format].test(v)) return FORMATS[rule.format].message;
	return undefined;
}

function checkInteger(v: unknown, rule: Extract<Rule, { type: 'integer' }>): string | undefined {
	if (typeof v !== 'number' || !Number.isFinite(v)) return 'must be a number';
	if (!Number.isInteger(v)) return 'must be an integer';
	if ((rule.min !== undefined && v < rule.min) || (rule.max !== undefined && v > rule.max)) {
		return rule.max === undefined
			? `must be at least ${rule.min}`
			: `must be between ${rule.min} and ${rule.max}`;
	}
	return undefined;
}

function problemOf(value: unknown, rule: Rule): string | undefined {
	switch (rule.type) {
		case 'string':
			return checkString(value, rule);
		case 'integer':
			return checkInteger(value, rule);
		case 'array':
			if (!Array.isArray(value)) return 'must be an array';
			return rule.maxItems !== undefined && value.length > rule.maxItems
				? `must contain at most ${rule.maxItems} items`
				: undefined;
		case 'object':
			return isPlainObject(value) ? undefined : 'must be an object';
	}
}

/** Validates `value` against `rule`; returns every error found (empty = valid). */
export function validate(
	value: unknown,
	rule: Rule,
	path = '',
	errors: FieldError[] = [],
): FieldError[] {
	const problem = problemOf(value, rule);
	if (problem) {
		const field = path || 'body';
		errors.push({ field, message: `${field} ${problem}` });
		return errors;
	}
	if (rule.type === 'array') {
		(value as unknown[]).forEach((item, i) => validate(item, rule.items, `${path}[${i}]`, errors));
	} else if (rule.type === 'object') {
		const obj = value as Record<string, unknown>;
		for (const key in rule.fields) {
			const v = obj[key];
			const field = join(path, key);
			if (v !== undefined) validate(v, rule.fields[key], field, errors);
			else if (rule.fields[key].required) errors.push({ field, message: `${field} is required` });
		}
		if (rule.unknown !== 'ignore') {
			for (const key of Object.keys(obj)) {
				if (!Object.prototype.hasOwnProperty.call(rule.fields, key))
					errors.push({ field: join(path, key), message: `${join(path, key)} is not allowed` });
			}
		}
	}
	return errors;
}

/** Marks every field of an object rule optional (one level). */
export function allOptional(fields: Record<string, Rule>): Record<string, Rule> {
	return Object.fromEntries(Object.entries(fields).map(([k, r]) => [k, { ...r, required: false }]));
}

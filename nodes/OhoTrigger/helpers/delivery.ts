import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { Refusal } from './respond';

/** Oho's two documented events, as `event_code` carries them. */
export const EVENT_CODES = { 'contact created': 'created', 'contact updated': 'updated' } as const;
export type TriggerEvent = (typeof EVENT_CODES)[keyof typeof EVENT_CODES];

/** A contact profile is a few kilobytes; a body this large is not one of Oho's deliveries. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface Delivery {
	event: TriggerEvent;
	/** `updated_field` as Oho sent it; undefined when a `contact updated` delivery has none. */
	changedFields: string[] | undefined;
	contact: IDataObject;
	body: IDataObject;
}

const isRecord = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const rawBodyOf = (ctx: IWebhookFunctions): Buffer | undefined => {
	const { rawBody } = ctx.getRequestObject() as { rawBody?: unknown };
	return Buffer.isBuffer(rawBody) ? rawBody : undefined;
};

/** The body's size in bytes as received, when n8n kept the raw body or the sender declared it; else undefined. */
function declaredSize(ctx: IWebhookFunctions): number | undefined {
	const raw = rawBodyOf(ctx);
	if (raw) return raw.length;
	const headers = ctx.getHeaderData() as Record<string, unknown>;
	const declared = Object.hasOwn(headers, 'content-length')
		? Number(headers['content-length'])
		: NaN;
	return Number.isFinite(declared) ? declared : undefined;
}

/** Deeper than this is no contact profile (Oho's is a few levels deep), and deeper still would exhaust the stack. */
export const MAX_DEPTH = 64;

/**
 * Walks the parsed body without recursion: how deep it nests, and, when the size was not known from the request
 * (chunked, no raw body kept), about how many bytes of JSON it holds. Stops as soon as a limit is passed, so a
 * body of 150,000 nested arrays costs no more than one of 65.
 */
function measure(body: unknown, countBytes: boolean): { tooDeep: boolean; bytes: number } {
	const stack: Array<[unknown, number]> = [[body, 1]];
	let bytes = 0;
	while (stack.length > 0) {
		const [value, depth] = stack.pop()!;
		if (typeof value === 'object' && value !== null) {
			if (depth > MAX_DEPTH) return { tooDeep: true, bytes };
			for (const [key, entry] of Object.entries(value)) {
				// A key with its quotes, colon and comma; an array's index costs only its comma, but this is an estimate.
				if (countBytes) bytes += Buffer.byteLength(key, 'utf8') + 4;
				stack.push([entry, depth + 1]);
			}
		} else if (countBytes) {
			bytes +=
				typeof value === 'string' ? Buffer.byteLength(value, 'utf8') + 2 : String(value).length;
		}
		if (bytes > MAX_BODY_BYTES) return { tooDeep: false, bytes };
	}
	return { tooDeep: false, bytes };
}

/** Keys that name an object's prototype: copied into an item, n8n 1.x's deepCopy would make them its prototype. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A copy of the parsed body without prototype keys at any depth (the depth is already known to be bounded). */
function withoutPrototypeKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutPrototypeKeys);
	if (typeof value !== 'object' || value === null) return value;
	const copy: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value)) {
		if (!PROTOTYPE_KEYS.has(key)) copy[key] = withoutPrototypeKeys(entry);
	}
	return copy;
}

const tooLarge = (size: number | string): Refusal => ({
	status: 413,
	message: `The body has ${size} bytes; an Oho delivery has far fewer (at most ${MAX_BODY_BYTES} are read).`,
});

/**
 * The body as JSON. Oho documents a JSON body, not its content type, and n8n parses JSON only when the type says
 * so: JSON sent as text, or with no type at all, is read from the raw body the same way.
 */
function bodyOf(ctx: IWebhookFunctions): unknown {
	const body: unknown = ctx.getBodyData();
	if (isRecord(body) && Object.keys(body).length > 0) return body;
	const text = typeof body === 'string' ? body : rawBodyOf(ctx)?.toString('utf8');
	if (!text?.trim()) return body;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return body;
	}
}

/** A contact with neither Oho's id nor a customer id on a platform names nobody: nothing could act on it. */
const identifies = (contact: IDataObject): boolean =>
	typeof contact._id === 'string' ||
	(isRecord(contact.social_profile) && contact.social_profile.id !== undefined);

function describeEventCode(value: unknown): string {
	return value === undefined ? 'no event_code' : `the event_code ${JSON.stringify(value)}`;
}

/** The delivery, or the problem that makes it not one of Oho's (413 for an oversize body, else 400). */
export function readDelivery(
	ctx: IWebhookFunctions,
): { delivery: Delivery } | { problem: Refusal } {
	const size = declaredSize(ctx);
	if (size !== undefined && size > MAX_BODY_BYTES) return { problem: tooLarge(size) };
	const parsed = bodyOf(ctx);
	const measured = measure(parsed, size === undefined);
	if (size === undefined && measured.bytes > MAX_BODY_BYTES)
		return { problem: tooLarge(`more than ${MAX_BODY_BYTES}`) };
	if (measured.tooDeep) {
		return {
			problem: {
				status: 400,
				message: `The body nests deeper than ${MAX_DEPTH} levels; an Oho delivery is a few levels deep.`,
			},
		};
	}
	const body = withoutPrototypeKeys(parsed);
	if (!isRecord(body) || Object.keys(body).length === 0) {
		return {
			problem: {
				status: 400,
				message:
					'The body is not a JSON object. Oho sends { "event_code": ..., "contact": { ... } }.',
			},
		};
	}
	const code = body.event_code;
	// Own keys only: "constructor" or "__proto__" is no event.
	const event =
		typeof code === 'string' && Object.hasOwn(EVENT_CODES, code)
			? EVENT_CODES[code as keyof typeof EVENT_CODES]
			: undefined;
	if (event === undefined) {
		return {
			problem: {
				status: 400,
				message: `The body has ${describeEventCode(body.event_code)}; Oho's events are "contact created" and "contact updated".`,
			},
		};
	}
	if (!isRecord(body.contact)) {
		return {
			problem: { status: 400, message: `The "${body.event_code}" delivery has no contact object.` },
		};
	}
	if (!identifies(body.contact)) {
		return {
			problem: {
				status: 400,
				message: `The "${body.event_code}" delivery's contact has neither an _id nor a social_profile.id: it names no contact.`,
			},
		};
	}
	const updated = body.updated_field;
	const changedFields = Array.isArray(updated)
		? updated.filter((field): field is string => typeof field === 'string')
		: undefined;
	// Oho documents updated_field only on updates; if a created delivery carries one anyway, it is kept.
	return {
		delivery: {
			event,
			changedFields: event === 'created' ? (changedFields ?? []) : changedFields,
			contact: body.contact,
			body,
		},
	};
}

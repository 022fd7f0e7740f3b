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

const isRecord = (value: unknown): value is IDataObject => typeof value === 'object' && value !== null && !Array.isArray(value);

const rawBodyOf = (ctx: IWebhookFunctions): Buffer | undefined => {
	const { rawBody } = ctx.getRequestObject() as { rawBody?: unknown };
	return Buffer.isBuffer(rawBody) ? rawBody : undefined;
};

function bodySize(ctx: IWebhookFunctions): number {
	const raw = rawBodyOf(ctx);
	if (raw) return raw.length;
	const declared = Number(ctx.getHeaderData()['content-length']);
	return Number.isFinite(declared) ? declared : 0;
}

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
	typeof contact._id === 'string' || isRecord(contact.social_profile) && contact.social_profile.id !== undefined;

function describeEventCode(value: unknown): string {
	return value === undefined ? 'no event_code' : `the event_code ${JSON.stringify(value)}`;
}

/** The delivery, or the problem that makes it not one of Oho's (413 for an oversize body, else 400). */
export function readDelivery(ctx: IWebhookFunctions): { delivery: Delivery } | { problem: Refusal } {
	const size = bodySize(ctx);
	if (size > MAX_BODY_BYTES) {
		return { problem: { status: 413, message: `The body has ${size} bytes; an Oho delivery has far fewer (at most ${MAX_BODY_BYTES} are read).` } };
	}
	const body = bodyOf(ctx);
	if (!isRecord(body) || Object.keys(body).length === 0) {
		return { problem: { status: 400, message: 'The body is not a JSON object. Oho sends { "event_code": ..., "contact": { ... } }.' } };
	}
	const code = body.event_code;
	// Own keys only: "constructor" or "__proto__" is no event.
	const event = typeof code === 'string' && Object.hasOwn(EVENT_CODES, code) ? EVENT_CODES[code as keyof typeof EVENT_CODES] : undefined;
	if (event === undefined) {
		return {
			problem: {
				status: 400,
				message: `The body has ${describeEventCode(body.event_code)}; Oho's events are "contact created" and "contact updated".`,
			},
		};
	}
	if (!isRecord(body.contact)) {
		return { problem: { status: 400, message: `The "${body.event_code}" delivery has no contact object.` } };
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
	const changedFields = Array.isArray(updated) ? updated.filter((field): field is string => typeof field === 'string') : undefined;
	// Oho documents updated_field only on updates; if a created delivery carries one anyway, it is kept.
	return { delivery: { event, changedFields: event === 'created' ? (changedFields ?? []) : changedFields, contact: body.contact, body } };
}

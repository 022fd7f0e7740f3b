/**
 * Venio CRM's Customer API, from `docs/api/gofive-customer.md`: Create or Update customer (3.1), Get a customer by
 * code (3.2), Add Customer Event (3.6), Get Customer Events by customer code (3.7) and Get Customer Event Types (3.10).
 * Every endpoint asks for the bearer token and the subscription key (section 1: "required" on every Customer page).
 * Every answer is the section 1 envelope; the Customer pages show only HTTP 200, so a refusal here is HTTP 200 with a
 * `status.code` other than 1000 (4001 one error, 4002 several) and `data: null` (the error body is OPEN; this is one
 * reading, and it is the one a client that trusts the HTTP status alone gets wrong).
 */
import { bearerClient, subscriptionKeyRefusal } from './gofive';
import {
	gofiveStatus,
	isJsonObjectBody,
	type Ctx,
	type Handler,
	type Reply,
	type Route,
} from './http';
import type { Store } from './store';
import type { GofiveCustomer, GofiveCustomerEvent, Knobs } from './types';
import { isPlainObject, validate, type FieldError, type Rule } from './validate';

/** The event types of the demo company (3.10: set per company; the examples use 1, 2 and 4). */
export const DEMO_EVENT_TYPES: ReadonlyArray<{ eventTypeId: number; eventTypeName: string }> = [
	{ eventTypeId: 1, eventTypeName: 'Meeting' },
	{ eventTypeId: 2, eventTypeName: 'Phone Call' },
	{ eventTypeId: 4, eventTypeName: 'Web Form' },
	{ eventTypeId: 7, eventTypeName: 'Visit' },
];

/** `2025-01-29T15:38:43+0700`: a time in Bangkok, written as Venio's answers write it (section 1: no colon). */
export function venioTime(instant: Date): string {
	const bangkok = new Date(instant.getTime() + 7 * 3600_000);
	return `${bangkok.toISOString().slice(0, 19)}+0700`;
}

const SEED_TIME = '2025-01-29T15:38:43+0700';

/** One seeded customer, so Get and Add Event have something to find before anything is created. */
export function seedCustomers(): GofiveCustomer[] {
	return [
		{
			customerId: 480258,
			customerCode: 'C000055',
			customerName: 'Suda Wongsa',
			customerState: 3,
			customerStatus: 0,
			customerType: 2,
			customerMobile: '0987654321',
			customerEmail: 'suda@example.com',
			leadStatus: 4,
			dateCreated: SEED_TIME,
			dateModified: SEED_TIME,
		},
	];
}

const SOCIAL: Rule = {
	type: 'object',
	unknown: 'ignore',
	fields: Object.fromEntries(
		['facebook', 'instagram', 'line', 'linkedin', 'skype', 'telegram', 'wechat', 'whatsapp'].map(
			(name) => [name, { type: 'string', allowEmpty: true }],
		),
	),
};

const BIRTH_DATE: Rule = { type: 'string', format: 'date' };

const CONTACT: Rule = {
	type: 'object',
	unknown: 'ignore',
	fields: {
		contactName: { type: 'string', required: true },
		contactPhone: { type: 'string', allowEmpty: true },
		contactMobile: { type: 'string', allowEmpty: true },
		contactEmail: { type: 'string', allowEmpty: true },
		contactPosition: { type: 'string', allowEmpty: true },
		contactBirthdate: BIRTH_DATE,
		contactNote: { type: 'string', allowEmpty: true },
		contactPicture: { type: 'string', format: 'url' },
		contactSocialAccount: SOCIAL,
	},
};

/** The body of 3.1, with the code tables of section 4. Like an ASP.NET model binder, unknown fields are ignored. */
export const CUSTOMER_BODY: Rule = {
	type: 'object',
	unknown: 'ignore',
	fields: {
		customerCode: { type: 'string' },
		customerName: { type: 'string', required: true },
		customerState: { type: 'integer', required: true, min: 1, max: 3 },
		customerStatus: { type: 'integer', min: 0, max: 2 },
		customerType: { type: 'integer', min: 1, max: 2 },
		customerPicture: { type: 'string', format: 'url' },
		customer2ndName: { type: 'string', allowEmpty: true },
		customerAliases: { type: 'array', items: { type: 'string' } },
		customerTaxNo: { type: 'string', allowEmpty: true },
		branchCode: { type: 'string', allowEmpty: true },
		customerPhone: { type: 'string', allowEmpty: true },
		customerMobile: { type: 'string', allowEmpty: true },
		customerEmail: { type: 'string', format: 'email' },
		customerPosition: { type: 'string', allowEmpty: true },
		customerGender: { type: 'integer', min: 1, max: 2 },
		customerMaritalStatus: { type: 'integer', min: 1, max: 6 },
		customerBirthdate: BIRTH_DATE,
		customerIncome: { type: 'string' },
		addresses: {
			type: 'array',
			items: {
				type: 'object',
				unknown: 'ignore',
				fields: {
					locationAddress: { type: 'string', allowEmpty: true },
					locationName: { type: 'string', allowEmpty: true },
					locationType: { type: 'integer', min: 1, max: 2 },
				},
			},
		},
		customerNote: { type: 'string', allowEmpty: true },
		customerSocialAccount: SOCIAL,
		customerTags: { type: 'array', items: { type: 'string' } },
		customFields: {
			type: 'array',
			items: {
				type: 'object',
				unknown: 'ignore',
				fields: {
					customFieldName: { type: 'string', required: true },
					customFieldValue: { type: 'array', items: { type: 'string' } },
				},
			},
		},
		interestsName: { type: 'array', items: { type: 'string' } },
		customerGroupName: { type: 'string' },
		classificationName: { type: 'string', max: 3 },
		sourceName: { type: 'string' },
		leadStatus: { type: 'integer', min: 1, max: 4 },
		unqulifiedReasonName: { type: 'string' },
		unqulifiedReasonNote: { type: 'string' },
		owners: { type: 'array', items: { type: 'string' } },
	},
};

const EVENT_BODY: Rule = {
	type: 'object',
	unknown: 'ignore',
	fields: {
		eventName: { type: 'string', required: true },
		eventType: { type: 'integer', required: true },
		eventDate: { type: 'string', required: true },
		description: { type: 'string', allowEmpty: true },
		customerCode: { type: 'string', required: true },
	},
};

/** `2024-02-01T10:00:00`: the request form of 3.6, local time without an offset. */
const LOCAL_DATE_TIME = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)$/;

/** A refusal in the envelope: HTTP 200, 4001 for one problem, 4002 for several, nothing written. */
function refused(errors: Array<FieldError | string>): Reply {
	const messages = errors.map((error) => (typeof error === 'string' ? error : error.message));
	return gofiveStatus(200, messages.length === 1 ? '4001' : '4002', messages.join('; '), {
		data: null,
	});
}

const success = (data: unknown): Reply => gofiveStatus(200, '1000', 'Success', { data });

const nameKey = (name: string): string => name.trim().toLocaleLowerCase();

/** Latitude and longitude are numbers (the sandbox's rules know integers only). */
function coordinateErrors(addresses: unknown): string[] {
	if (!Array.isArray(addresses)) return [];
	return addresses.flatMap((address: unknown, index) =>
		['latitude', 'longitude'].flatMap((field) => {
			const value = isPlainObject(address) ? address[field] : undefined;
			return value === undefined ||
				value === null ||
				(typeof value === 'number' && Number.isFinite(value))
				? []
				: [`addresses[${index}].${field} must be a number`];
		}),
	);
}

/** The contact person in the reading the knob picks (docs/api/gofive-customer.md § "3.1 Create or Update customer", OPEN: `contact` or `contacts`). */
function contactErrors(
	body: Record<string, unknown>,
	reading: Knobs['gofiveCustomerContact'],
): string[] {
	if (reading === 'contact') {
		if (body.contacts !== undefined)
			return [
				'contacts is not a field of this API: give the contact person as contact (one object)',
			];
		return body.contact === undefined
			? []
			: validate(body.contact, CONTACT, 'contact').map((error) => error.message);
	}
	if (body.contacts === undefined) return [];
	return validate(body.contacts, { type: 'array', items: CONTACT }, 'contacts').map(
		(error) => error.message,
	);
}

/** The rules of 3.1 beyond each field's own: the notes Ended / Closed and an Unqualified lead need. */
function conditionalErrors(body: Record<string, unknown>): string[] {
	const errors: string[] = [];
	const filled = (field: string) =>
		typeof body[field] === 'string' && (body[field] as string).trim() !== '';
	if ((body.customerStatus === 1 || body.customerStatus === 2) && !filled('customerNote')) {
		errors.push('customerNote is required when customerStatus is 1 (ended) or 2 (closed)');
	}
	if (body.leadStatus === 3 && body.customerState === 1) {
		for (const field of ['unqulifiedReasonName', 'unqulifiedReasonNote']) {
			if (!filled(field))
				errors.push(
					`${field} is required when leadStatus is 3 (unqualified) and customerState is 1 (lead)`,
				);
		}
	}
	return errors;
}

export interface GofiveCustomerDeps {
	store: Store;
	knobs: () => Readonly<Knobs>;
}

export function gofiveCustomerRoutes({ store, knobs }: GofiveCustomerDeps): Route[] {
	/** Every Customer page marks the subscription key required (section 1), whatever the chat knob says. */
	function guarded(next: Handler): Handler {
		return (ctx) => {
			const keyRefusal = subscriptionKeyRefusal(ctx);
			if (keyRefusal) return keyRefusal;
			const bearer = bearerClient(ctx, store);
			return 'refusal' in bearer ? bearer.refusal : next(ctx);
		};
	}

	function jsonObject(ctx: Ctx): { body: Record<string, unknown> } | { refusal: Reply } {
		const notObject = isJsonObjectBody(ctx.body);
		return notObject
			? { refusal: refused([notObject]) }
			: { body: ctx.body.value as Record<string, unknown> };
	}

	let nextCustomerId = 480300;
	let nextEventId = 100;

	const upsertCustomer = guarded((ctx) => {
		const given = jsonObject(ctx);
		if ('refusal' in given) return given.refusal;
		const { body } = given;
		const errors = [
			...validate(body, CUSTOMER_BODY).map((error) => error.message),
			...coordinateErrors(body.addresses),
			...contactErrors(body, knobs().gofiveCustomerContact),
			...conditionalErrors(body),
		];
		if (errors.length) return refused(errors);

		const code = typeof body.customerCode === 'string' ? body.customerCode : undefined;
		const existing = code === undefined ? undefined : store.gofiveCustomers.get(code);
		const name = body.customerName as string;
		const holder = [...store.gofiveCustomers.values()].find(
			(customer) => nameKey(customer.customerName) === nameKey(name),
		);
		if (holder && holder.customerCode !== code) {
			return refused([
				`customerName "${name}" is already used by customer ${holder.customerCode}; customer names must not be duplicated`,
			]);
		}
		const now = venioTime(new Date());
		// Update semantics are OPEN (docs/api/gofive-customer.md § "3.1 Create or Update customer"): a field left out keeps
		// its value, or with the `clear` knob is cleared. An unknown code creates the customer under that code, as Gofive's
		// sample suggests.
		const customerCode = code ?? `C${String(nextCustomerId + 1).padStart(6, '0')}`;
		const customer: GofiveCustomer = {
			...(knobs().gofiveCustomerUpdate === 'keep' && existing),
			...body,
			customerId: existing?.customerId ?? ++nextCustomerId,
			customerCode,
			customerName: name,
			customerState: body.customerState as number,
			dateCreated: existing?.dateCreated ?? now,
			dateModified: now,
		};
		store.gofiveCustomers.set(customerCode, customer);
		store.changed();
		return success(customer);
	});

	const getCustomer = guarded((ctx) => {
		const customer = store.gofiveCustomers.get(ctx.params[0]);
		return customer ? success(customer) : refused([`Customer code ${ctx.params[0]} not found`]);
	});

	const addEvent = guarded((ctx) => {
		const given = jsonObject(ctx);
		if ('refusal' in given) return given.refusal;
		const { body } = given;
		const errors = validate(body, EVENT_BODY).map((error) => error.message);
		if (typeof body.eventDate === 'string' && !LOCAL_DATE_TIME.test(body.eventDate)) {
			errors.push('eventDate must be a date and time like 2024-02-01T10:00:00');
		}
		if (errors.length) return refused(errors);
		const type = DEMO_EVENT_TYPES.find((eventType) => eventType.eventTypeId === body.eventType);
		const customer = store.gofiveCustomers.get(body.customerCode as string);
		const notFound = [
			...(type ? [] : [`eventType ${String(body.eventType)} is not an event type of this company`]),
			...(customer ? [] : [`Customer code ${String(body.customerCode)} not found`]),
		];
		if (notFound.length) return refused(notFound);
		const event: GofiveCustomerEvent = {
			eventId: ++nextEventId,
			eventName: body.eventName as string,
			// Venio reads the request's local time as Bangkok time (docs/api/gofive-customer.md § "1. Common rules", INFERRED) and answers with +0700.
			eventDate: `${body.eventDate as string}+0700`,
			eventType: type!.eventTypeId,
			...(typeof body.description === 'string' && { description: body.description }),
			customerId: customer!.customerId,
		};
		store.gofiveCustomerEvents.push(event);
		store.changed();
		return success(event);
	});

	const eventsOfCustomer = guarded((ctx) => {
		const query = new URLSearchParams(ctx.query);
		const customer = store.gofiveCustomers.get(query.get('customerCode') ?? '');
		if (!customer) return refused([`Customer code ${query.get('customerCode') ?? ''} not found`]);
		const typeId = query.get('eventTypeIds');
		return success(
			store.gofiveCustomerEvents.filter(
				(event) =>
					event.customerId === customer.customerId &&
					(typeId === null || String(event.eventType) === typeId),
			),
		);
	});

	const eventTypes = guarded(() =>
		success(DEMO_EVENT_TYPES.map((eventType) => ({ ...eventType }))),
	);

	return [
		{ api: 'gofive', pattern: /^\/v3\/customers$/, methods: { POST: upsertCustomer } },
		{ api: 'gofive', pattern: /^\/v3\/customers\/([^/]+)$/, methods: { GET: getCustomer } },
		{ api: 'gofive', pattern: /^\/v1\/customerEvent$/, methods: { POST: addEvent } },
		{ api: 'gofive', pattern: /^\/v1\/customerEvent\/event-types$/, methods: { GET: eventTypes } },
		{ api: 'gofive', pattern: /^\/v1\/customerEvent\/filter$/, methods: { GET: eventsOfCustomer } },
	];
}

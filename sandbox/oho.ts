import {
	ohoEnvelope,
	header,
	isJsonObjectBody,
	type Ctx,
	type Handler,
	type Reply,
	type Route,
} from './http';
import { objectId, type Store } from './store';
import { storedForm } from './storedForm';
import { DEFAULT_KNOBS } from './knobs';
import type { Contact, Platform, ReadingKnobs, RoomState } from './types';
import { allOptional, validate, type FieldError, type Rule } from './validate';
import type { WebhookSender } from './webhooks';

export const PLATFORMS: readonly Platform[] = ['line', 'facebook', 'instagram'];
const GENDERS = ['male', 'female', 'not_say'] as const;

export const MSG = {
	notFound: 'Not found',
	unauthorized: 'You do not have valid permission',
	forbidden: 'Invalid partner for this API key',
	found: 'Get contact successfully',
	contactNotFound: 'Not found contact',
	created: 'Created contact successfully',
	exists: 'The contact already exists',
	updated: 'Update contact successfully',
	updateNotFound: 'The contact not found',
	agentRequested: 'Agent has been requested for the chat room',
	cannotRequest: 'Chat room cannot be changed to agent requested',
	roomNotFound: 'Not found chat room',
	closed: 'Chat room session has been closed',
	cannotClose: 'Chat room session cannot be closed',
	methodNotAllowed: 'Method not allowed',
} as const;

const required = (max: number): Rule => ({ type: 'string', required: true, max });

const SOCIAL_PROFILE: Rule = {
	type: 'object',
	required: true,
	fields: {
		platform: { type: 'string', required: true, enum: PLATFORMS },
		id: required(40),
		platform_id: required(40),
		platform_name: required(255),
		// Required (non-empty) for LINE only: Facebook and Instagram have no LINE ID (checked in lineBasicIdErrors).
		line_basic_id: { type: 'string', max: 255, allowEmpty: true },
	},
};

const ATTRIBUTE: Rule = {
	type: 'object',
	fields: {
		display_name: required(100),
		value: {
			type: 'object',
			required: true,
			fields: { text: { type: 'string', required: true, max: 2000, allowEmpty: true } },
		},
	},
};

/** The contact fields of create (docs/api/oho.md § "Create contact"), without social_profile. */
const CONTACT_FIELDS: Record<string, Rule> = {
	profile_picture_url: { type: 'string', required: true, max: 2000, format: 'url' },
	platform_display_name: required(255),
	display_name: required(255),
	first_name: required(100),
	last_name: { type: 'string', max: 100, allowEmpty: true },
	phone: { type: 'string', max: 20, format: 'phone' },
	email: { type: 'string', max: 254, format: 'email' },
	// country.json / province.json were never published: any non-empty string up to 100 characters.
	country: { type: 'string', max: 100 },
	city: { type: 'string', max: 100 },
	gender: { type: 'string', enum: GENDERS },
	age: { type: 'integer', min: 1, max: 99 },
	birth_date: { type: 'string', format: 'birthDate' },
	attributes: { type: 'array', items: ATTRIBUTE },
	tags: { type: 'array', maxItems: 20, items: { type: 'string' } },
	labels: { type: 'array', maxItems: 10, items: { type: 'string' } },
};

export const CREATE_CONTACT: Rule = {
	type: 'object',
	fields: { social_profile: SOCIAL_PROFILE, ...CONTACT_FIELDS },
};

/** Update (docs/api/oho.md § "Update contact") marks no field required, allows display_name up to 1000, and lists neither social_profile, the picture nor the platform name. */
const UPDATABLE = Object.fromEntries(
	Object.entries(CONTACT_FIELDS).filter(
		([name]) => name !== 'profile_picture_url' && name !== 'platform_display_name',
	),
);
export const UPDATE_CONTACT: Rule = {
	type: 'object',
	fields: { ...allOptional(UPDATABLE), display_name: { type: 'string', max: 1000 } },
};

/** `line_basic_id` is required for LINE; for Facebook and Instagram the knob says which reading of the OPEN point applies. */
function lineBasicIdErrors(
	nonLine: ReadingKnobs['lineBasicIdNonLine'],
): (body: Record<string, unknown>) => FieldError[] {
	return (body) => {
		const sp = body.social_profile as Record<string, unknown>;
		const field = 'social_profile.line_basic_id';
		if (sp.platform !== 'line') {
			if (nonLine === 'keyRequired' && sp.line_basic_id === undefined)
				return [{ field, message: `${field} is required` }];
			if (nonLine === 'emptyRefused' && sp.line_basic_id === '')
				return [{ field, message: `${field} must not be empty` }];
			return [];
		}
		if (sp.line_basic_id === undefined)
			return [{ field, message: `${field} is required for platform line` }];
		if (sp.line_basic_id === '')
			return [{ field, message: `${field} must not be empty for platform line` }];
		return [];
	};
}

/** Attribute names are unique within a business, so also within one request. */
function uniqueAttributeErrors(body: Record<string, unknown>): FieldError[] {
	const seen = new Set<string>();
	const errors: FieldError[] = [];
	(body.attributes as Array<{ display_name: string }> | undefined)?.forEach((a, i) => {
		if (seen.has(a.display_name))
			errors.push({
				field: `attributes[${i}].display_name`,
				message: `attributes[${i}].display_name must be unique`,
			});
		seen.add(a.display_name);
	});
	return errors;
}

function badRequest(errors: FieldError[] | string): Reply {
	return ohoEnvelope(
		400,
		`Bad request: ${typeof errors === 'string' ? errors : errors.map((e) => e.message).join('; ')}`,
	);
}

/** Validates a create or update body; returns the 400 reply, or undefined when the body is valid. */
function bodyProblem(
	ctx: Ctx,
	rule: Rule,
	extraChecks: Array<(b: Record<string, unknown>) => FieldError[]>,
): Reply | undefined {
	const notJson = isJsonObjectBody(ctx.body);
	if (notJson) return badRequest(notJson);
	const body = ctx.body.value as Record<string, unknown>;
	const errors = validate(body, rule);
	if (errors.length) return badRequest(errors);
	const more = extraChecks.flatMap((check) => check(body));
	return more.length ? badRequest(more) : undefined;
}

export interface OhoDeps {
	store: Store;
	/** API key → business. A Map: a key such as "constructor" or "__proto__" is no business's. */
	keys: ReadonlyMap<string, string>;
	/** Told of every contact created or updated, to send Oho's customer-profile webhook. */
	webhooks?: Pick<WebhookSender, 'contactCreated' | 'contactUpdated'>;
	/** The live readings of the OPEN points (the first reading when not given). */
	readings?: () => Readonly<ReadingKnobs>;
}

type Defaulted = 'gender' | 'attributes' | 'tags' | 'labels';
type NewContact = Omit<Contact, '_id' | 'created_at' | 'updated_at' | Defaulted> &
	Partial<Pick<Contact, Defaulted>>;

interface Target {
	business: string;
	platform: Platform;
	platformId: string;
	userId: string;
}

export function ohoRoutes({
	store,
	keys,
	webhooks,
	readings = () => DEFAULT_KNOBS.readings,
}: OhoDeps): Route[] {
	/** Auth, JSON and path checks shared by every Oho endpoint; `next` runs when they pass. */
	function guarded(next: (ctx: Ctx, business: string) => Reply): Handler {
		return (ctx) => {
			const key = header(ctx.headers, 'x-oho-api-key');
			const business = key === undefined ? undefined : keys.get(key);
			if (business === undefined) return ohoEnvelope(401, MSG.unauthorized);
			if (ctx.body.invalidJson) return badRequest('body is not valid JSON');
			return next(ctx, business);
		};
	}

	/** Path /…/:platform/:platform_id/user/:user_id, with the business check. */
	function withTarget(next: (ctx: Ctx, t: Target) => Reply, chat = false): Handler {
		return guarded((ctx, business) => {
			const [platform, rawPlatformId, userId] = ctx.params as [Platform, string, string];
			if (!PLATFORMS.includes(platform))
				return badRequest(`platform must be one of: ${PLATFORMS.join(', ')}`);
			const platformId = chat
				? store.resolveChatPlatformId(platform, rawPlatformId)
				: rawPlatformId;
			const owner = store.ownerOf(platform, platformId);
			if (owner !== undefined && owner !== business) return ohoEnvelope(403, MSG.forbidden);
			return next(ctx, { business, platform, platformId, userId });
		});
	}

	const getContact = withTarget((_ctx, t) => {
		const contact = store.getContact(t.platform, t.platformId, t.userId);
		return contact
			? ohoEnvelope(200, MSG.found, storedForm(contact))
			: ohoEnvelope(404, MSG.contactNotFound);
	});

	const createContact = guarded((ctx, business) => {
		const problem = bodyProblem(ctx, CREATE_CONTACT, [
			lineBasicIdErrors(readings().lineBasicIdNonLine),
			uniqueAttributeErrors,
		]);
		if (problem) return problem;
		const body = ctx.body.value as NewContact;
		const { platform, platform_id, id } = body.social_profile;
		const owner = store.ownerOf(platform, platform_id);
		if (owner !== undefined && owner !== business) return ohoEnvelope(403, MSG.forbidden);
		if (store.getContact(platform, platform_id, id)) return ohoEnvelope(409, MSG.exists);
		if (owner === undefined) store.claim(platform, platform_id, business);
		const now = new Date().toISOString();
		const contact: Contact = {
			_id: objectId(),
			...body,
			gender: body.gender ?? 'not_say',
			attributes: body.attributes ?? [],
			tags: body.tags ?? [],
			labels: body.labels ?? [],
			created_at: now,
			updated_at: now,
		};
		store.addContact(contact);
		webhooks?.contactCreated(contact);
		return ohoEnvelope(201, MSG.created);
	});

	const updateContact = withTarget((ctx, t) => {
		const problem = bodyProblem(ctx, UPDATE_CONTACT, [
			uniqueAttributeErrors,
			(b) =>
				Object.keys(b).length
					? []
					: [{ field: 'body', message: 'body must contain at least one field' }],
		]);
		if (problem) return problem;
		const contact = store.getContact(t.platform, t.platformId, t.userId);
		if (!contact) return ohoEnvelope(404, MSG.updateNotFound);
		const before = JSON.parse(JSON.stringify(contact)) as Contact;
		// attributes, tags and labels are replaced wholesale, like every other field.
		Object.assign(contact, ctx.body.value, { updated_at: new Date().toISOString() });
		store.changed();
		webhooks?.contactUpdated(before, contact, Object.keys(ctx.body.value as object));
		return ohoEnvelope(200, MSG.updated);
	});

	function transition(
		from: readonly RoomState[],
		to: RoomState,
		ok: string,
		conflict: string,
	): Handler {
		return withTarget((_ctx, t) => {
			const room = store.getRoom(t.platform, t.platformId, t.userId);
			if (!room) return ohoEnvelope(404, MSG.roomNotFound);
			if (!from.includes(room.state)) return ohoEnvelope(409, conflict);
			store.setRoomState(room, to);
			return ohoEnvelope(200, ok);
		}, true);
	}

	const closeChat = transition(
		['agent_requested', 'agent_active'],
		'bot',
		MSG.closed,
		MSG.cannotClose,
	);
	/**
	 * close-chat answers the method its reading names (the method line's POST, or the curl example's GET). The other
	 * method meets what a server without that route answers: Oho's 405 under the first reading, a web framework's bare
	 * HTML 404 ("Cannot POST …") under the other.
	 */
	function closeChatBy(method: 'POST' | 'GET'): Handler {
		return (ctx) => {
			const served = readings().closeChatMethod;
			if (method === served) return closeChat(ctx);
			if (served === 'POST')
				return { ...ohoEnvelope(405, 'Method not allowed'), headers: { allow: 'POST' } };
			return {
				status: 404,
				text: `<!DOCTYPE html>\n<html><body><pre>Cannot ${method} ${ctx.path}</pre></body></html>\n`,
				contentType: 'text/html; charset=utf-8',
			};
		};
	}

	const target = '/([^/]+)/([^/]+)/user/([^/]+)';
	return [
		{ api: 'oho', pattern: /^\/contact$/, methods: { POST: createContact } },
		{
			api: 'oho',
			pattern: new RegExp(`^/contact${target}$`),
			methods: { GET: getContact, PATCH: updateContact },
		},
		{
			api: 'oho',
			pattern: new RegExp(`^/chat${target}/request-agent$`),
			methods: {
				POST: transition(['bot'], 'agent_requested', MSG.agentRequested, MSG.cannotRequest),
			},
		},
		{
			api: 'oho',
			pattern: new RegExp(`^/chat${target}/close-chat$`),
			methods: { POST: closeChatBy('POST'), GET: closeChatBy('GET') },
		},
	];
}

import { randomBytes, randomUUID } from 'crypto';
import { DEMO } from './demo';
import {
	gofiveStatus,
	header,
	isJsonObjectBody,
	json,
	parseBody,
	type Ctx,
	type Handler,
	type Reply,
	type Route,
} from './http';
import type { Store } from './store';
import type { GofiveMessage, Knobs } from './types';
import { validate, type FieldError, type Rule } from './validate';

export const GOFIVE_MESSAGE: Rule = {
	type: 'object',
	// Like an ASP.NET model binder, unknown fields are ignored.
	unknown: 'ignore',
	fields: {
		roomId: { type: 'string', required: true, format: 'uuid' },
		content: { type: 'string', required: true },
		type: { type: 'string', required: true, enum: ['message'] },
		platform: { type: 'string', required: true, enum: ['line'] },
		companyId: { type: 'integer', required: true },
	},
};

const GOFIVE_MESSAGE_ANY_VALUES: Rule = {
	...GOFIVE_MESSAGE,
	fields: {
		...GOFIVE_MESSAGE.fields,
		type: { type: 'string', required: true },
		platform: { type: 'string', required: true },
	},
};

const APIM_MISSING_KEY =
	'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.';
const APIM_INVALID_KEY =
	'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.';
/** The identity behind the static demo token (never the token itself: outputs must not hold secrets). */
const STATIC_TOKEN_CLIENT = 'static';
/** vwId: a random per-process prefix and a counter (24 hex), cheaper than random bytes per message. */
const VW_PREFIX = randomBytes(6).toString('hex');
let vwCounter = 0;

export interface GofiveDeps {
	store: Store;
	knobs: () => Readonly<Knobs>;
}

function validationError(errors: FieldError[]): Reply {
	const one = errors.length === 1;
	return gofiveStatus(
		400,
		one ? '4001' : '4002',
		one ? errors[0].message : `${errors.length} validation errors`,
		{
			errors: errors.map(({ field, message }) => ({ field, message })),
		},
	);
}

function businessError(description: string): Reply {
	return gofiveStatus(201, '4001', description, { data: null });
}

/** `Bearer <token>` → token. */
export function bearerToken(ctx: Ctx): string | undefined {
	const m = /^Bearer\s+(\S+)\s*$/i.exec(header(ctx.headers, 'authorization') ?? '');
	return m?.[1];
}

interface ClientCredentials {
	clientId?: string;
	clientSecret?: string;
	basic: boolean;
}

function clientCredentials(ctx: Ctx): ClientCredentials {
	const basic = /^Basic\s+(\S+)\s*$/i.exec(header(ctx.headers, 'authorization') ?? '');
	if (basic) {
		const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		const part = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
		return colon < 0
			? { basic: true }
			: {
					clientId: part(decoded.slice(0, colon)),
					clientSecret: part(decoded.slice(colon + 1)),
					basic: true,
				};
	}
	const form = (ctx.body.kind === 'form' ? ctx.body.value : {}) as Record<string, string>;
	return { clientId: form.client_id, clientSecret: form.client_secret, basic: false };
}

/** The client id a token request claims (for the rate limit), from HTTP Basic or the form. */
export function tokenClientId(ctx: Ctx): string | undefined {
	try {
		return clientCredentials(ctx).clientId;
	} catch {
		return undefined;
	}
}

/** Azure API Management's answer to a request without the demo subscription key; undefined when it has it. */
export function subscriptionKeyRefusal(ctx: Ctx): Reply | undefined {
	const key = header(ctx.headers, 'ocp-apim-subscription-key');
	if (key === DEMO.gofiveSubscriptionKey) return undefined;
	return json(401, {
		statusCode: 401,
		message: key === undefined ? APIM_MISSING_KEY : APIM_INVALID_KEY,
	});
}

/** The client behind the request's bearer token, or the 401 Gofive answers for a missing or unknown token. */
export function bearerClient(ctx: Ctx, store: Store): { client: string } | { refusal: Reply } {
	const token = bearerToken(ctx);
	const client =
		token === undefined
			? undefined
			: token === DEMO.gofiveAccessToken
				? STATIC_TOKEN_CLIENT
				: store.tokenClient(token);
	if (client !== undefined) return { client };
	const challenge = token === undefined ? 'Bearer' : 'Bearer error="invalid_token"';
	return {
		refusal: gofiveStatus(401, '401', 'Unauthorized', undefined, { 'www-authenticate': challenge }),
	};
}

export function gofiveRoutes({ store, knobs }: GofiveDeps): Route[] {
	/** Azure API Management's subscription-key check, in front of both endpoints when the knob is on. */
	function subscriptionGuard(next: Handler): Handler {
		return (ctx) =>
			knobs().gofiveRequireSubscriptionKey ? (subscriptionKeyRefusal(ctx) ?? next(ctx)) : next(ctx);
	}

	const sendMessage = subscriptionGuard((ctx) => {
		const bearer = bearerClient(ctx, store);
		if ('refusal' in bearer) return bearer.refusal;
		const { client } = bearer;
		// docs/api/gofive.md § "Send message" marks Content-Type optional: without one the body is read as JSON.
		const body =
			ctx.body.kind === 'other' && !header(ctx.headers, 'content-type')
				? parseBody(ctx.body.raw, 'application/json')
				: ctx.body;
		if (body.kind === 'form' || body.kind === 'other')
			return gofiveStatus(415, '415', 'Unsupported Media Type');
		const notObject = isJsonObjectBody(body);
		if (notObject) return validationError([{ field: 'body', message: notObject }]);
		// The other reading of "Type and platform values" (docs/api/gofive.md): any text, not only the values shown.
		const errors = validate(
			body.value,
			knobs().readings.gofiveOtherValues ? GOFIVE_MESSAGE_ANY_VALUES : GOFIVE_MESSAGE,
		);
		if (errors.length) return validationError(errors);

		const msg = body.value as {
			roomId: string;
			content: string;
			type: string;
			platform: string;
			companyId: number;
		};
		const room = store.gofiveRooms.get(msg.roomId.toLowerCase());
		if (!room) return businessError(`Room ${msg.roomId} not found`);
		if (room.companyId !== msg.companyId)
			return businessError(`Room ${msg.roomId} does not belong to company ${msg.companyId}`);
		if (room.platform !== msg.platform)
			return businessError(`Room ${msg.roomId} is a ${room.platform} room, not ${msg.platform}`);

		const message: GofiveMessage = {
			vwId: VW_PREFIX + (++vwCounter).toString(16).padStart(12, '0'),
			id: randomUUID(),
			roomId: room.roomId,
			companyId: room.companyId,
			platform: room.platform,
			user: {
				id: `bot-${client}`,
				companyId: String(room.companyId),
				type: 'bot',
				originalName: 'Sandbox Bot',
				originalName_EN: 'Sandbox Bot',
				avatar: '',
				role: 'bot',
				displayName: `Sandbox Bot (${client})`,
			},
			content: msg.content,
			timestamp: Date.now(),
			type: msg.type,
			deliveryStatus: 'sent',
			traceId: randomUUID(),
			isFirstCustomerMessage: false,
		};
		store.addGofiveMessage(message);
		const data: Partial<GofiveMessage> = { ...message };
		delete data.companyId;
		// The other reading of "status.code on HTTP 2xx" (docs/api/gofive.md): a 201 that carries only the message.
		if (!knobs().readings.gofiveStatusBlock) return json(201, { data });
		return gofiveStatus(201, '1000', 'Success', { data });
	});

	const issueToken = subscriptionGuard((ctx) => {
		const oauthError = (
			status: number,
			error: string,
			description: string,
			headers?: Record<string, string>,
		) => json(status, { error, error_description: description }, headers);
		if (ctx.body.kind !== 'form')
			return oauthError(
				400,
				'invalid_request',
				'Content-Type must be application/x-www-form-urlencoded',
			);
		const form = ctx.body.value as Record<string, string>;
		if (!form.grant_type) return oauthError(400, 'invalid_request', 'grant_type is required');
		if (form.grant_type !== 'client_credentials')
			return oauthError(
				400,
				'unsupported_grant_type',
				`grant_type ${form.grant_type} is not supported`,
			);
		let creds: ClientCredentials;
		try {
			creds = clientCredentials(ctx);
		} catch {
			creds = { basic: true };
		}
		if (creds.clientId !== DEMO.gofiveClientId || creds.clientSecret !== DEMO.gofiveClientSecret) {
			// RFC 6749 §5.2: 401 with a challenge when the client authenticated with HTTP Basic, else 400.
			return creds.basic
				? oauthError(401, 'invalid_client', 'Client authentication failed', {
						'www-authenticate': 'Basic realm="gofive"',
					})
				: oauthError(400, 'invalid_client', 'Client authentication failed');
		}
		const ttl = knobs().gofiveTokenTtlSeconds;
		const accessToken = store.issueToken(creds.clientId, ttl);
		return json(
			200,
			{ access_token: accessToken, expires_in: Math.ceil(ttl), token_type: 'Bearer', scope: 'api' },
			{ 'cache-control': 'no-store' },
		);
	});

	return [
		{ api: 'gofive', pattern: /^\/v1\/chat\/message$/, methods: { POST: sendMessage } },
		{
			api: 'gofive-token',
			pattern: /^\/authorization\/connect\/token$/,
			methods: { POST: issueToken },
		},
	];
}

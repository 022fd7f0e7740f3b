/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
import type { IncomingMessage, ServerResponse } from 'http';
import { json, readBody, send, type Reply } from './http';
import { isKnobError } from './knobs';
import { maskSecret } from './log';
import type { RequestFilter, RoomState, Sandbox } from './types';
import { isPlainObject } from './validate';

export const INSPECTION_PREFIX = '/__sandbox/';

type InspectHandler = (body: unknown, query: URLSearchParams) => Reply;

const ROOM_STATES: readonly RoomState[] = ['bot', 'agent_requested', 'agent_active'];

function inspectionRoutes(
	sb: Sandbox,
	startedAt: number,
): Record<string, Record<string, InspectHandler>> {
	const ok = (extra?: Record<string, unknown>) => json(200, { ok: true, ...extra });
	return {
		health: { GET: () => ok({ url: sb.url, uptimeMs: Date.now() - startedAt }) },
		requests: {
			GET: (_b, q) => json(200, sb.requests(Object.fromEntries(q) as RequestFilter)),
			DELETE: () => {
				sb.clearRequests();
				return ok();
			},
		},
		state: { GET: () => json(200, sb.state()) },
		reset: {
			POST: () => {
				sb.reset();
				return ok();
			},
		},
		knobs: {
			GET: () => json(200, sb.knobs()),
			PATCH: (body) => {
				sb.setKnobs(body as Parameters<Sandbox['setKnobs']>[0]);
				return json(200, sb.knobs());
			},
		},
		'gofive/expire-tokens': {
			POST: () => {
				const before = sb.state().tokensIssued;
				sb.expireGofiveTokens();
				return ok({ tokensIssued: before });
			},
		},
		webhooks: {
			GET: () => {
				const registration = sb.webhookRegistration();
				const headers = Object.entries(registration?.headers ?? {}).map(([name, value]) => [
					name,
					maskSecret(value),
				]);
				return json(200, {
					registration: registration && {
						url: registration.url,
						headers: Object.fromEntries(headers),
					},
					deliveries: sb.webhookDeliveries(),
				});
			},
			PUT: (body) => {
				const b = (isPlainObject(body) ? body : {}) as { url?: unknown; headers?: unknown };
				if (typeof b.url !== 'string' || !/^https?:\/\//.test(b.url))
					return json(400, { error: 'url must be an http(s) URL' });
				if (
					b.headers !== undefined &&
					!(
						isPlainObject(b.headers) && Object.values(b.headers).every((v) => typeof v === 'string')
					)
				) {
					return json(400, { error: 'headers must be an object of strings' });
				}
				try {
					sb.registerWebhook({
						url: b.url,
						headers: b.headers as Record<string, string> | undefined,
					});
				} catch (error) {
					return json(400, { error: `url: ${(error as Error).message}` });
				}
				return ok();
			},
			DELETE: () => {
				sb.registerWebhook(null);
				return ok();
			},
		},
		'room-state': {
			PUT: (body) => {
				const b = (isPlainObject(body) ? body : {}) as Record<string, string>;
				if (!ROOM_STATES.includes(b.state as RoomState))
					return json(400, { error: `state must be one of: ${ROOM_STATES.join(', ')}` });
				try {
					return json(
						200,
						sb.setRoomState(b.platform, b.platformId, b.userId, b.state as RoomState),
					);
				} catch (error) {
					return json(404, { error: (error as Error).message });
				}
			},
		},
	};
}

/**
 * Whether a write to the inspection API says it sends JSON. A web page can send a POST with a form or text content type
 * without asking first (a CORS "simple request"), but not one with `application/json`: requiring it keeps any page the
 * developer opens from resetting or reconfiguring the sandbox on its fixed port.
 */
function sendsJson(req: IncomingMessage): boolean {
	const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
	return type === 'application/json';
}

const READS = new Set(['GET', 'HEAD']);

/** `/__sandbox/*`: no auth, no latency, no faults, no rate limit, not logged. Writes need `Content-Type: application/json`. */
export function inspectionHandler(sb: Sandbox, startedAt = Date.now()) {
	const routes = inspectionRoutes(sb, startedAt);
	return async (
		req: IncomingMessage,
		res: ServerResponse,
		path: string,
		query: URLSearchParams,
	): Promise<void> => {
		const methods = routes[path.slice(INSPECTION_PREFIX.length)];
		const handler = methods?.[req.method ?? 'GET'];
		const raw = (await readBody(req)) ?? '';
		if (!methods) return send(res, json(404, { error: 'Not found' }));
		if (!handler)
			return send(
				res,
				json(405, { error: 'Method not allowed' }, { allow: Object.keys(methods).join(', ') }),
			);
		if (!READS.has(req.method ?? 'GET') && !sendsJson(req)) {
			return send(
				res,
				json(415, {
					error:
						'Content-Type must be application/json for a change to the sandbox (send {} when there is nothing to say)',
				}),
			);
		}
		let body: unknown;
		try {
			body = raw === '' ? {} : JSON.parse(raw);
		} catch {
			return send(res, json(400, { error: 'body is not valid JSON' }));
		}
		try {
			send(res, handler(body, query));
		} catch (error) {
			send(res, json(isKnobError(error) ? 400 : 500, { error: (error as Error).message }));
		}
	};
}

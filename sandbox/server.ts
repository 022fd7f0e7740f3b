/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo, Socket } from 'net';
import { buildSeed, DEMO_OHO_KEYS, emptySeed } from './demo';
import { bearerToken, gofiveRoutes, tokenClientId } from './gofive';
import { gofiveCustomerRoutes } from './gofiveCustomer';
import {
	FLAVORS,
	header,
	matchRoute,
	parseBody,
	readBody,
	send,
	STATUS_MESSAGES,
	type Ctx,
	type Reply,
	type Route,
} from './http';
import { INSPECTION_PREFIX, inspectionHandler } from './inspect';
import { checkKnobsPatch, DEFAULT_KNOBS, KnobState, mergeKnobs, type PickedFault } from './knobs';
import { maskBody, maskHeaders, RequestLog } from './log';
import { ohoRoutes, PLATFORMS } from './oho';
import { Store } from './store';
import type {
	LoggedApi,
	Platform,
	RecordedRequest,
	RoomState,
	Sandbox,
	SandboxOptions,
} from './types';
import { WebhookSender } from './webhooks';

const HTML_502 =
	'<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n';

/** The identity a rate limit counts against: the API key, the bearer token or the token endpoint's client id. */
function rateIdentity(api: LoggedApi, ctx: Ctx): string {
	const id =
		api === 'oho'
			? header(ctx.headers, 'x-oho-api-key')
			: api === 'gofive'
				? bearerToken(ctx)
				: api === 'gofive-token'
					? tokenClientId(ctx)
					: undefined;
	return `${api}:${id ?? 'anonymous'}`;
}

function faultReply(api: LoggedApi, kind: Exclude<PickedFault['kind'], 'reset' | 'hang'>): Reply {
	const flavor = FLAVORS[api];
	switch (kind) {
		case 'malformed-json':
			return { status: 200, text: '{"ok": tru' };
		case 'html':
			return { status: 502, text: HTML_502, contentType: 'text/html; charset=utf-8' };
		case 'ok-false':
			return flavor.okFalse();
		default: {
			const reply = flavor.error(kind, STATUS_MESSAGES[kind]);
			return kind === 429 || kind === 503
				? { ...reply, headers: { ...reply.headers, 'retry-after': '1' } }
				: reply;
		}
	}
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const knobs = new KnobState(mergeKnobs(DEFAULT_KNOBS, checkKnobsPatch(options.knobs ?? {})));
	const seed = options.seed === false ? emptySeed : buildSeed;
	const withRooms = () => {
		const data = seed();
		data.gofiveRooms.push(...(options.gofiveRooms ?? []));
		return data;
	};
	const store = new Store(withRooms, options.dataFile);
	const log = new RequestLog(Math.max(1, options.requestLogLimit ?? 100000));
	const webhooks = new WebhookSender(
		store,
		() => knobs.peek(),
		(ms) => sleep(ms),
	);
	const routes: Route[] = [
		...ohoRoutes({
			store,
			keys: new Map(Object.entries({ ...DEMO_OHO_KEYS, ...options.ohoApiKeys })),
			webhooks,
			readings: () => knobs.peek().readings,
		}),
		...gofiveRoutes({ store, knobs: () => knobs.peek() }),
		...gofiveCustomerRoutes({ store, knobs: () => knobs.peek() }),
	];
	const timers = new Set<NodeJS.Timeout>();
	let closed = false;

	function sleep(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const t = setTimeout(() => {
				timers.delete(t);
				resolve();
			}, ms);
			timers.add(t);
		});
	}

	function respond(res: ServerResponse, entry: RecordedRequest, reply: Reply): void {
		entry.status = reply.status;
		send(res, reply);
	}

	function applyFault(
		req: IncomingMessage,
		res: ServerResponse,
		entry: RecordedRequest,
		fault: PickedFault,
	): void {
		entry.fault = fault.kind;
		if (fault.kind === 'hang') return; // never answered; close() ends the connection
		if (fault.kind === 'reset') {
			const socket = req.socket as Socket & { resetAndDestroy?: () => void };
			if (socket.resetAndDestroy) socket.resetAndDestroy();
			else socket.destroy();
			return;
		}
		respond(res, entry, faultReply(entry.api, fault.kind));
	}

	async function handleApi(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
		const method = req.method ?? 'GET';
		const raw = await readBody(req);
		const body = parseBody(raw ?? '', header(req.headers, 'content-type'));
		const match = matchRoute(routes, method, path);
		const api = match.api;
		const entry = log.add({
			time: Date.now(),
			api,
			method,
			path,
			headers: maskHeaders(req.headers),
			body:
				raw === undefined
					? '<body too large>'
					: body.kind === 'none'
						? undefined
						: maskBody(body.value),
			status: null,
		});
		const wait = knobs.delayMs();
		if (wait > 0) await sleep(wait);
		if (closed) return;

		const url = req.url ?? '';
		const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
		const ctx: Ctx = {
			method,
			path,
			query,
			params: match.handler ? match.params : [],
			headers: req.headers,
			body,
		};
		const retryAfter = knobs.rateLimited(rateIdentity(api, ctx));
		if (retryAfter) {
			const reply = FLAVORS[api].error(429, STATUS_MESSAGES[429]);
			return respond(res, entry, {
				...reply,
				headers: { ...reply.headers, 'retry-after': String(retryAfter) },
			});
		}
		const fault = knobs.pickFault(api, method, path);
		if (fault && !fault.afterHandling) return applyFault(req, res, entry, fault);

		let reply: Reply;
		if (raw === undefined) reply = FLAVORS[api].error(413, STATUS_MESSAGES[413]);
		else if (match.handler) reply = match.handler(ctx);
		else if (match.allow)
			reply = {
				...FLAVORS[api].error(405, 'Method not allowed'),
				headers: { allow: match.allow.join(', ') },
			};
		else reply = FLAVORS[api].error(404, api === 'gofive' ? 'Not Found' : 'Not found');

		if (fault) return applyFault(req, res, entry, fault);
		respond(res, entry, reply);
	}

	// The inspection routes need the sandbox object, which exists only once the server listens.
	const inspection: { handle?: ReturnType<typeof inspectionHandler> } = {};
	const server = createServer((req, res) => {
		const url = req.url ?? '/';
		const q = url.indexOf('?');
		let path = q < 0 ? url : url.slice(0, q);
		if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
		const work = path.startsWith(INSPECTION_PREFIX)
			? inspection.handle!(req, res, path, new URLSearchParams(q < 0 ? '' : url.slice(q + 1)))
			: handleApi(req, res, path);
		work.catch((error: Error) => {
			if (!res.headersSent && !res.destroyed)
				send(res, { status: 500, body: { error: `sandbox error: ${error.message}` } });
		});
	});
	server.keepAliveTimeout = 65000;

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address() as AddressInfo;
	const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

	const sandbox: Sandbox = {
		url: `http://${host}:${address.port}`,
		port: address.port,
		requests: (filter) => log.list(filter),
		clearRequests: () => log.clear(),
		setKnobs: (patch) => knobs.set(patch),
		knobs: () => knobs.get(),
		reset: () => {
			store.reset();
			knobs.reset();
			log.clear();
			webhooks.reset();
		},
		registerWebhook: (registration) => webhooks.register(registration),
		webhookRegistration: () => webhooks.current(),
		webhookDeliveries: () => webhooks.deliveries(),
		settleWebhooks: async () => await webhooks.settle(),
		state: () => JSON.parse(JSON.stringify(store.snapshot())) as ReturnType<Sandbox['state']>,
		getContact: (platform, platformId, userId) => {
			const c = store.getContact(platform, platformId, userId);
			return c && (JSON.parse(JSON.stringify(c)) as typeof c);
		},
		setRoomState: (platform, platformId, userId, state: RoomState) => {
			const p = platform as Platform;
			const room = PLATFORMS.includes(p)
				? store.getRoom(p, store.resolveChatPlatformId(p, platformId), userId)
				: undefined;
			if (!room) throw new Error(`no chat room ${platform}/${platformId}/user/${userId}`);
			store.setRoomState(room, state);
			return { ...room };
		},
		expireGofiveTokens: () => {
			store.expireTokens();
		},
		close: async () => {
			if (closed) return;
			closed = true;
			timers.forEach(clearTimeout);
			timers.clear();
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
			await store.flush();
		},
	};
	inspection.handle = inspectionHandler(sandbox);
	return sandbox;
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * A proxy in front of the sandbox that counts, per key (a Gofive room, an Oho contact), how many requests were in
 * flight at once. Each answer is held a little, so that requests which may overlap do.
 */
import { createServer, request as httpRequest } from 'http';
import type { AddressInfo } from 'net';

export interface ConcurrencyProxy {
	url: string;
	/** The most requests of one key in flight at the same time, by key. */
	maxInFlight: Map<string, number>;
	/** The most requests of any keys in flight at the same time. */
	maxInFlightOverall: number;
	/** Keys in the order their requests arrived. */
	arrivals: string[];
	close(): Promise<void>;
}

/** `keyOf` names the key of a request from its method, path and parsed JSON body (undefined: not counted). */
export async function startConcurrencyProxy(
	targetUrl: string,
	keyOf: (method: string, path: string, body: unknown) => string | undefined,
	holdMs = 15,
): Promise<ConcurrencyProxy> {
	const target = new URL(targetUrl);
	const inFlight = new Map<string, number>();
	let overall = 0;
	const proxy: ConcurrencyProxy = {
		url: '',
		maxInFlight: new Map(),
		maxInFlightOverall: 0,
		arrivals: [],
		close: async () => {},
	};
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			let body: unknown;
			try {
				body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
			} catch {
				body = undefined;
			}
			const key = keyOf(req.method ?? '', req.url ?? '', body);
			if (key !== undefined) {
				proxy.arrivals.push(key);
				inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
				proxy.maxInFlight.set(key, Math.max(proxy.maxInFlight.get(key) ?? 0, inFlight.get(key)!));
			}
			overall++;
			proxy.maxInFlightOverall = Math.max(proxy.maxInFlightOverall, overall);
			const forward = httpRequest(
				{
					host: target.hostname,
					port: target.port,
					method: req.method,
					path: req.url,
					headers: req.headers,
				},
				(answer) => {
					const answerChunks: Buffer[] = [];
					answer.on('data', (chunk: Buffer) => answerChunks.push(chunk));
					answer.on('end', () => {
						setTimeout(() => {
							if (key !== undefined) inFlight.set(key, inFlight.get(key)! - 1);
							overall--;
							res.writeHead(answer.statusCode ?? 502, answer.headers);
							res.end(Buffer.concat(answerChunks));
						}, holdMs);
					});
				},
			);
			forward.end(raw);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	proxy.close = async () => {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	};
	return proxy;
}

/** 20 messages to two Gofive rooms of the demo company, interleaved (every third to the second room). */
export function messagesToTwoRooms(rooms: {
	first: string;
	second: string;
}): Array<{ roomId: string; platform: string; content: string }> {
	return Array.from({ length: 20 }, (_, index) => ({
		roomId: index % 3 === 0 ? rooms.second : rooms.first,
		platform: 'line',
		content: `message ${index}`,
	}));
}

/** Send Message taking room, platform and content from each item. */
export function sendMessageByItem(companyId: number): Record<string, unknown> {
	return {
		resource: 'message',
		operation: 'sendMessage',
		roomId: '={{ $json.roomId }}',
		content: '={{ $json.content }}',
		type: 'message',
		platform: '={{ $json.platform }}',
		companyId,
	};
}

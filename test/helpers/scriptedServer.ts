/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * A stand-in HTTP server that answers each request with the next scripted reply: for answers the sandbox has no
 * fault for (a gateway's 504, a gateway's HTML 503 without Retry-After, a server that echoes the request).
 */
import { createServer } from 'http';
import type { IncomingHttpHeaders } from 'http';
import type { AddressInfo } from 'net';

/** What a server that echoes the request puts back: its headers and its body, as received. */
export interface EchoedRequest {
	headers: IncomingHttpHeaders;
	body: string;
}

export interface ScriptedReply {
	status: number;
	/** Sent as JSON; a function builds it from the request (a server that echoes what it got). */
	body: unknown;
	/** Sent as written instead of `body` (a gateway's HTML page). */
	text?: string;
	headers?: Record<string, string>;
}

export interface ScriptedServer {
	url: string;
	/** "METHOD path" of every request received, oldest first. */
	requests: string[];
	close(): Promise<void>;
}

/** Answers request n with replies[n] (the last reply once the script runs out). */
export async function startScriptedServer(replies: ScriptedReply[]): Promise<ScriptedServer> {
	const requests: string[] = [];
	const server = createServer((req, res) => {
		const reply = replies[Math.min(requests.length, replies.length - 1)];
		requests.push(`${req.method} ${req.url}`);
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const received: EchoedRequest = {
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			};
			const body =
				typeof reply.body === 'function'
					? (reply.body as (request: EchoedRequest) => unknown)(received)
					: reply.body;
			const contentType =
				reply.text === undefined ? 'application/json' : 'text/html; charset=utf-8';
			res.writeHead(reply.status, { 'content-type': contentType, ...reply.headers });
			res.end(reply.text ?? JSON.stringify(body));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

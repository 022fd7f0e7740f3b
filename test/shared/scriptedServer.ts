/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * A stand-in HTTP server that answers each request with the next scripted reply: for answers the sandbox has no
 * fault for (a gateway's 504).
 */
import { createServer } from 'http';
import type { AddressInfo } from 'net';

export interface ScriptedReply {
	status: number;
	body: unknown;
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
		req.resume();
		req.on('end', () => {
			res.writeHead(reply.status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(reply.body));
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

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
import type { IncomingHttpHeaders } from 'http';
import type { RecordedRequest, RequestFilter } from './types';

const SECRET_HEADERS = new Set(['x-oho-api-key', 'authorization', 'proxy-authorization', 'ocp-apim-subscription-key', 'cookie', 'set-cookie']);
const SECRET_KEY = /secret|password|token|api[-_]?key|subscription[-_]?key/i;
const SECRET_IN_TEXT = /((?:secret|password|token|api[-_]?key|subscription[-_]?key)[\w-]*["']?\s*[=:]\s*["']?)([^&"'\s,;}]+)/gi;

/** Keeps only a short prefix: 'oho-demo-key' → 'oho-***'. */
export function maskSecret(secret: string): string {
	return `${secret.slice(0, Math.min(4, Math.floor(secret.length / 3)))}***`;
}

/** 'Bearer abcdef…' → 'Bearer abcd***' (the scheme stays readable). */
function maskCredentials(value: string): string {
	const m = /^(\w+)\s+(.+)$/.exec(value);
	return m ? `${m[1]} ${maskSecret(m[2])}` : maskSecret(value);
}

export function maskHeaders(headers: IncomingHttpHeaders): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined) continue;
		const text = Array.isArray(value) ? value.join(', ') : value;
		out[name] = SECRET_HEADERS.has(name) ? maskCredentials(text) : text;
	}
	return out;
}

/** A deep copy with secret-looking fields masked (so the log never aliases a handler's objects). */
export function maskBody(value: unknown): unknown {
	if (typeof value === 'string') return value.replace(SECRET_IN_TEXT, (_m, key: string, secret: string) => key + maskSecret(secret));
	if (Array.isArray(value)) return value.map(maskBody);
	if (typeof value === 'object' && value !== null) {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) && typeof v === 'string' ? maskSecret(v) : maskBody(v);
		return out;
	}
	return value;
}

/** Ring buffer of recorded requests, oldest first. */
export class RequestLog {
	private buf: RecordedRequest[] = [];
	private next = 0;
	private seq = 0;

	constructor(private readonly limit: number) {}

	add(entry: Omit<RecordedRequest, 'seq'>): RecordedRequest {
		const recorded = { seq: ++this.seq, ...entry };
		if (this.buf.length < this.limit) this.buf.push(recorded);
		else this.buf[this.next] = recorded;
		this.next = (this.next + 1) % this.limit;
		return recorded;
	}

	list(filter: RequestFilter = {}): RecordedRequest[] {
		const ordered = this.buf.length < this.limit ? this.buf.slice() : [...this.buf.slice(this.next), ...this.buf.slice(0, this.next)];
		const method = filter.method?.toUpperCase();
		return ordered.filter(
			(r) => (!filter.api || r.api === filter.api) && (!method || r.method === method) && (!filter.path || r.path.includes(filter.path)),
		);
	}

	get size(): number {
		return this.buf.length;
	}

	clear(): void {
		this.buf = [];
		this.next = 0;
	}
}

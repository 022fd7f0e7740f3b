/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
import type { IncomingHttpHeaders } from 'http';
import type { RecordedRequest, RequestFilter } from './types';

const SECRET_HEADERS = new Set([
	'x-oho-api-key',
	'authorization',
	'proxy-authorization',
	'ocp-apim-subscription-key',
	'cookie',
	'set-cookie',
]);
const SECRET_KEY = /secret|password|token|api[-_]?key|subscription[-_]?key/i;
/** A secret-looking name in free text; what follows it (`=value`, `: "value"`) is read by hand, in one pass. */
const SECRET_NAME = /secret|password|token|api[-_]?key|subscription[-_]?key/gi;
const NAME_CHARACTER = /[\w-]/;
const SPACE = /\s/;
const VALUE_END = /[&"'\s,;}]/;
/** Deeper than this a body is not walked (a request may nest arrays 100k deep): it is logged as a mark. */
const MAX_MASKED_DEPTH = 64;

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

/**
 * Free text with the value after every secret-looking name masked: `client_secret=…` (a form), `"token": "…"` (JSON
 * inside text, a quoted value read to its closing quote past escaped quotes), `apiKey: …`. One pass: the scan never
 * goes back over what it read.
 */
function maskText(text: string): string {
	let masked = '';
	let copied = 0;
	const pattern = new RegExp(SECRET_NAME.source, SECRET_NAME.flags);
	for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
		let at = match.index + match[0].length;
		while (at < text.length && NAME_CHARACTER.test(text[at])) at++;
		if (text[at] === '"' || text[at] === "'") at++;
		while (at < text.length && SPACE.test(text[at])) at++;
		if (text[at] !== '=' && text[at] !== ':') {
			pattern.lastIndex = at;
			continue;
		}
		at++;
		while (at < text.length && SPACE.test(text[at])) at++;
		const quote = text[at] === '"' || text[at] === "'" ? text[at] : undefined;
		if (quote) at++;
		const start = at;
		if (quote) while (at < text.length && text[at] !== quote) at += text[at] === '\\' ? 2 : 1;
		else while (at < text.length && !VALUE_END.test(text[at])) at++;
		const end = Math.min(at, text.length);
		if (end > start) {
			masked += text.slice(copied, start) + maskSecret(text.slice(start, end));
			copied = end;
		}
		pattern.lastIndex = end;
	}
	return masked + text.slice(copied);
}

/** Text that is JSON is masked by key, as a parsed body is; other text by maskText. */
function maskString(text: string): string {
	const start = text.trimStart()[0];
	if (start === '{' || start === '[') {
		try {
			return JSON.stringify(maskValue(JSON.parse(text), 0));
		} catch {
			// not JSON after all: masked as text
		}
	}
	return maskText(text);
}

function maskValue(value: unknown, depth: number): unknown {
	if (typeof value === 'string') return maskString(value);
	if (typeof value !== 'object' || value === null) return value;
	if (depth >= MAX_MASKED_DEPTH) return '<nested too deep to log>';
	if (Array.isArray(value)) return value.map((entry) => maskValue(entry, depth + 1));
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(value)) {
		// Defined, not assigned: a "__proto__" key stays a key of the copy.
		const entry =
			SECRET_KEY.test(k) && typeof v === 'string' ? maskSecret(v) : maskValue(v, depth + 1);
		Object.defineProperty(out, k, {
			value: entry,
			enumerable: true,
			writable: true,
			configurable: true,
		});
	}
	return out;
}

/** A deep copy with secret-looking fields masked (so the log never aliases a handler's objects). */
export function maskBody(value: unknown): unknown {
	return maskValue(value, 0);
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
		const ordered =
			this.buf.length < this.limit
				? this.buf.slice()
				: [...this.buf.slice(this.next), ...this.buf.slice(0, this.next)];
		const method = filter.method?.toUpperCase();
		return ordered.filter(
			(r) =>
				(!filter.api || r.api === filter.api) &&
				(!method || r.method === method) &&
				(!filter.path || r.path.includes(filter.path)),
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

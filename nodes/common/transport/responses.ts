/**
 * Reading what n8n's request helper threw, the same way on n8n 1.x and 2.x: the HTTP answer inside the error, a
 * network code, the wrapped message, and a body that may be text.
 */

export interface RawResponse {
	status: number;
	headers: Record<string, unknown>;
	body: unknown;
}

const NETWORK_ERROR_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENOTFOUND',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'ECANCELED',
]);

const TIMEOUT_CODES = new Set([
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

export const isTimeoutCode = (code: string): boolean => TIMEOUT_CODES.has(code);

/** What a network failure after the request left tells about it, following "an earlier attempt". */
export function unclearNetworkAttempt(code: string): string {
	return isTimeoutCode(code) ? `timed out (${code})` : `lost its connection (${code})`;
}

/** Errors raised before any byte of the request left: safe to resend even when not idempotent. */
export const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND']);

/**
 * The mark of an answer to a request that never left: the Gofive credential's failed token request, which it shapes
 * as an HTTP answer (status, Retry-After) so the transport retries a busy token endpoint. Nothing reached the API, so
 * resending cannot act twice.
 */
export const NEVER_SENT = 'requestNeverSent';

export const neverSent = (body: unknown): boolean => asRecord(body)?.[NEVER_SENT] === true;

export function asRecord(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null
		? (value as Record<string, unknown>)
		: undefined;
}

/** The HTTP answer inside an error thrown by n8n's request helper (wrapped or not), if there was one. */
export function responseOf(error: unknown): RawResponse | undefined {
	for (let candidate = asRecord(error), depth = 0; candidate && depth < 4; depth++) {
		const response = asRecord(candidate.response);
		if (response && typeof response.status === 'number') {
			return {
				status: response.status,
				headers: asRecord(response.headers) ?? {},
				body: response.data,
			};
		}
		candidate = asRecord(candidate.cause);
	}
	// n8n 1.x keeps no response on the NodeApiError it throws: the status is in httpCode, the body in context.data.
	const wrapped = asRecord(error);
	const status = Number(wrapped?.httpCode);
	const data = asRecord(wrapped?.context)?.data;
	if (Number.isInteger(status) && status >= 100 && data !== undefined) {
		return { status, headers: {}, body: data };
	}
	return undefined;
}

/**
 * The HTTP status of an n8n 1.x NodeApiError whose body was not JSON: it keeps the status in httpCode but no body
 * (a framework's HTML "Cannot POST …" page leaves no context.data).
 */
export function httpCodeOf(error: unknown): number | undefined {
	const status = Number(asRecord(error)?.httpCode);
	return Number.isInteger(status) && status >= 100 ? status : undefined;
}

export function networkCodeOf(error: unknown): string | undefined {
	for (let candidate = asRecord(error), depth = 0; candidate && depth < 4; depth++) {
		if (typeof candidate.code === 'string' && NETWORK_ERROR_CODES.has(candidate.code)) {
			return candidate.code;
		}
		candidate = asRecord(candidate.cause);
	}
	return undefined;
}

/**
 * The message of an error that came with no answer and no network code. n8n wraps what the credential or its helper
 * threw in a NodeApiError that may swap the message for a generic one (any message mentioning "bad gateway" becomes
 * 'Bad gateway - the service failed to handle your request'); the wrapped error's own message says what happened.
 */
export function messageOf(error: unknown): string {
	const record = asRecord(error);
	const cause = asRecord(record?.cause);
	if (typeof cause?.message === 'string' && cause.message !== '') return cause.message;
	return (record?.message as string | undefined) ?? String(error);
}

export function parseBody(body: unknown): { parsed: boolean; value: unknown } {
	if (typeof body !== 'string') return { parsed: body !== undefined, value: body };
	try {
		return { parsed: true, value: JSON.parse(body) };
	} catch {
		return { parsed: false, value: body };
	}
}

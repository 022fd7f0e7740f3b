import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import type { RequestSettings } from '../options';

/** What an API's answer means once its own conventions (envelope, status codes) are read. */
export interface ApiOutcome {
	ok: boolean;
	/** The API's own message, in its words. */
	message: string;
	/** The API's code when it has one besides the HTTP status (Gofive's status.code). */
	apiCode?: string;
	/** The status the API's own envelope states (Oho's status_code); where present it wins over the HTTP status. */
	status?: number;
}

/** One API's conventions: which credential, how to read a parsed answer, what to tell the user. */
export interface ApiDialect {
	name: string;
	credentialType: string;
	/** Whether this credential can get a new token after a 401 (else n8n's resend after a 401 would only repeat it). */
	canRefresh(credentials: ICredentialDataDecryptedObject): boolean;
	interpret(httpStatus: number, body: unknown): ApiOutcome;
	hint(httpStatus: number, outcome: ApiOutcome): string | undefined;
}

export interface ApiRequest {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	/** A request that is safe to send twice. Non-idempotent ones are not resent after a timeout or a lost connection. */
	idempotent: boolean;
	/** Hints for this request that say more than the API-wide ones, by HTTP status. */
	hints?: Partial<Record<number, string>>;
	/** HTTP statuses the caller handles itself: answered as a response (outcome.ok false) instead of thrown. */
	handledStatuses?: number[];
}

export interface ApiResponse {
	/** What the answer means: the envelope's status where it states one, else the HTTP status. */
	status: number;
	httpStatus: number;
	body: IDataObject;
	outcome: ApiOutcome;
	/** How many times the request was sent. */
	attempts: number;
	/**
	 * What an earlier attempt met that leaves open whether the API acted on it ("timed out", "met a gateway's HTTP 502"),
	 * in words that follow "an earlier attempt"; undefined when every earlier attempt was clearly not acted on.
	 */
	unclearAttempt?: string;
}

interface RawResponse {
	status: number;
	headers: Record<string, unknown>;
	body: unknown;
}

const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

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

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

/** What a network failure after the request left tells about it, following "an earlier attempt". */
function unclearNetworkAttempt(code: string): string {
	return TIMEOUT_CODES.has(code) ? `timed out (${code})` : `lost its connection (${code})`;
}

/** Which host could not be reached, why, and what to check. */
function unreachable(dialect: ApiDialect, baseUrl: string, code: string): string {
	let host = baseUrl;
	try {
		host = new URL(baseUrl).host;
	} catch {
		// not a URL: named as written
	}
	const credential = `the Base URL of the ${dialect.name} API credential`;
	if (code === 'ENOTFOUND') return `The host ${host} does not exist (no such DNS name). Check the spelling of ${credential}.`;
	if (code === 'ECONNREFUSED') return `Nothing answers at ${host}. Check the host and port in ${credential}, and that the service is up.`;
	if (code === 'EAI_AGAIN') return `The name ${host} could not be looked up right now (DNS). Check the network and try again.`;
	return `The connection to ${host} failed. Check ${credential} and the network.`;
}

/** Errors raised before any byte of the request left: safe to resend even when not idempotent. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND']);

function asRecord(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

/** The HTTP answer inside an error thrown by n8n's request helper (wrapped or not), if there was one. */
function responseOf(error: unknown): RawResponse | undefined {
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

function networkCodeOf(error: unknown): string | undefined {
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
function messageOf(error: unknown): string {
	const record = asRecord(error);
	const cause = asRecord(record?.cause);
	if (typeof cause?.message === 'string' && cause.message !== '') return cause.message;
	return (record?.message as string | undefined) ?? String(error);
}

function parseBody(body: unknown): { parsed: boolean; value: unknown } {
	if (typeof body !== 'string') return { parsed: body !== undefined, value: body };
	try {
		return { parsed: true, value: JSON.parse(body) };
	} catch {
		return { parsed: false, value: body };
	}
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date. */
export function retryAfterMs(headers: Record<string, unknown>, now = Date.now()): number | undefined {
	const value = headers['retry-after'] ?? headers['Retry-After'];
	if (value === undefined || value === null || value === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(value));
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with "equal jitter": half fixed, half random, capped. */
export function backoffMs(attempt: number, settings: RequestSettings): number {
	const exponential = Math.min(settings.maxRetryDelayMs, settings.retryDelayMs * 2 ** attempt);
	return exponential / 2 + Math.random() * (exponential / 2);
}

function describeBody(body: unknown): string {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	const clean = (text ?? '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
	return clean.length > 160 ? `${clean.slice(0, 157)}...` : clean;
}

function apiError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	message: string,
	description: string | undefined,
	httpCode: string | undefined,
	extra: JsonObject = {},
): NodeApiError {
	// Built from plain values only, never from the HTTP client's error: that error carries the request
	// headers (the API key, the token) and n8n stores what it is given in its executions.
	const error = new NodeApiError(
		ctx.getNode(),
		{ message, description: description ?? '', httpCode: httpCode ?? '', ...extra } as JsonObject,
		{ message, description, httpCode, itemIndex },
	);
	// NodeApiError swaps a message that contains a network code (ECONNRESET...) for n8n's generic text,
	// which drops the API's name; the message given is the one to show.
	error.message = message;
	return error;
}

/**
 * Per node run: until when the API asked to hold off (a 429 or 503). Every item of the run waits, not only
 * the one that was answered, so the others do not spend their retries on answers that can only be 429.
 */
const holdOffUntil = new WeakMap<IExecuteFunctions, number>();

/**
 * Waits until the run's hold-off has passed, checking again after waking (another item's 429 may have moved it),
 * for at most this item's longest retry wait in all. No jitter: the waiting items are at most Requests in Parallel,
 * and jitter would let fresh items overtake the retry that waited longest.
 */
async function waitWhileHeldOff(ctx: IExecuteFunctions, settings: RequestSettings): Promise<void> {
	let budgetMs = settings.maxRetryDelayMs;
	const nextWaitMs = () => Math.min((holdOffUntil.get(ctx) ?? 0) - Date.now(), budgetMs);
	for (let waitMs = nextWaitMs(); waitMs > 0; waitMs = nextWaitMs()) {
		await sleep(waitMs);
		budgetMs -= waitMs;
	}
}

function holdOff(ctx: IExecuteFunctions, waitMs: number): void {
	holdOffUntil.set(ctx, Math.max(holdOffUntil.get(ctx) ?? 0, Date.now() + waitMs));
}

/** Per node run: the statuses after which n8n refreshes the credential and resends (its preAuthentication retry). */
const refreshStatuses = new WeakMap<IExecuteFunctions, Promise<number[]>>();

/**
 * n8n resends once after any 401 (n8n 2.x lets the request say after which statuses). A key or a pasted token cannot
 * change, so for those a 401 is answered once; a client-credentials token is fetched anew. n8n 1.x ignores this
 * option and still resends once.
 */
async function retryAfterRefresh(ctx: IExecuteFunctions, dialect: ApiDialect): Promise<number[]> {
	let statuses = refreshStatuses.get(ctx);
	if (!statuses) {
		statuses = ctx.getCredentials(dialect.credentialType).then((credentials) => (dialect.canRefresh(credentials) ? [401] : []));
		refreshStatuses.set(ctx, statuses);
	}
	return await statuses;
}

/**
 * Sends one request through the credential's authentication, reads the answer with the API's dialect,
 * retries what is worth retrying and turns every failure into a NodeApiError with the API's own message,
 * the HTTP code and a hint.
 */
export async function apiRequest(
	ctx: IExecuteFunctions,
	itemIndex: number,
	dialect: ApiDialect,
	baseUrl: string,
	request: ApiRequest,
	settings: RequestSettings,
): Promise<ApiResponse> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${request.path}`,
		headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
		returnFullResponse: true,
		timeout: settings.timeoutMs,
		json: true,
	};
	if (request.body !== undefined) options.body = request.body;

	let unclearAttempt: string | undefined;
	for (let attempt = 0; ; attempt++) {
		let raw: RawResponse | undefined;
		let networkCode: string | undefined;
		await waitWhileHeldOff(ctx, settings);
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				dialect.credentialType,
				// n8n mutates the options it is given (auth headers); each attempt gets its own copy.
				{ ...options, headers: { ...options.headers } },
				{ preAuthenticationRetryStatusCode: await retryAfterRefresh(ctx, dialect) },
			)) as { statusCode: number; headers: Record<string, unknown>; body: unknown };
			raw = { status: response.statusCode, headers: response.headers ?? {}, body: response.body };
		} catch (error) {
			raw = responseOf(error);
			if (!raw) {
				networkCode = networkCodeOf(error);
				if (!networkCode) {
					throw apiError(ctx, itemIndex, `${dialect.name} request failed: ${messageOf(error)}`, undefined, undefined);
				}
			}
		}

		const canRetry = attempt < settings.maxRetries;
		if (!raw) {
			const resendable = request.idempotent || NOT_SENT_CODES.has(networkCode!);
			if (canRetry && resendable) {
				if (!NOT_SENT_CODES.has(networkCode!)) unclearAttempt = unclearNetworkAttempt(networkCode!);
				await sleep(backoffMs(attempt, settings));
				continue;
			}
			throw apiError(
				ctx,
				itemIndex,
				`Could not reach the ${dialect.name} API (${networkCode})`,
				networkCode === 'ECONNABORTED' || networkCode === 'ETIMEDOUT'
					? `No answer within ${settings.timeoutMs} ms. Raise Options > Timeout or try again later.`
					: `${unreachable(dialect, baseUrl, networkCode!)} Tried ${attempt + 1} time(s).` +
							(resendable ? '' : ' Not resent automatically: the API may have received it already.'),
				undefined,
			);
		}

		const { parsed, value } = parseBody(raw.body);
		// 429 and 503 say the API did not act; a gateway's 502 or 504 may come after it did, like a timeout,
		// so only an idempotent request is resent after those.
		const apiDidNotAct = raw.status === 429 || raw.status === 503;
		if (RETRYABLE_STATUSES.has(raw.status) && canRetry && (request.idempotent || apiDidNotAct)) {
			const waitMs = retryAfterMs(raw.headers) ?? backoffMs(attempt, settings);
			// A Retry-After longer than the configured maximum wait is reported rather than slept through.
			if (waitMs <= settings.maxRetryDelayMs) {
				if (!apiDidNotAct) unclearAttempt = `met a gateway's HTTP ${raw.status}`;
				if (apiDidNotAct) holdOff(ctx, waitMs);
				else await sleep(waitMs);
				continue;
			}
		}
		if (!parsed || asRecord(value) === undefined) {
			if (request.idempotent && canRetry && raw.status >= 200 && raw.status < 300) {
				unclearAttempt = `got an answer that was not JSON (HTTP ${raw.status})`;
				await sleep(backoffMs(attempt, settings));
				continue;
			}
			throw apiError(
				ctx,
				itemIndex,
				`The ${dialect.name} API answered HTTP ${raw.status} with a body that is not JSON`,
				`Received: ${describeBody(value) || '(empty)'}. This is usually a gateway or server fault; try again later.`,
				String(raw.status),
			);
		}

		const outcome = dialect.interpret(raw.status, value);
		const response: ApiResponse = {
			status: outcome.status ?? raw.status,
			httpStatus: raw.status,
			body: value as IDataObject,
			outcome,
			attempts: attempt + 1,
			unclearAttempt,
		};
		if (response.outcome.ok || request.handledStatuses?.includes(response.status)) return response;
		throw apiFailure(ctx, itemIndex, dialect, response, request.hints);
	}
}

/** The error for an answer the API gave as a failure: its own message, the HTTP code, its code if any, a hint. */
export function apiFailure(
	ctx: IExecuteFunctions,
	itemIndex: number,
	dialect: ApiDialect,
	response: ApiResponse,
	hints?: ApiRequest['hints'],
): NodeApiError {
	const { outcome, status, httpStatus } = response;
	const codeText = outcome.apiCode ? `, code ${outcome.apiCode}` : '';
	// An envelope that disagrees with the HTTP status is named with both: the envelope's status decides.
	const statusText = status === httpStatus ? `HTTP ${httpStatus}` : `status ${status}, HTTP ${httpStatus}`;
	return apiError(
		ctx,
		itemIndex,
		`${dialect.name}: ${outcome.message} (${statusText}${codeText})`,
		hints?.[status] ?? dialect.hint(status, outcome),
		String(status),
		outcome.apiCode ? { apiCode: outcome.apiCode } : {},
	);
}

/** The API address from the node's credential of this dialect, read once per execution. */
export async function credentialBaseUrl(ctx: IExecuteFunctions, dialect: ApiDialect): Promise<string> {
	const credentials = await ctx.getCredentials(dialect.credentialType);
	return String(credentials.baseUrl ?? '').replace(/\/+$/, '');
}

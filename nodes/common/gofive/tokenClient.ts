/**
 * Gofive's bearer tokens: fetching a client-credentials token, and reading an access token's expiry.
 * Nothing here throws: it describes the outcome, and the credential (the only place n8n lets throw a plain
 * error before a node exists) turns a failure into the error the operator sees.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { hostOf, unreachableReason } from '../transport/errors';
import { isTimeoutCode } from '../transport/responses';
import { credentialSecrets, redactText } from '../transport/secrets';

/** How long the token endpoint may take (the nodes' default Timeout). */
export const TOKEN_TIMEOUT_MS = 30_000;

/** Token endpoint answers that say it did not act and may answer differently soon: the node's transport retries these. */
const RETRY_LATER_STATUSES = [429, 503];

export type TokenOutcome =
	| { token: string }
	| { failure: string; retryLater?: { status: number; headers: Record<string, unknown> } };

interface TokenResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body?: unknown;
}

/** Gofive's API gateway wants the subscription key only when the account has one; never send it empty. */
export function subscriptionKeyHeader(
	credentials: ICredentialDataDecryptedObject,
): Record<string, string> {
	const key = credentials.subscriptionKey as string | undefined;
	return key ? { 'Ocp-Apim-Subscription-Key': key } : {};
}

function bodyObject(body: unknown): IDataObject {
	if (typeof body === 'object' && body !== null) return body as IDataObject;
	if (typeof body === 'string') {
		try {
			const parsed: unknown = JSON.parse(body);
			if (typeof parsed === 'object' && parsed !== null) return parsed as IDataObject;
		} catch {
			// not JSON: described by its status alone
		}
	}
	return {};
}

/**
 * OAuth's `error` and `error_description` (RFC 6749 5.2), or whatever message the answer carries, without the
 * credential's secrets: a token endpoint that echoes the request would put the client secret there.
 */
function describeTokenFailure(answer: IDataObject, secrets: string[]): string {
	const parts = [answer.error, answer.error_description ?? answer.message].filter(
		(part): part is string => typeof part === 'string' && part !== '',
	);
	return parts.length ? ` ${redactText(parts.join(': '), secrets)}` : '';
}

/** A request that never got an answer: which host, why, and what to check. */
function unanswered(tokenUrl: string, code: unknown): string {
	const host = hostOf(tokenUrl);
	const setting = 'the Token URL in the Gofive API credential';
	if (isTimeoutCode(String(code))) {
		return `Gofive's token endpoint did not answer within ${TOKEN_TIMEOUT_MS / 1000} seconds. Try again later, or check ${setting}.`;
	}
	return (
		unreachableReason(host, String(code), setting) ??
		`The connection to Gofive's token endpoint at ${host} failed${code ? ` (${String(code)})` : ''}. Try again later; if it keeps failing, check ${setting} and the network.`
	);
}

function networkCode(error: unknown): unknown {
	const failure = error as { code?: unknown; cause?: { code?: unknown } };
	return failure.code ?? failure.cause?.code;
}

function interpretTokenAnswer(
	response: TokenResponse,
	credentials: ICredentialDataDecryptedObject,
): TokenOutcome {
	const answer = bodyObject(response.body);
	const status = response.statusCode;
	if (
		status >= 200 &&
		status < 300 &&
		typeof answer.access_token === 'string' &&
		answer.access_token !== ''
	) {
		return { token: answer.access_token };
	}
	const detail = `HTTP ${status}${describeTokenFailure(answer, credentialSecrets(credentials))}`;
	const unavailable = `Gofive's token endpoint is unavailable (${detail}). Try again later.`;
	if (RETRY_LATER_STATUSES.includes(status)) {
		return { failure: unavailable, retryLater: { status, headers: response.headers ?? {} } };
	}
	if (status >= 500) return { failure: unavailable };
	if (status >= 200 && status < 300) {
		return {
			failure: `Gofive's token endpoint answered without an access_token (${detail}). Check the Token URL in the Gofive API credential.`,
		};
	}
	return {
		failure: `Gofive refused the client credentials (${detail}). Check the Client ID, Client Secret, Token URL and Subscription Key in the Gofive API credential.`,
	};
}

/** Asks the token endpoint for a client-credentials token; a failure names the cause, never the secret. */
async function requestToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<TokenOutcome> {
	const tokenUrl = String(credentials.tokenUrl ?? '');
	try {
		const response = (await helper.helpers.httpRequest({
			method: 'POST',
			url: tokenUrl,
			headers: {
				...subscriptionKeyHeader(credentials),
				'Content-Type': 'application/x-www-form-urlencoded',
				Accept: 'application/json',
			},
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_id: String(credentials.clientId ?? ''),
				client_secret: String(credentials.clientSecret ?? ''),
			}).toString(),
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			json: true,
			timeout: TOKEN_TIMEOUT_MS,
		})) as TokenResponse;
		return interpretTokenAnswer(response, credentials);
	} catch (error) {
		return { failure: unanswered(tokenUrl, networkCode(error)) };
	}
}

/**
 * Token requests in flight, by client. Parallel items that all find no (or an expired) token wait for one
 * request instead of each fetching its own. Only the pending promise is kept, never the token.
 */
const pendingTokenRequests = new Map<string, Promise<TokenOutcome>>();

/** One token request per client at a time; callers that arrive while it is pending share its outcome. */
export async function fetchToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<TokenOutcome> {
	const client = JSON.stringify([
		credentials.tokenUrl,
		credentials.clientId,
		credentials.clientSecret,
		credentials.subscriptionKey,
	]);
	let pending = pendingTokenRequests.get(client);
	if (!pending) {
		pending = requestToken(helper, credentials).finally(() => pendingTokenRequests.delete(client));
		pendingTokenRequests.set(client, pending);
	}
	return await pending;
}

/** Base64url text (JWT segments) to a string, or undefined when it is not. */
function decodeBase64Url(segment: string): string | undefined {
	if (!/^[A-Za-z0-9_-]+$/.test(segment)) return undefined;
	const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
	return Buffer.from(base64, 'base64').toString('utf8');
}

/**
 * When an access token says it expires: the `exp` claim (RFC 7519) of a JWT, read without checking its signature
 * (only Gofive can). Undefined for a token that is not a JWT or carries no expiry: nothing can be told offline.
 */
export function accessTokenExpiry(token: string): Date | undefined {
	const parts = token.split('.');
	if (parts.length !== 3) return undefined;
	const payloadText = decodeBase64Url(parts[1]);
	if (payloadText === undefined) return undefined;
	try {
		const payload: unknown = JSON.parse(payloadText);
		const exp = (payload as { exp?: unknown } | null)?.exp;
		return typeof exp === 'number' && Number.isFinite(exp) ? new Date(exp * 1000) : undefined;
	} catch {
		return undefined;
	}
}

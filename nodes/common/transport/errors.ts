import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { redactText } from './secrets';
import type { ApiDialect, ApiRequest, ApiResponse } from './types';

/** How much of an answer's body is read for an error: the start says what it is (a gateway's page, a message). */
const MAX_BODY_READ = 4096;

/**
 * The start of a body that is not the API's JSON, as one short line: tags and runs of spaces removed, the credential's
 * secrets too. The body is cut before it is read, and the tag pattern stops at the next "<", so a body of any
 * size (100k "<" included) is one short linear pass.
 */
export function describeBody(body: unknown, secrets: string[] = []): string {
	const text = (typeof body === 'string' ? body : JSON.stringify(body)) ?? '';
	// Redacted before the cut, over enough text that no secret is cut in two.
	const clean = redactText(text.slice(0, MAX_BODY_READ + (secrets[0]?.length ?? 0)), secrets)
		.slice(0, MAX_BODY_READ)
		.replace(/<[^<>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return clean.length > 160 ? `${clean.slice(0, 157)}...` : clean;
}

/** What an API error says: the message, what to do about it, the HTTP code, and other fields of the API's (its code). */
export interface ApiErrorText {
	message: string;
	description?: string;
	httpCode?: string;
	extra?: JsonObject;
}

export function apiError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	{ message, description, httpCode, extra = {} }: ApiErrorText,
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

/** The host of a URL, or the text as written when it is not one. */
export function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}

/** Why a host could not be reached, for the network codes that tell; `setting` is what the operator should check. */
export function unreachableReason(host: string, code: string, setting: string): string | undefined {
	if (code === 'ENOTFOUND')
		return `The host ${host} does not exist (no such DNS name). Check the spelling of ${setting}.`;
	if (code === 'ECONNREFUSED')
		return `Nothing answers at ${host}. Check the host and port in ${setting}, and that the service is up.`;
	if (code === 'EAI_AGAIN')
		return `The name ${host} could not be looked up right now (DNS). Check the network and try again.`;
	return undefined;
}

/**
 * n8n's credential test shows only the network code when a Base URL's host cannot be reached (its
 * CredentialsTester returns the error's code), and a credential cannot change that message: the field says instead.
 */
export const UNREACHABLE_HOST_HINT =
	'If the credential test answers ENOTFOUND, this host name does not exist: check its spelling. ECONNREFUSED: nothing answers at this host and port from the n8n server: check the port and that the service is up.';

/** Which host of an API could not be reached, why, and what to check. */
export function unreachable(dialect: ApiDialect, baseUrl: string, code: string): string {
	const host = hostOf(baseUrl);
	const credential = `the Base URL of the ${dialect.name} API credential`;
	return (
		unreachableReason(host, code, credential) ??
		`The connection to ${host} failed. Check ${credential} and the network.`
	);
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
	const statusText =
		status === httpStatus ? `HTTP ${httpStatus}` : `status ${status}, HTTP ${httpStatus}`;
	return apiError(ctx, itemIndex, {
		message: `${dialect.name}: ${outcome.message} (${statusText}${codeText})`,
		description: hints?.[status] ?? dialect.hint(status, outcome),
		httpCode: String(status),
		extra: outcome.apiCode ? { apiCode: outcome.apiCode } : {},
	});
}

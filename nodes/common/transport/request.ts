import type { IDataObject, IHttpRequestOptions, NodeApiError } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { ItemContext } from '../router';
import type { RunState } from '../runState';
import { apiError, apiFailure, describeBody, unreachable } from './errors';
import type { RawResponse } from './responses';
import {
	asRecord,
	httpCodeOf,
	isTimeoutCode,
	messageOf,
	networkCodeOf,
	neverSent,
	NOT_SENT_CODES,
	parseBody,
	responseOf,
	unclearNetworkAttempt,
} from './responses';
import {
	apiDidNotAct,
	backoffMs,
	holdOff,
	RETRYABLE_STATUSES,
	retryAfterMs,
	waitWhileHeldOff,
} from './retry';
import { credentialSecrets, redactText, redactValue } from './secrets';
import type { ApiDialect, ApiRequest, ApiResponse } from './types';

/** Answers that say the API (or a gateway before it) is overloaded: Auto sends fewer at once after them. */
const PUSH_BACK_STATUSES = new Set([429, 502, 503, 504]);

/**
 * Tells the run's Auto parallelism (if any) how the API answered: pushed back (429, 502, 503, 504 as the
 * envelope or the HTTP status says, or a timeout) or not. A network failure has a `networkCode` and no `status`.
 */
function reportToParallelism(
	run: RunState,
	sentAt: number,
	{ status, networkCode }: { status?: number; networkCode?: string },
): void {
	const { parallelism } = run;
	if (!parallelism) return;
	if (
		status === undefined
			? networkCode !== undefined && isTimeoutCode(networkCode)
			: PUSH_BACK_STATUSES.has(status)
	) {
		parallelism.pushedBack(sentAt);
	} else if (status !== undefined) {
		parallelism.answered(Date.now() - sentAt);
	}
}

/**
 * What the error of a request that was not resent adds: the API may have acted on it, so the operator checks before
 * running the item again, in the operation's words where it has them (its hint for the status, its notResentHint).
 */
function notResentNote(dialect: ApiDialect, request: ApiRequest, status?: number): string {
	return (
		(status !== undefined ? request.hints?.[status] : undefined) ??
		request.notResentHint ??
		`Not resent automatically: the ${dialect.name} API may have received it already. Check before running the item again.`
	);
}

/**
 * Marks the error of a request that is not idempotent and whose attempt the API may have acted on (no answer, a
 * gateway's page, a server fault): the error item says so (`unclearAttempt: true`, runItems.ts), so a workflow can
 * tell "check first" from "failed, nothing done".
 */
function markUnclear<E extends NodeApiError>(error: E): E {
	error.context.unclearAttempt = true;
	return error;
}

/**
 * Sends one request for one item through the run's credential (read once by route()), reads the answer with the
 * API's dialect, retries what is worth retrying and turns every failure into a NodeApiError with the API's own
 * message, the HTTP code and a hint.
 */
export async function apiRequest(
	item: ItemContext,
	dialect: ApiDialect,
	request: ApiRequest,
): Promise<ApiResponse> {
	const { ctx, itemIndex, run, settings } = item;
	const { credential } = run;
	if (credential.decrypted.type !== dialect.credentialType) {
		// A node's operations speak the API of the dialect its router was given: another one would send the wrong key.
		throw new NodeOperationError(
			ctx.getNode(),
			`The ${dialect.name} API needs a ${dialect.credentialType} credential`,
			{ itemIndex },
		);
	}
	const { baseUrl } = credential;
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
		await waitWhileHeldOff(run.holdOffs, dialect.credentialType, settings);
		const sentAt = Date.now();
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				dialect.credentialType,
				// n8n mutates the options it is given (auth headers); each attempt gets its own copy.
				{ ...options, headers: { ...options.headers } },
				{
					credentialsDecrypted: credential.decrypted,
					preAuthenticationRetryStatusCode: credential.retryAfterRefresh,
				},
			)) as { statusCode: number; headers: Record<string, unknown>; body: unknown };
			raw = { status: response.statusCode, headers: response.headers ?? {}, body: response.body };
		} catch (error) {
			raw = responseOf(error);
			// A status the caller reads itself (Close Chat's route check) is an answer even when n8n 1.x kept no body.
			const httpCode = raw ? undefined : httpCodeOf(error);
			if (httpCode !== undefined && request.handledStatuses?.includes(httpCode)) {
				raw = { status: httpCode, headers: {}, body: '' };
			}
			if (!raw) {
				networkCode = networkCodeOf(error);
				if (!networkCode) {
					const message = redactText(messageOf(error), credentialSecrets(credential.data));
					throw apiError(ctx, itemIndex, { message: `${dialect.name} request failed: ${message}` });
				}
			}
		}

		const canRetry = attempt < settings.maxRetries;
		if (!raw) {
			reportToParallelism(run, sentAt, { networkCode });
			const notSent = NOT_SENT_CODES.has(networkCode!);
			if (canRetry && (request.idempotent || notSent)) {
				if (!notSent) unclearAttempt = unclearNetworkAttempt(networkCode!);
				await sleep(backoffMs(attempt, settings));
				continue;
			}
			const unclear = !request.idempotent && !notSent;
			const error = apiError(ctx, itemIndex, {
				message: `Could not reach the ${dialect.name} API (${networkCode})`,
				description:
					(networkCode === 'ECONNABORTED' || networkCode === 'ETIMEDOUT'
						? `No answer within ${settings.timeoutMs} ms. Raise Timeout (under Advanced) or try again later.`
						: `${unreachable(dialect, baseUrl, networkCode!)} Tried ${attempt + 1} time(s).`) +
					(unclear ? ` ${notResentNote(dialect, request)}` : ''),
			});
			throw unclear ? markUnclear(error) : error;
		}

		// The credential's own values never leave in what the server says (a server may echo the request).
		const secrets = credentialSecrets(credential.data);
		const { parsed, value: answer } = parseBody(raw.body);
		const value = redactValue(answer, secrets);
		const record = parsed ? asRecord(value) : undefined;
		const outcome = record && dialect.interpret(raw.status, record);
		// The status the answer means: an envelope's own status (Oho's status_code) wins over the HTTP one.
		const status = outcome?.status ?? raw.status;
		reportToParallelism(run, sentAt, { status });
		const didNotAct = apiDidNotAct(
			status,
			raw.headers,
			outcome?.fromApi === true || neverSent(value),
		);
		// After any other 502, 503 or 504 the API may have acted (a gateway can answer after the API got the request),
		// like after a timeout: only an idempotent request is resent.
		if (RETRYABLE_STATUSES.has(status) && canRetry && (request.idempotent || didNotAct)) {
			const waitMs = retryAfterMs(raw.headers) ?? backoffMs(attempt, settings);
			// A Retry-After longer than the configured maximum wait is reported rather than slept through.
			if (waitMs <= settings.maxRetryDelayMs) {
				if (didNotAct) {
					const retryAt = holdOff(run.holdOffs, dialect.credentialType, waitMs, sentAt);
					await sleep(Math.max(0, retryAt - Date.now()));
				} else {
					unclearAttempt = `met a gateway's HTTP ${status}`;
					await sleep(waitMs);
				}
				continue;
			}
		}
		// A request that is not resent, whose answer leaves open whether the API acted on it: a server fault or a
		// gateway's answer, or a success status without the API's own answer.
		const unclear =
			!request.idempotent &&
			!didNotAct &&
			(status >= 500 || (raw.status < 300 && outcome?.fromApi !== true));
		if (!record || !outcome) {
			if (request.idempotent && canRetry && raw.status >= 200 && raw.status < 300) {
				unclearAttempt = `got an answer that was not JSON (HTTP ${raw.status})`;
				await sleep(backoffMs(attempt, settings));
				continue;
			}
			// A caller that handles this error status reads a route the server does not have (a framework's HTML 404)
			// itself; a success status without a JSON answer stays the failure above says.
			if (raw.status >= 400 && request.handledStatuses?.includes(raw.status)) {
				const message = describeBody(value, secrets) || `HTTP ${raw.status}`;
				return {
					status: raw.status,
					httpStatus: raw.status,
					body: {},
					outcome: { ok: false, fromApi: false, message },
					attempts: attempt + 1,
					unclearAttempt,
				};
			}
			const error = apiError(ctx, itemIndex, {
				message: `The ${dialect.name} API answered HTTP ${raw.status} with a body that is not JSON`,
				description:
					`Received: ${describeBody(value, secrets) || '(empty)'}. ` +
					(unclear
						? notResentNote(dialect, request, raw.status)
						: 'This is usually a gateway or server fault; try again later.'),
				httpCode: String(raw.status),
			});
			throw unclear ? markUnclear(error) : error;
		}

		const response: ApiResponse = {
			status,
			httpStatus: raw.status,
			body: record as IDataObject,
			outcome,
			attempts: attempt + 1,
			unclearAttempt,
		};
		if (response.outcome.ok || request.handledStatuses?.includes(response.status)) return response;
		const error = apiFailure(ctx, itemIndex, dialect, response, request.hints);
		if (unclear && !request.hints?.[status])
			error.description = `${error.description ?? ''} ${notResentNote(dialect, request)}`.trim();
		throw unclear ? markUnclear(error) : error;
	}
}

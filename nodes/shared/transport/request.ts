import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { RequestSettings } from '../options';
import { runCredential } from './credentials';
import { apiError, apiFailure, describeBody, unreachable } from './errors';
import type { RawResponse } from './responses';
import { adaptiveParallelismOf } from '../parallelism';
import {
	asRecord,
	isTimeoutCode,
	messageOf,
	networkCodeOf,
	NOT_SENT_CODES,
	parseBody,
	responseOf,
	unclearNetworkAttempt,
} from './responses';
import { backoffMs, holdOff, RETRYABLE_STATUSES, retryAfterMs, waitWhileHeldOff } from './retry';
import type { ApiDialect, ApiRequest, ApiResponse } from './types';

/** Answers that say the API (or a gateway before it) is overloaded: Auto sends fewer at once after them. */
const PUSH_BACK_STATUSES = new Set([429, 502, 503, 504]);

/**
 * Tells the run's Auto parallelism (if any) how the API answered: pushed back (429, 502, 503, 504 as the
 * envelope or the HTTP status says, or a timeout) or not. `status` is undefined for a network failure.
 */
function reportToParallelism(ctx: IExecuteFunctions, sentAt: number, status: number | undefined, networkCode: string | undefined): void {
	const parallelism = adaptiveParallelismOf(ctx);
	if (!parallelism) return;
	if (status === undefined ? networkCode !== undefined && isTimeoutCode(networkCode) : PUSH_BACK_STATUSES.has(status)) {
		parallelism.pushedBack(sentAt);
	} else if (status !== undefined) {
		parallelism.answered(Date.now() - sentAt);
	}
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

	const credential = await runCredential(ctx, dialect);
	let unclearAttempt: string | undefined;
	for (let attempt = 0; ; attempt++) {
		let raw: RawResponse | undefined;
		let networkCode: string | undefined;
		await waitWhileHeldOff(ctx, dialect.credentialType, settings);
		const sentAt = Date.now();
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				dialect.credentialType,
				// n8n mutates the options it is given (auth headers); each attempt gets its own copy.
				{ ...options, headers: { ...options.headers } },
				{ credentialsDecrypted: credential.decrypted, preAuthenticationRetryStatusCode: credential.retryAfterRefresh },
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
			reportToParallelism(ctx, sentAt, undefined, networkCode);
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
					? `No answer within ${settings.timeoutMs} ms. Raise Timeout (under Advanced) or try again later.`
					: `${unreachable(dialect, baseUrl, networkCode!)} Tried ${attempt + 1} time(s).` +
							(resendable ? '' : ' Not resent automatically: the API may have received it already.'),
				undefined,
			);
		}

		const { parsed, value } = parseBody(raw.body);
		// The status the answer means: an envelope's own status (Oho's status_code) wins over the HTTP one.
		const status = (asRecord(value) && dialect.interpret(raw.status, value).status) || raw.status;
		reportToParallelism(ctx, sentAt, status, undefined);
		// 429 and 503 say the API did not act; a gateway's 502 or 504 may come after it did, like a timeout,
		// so only an idempotent request is resent after those.
		const apiDidNotAct = status === 429 || status === 503;
		if (RETRYABLE_STATUSES.has(status) && canRetry && (request.idempotent || apiDidNotAct)) {
			const waitMs = retryAfterMs(raw.headers) ?? backoffMs(attempt, settings);
			// A Retry-After longer than the configured maximum wait is reported rather than slept through.
			if (waitMs <= settings.maxRetryDelayMs) {
				if (!apiDidNotAct) unclearAttempt = `met a gateway's HTTP ${status}`;
				if (apiDidNotAct) holdOff(ctx, dialect.credentialType, waitMs);
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

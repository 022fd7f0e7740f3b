import { sleep } from 'n8n-workflow';

import type { RequestSettings } from '../options';

/** Statuses worth another attempt: the rate limit, an unavailable API, a gateway. */
export const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/** Retry-After in milliseconds: delta-seconds or an HTTP date. */
export function retryAfterMs(
	headers: Record<string, unknown>,
	now = Date.now(),
): number | undefined {
	const value = headers['retry-after'] ?? headers['Retry-After'];
	if (value === undefined || value === null || value === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(value));
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Whether an answer says the API did not act on the request, so that even a request that is not idempotent may be
 * sent again: a 429, or a 503 that is the API's own answer (Gofive's status, Oho's envelope) or carries a
 * Retry-After. A gateway's bare 503 page (HTML, no Retry-After) can come after the API already got the request.
 */
export function apiDidNotAct(
	status: number,
	headers: Record<string, unknown>,
	apiAnswered: boolean,
): boolean {
	if (status === 429) return true;
	return status === 503 && (apiAnswered || retryAfterMs(headers) !== undefined);
}

/** Exponential backoff with "equal jitter": half fixed, half random, capped. */
export function backoffMs(attempt: number, settings: RequestSettings): number {
	const exponential = Math.min(settings.maxRetryDelayMs, settings.retryDelayMs * 2 ** attempt);
	return exponential / 2 + Math.random() * (exponential / 2);
}

/**
 * When each API (by credential type) asked one node run to hold off (a 429 or 503), and until when: part of the run's
 * state (nodes/common/runState.ts). Every item of the run waits, not only the one that was answered, so the others do
 * not spend their retries on answers that can only be 429; one API's 429 does not hold off another's requests.
 */
export type HoldOffs = Map<string, { from: number; until: number }>;

/**
 * Waits until the run's hold-off has passed, checking again after waking (another item's 429 may have moved it),
 * for at most this item's longest retry wait in all. No jitter: the waiting items are at most Requests in Parallel,
 * and jitter would let fresh items overtake the retry that waited longest.
 */
export async function waitWhileHeldOff(
	holdOffs: HoldOffs,
	api: string,
	settings: RequestSettings,
): Promise<void> {
	let budgetMs = settings.maxRetryDelayMs;
	const nextWaitMs = () => Math.min((holdOffs.get(api)?.until ?? 0) - Date.now(), budgetMs);
	for (let waitMs = nextWaitMs(); waitMs > 0; waitMs = nextWaitMs()) {
		await sleep(waitMs);
		budgetMs -= waitMs;
	}
}

/**
 * A 429 (or the API's 503) for a request sent at `sentAt` asks to wait `waitMs`. A request sent after the run's
 * hold-off began starts a new one, or lengthens it; one that was already in flight when it began only waits for
 * itself: the API said the same thing of it, late, and a whole-run pause per such answer would leave the API idle
 * after its limit has refilled (bench/README.md, W5). Returns when this request may be sent again.
 */
export function holdOff(holdOffs: HoldOffs, api: string, waitMs: number, sentAt: number): number {
	const now = Date.now();
	const until = now + waitMs;
	const current = holdOffs.get(api);
	if (current && sentAt < current.from) return until;
	holdOffs.set(api, { from: now, until: Math.max(current?.until ?? 0, until) });
	return until;
}

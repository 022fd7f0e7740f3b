/**
 * The transport's attempt loop (nodes/common/transport/request.ts with retry.ts) on its own: n8n's request helper is a
 * stub that answers each attempt as scripted, the clock is jest's, so each test says how many requests left, when,
 * and which error the item gets, without a server and without waiting.
 */
import type { IExecuteFunctions, IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { ohoDialect } from '../../nodes/common/oho/dialect';
import type { RequestSettings } from '../../nodes/common/options';
import type { ItemContext } from '../../nodes/common/router';
import { startRun } from '../../nodes/common/runState';
import { apiRequest } from '../../nodes/common/transport/request';
import type { ApiRequest } from '../../nodes/common/transport/types';

/** One attempt's answer: an HTTP answer (thrown the way n8n throws a 4xx/5xx) or a network failure. */
type Answer =
	| { status: number; body?: unknown; headers?: Record<string, string>; afterMs?: number }
	| { networkCode: string };

const OK: Answer = { status: 200, body: { ok: true, status_code: 200, message: 'Done' } };
const envelope = (status: number, message: string, headers?: Record<string, string>): Answer => ({
	status,
	body: { ok: false, status_code: status, message },
	headers,
});
/** A gateway's page in front of the API: not the API's envelope, no Retry-After. */
const gatewayPage = (status: number): Answer => ({
	status,
	body: `<html><body>${status} from the gateway</body></html>`,
});

const GET: ApiRequest = { method: 'GET', path: '/contact/line/P/user/U', idempotent: true };
const CREATE: ApiRequest = {
	method: 'POST',
	path: '/contact',
	body: { first_name: 'Somchai' },
	idempotent: false,
};

const SETTINGS: RequestSettings = {
	maxRetries: 3,
	retryDelayMs: 1000,
	maxRetryDelayMs: 30_000,
	timeoutMs: 10_000,
	parallelRequests: 1,
	maxParallelRequests: 1,
	includeRawResponse: false,
};

interface SentRequest {
	method: string;
	url: string;
	/** The fake clock when the request left. */
	at: number;
}

/** A node run's context whose request helper answers every request with the next scripted answer. */
function scriptedRun(answers: Answer[]) {
	const sent: SentRequest[] = [];
	const start = Date.now();
	const node = {
		name: 'Oho Contact',
		type: 'ohoContact',
		typeVersion: 1,
		parameters: {},
		credentials: {},
	} as unknown as INode;
	const ctx = {
		getNode: () => node,
		getCredentials: async () => ({
			apiKey: 'key-that-never-leaves',
			baseUrl: 'https://api.oho.test',
		}),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				sent.push({ method: String(options.method), url: options.url, at: Date.now() - start });
				const answer = answers.shift() ?? OK;
				if ('afterMs' in answer && answer.afterMs) await sleep(answer.afterMs);
				if ('networkCode' in answer)
					throw Object.assign(new Error(`socket ${answer.networkCode}`), {
						code: answer.networkCode,
					});
				const headers = answer.headers ?? {};
				if (answer.status >= 400)
					throw Object.assign(new Error(`HTTP ${answer.status}`), {
						response: { status: answer.status, headers, data: answer.body },
					});
				return { statusCode: answer.status, headers, body: answer.body };
			},
		},
	} as unknown as IExecuteFunctions;
	// One run state for every request of the run, as route() gives its items: they share its hold-offs.
	const run = startRun(ctx, ohoDialect);
	const operation = { value: 'create', writes: true, creates: true, updates: false };
	const send = async (request: ApiRequest, settings: RequestSettings = SETTINGS) => {
		const item: ItemContext = { ctx, itemIndex: 0, operation, run: await run, settings };
		return await apiRequest(item, ohoDialect, { ...request }).then(
			(response) => response,
			(error: unknown) => error as NodeApiError,
		);
	};
	return { sent, send };
}

/** Runs the fake clock until the loop has settled. */
async function settle<T>(pending: Promise<T>): Promise<T> {
	await jest.runAllTimersAsync();
	return await pending;
}

beforeEach(() => jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') }));
afterEach(() => {
	jest.useRealTimers();
	jest.restoreAllMocks();
});

describe('the attempt loop: what is retried', () => {
	test.each([
		['429', envelope(429, 'Too many requests', { 'retry-after': '2' })],
		['503', envelope(503, 'Service unavailable', { 'retry-after': '2' })],
	])(
		'a %s with Retry-After is sent again once the Retry-After has passed, and the item succeeds',
		async (_label, answer) => {
			const run = scriptedRun([answer, OK]);
			const response = await settle(run.send(CREATE));

			expect(response).not.toBeInstanceOf(NodeApiError);
			expect(run.sent.map((request) => [request.method, request.at])).toEqual([
				['POST', 0],
				['POST', 2000],
			]);
		},
	);

	test('a Retry-After given as an HTTP date is honoured too', async () => {
		const run = scriptedRun([
			envelope(429, 'Too many requests', { 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }),
			OK,
		]);
		await settle(run.send(GET));

		expect(run.sent.map((request) => request.at)).toEqual([0, 5000]);
	});

	test.each([400, 401, 403, 404, 409])(
		'a %s is sent once and fails the item with the API’s message and status',
		async (status) => {
			const run = scriptedRun([envelope(status, `Refused with ${status}`), OK]);
			const error = await settle(run.send(GET));

			expect(run.sent).toHaveLength(1);
			expect(error).toBeInstanceOf(NodeApiError);
			expect((error as NodeApiError).message).toBe(`Oho: Refused with ${status} (HTTP ${status})`);
			expect((error as NodeApiError).httpCode).toBe(String(status));
		},
	);

	test('a 500 is not retried either', async () => {
		const run = scriptedRun([envelope(500, 'Internal error'), OK]);
		const error = (await settle(run.send(GET))) as NodeApiError;

		expect(run.sent).toHaveLength(1);
		expect(error.message).toBe('Oho: Internal error (HTTP 500)');
	});
});

describe('the attempt loop: a request that is not idempotent is never sent twice when the API may have acted', () => {
	test.each([502, 503, 504])(
		'a create answered by a gateway’s bare %s is sent once and reported as not resent',
		async (status) => {
			const run = scriptedRun([gatewayPage(status), OK]);
			const error = (await settle(run.send(CREATE))) as NodeApiError;

			expect(run.sent).toHaveLength(1);
			expect(error.message).toBe(
				`The Oho API answered HTTP ${status} with a body that is not JSON`,
			);
			expect(error.description).toContain(
				'Not resent automatically: the Oho API may have received it already.',
			);
			expect(error.context.unclearAttempt).toBe(true);
		},
	);

	test.each([502, 503, 504])(
		'a Get answered by a gateway’s bare %s is sent again: reading twice changes nothing',
		async (status) => {
			const run = scriptedRun([gatewayPage(status), OK]);
			const response = await settle(run.send(GET));

			expect(response).not.toBeInstanceOf(NodeApiError);
			expect(run.sent).toHaveLength(2);
		},
	);

	test('a create whose connection was reset is sent once; one that was refused before leaving is sent again', async () => {
		const reset = scriptedRun([{ networkCode: 'ECONNRESET' }, OK]);
		const resetError = (await settle(reset.send(CREATE))) as NodeApiError;
		expect(reset.sent).toHaveLength(1);
		expect(resetError.message).toBe('Could not reach the Oho API (ECONNRESET)');
		expect(resetError.description).toContain('Not resent automatically');

		const refused = scriptedRun([{ networkCode: 'ECONNREFUSED' }, OK]);
		const response = await settle(refused.send(CREATE));
		expect(response).not.toBeInstanceOf(NodeApiError);
		expect(refused.sent).toHaveLength(2);
	});
});

describe('the attempt loop: back-off', () => {
	test.each([
		['the shortest draw', 0, [0, 500, 1500, 3500]],
		['the upper bound of the draw', 1, [0, 1000, 3000, 7000]],
	])(
		'without Retry-After the waits double from Retry Delay, half of each at random (%s)',
		async (_label, random, times) => {
			jest.spyOn(Math, 'random').mockReturnValue(random);
			const run = scriptedRun([gatewayPage(502), gatewayPage(502), gatewayPage(502), OK]);
			await settle(run.send(GET));

			expect(run.sent.map((request) => request.at)).toEqual(times);
		},
	);

	test('no wait is longer than the maximum retry delay', async () => {
		jest.spyOn(Math, 'random').mockReturnValue(1);
		const run = scriptedRun([gatewayPage(502), gatewayPage(502), gatewayPage(502), OK]);
		await settle(run.send(GET, { ...SETTINGS, retryDelayMs: 4000, maxRetryDelayMs: 5000 }));

		const waits = run.sent.slice(1).map((request, index) => request.at - run.sent[index].at);
		expect(waits).toEqual([4000, 5000, 5000]);
	});
});

describe('the attempt loop: the retry budget', () => {
	test('Max Retries 2 sends three requests, then the item fails with the last answer', async () => {
		const run = scriptedRun([
			envelope(429, 'Slow down 1', { 'retry-after': '1' }),
			envelope(429, 'Slow down 2', { 'retry-after': '1' }),
			envelope(429, 'Slow down 3', { 'retry-after': '1' }),
			OK,
		]);
		const error = (await settle(run.send(CREATE, { ...SETTINGS, maxRetries: 2 }))) as NodeApiError;

		expect(run.sent).toHaveLength(3);
		expect(error.message).toBe('Oho: Slow down 3 (HTTP 429)');
	});

	test('Max Retries 0 sends one request', async () => {
		const run = scriptedRun([gatewayPage(502), OK]);
		const error = (await settle(run.send(GET, { ...SETTINGS, maxRetries: 0 }))) as NodeApiError;

		expect(run.sent).toHaveLength(1);
		expect(error.message).toBe('The Oho API answered HTTP 502 with a body that is not JSON');
	});

	test('a Retry-After longer than the maximum retry delay is reported at once, not waited for', async () => {
		const run = scriptedRun([envelope(429, 'Come back in a minute', { 'retry-after': '60' }), OK]);
		const error = (await settle(run.send(GET))) as NodeApiError;

		expect(run.sent).toHaveLength(1);
		expect(error.message).toBe('Oho: Come back in a minute (HTTP 429)');
		expect(error.description).toBe(
			'Oho is rate limiting this key. Lower Requests in Parallel or raise Max Retries (under Advanced).',
		);
	});
});

describe('the attempt loop: a Retry-After holds off the whole run', () => {
	test('an item started while another waits out a 429 sends nothing before the Retry-After has passed', async () => {
		const run = scriptedRun([envelope(429, 'Too many requests', { 'retry-after': '10' }), OK, OK]);
		const first = run.send({ ...GET, path: '/first' }, SETTINGS);
		await jest.advanceTimersByTimeAsync(1000);
		const second = run.send({ ...GET, path: '/second' }, SETTINGS);
		await jest.advanceTimersByTimeAsync(8999);

		expect(run.sent.map((request) => request.url)).toEqual(['https://api.oho.test/first']);

		await settle(Promise.all([first, second]));
		expect(run.sent.map((request) => [request.url, request.at]).sort()).toEqual([
			['https://api.oho.test/first', 0],
			['https://api.oho.test/first', 10000],
			['https://api.oho.test/second', 10000],
		]);
	});

	test('a 429 for a request already in flight when the hold-off began delays that request, not the run', async () => {
		const tooMany = envelope(429, 'Too many requests', { 'retry-after': '1' });
		const run = scriptedRun([
			{ ...tooMany, afterMs: 100 },
			{ ...tooMany, afterMs: 300 },
			OK,
			OK,
			OK,
		]);
		const first = run.send({ ...GET, path: '/first' }, SETTINGS);
		const second = run.send({ ...GET, path: '/second' }, SETTINGS);
		// The first 429 comes at 100 ms and holds the run off until 1100; the second, at 300 ms, answers a request
		// sent before that: it waits its own second, until 1300, and the run's hold-off stays.
		await jest.advanceTimersByTimeAsync(500);
		const third = run.send({ ...GET, path: '/third' }, SETTINGS);
		await settle(Promise.all([first, second, third]));

		expect(run.sent.map((request) => [request.url, request.at]).sort()).toEqual([
			['https://api.oho.test/first', 0],
			['https://api.oho.test/first', 1100],
			['https://api.oho.test/second', 0],
			['https://api.oho.test/second', 1300],
			['https://api.oho.test/third', 1100],
		]);
	});

	test('a 429 for a request sent after the hold-off began holds off the whole run again', async () => {
		const tooMany = envelope(429, 'Too many requests', { 'retry-after': '1' });
		const run = scriptedRun([{ ...tooMany, afterMs: 100 }, { ...tooMany, afterMs: 100 }, OK, OK]);
		const first = run.send({ ...GET, path: '/first' }, SETTINGS);
		// Held off from 100 to 1100; resent at 1100, the first is refused again at 1200: a hold-off until 2200.
		await jest.advanceTimersByTimeAsync(1300);
		const second = run.send({ ...GET, path: '/second' }, SETTINGS);
		await settle(Promise.all([first, second]));

		expect(run.sent.map((request) => [request.url, request.at]).sort()).toEqual([
			['https://api.oho.test/first', 0],
			['https://api.oho.test/first', 1100],
			['https://api.oho.test/first', 2200],
			['https://api.oho.test/second', 2200],
		]);
	});

	test('an item held off longer than its own maximum retry delay goes after that delay', async () => {
		const run = scriptedRun([envelope(429, 'Too many requests', { 'retry-after': '20' }), OK, OK]);
		const first = run.send({ ...GET, path: '/first' }, SETTINGS);
		await jest.advanceTimersByTimeAsync(0);
		const second = run.send({ ...GET, path: '/second' }, { ...SETTINGS, maxRetryDelayMs: 5000 });
		await settle(Promise.all([first, second]));

		expect(run.sent.map((request) => [request.url, request.at])).toEqual([
			['https://api.oho.test/first', 0],
			['https://api.oho.test/second', 5000],
			['https://api.oho.test/first', 20000],
		]);
	});
});

/**
 * Requests in Parallel: Auto. The window itself (slow start, cap, one cut per round, latency), then through n8n's
 * engine against the sandbox behind a proxy that counts requests in flight: Auto grows past the old fixed 5 when the
 * API has room, stays under its cap, backs off under a rate limit without losing an item; a fixed Requests in
 * Parallel is still exactly that. (Per-room and per-contact order under Auto: the ordering tests run at defaults.)
 */
import type { IDataObject } from 'n8n-workflow';

import { AUTO_CEILING, AdaptiveParallelism } from '../../nodes/common/parallelism';
import { startConcurrencyProxy, type ConcurrencyProxy } from '../helpers/concurrencyProxy';
import { LINE, params, runContact, USER_ID_FROM_ITEM } from '../helpers/ohoContact';
import { useSandbox } from '../helpers/sandbox';

describe('AdaptiveParallelism', () => {
	test('starts at 4 and doubles per round of clean answers (slow start) up to the cap', () => {
		const auto = new AdaptiveParallelism(32);
		const rounds = [auto.limit];
		for (let round = 0; round < 5; round++) {
			const inRound = auto.limit;
			for (let answer = 0; answer < inRound; answer++) auto.answered(25);
			rounds.push(auto.limit);
		}
		expect(rounds).toEqual([4, 8, 16, 32, 32, 32]);
	});

	test('a push-back halves the window once per round; answers to requests sent before the cut do not cut again', () => {
		const auto = new AdaptiveParallelism(32);
		// Answers that were in flight for 900 ms each: the API carried far more than half the window.
		for (let answer = 0; answer < 28; answer++) auto.answered(900, 1000 + answer);
		expect(auto.limit).toBe(32);
		auto.pushedBack(1000, 1100);
		expect(auto.limit).toBe(16);
		// Three more 429s for requests that were already in flight at the cut.
		for (const sentAt of [1050, 1080, 1099]) auto.pushedBack(sentAt, 1150);
		expect(auto.limit).toBe(16);
		// A 429 for a request sent after the cut: the API still pushes back.
		auto.pushedBack(1150, 1200);
		expect(auto.limit).toBe(8);
	});

	test('a push-back cuts to what the API carried when that is less than half, then grows back to it per round', () => {
		const auto = new AdaptiveParallelism();
		// Slow start to 64 in flight in one quick burst of answers ...
		for (let answer = 0; answer < 60; answer++) auto.answered(200, 200 + answer);
		expect(auto.limit).toBe(64);
		// ... then, in the last 2 seconds, the API answered only 10 a second, 200 ms each: it carried 2 in flight.
		for (let answer = 0; answer < 20; answer++) auto.answered(200, 500 + answer * 100);
		expect(auto.limit).toBeGreaterThan(4);
		auto.pushedBack(2400, 2500);
		expect(auto.limit).toBe(2);

		// An API that answers 50 a second, 200 ms each, carries 10 in flight. Halving 14 to 7 leaves it under-used:
		// the window grows back to 10 within half a second, then by one per second only.
		const limited = new AdaptiveParallelism(14);
		let now = 0;
		const answerFor = (ms: number) => {
			for (const until = now + ms; now < until; ) limited.answered(200, (now += 20));
		};
		answerFor(3000);
		expect(limited.limit).toBe(14);
		limited.pushedBack(now, now);
		expect(limited.limit).toBe(7);
		answerFor(600);
		expect(limited.limit).toBe(10);
		answerFor(1000);
		expect(limited.limit).toBe(11);
	});

	test('after a push-back it grows by one per second (congestion avoidance), however fast the answers, and never below one', () => {
		const auto = new AdaptiveParallelism(32);
		auto.pushedBack(1, 2);
		auto.pushedBack(3, 4);
		auto.pushedBack(5, 6);
		expect(auto.limit).toBe(1);
		for (let answer = 0; answer < 50; answer++) auto.answered(25, 500 + answer);
		expect(auto.limit).toBe(1);
		auto.answered(25, 1006);
		expect(auto.limit).toBe(2);
		for (let answer = 0; answer < 50; answer++) auto.answered(25, 1100 + answer);
		expect(auto.limit).toBe(2);
		auto.answered(25, 2006);
		expect(auto.limit).toBe(3);
	});

	test('answers far slower than the fastest stop the growth: more in parallel would only queue', () => {
		const auto = new AdaptiveParallelism(32);
		auto.answered(20);
		const before = auto.limit;
		for (let answer = 0; answer < 10; answer++) auto.answered(600);
		expect(auto.limit).toBe(before);
		// A busy n8n reading answers a little late is no queue at the API: the window still grows.
		for (let answer = 0; answer < 10; answer++) auto.answered(120);
		expect(auto.limit).toBeGreaterThan(before);
	});
});

/**
 * A path simulated in virtual time: every answer comes `latencyMs` after its request, and no sooner than the
 * previous answer plus the time one answer takes at `answersPerMs` (the API's, or n8n's own, throughput).
 * Returns the window after every answer.
 */
function simulatePath({
	latencyMs,
	answersPerMs = Infinity,
	requests,
	cap,
}: {
	latencyMs: number;
	answersPerMs?: number;
	requests: number;
	cap?: number;
}) {
	const auto = new AdaptiveParallelism(cap);
	const inFlight: Array<{ sentAt: number; answerAt: number }> = [];
	const windows: number[] = [];
	let now = 1_000_000;
	let sent = 0;
	let lastAnswerAt = 0;
	while (windows.length < requests) {
		while (sent < requests && inFlight.length < auto.limit) {
			const answerAt = Math.max(now + latencyMs, lastAnswerAt + 1 / answersPerMs);
			lastAnswerAt = answerAt;
			inFlight.push({ sentAt: now, answerAt });
			sent++;
		}
		const next = inFlight.shift()!;
		now = next.answerAt;
		auto.answered(now - next.sentAt, now);
		windows.push(auto.limit);
	}
	return { windows, highest: Math.max(...windows), last: windows[windows.length - 1] };
}

describe('AdaptiveParallelism on a distant link', () => {
	test('at 200 ms it grows past 32 while answers keep their latency, up to the ceiling', () => {
		const { windows, highest } = simulatePath({ latencyMs: 200, requests: 3000 });
		expect(windows.some((window) => window > 32)).toBe(true);
		expect(highest).toBe(AUTO_CEILING);
	});

	test('it stops near what the path carries (rate × latency) when something else limits the rate', () => {
		// 0.5 answers per ms = 500/s: at 200 ms the path carries 100 in flight; at 25 ms, 12.5.
		const distant = simulatePath({ latencyMs: 200, answersPerMs: 0.5, requests: 5000 });
		expect(distant.highest).toBeGreaterThan(100);
		expect(distant.highest).toBeLessThan(AUTO_CEILING);
		expect(distant.last).toBeLessThanOrEqual(2 * 100 + 2);

		const near = simulatePath({ latencyMs: 25, answersPerMs: 0.5, requests: 5000 });
		expect(near.highest).toBeLessThanOrEqual(2 * 12.5 + 4);
	});

	test('an operator’s cap holds, and no cap passes the ceiling', () => {
		expect(simulatePath({ latencyMs: 200, requests: 2000, cap: 50 }).highest).toBe(50);
		expect(simulatePath({ latencyMs: 200, requests: 3000, cap: 10_000 }).highest).toBe(
			AUTO_CEILING,
		);
	});

	test('a push-back halves even a large window', () => {
		const auto = new AdaptiveParallelism();
		for (let answer = 0; answer < 400; answer++) auto.answered(200);
		expect(auto.limit).toBe(AUTO_CEILING);
		auto.pushedBack(Date.now());
		expect(auto.limit).toBe(AUTO_CEILING / 2);
	});
});

describe('Requests in Parallel through the engine', () => {
	const ref = useSandbox();
	let proxy: ConcurrencyProxy;

	beforeEach(async () => {
		// Every request counted under one key: the proxy then reports how many were in flight at once.
		proxy = await startConcurrencyProxy(ref.sb.url, () => 'all', 15);
	});
	afterEach(async () => await proxy.close());

	const newContacts = (count: number) =>
		Array.from({ length: count }, (_, index) => ({
			userId: `Uparallel${String(index).padStart(24, '0')}`,
		}));

	async function create(count: number, options: IDataObject) {
		const items = newContacts(count);
		const result = await runContact(ref.sb, params('create', USER_ID_FROM_ITEM, { options }), {
			items,
			baseUrl: proxy.url,
		});
		const created = items.filter(({ userId }) =>
			ref.sb.getContact('line', LINE.platformId, userId),
		).length;
		return { result, created };
	}

	test('Auto (the default) grows past the old fixed 5 while the API answers cleanly, and never passes the ceiling', async () => {
		const { result, created } = await create(120, {});

		expect(result.error).toBeUndefined();
		expect(created).toBe(120);
		expect(proxy.maxInFlightOverall).toBeGreaterThan(5);
		expect(proxy.maxInFlightOverall).toBeLessThanOrEqual(AUTO_CEILING);
	});

	test('Auto at a distant API (200 ms) has more than the old cap of 32 in flight, and every item done', async () => {
		await proxy.close();
		proxy = await startConcurrencyProxy(ref.sb.url, () => 'all', 200);
		const { result, created } = await create(400, {});

		expect(result.error).toBeUndefined();
		expect(created).toBe(400);
		expect(proxy.maxInFlightOverall).toBeGreaterThan(32);
		expect(proxy.maxInFlightOverall).toBeLessThanOrEqual(AUTO_CEILING);
	});

	test('Auto with Most Requests in Parallel 8 never has more than 8 in flight', async () => {
		const { created } = await create(60, { maxParallelRequests: 8 });

		expect(created).toBe(60);
		expect(proxy.maxInFlightOverall).toBe(8);
	});

	test('a fixed Requests in Parallel is exactly that, Auto or not', async () => {
		const { created } = await create(40, { parallelRequests: 3, maxParallelRequests: 20 });

		expect(created).toBe(40);
		expect(proxy.maxInFlightOverall).toBe(3);
	});

	test('under a rate limit Auto backs off: every item done, none lost, fewer 429s than a fixed 32 at once', async () => {
		const limitedWith = async (options: IDataObject) => {
			ref.sb.reset();
			ref.sb.setKnobs({ rateLimit: { perSecond: 40, burst: 10 } });
			const { result, created } = await create(80, { maxRetries: 10, ...options });
			expect(result.error).toBeUndefined();
			expect(created).toBe(80);
			const answers = ref.sb.requests({ api: 'oho' });
			const limited = answers.filter((request) => request.status === 429).length;
			expect(answers.length - limited).toBe(80);
			return limited;
		};

		const fixed = await limitedWith({ parallelRequests: 32 });
		const auto = await limitedWith({});
		expect(auto).toBeLessThan(fixed);
	});
});

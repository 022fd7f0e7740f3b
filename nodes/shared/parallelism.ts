/** Requests in flight when Auto starts, as TCP starts with a small window before it knows the path. */
const INITIAL_WINDOW = 4;

/**
 * Answers this much slower than the fastest one seen mean requests are queueing somewhere (the API, a gateway):
 * more in parallel would only add to the queue, so the window stops growing. Generous on purpose: a busy n8n
 * reads answers late, and its own delay must not pass for the API's. With twice the fastest plus 20 ms, W1 of the
 * benchmark (25 ms latency, n8n's thread busy) ran 25 % slower than with no latency signal at all (bench/README.md).
 */
const QUEUEING_FACTOR = 4;
const QUEUEING_SLACK_MS = 200;
const BASELINE_DRIFT = 1.02;

/**
 * Once the API has pushed back, the window grows by one per this interval, not per round of answers: a rate limit
 * is a number of requests per second, and growing per round (every few milliseconds) would run into it again at once.
 */
const AVOIDANCE_STEP_MS = 1000;

/**
 * "Requests in Parallel: Auto": how many items may be in flight, adapted during one node run the way TCP's
 * congestion control adapts its window. It starts small and doubles per round of clean answers (slow start) up
 * to the cap; once the API has pushed back, or answers slow down, it grows by one per second (congestion
 * avoidance). A rate limit (429), an unavailable API (503) or a timeout halves it, once per round: answers to
 * requests sent before the cut say nothing new. Answers far slower than the fastest (4 × + 200 ms) do not grow it.
 */
export class AdaptiveParallelism {
	private window = INITIAL_WINDOW;

	private slowStartUntil: number;

	private fastestMs = Infinity;

	private lastCutAt = 0;

	private lastStepAt = 0;

	constructor(private readonly cap: number) {
		this.window = Math.min(INITIAL_WINDOW, cap);
		this.slowStartUntil = cap;
	}

	/** Items that may be in flight now. */
	get limit(): number {
		return Math.max(1, Math.min(this.cap, Math.floor(this.window)));
	}

	/** An answer that says nothing about congestion, `latencyMs` after its request was sent. */
	answered(latencyMs: number, now = Date.now()): void {
		// The fastest recent answer: it drifts up slowly, so one unusually quick answer (a 404 GET beside slower
		// POSTs) does not hold the window down for the rest of the run.
		this.fastestMs = Math.min(latencyMs, this.fastestMs * BASELINE_DRIFT);
		if (latencyMs > this.fastestMs * QUEUEING_FACTOR + QUEUEING_SLACK_MS) {
			this.slowStartUntil = Math.min(this.slowStartUntil, this.window);
			return;
		}
		if (this.window < this.slowStartUntil) {
			this.window += 1;
		} else if (now - this.lastStepAt >= AVOIDANCE_STEP_MS) {
			this.window += 1;
			this.lastStepAt = now;
		}
		this.window = Math.min(this.window, this.cap);
	}

	/** A 429, a 503 or a timeout for a request sent at `sentAt` (ms since the epoch). */
	pushedBack(sentAt: number, now = Date.now()): void {
		if (sentAt < this.lastCutAt) return;
		this.window = Math.max(1, Math.floor(this.window / 2));
		this.slowStartUntil = this.window;
		this.lastCutAt = now;
		this.lastStepAt = now;
	}
}

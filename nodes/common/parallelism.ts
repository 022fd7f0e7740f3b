/** Requests in flight when Auto starts, as TCP starts with a small window before it knows the path. */
const INITIAL_WINDOW = 4;

/**
 * The most requests Auto ever has in flight, whatever the link: a guard for n8n itself (one socket and one pending
 * item each), not an assumption about how near the API is. A path carries its rate × its latency: Oho's and Gofive's
 * servers are in Thailand and many n8n instances (n8n Cloud among them) are in Europe, 150–300 ms away. At 200 ms,
 * going from 128 to 256 in flight sped an upsert run up by 16 %, where each doubling before gained 41–70 %: n8n's
 * own CPU, not the window, is the limit there (bench/README.md, "Auto's ceiling"). 256 leaves room for a slower path
 * and stays far below the usual limit of 1,024 open files per process.
 */
export const AUTO_CEILING = 256;

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
 * The window grows only while it is below this many times what the path has shown it carries: the best rate of
 * answers seen × the fastest latency (BBR's estimate of the path, with its gain of 2). Where the window limits the
 * rate (a distant API), the rate rises with the window and the window keeps growing; where something else does
 * (n8n's own CPU, the API's throughput), the rate stops rising and so does the window, before the answers slow down.
 */
const PATH_GAIN = 2;

/** The path's latency is the fastest answer of this long a time (BBR's min RTT window): queueing only adds to it. */
const PATH_LATENCY_WINDOW_MS = 10_000;

/**
 * Once the API has pushed back, the window grows by one per this interval, not per round of answers: a rate limit
 * is a number of requests per second, and growing per round (every few milliseconds) would run into it again at once.
 */
const AVOIDANCE_STEP_MS = 1000;

/**
 * What the API carried before a push-back: the requests it answered cleanly during this long a time, each counted for
 * as long as it was in flight, over the time (Little's law: how many it kept in flight). Long enough to span the
 * hold-off a Retry-After asks for, so that it reads the rate limit rather than one round's burst.
 */
const CARRIED_WINDOW_MS = 2000;

/**
 * "Requests in Parallel: Auto": how many items may be in flight, adapted during one node run the way TCP's
 * congestion control adapts its window. It starts small and doubles per round of clean answers (slow start) while
 * the rate of answers rises with it, up to the operator's cap or AUTO_CEILING; once the API has pushed back, or
 * answers slow down, it grows by one per second (congestion avoidance). A rate limit (429), an unavailable API (503)
 * or a timeout halves it, or cuts it to what the API carried if that is less, once per round: answers to requests
 * sent before the cut say nothing new. It then grows back by one per round up to what the API carried, and by one
 * per second beyond: at 200 ms a limit of 50 requests/s carries 10 in flight, and halving 14 to 7 then growing by
 * one per second left the limit a quarter unused for seconds after every push-back (bench/README.md, W5). Answers
 * far slower than the fastest (4 × + 200 ms) do not grow it.
 */
export class AdaptiveParallelism {
	private window = INITIAL_WINDOW;

	private slowStartUntil: number;

	private fastestMs = Infinity;

	private lastCutAt = 0;

	private lastStepAt = 0;

	/** After a cut, the window grows back by one per round up to this: what the API carried before the cut. */
	private recoverTo = 0;

	/** The clean answers of the last CARRIED_WINDOW_MS (from `recentFrom` on), when each came and its latency. */
	private recent: Array<{ at: number; latencyMs: number }> = [];

	private recentFrom = 0;

	private recentLatencySumMs = 0;

	private firstSentAt?: number;

	/** The current round of answers: it ends with the first answer to a request sent after it began. */
	private roundStartedAt = -Infinity;

	private answersInRound = 0;

	/** The most answers per millisecond seen in one round. */
	private bestRate = 0;

	/** The fastest answer of the last PATH_LATENCY_WINDOW_MS, and when it came. */
	private pathLatencyMs = Infinity;

	private pathLatencyAt = 0;

	private readonly cap: number;

	constructor(cap = AUTO_CEILING) {
		this.cap = Math.min(cap, AUTO_CEILING);
		this.window = Math.min(INITIAL_WINDOW, this.cap);
		this.slowStartUntil = this.cap;
	}

	/** Items that may be in flight now. */
	get limit(): number {
		return Math.max(1, Math.min(this.cap, Math.floor(this.window)));
	}

	/** An answer that says nothing about congestion, `latencyMs` after its request was sent. */
	answered(latencyMs: number, now = Date.now()): void {
		this.measurePath(latencyMs, now);
		// The fastest recent answer: it drifts up slowly, so one unusually quick answer (a 404 GET beside slower
		// POSTs) does not hold the window down for the rest of the run.
		this.fastestMs = Math.min(latencyMs, this.fastestMs * BASELINE_DRIFT);
		if (latencyMs > this.fastestMs * QUEUEING_FACTOR + QUEUEING_SLACK_MS) {
			this.slowStartUntil = Math.min(this.slowStartUntil, this.window);
			return;
		}
		if (!this.pathHasRoom()) return;
		if (this.window < this.slowStartUntil) {
			this.window += 1;
		} else if (this.window < this.recoverTo) {
			this.window += 1 / this.window;
		} else if (now - this.lastStepAt >= AVOIDANCE_STEP_MS) {
			this.window += 1;
			this.lastStepAt = now;
		}
		this.window = Math.min(this.window, this.cap);
	}

	/** A 429, a 503 or a timeout for a request sent at `sentAt` (ms since the epoch). See the class's comment. */
	pushedBack(sentAt: number, now = Date.now()): void {
		if (sentAt < this.lastCutAt) return;
		const carried = this.carried(now);
		this.recoverTo = Math.min(this.window - 1, carried);
		this.window = Math.max(1, Math.min(Math.floor(this.window / 2), Math.ceil(carried)));
		this.slowStartUntil = this.window;
		this.lastCutAt = now;
		this.lastStepAt = now;
	}

	/** Requests the API answered cleanly, on average in flight, over the last CARRIED_WINDOW_MS (0 before any). */
	private carried(now: number): number {
		this.forgetAnswersBefore(now - CARRIED_WINDOW_MS);
		const span = Math.min(CARRIED_WINDOW_MS, now - (this.firstSentAt ?? now));
		return span > 0 ? this.recentLatencySumMs / span : 0;
	}

	private forgetAnswersBefore(time: number): void {
		while (this.recentFrom < this.recent.length && this.recent[this.recentFrom].at < time) {
			this.recentLatencySumMs -= this.recent[this.recentFrom].latencyMs;
			this.recentFrom += 1;
		}
		// The forgotten front is dropped now and then, not at every answer.
		if (this.recentFrom > 1024 && this.recentFrom * 2 > this.recent.length) {
			this.recent = this.recent.slice(this.recentFrom);
			this.recentFrom = 0;
		}
	}

	private measurePath(latencyMs: number, now: number): void {
		this.firstSentAt ??= now - latencyMs;
		this.recent.push({ at: now, latencyMs });
		this.recentLatencySumMs += latencyMs;
		this.forgetAnswersBefore(now - CARRIED_WINDOW_MS);
		if (latencyMs <= this.pathLatencyMs || now - this.pathLatencyAt > PATH_LATENCY_WINDOW_MS) {
			this.pathLatencyMs = latencyMs;
			this.pathLatencyAt = now;
		}
		const sentAt = now - latencyMs;
		this.answersInRound += 1;
		if (sentAt < this.roundStartedAt) return;
		const elapsed = now - this.roundStartedAt;
		// The first answer only starts the first round; a round of no measurable length says nothing.
		if (Number.isFinite(elapsed) && elapsed > 0) {
			this.bestRate = Math.max(this.bestRate, this.answersInRound / elapsed);
		}
		this.roundStartedAt = now;
		this.answersInRound = 0;
	}

	/** Whether the window is still below what the path has shown it carries (see PATH_GAIN). */
	private pathHasRoom(): boolean {
		if (this.bestRate === 0) return true;
		return this.window < Math.max(INITIAL_WINDOW, PATH_GAIN * this.bestRate * this.pathLatencyMs);
	}
}

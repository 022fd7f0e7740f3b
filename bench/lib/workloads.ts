/**
 * The benchmark's workloads: what the sandbox is set to, the input items, the state to prepare before a
 * run and how to count, from the sandbox's own state, what a run lost.
 */
import type { GofiveRoom, KnobsPatch, Sandbox } from '../../sandbox';
import { DEMO } from '../../sandbox';
import { createContacts, demoLineContact } from '../../e2e/lib/seed';

export type WorkloadId = 'W1' | 'W2' | 'W3';

export const LATENCY_MS = 25;
export const RATE_LIMIT_PER_SECOND = 50;

export interface Workload {
	id: WorkloadId;
	title: string;
	api: 'oho' | 'gofive';
	knobs: KnobsPatch;
	/** The rate limit the sandbox enforces (requests/s), or null. */
	rateLimit: number | null;
	/** Requests one item needs when nothing fails (upsert: half POST, half POST + PATCH). */
	requestsPerItem: number;
}

/**
 * W3's rooms: the messages go to them in turn. Messages to one room are sent one after the other (their order
 * is kept), so W3 measures the rooms in parallel, the way a business's many customer chats are.
 */
export const BENCH_ROOMS: GofiveRoom[] = Array.from({ length: 20 }, (_, i) => ({
	roomId: `b3e0c0de-0000-4000-8000-${String(i).padStart(12, '0')}`,
	companyId: DEMO.gofiveCompanyId,
	platform: 'line',
	customerName: `Bench customer ${i}`,
}));
export const roomOf = (i: number): string => BENCH_ROOMS[i % BENCH_ROOMS.length].roomId;

export const WORKLOADS: Record<WorkloadId, Workload> = {
	W1: {
		id: 'W1',
		title: `Oho contact upsert (half new, half existing), ${LATENCY_MS} ms latency`,
		api: 'oho',
		knobs: { latency: { fixedMs: LATENCY_MS, jitterMs: 0 }, rateLimit: null },
		rateLimit: null,
		requestsPerItem: 1.5,
	},
	W2: {
		id: 'W2',
		title: `W1 under a rate limit of ${RATE_LIMIT_PER_SECOND} requests/s (429 + Retry-After)`,
		api: 'oho',
		knobs: { latency: { fixedMs: LATENCY_MS, jitterMs: 0 }, rateLimit: { perSecond: RATE_LIMIT_PER_SECOND } },
		rateLimit: RATE_LIMIT_PER_SECOND,
		requestsPerItem: 1.5,
	},
	W3: {
		id: 'W3',
		title: `Gofive messages to ${BENCH_ROOMS.length} rooms in turn, client-credentials auth, ${LATENCY_MS} ms latency`,
		api: 'gofive',
		knobs: { latency: { fixedMs: LATENCY_MS, jitterMs: 0 }, rateLimit: null },
		rateLimit: null,
		requestsPerItem: 1,
	},
};

export const LINE: typeof DEMO.line = DEMO.line;
export const PICTURE_URL = 'https://profile.line-scdn.net/0hBench';

/** User ID of item i: 33 characters like a LINE user ID, distinct per item. */
export const userIdOf = (i: number) => `Ubench${String(i).padStart(27, '0')}`;
/** Odd items exist before the run (created with first name "Old"), even ones are new. */
export const existsBefore = (i: number) => i % 2 === 1;
export const firstNameOf = (i: number) => `First${i}`;
export const displayNameOf = (i: number) => `Customer ${i}`;
export const contentOf = (i: number) => `bench message ${i}`;

/** The input items of a workload: the same for every contender. */
export function inputItems(workload: Workload, size: number): Array<Record<string, string>> {
	return Array.from({ length: size }, (_, i): Record<string, string> =>
		workload.api === 'oho'
			? { userId: userIdOf(i), firstName: firstNameOf(i), displayName: displayNameOf(i) }
			: { content: contentOf(i), roomId: roomOf(i) },
	);
}

/**
 * Sandbox back to its seed, the existing half of the contacts created (without latency or rate limit), then the
 * workload's knobs on and the request log cleared.
 */
export async function prepareSandbox(sb: Sandbox, workload: Workload, size: number): Promise<void> {
	sb.reset();
	sb.setKnobs({ latency: { fixedMs: 0, jitterMs: 0 }, rateLimit: null, faults: [] });
	if (workload.api === 'oho') {
		const existing = Array.from({ length: size }, (_, i) => i).filter(existsBefore);
		await createContacts(
			sb,
			existing.map((i) => demoLineContact(userIdOf(i), PICTURE_URL, { platform_display_name: 'Old name', display_name: 'Old name', first_name: 'Old' })),
		);
	}
	sb.setKnobs(workload.knobs);
	sb.clearRequests();
}

export interface Ground {
	/** Items whose effect is not in the sandbox afterwards. */
	lost: number;
	requests: number;
	/** Requests answered 429. */
	throttled: number;
	tokenRequests: number;
}

/** What the sandbox holds after a run, against what every item should have left there. */
export function groundTruth(sb: Sandbox, workload: Workload, size: number): Ground {
	const all = sb.requests();
	const apiRequests = all.filter((r) => r.api === workload.api);
	const tokenRequests = all.filter((r) => r.api === 'gofive-token').length;
	const throttled = all.filter((r) => r.status === 429).length;
	let lost = 0;
	if (workload.api === 'oho') {
		for (let i = 0; i < size; i++) {
			const contact = sb.getContact('line', LINE.platformId, userIdOf(i));
			if (!contact || contact.first_name !== firstNameOf(i) || contact.display_name !== displayNameOf(i)) lost++;
		}
	} else {
		const sent = new Map<string, number>();
		for (const message of sb.state().gofiveMessages) sent.set(message.content, (sent.get(message.content) ?? 0) + 1);
		for (let i = 0; i < size; i++) if ((sent.get(contentOf(i)) ?? 0) < 1) lost++;
	}
	return { lost, requests: apiRequests.length, throttled, tokenRequests };
}

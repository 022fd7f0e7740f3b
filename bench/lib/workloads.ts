/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * The benchmark's workloads: what the sandbox is set to, the input items, the state to prepare before a
 * run and how to count, from the sandbox's own state, what a run lost.
 */
import type { GofiveRoom, KnobsPatch, Sandbox } from '../../sandbox';
import { DEMO } from '../../sandbox';
import { createContacts, demoLineContact } from '../../e2e/lib/seed';

export type WorkloadId = 'W1' | 'W2' | 'W3' | 'W4' | 'W5' | 'W6';

/**
 * The sandbox's latency for W1–W3 and W6 (`BENCH_LATENCY_MS`, default 25) and its jitter (`BENCH_JITTER_MS`,
 * default 0: each answer waits latency ± jitter, evenly spread).
 */
export const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 25);
export const JITTER_MS = Number(process.env.BENCH_JITTER_MS ?? 0);
/** W4 and W5: a distant API (n8n in Europe, Oho and Gofive in Thailand: 150–300 ms a request). */
export const DISTANT_LATENCY_MS = 200;
export const DISTANT_JITTER_MS = 50;
export const RATE_LIMIT_PER_SECOND = 50;

export interface Workload {
	id: WorkloadId;
	title: string;
	api: 'oho' | 'gofive' | 'venio';
	/** Each answer waits latencyMs ± jitterMs. */
	latencyMs: number;
	jitterMs: number;
	/** The rate limit the sandbox enforces (requests/s), or null. */
	rateLimit: number | null;
	/** Requests one item needs when nothing fails (upsert: half POST, half POST + PATCH). */
	requestsPerItem: number;
}

/** The sandbox's knobs for a workload (its latency knob waits fixedMs plus up to jitterMs). */
export function workloadKnobs(workload: Workload): KnobsPatch {
	return {
		latency: {
			fixedMs: Math.max(0, workload.latencyMs - workload.jitterMs),
			jitterMs: 2 * workload.jitterMs,
		},
		rateLimit: workload.rateLimit === null ? null : { perSecond: workload.rateLimit },
	};
}

/** "25 ms" or "200 ± 50 ms". */
export const latencyText = (w: Pick<Workload, 'latencyMs' | 'jitterMs'>) =>
	`${w.latencyMs}${w.jitterMs ? ` ± ${w.jitterMs}` : ''} ms`;

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

const near = { latencyMs: LATENCY_MS, jitterMs: JITTER_MS };
const distant = { latencyMs: DISTANT_LATENCY_MS, jitterMs: DISTANT_JITTER_MS };

export const WORKLOADS: Record<WorkloadId, Workload> = {
	W1: {
		id: 'W1',
		title: `Oho contact upsert (half new, half existing), ${latencyText(near)} latency`,
		api: 'oho',
		...near,
		rateLimit: null,
		requestsPerItem: 1.5,
	},
	W2: {
		id: 'W2',
		title: `W1 under a rate limit of ${RATE_LIMIT_PER_SECOND} requests/s (429 + Retry-After)`,
		api: 'oho',
		...near,
		rateLimit: RATE_LIMIT_PER_SECOND,
		requestsPerItem: 1.5,
	},
	W3: {
		id: 'W3',
		title: `Gofive messages to ${BENCH_ROOMS.length} rooms in turn, client-credentials auth, ${latencyText(near)} latency`,
		api: 'gofive',
		...near,
		rateLimit: null,
		requestsPerItem: 1,
	},
	W4: {
		id: 'W4',
		title: `W1 at ${latencyText(distant)} latency (a distant API)`,
		api: 'oho',
		...distant,
		rateLimit: null,
		requestsPerItem: 1.5,
	},
	W5: {
		id: 'W5',
		title: `W2 at ${latencyText(distant)} latency`,
		api: 'oho',
		...distant,
		rateLimit: RATE_LIMIT_PER_SECOND,
		requestsPerItem: 1.5,
	},
	W6: {
		id: 'W6',
		title: `Venio CRM customer create or update (half new, half existing by customer code), client-credentials auth, ${latencyText(near)} latency`,
		api: 'venio',
		...near,
		rateLimit: null,
		// Half create (POST), half update: Get the customer, then POST the full record (docs/gofive-customer.md).
		requestsPerItem: 1.5,
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
/** W6: the customer code of an existing customer, and every customer's name (Venio names must be unique). */
export const customerCodeOf = (i: number) => `BENCH${String(i).padStart(6, '0')}`;
export const customerNameOf = (i: number) => `Bench customer ${i}`;
export const LEAD_STATE = 1;

/** The input items of a workload: the same for every contender. */
export function inputItems(workload: Workload, size: number): Array<Record<string, string>> {
	return Array.from({ length: size }, (_, i): Record<string, string> => {
		if (workload.api === 'oho')
			return { userId: userIdOf(i), firstName: firstNameOf(i), displayName: displayNameOf(i) };
		if (workload.api === 'venio')
			return {
				customerCode: existsBefore(i) ? customerCodeOf(i) : '',
				customerName: customerNameOf(i),
			};
		return { content: contentOf(i), roomId: roomOf(i) };
	});
}

/** Venio customers that exist before a run, created through the sandbox's HTTP API as a client would. */
async function createCustomers(sb: Sandbox, indexes: number[], parallel = 16): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < indexes.length) {
			const i = indexes[next++];
			const response = await fetch(`${sb.url}/v3/customers`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					authorization: `Bearer ${DEMO.gofiveAccessToken}`,
					'ocp-apim-subscription-key': DEMO.gofiveSubscriptionKey,
				},
				body: JSON.stringify({
					customerCode: customerCodeOf(i),
					customerName: `Old customer ${i}`,
					customerState: 3,
				}),
			});
			const answer = (await response.json()) as { status?: { code?: unknown } };
			if (String(answer.status?.code) !== '1000')
				throw new Error(`creating customer ${i}: ${JSON.stringify(answer)}`);
		}
	};
	await Promise.all(Array.from({ length: Math.min(parallel, indexes.length) }, worker));
}

/**
 * Sandbox back to its seed, the existing half of the contacts created (without latency or rate limit), then the
 * workload's knobs on and the request log cleared.
 */
export async function prepareSandbox(sb: Sandbox, workload: Workload, size: number): Promise<void> {
	sb.reset();
	sb.setKnobs({ latency: { fixedMs: 0, jitterMs: 0 }, rateLimit: null, faults: [] });
	const existing = Array.from({ length: size }, (_, i) => i).filter(existsBefore);
	if (workload.api === 'venio') await createCustomers(sb, existing);
	if (workload.api === 'oho') {
		await createContacts(
			sb,
			existing.map((i) =>
				demoLineContact(userIdOf(i), PICTURE_URL, {
					platform_display_name: 'Old name',
					display_name: 'Old name',
					first_name: 'Old',
				}),
			),
		);
	}
	sb.setKnobs(workloadKnobs(workload));
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
	const apiRequests = all.filter(
		(r) => r.api === (workload.api === 'venio' ? 'gofive' : workload.api),
	);
	const tokenRequests = all.filter((r) => r.api === 'gofive-token').length;
	const throttled = all.filter((r) => r.status === 429).length;
	let lost = 0;
	if (workload.api === 'oho') {
		for (let i = 0; i < size; i++) {
			const contact = sb.getContact('line', LINE.platformId, userIdOf(i));
			if (
				!contact ||
				contact.first_name !== firstNameOf(i) ||
				contact.display_name !== displayNameOf(i)
			)
				lost++;
		}
	} else if (workload.api === 'venio') {
		const byName = new Map(
			sb.state().gofiveCustomers.map((customer) => [customer.customerName, customer]),
		);
		for (let i = 0; i < size; i++) {
			const customer = byName.get(customerNameOf(i));
			const codeKept = !existsBefore(i) || customer?.customerCode === customerCodeOf(i);
			if (!customer || customer.customerState !== LEAD_STATE || !codeKept) lost++;
		}
	} else {
		const sent = new Map<string, number>();
		for (const message of sb.state().gofiveMessages)
			sent.set(message.content, (sent.get(message.content) ?? 0) + 1);
		for (let i = 0; i < size; i++) if ((sent.get(contentOf(i)) ?? 0) < 1) lost++;
	}
	return { lost, requests: apiRequests.length, throttled, tokenRequests };
}

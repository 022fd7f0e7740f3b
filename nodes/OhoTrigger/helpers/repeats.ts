import { createHash } from 'crypto';

import type { Delivery } from './delivery';

/**
 * Deliveries seen recently, per trigger (workflow, node and test or production URL), by content, with when they stop
 * counting as repeats. Kept in this n8n process's memory: another process (a second webhook process in queue mode) or
 * a restart does not see them. Each trigger has its own bound, so one trigger's flood never evicts another's entries.
 */
const recentDeliveries = new Map<string, Map<string, number>>();

/** More distinct deliveries than this inside one window are not remembered past it (each trigger's oldest go first). */
export const MAX_REMEMBERED_PER_TRIGGER = 10_000;

/** How often the memories of triggers that receive nothing more are swept of expired entries. */
const SWEEP_INTERVAL_MS = 60_000;
let lastSweep = 0;

/** JSON with object keys sorted, so the same content gives the same text whatever order Oho wrote it in. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (typeof value === 'object' && value !== null) {
		const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
			a < b ? -1 : a > b ? 1 : 0,
		);
		return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonical(entry)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** Entries are kept in the order they were remembered, which is the order they expire while the window is unchanged. */
function forgetExpired(memory: Map<string, number>, now: number): void {
	for (const [key, expiresAt] of memory) {
		if (expiresAt > now) break;
		memory.delete(key);
	}
}

function sweepIdleTriggers(now: number): void {
	if (now - lastSweep < SWEEP_INTERVAL_MS) return;
	lastSweep = now;
	for (const [trigger, memory] of recentDeliveries) {
		forgetExpired(memory, now);
		if (memory.size === 0) recentDeliveries.delete(trigger);
	}
}

/**
 * Whether the same delivery (event, contact and its content, changed fields) reached this trigger within the
 * window; remembers it otherwise. `trigger` names the workflow, node and URL, so two triggers never share a memory.
 * The delivery's depth is bounded before it gets here (delivery.ts), so the canonical text cannot exhaust the stack.
 */
export function isRepeat(
	trigger: string,
	delivery: Delivery,
	windowSeconds: number,
	now = Date.now(),
): boolean {
	const meaning = {
		event: delivery.event,
		contact: delivery.contact,
		changed: delivery.changedFields ?? null,
	};
	const key = createHash('sha256').update(canonical(meaning)).digest('hex');
	let memory = recentDeliveries.get(trigger);
	if (memory === undefined) {
		memory = new Map();
		recentDeliveries.set(trigger, memory);
	}
	const expiresAt = memory.get(key);
	if (expiresAt !== undefined && expiresAt > now) return true;
	forgetExpired(memory, now);
	while (memory.size >= MAX_REMEMBERED_PER_TRIGGER)
		memory.delete(memory.keys().next().value as string);
	// Deleted first, so a delivery remembered again moves to the end, where the newest are.
	memory.delete(key);
	memory.set(key, now + windowSeconds * 1000);
	sweepIdleTriggers(now);
	return false;
}

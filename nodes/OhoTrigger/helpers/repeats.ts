import { createHash } from 'crypto';

import type { Delivery } from './delivery';

/**
 * Deliveries seen recently, by trigger and content, with when they stop counting as repeats. Kept in this n8n
 * process's memory: another process (a second webhook process in queue mode) or a restart does not see them.
 */
const recentDeliveries = new Map<string, number>();

/** More distinct deliveries than this inside one window are not remembered past it (the oldest go first). */
const MAX_REMEMBERED = 10_000;

/** JSON with object keys sorted, so the same content gives the same text whatever order Oho wrote it in. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (typeof value === 'object' && value !== null) {
		const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonical(entry)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

function forgetExpired(now: number): void {
	for (const [key, expiresAt] of recentDeliveries) {
		if (expiresAt <= now) recentDeliveries.delete(key);
	}
	while (recentDeliveries.size >= MAX_REMEMBERED) {
		const oldest = recentDeliveries.keys().next().value as string;
		recentDeliveries.delete(oldest);
	}
}

/**
 * Whether the same delivery (event, contact and its content, changed fields) reached this trigger within the
 * window; remembers it otherwise. `trigger` names the workflow and node, so two triggers never share a memory.
 */
export function isRepeat(trigger: string, delivery: Delivery, windowSeconds: number, now = Date.now()): boolean {
	const meaning = { event: delivery.event, contact: delivery.contact, changed: delivery.changedFields ?? null };
	let content: string;
	try {
		content = canonical(meaning);
	} catch {
		// Nested too deep to sort: the text as received still tells identical deliveries apart.
		content = JSON.stringify(meaning);
	}
	const key = createHash('sha256').update(`${trigger}\n${content}`).digest('hex');
	const expiresAt = recentDeliveries.get(key);
	if (expiresAt !== undefined && expiresAt > now) return true;
	forgetExpired(now);
	recentDeliveries.set(key, now + windowSeconds * 1000);
	return false;
}

/* eslint-disable @n8n/community-nodes/require-node-api-error -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
import type { Api, FaultKind, FaultRule, Knobs, KnobsPatch, LoggedApi } from './types';
import { isPlainObject } from './validate';

export const FAULT_KINDS: readonly FaultKind[] = [
	500,
	502,
	503,
	429,
	'reset',
	'hang',
	'malformed-json',
	'html',
	'ok-false',
];
const APIS: readonly Api[] = ['oho', 'gofive', 'gofive-token'];

export const DEFAULT_KNOBS: Knobs = {
	latency: { fixedMs: 0, jitterMs: 0 },
	rateLimit: null,
	faults: [],
	gofiveTokenTtlSeconds: 3600,
	gofiveRequireSubscriptionKey: false,
	gofiveCustomerContact: 'contacts',
	gofiveCustomerUpdate: 'keep',
	webhookDelivery: { duplicates: 0, delayMs: 0, malformed: false, wrongSecret: false },
	readings: {
		closeChatMethod: 'POST',
		lineBasicIdNonLine: 'optional',
		gofiveStatusBlock: true,
		gofiveOtherValues: false,
	},
};

function cloneKnobs(k: Knobs): Knobs {
	return JSON.parse(JSON.stringify(k)) as Knobs;
}

class KnobError extends Error {}

function need(ok: boolean, message: string): void {
	if (!ok) throw new KnobError(`knobs.${message}`);
}

const isNumber = (v: unknown, min = 0): v is number =>
	typeof v === 'number' && Number.isFinite(v) && v >= min;

function checkRule(rule: unknown, i: number): void {
	const at = `faults[${i}]`;
	need(isPlainObject(rule), `${at} must be an object`);
	const r = rule as Record<string, unknown>;
	for (const key of Object.keys(r))
		need(
			['match', 'kind', 'probability', 'sequence', 'afterHandling'].includes(key),
			`${at}.${key} is not a fault rule field`,
		);
	if (r.match !== undefined) {
		need(isPlainObject(r.match), `${at}.match must be an object`);
		const m = r.match as Record<string, unknown>;
		for (const key of Object.keys(m))
			need(['api', 'method', 'path'].includes(key), `${at}.match.${key} is not a match field`);
		need(
			m.api === undefined || APIS.includes(m.api as Api),
			`${at}.match.api must be one of: ${APIS.join(', ')}`,
		);
		need(
			m.method === undefined || typeof m.method === 'string',
			`${at}.match.method must be a string`,
		);
		need(m.path === undefined || typeof m.path === 'string', `${at}.match.path must be a string`);
		if (typeof m.path === 'string') pathMatcher(m.path);
	}
	need(
		r.kind === undefined || FAULT_KINDS.includes(r.kind as FaultKind),
		`${at}.kind must be one of: ${FAULT_KINDS.join(', ')}`,
	);
	need(
		r.probability === undefined || (isNumber(r.probability) && r.probability <= 1),
		`${at}.probability must be a number from 0 to 1`,
	);
	need(
		r.afterHandling === undefined || typeof r.afterHandling === 'boolean',
		`${at}.afterHandling must be a boolean`,
	);
	if (r.sequence !== undefined) {
		need(Array.isArray(r.sequence), `${at}.sequence must be an array`);
		(r.sequence as unknown[]).forEach((s, j) =>
			need(
				s === 'pass' || FAULT_KINDS.includes(s as FaultKind),
				`${at}.sequence[${j}] must be 'pass' or a fault kind`,
			),
		);
	} else {
		need(r.kind !== undefined, `${at} needs a kind or a sequence`);
	}
}

/** Throws a `knobs.…` error on an invalid patch; returns it typed. */
export function checkKnobsPatch(patch: unknown): KnobsPatch {
	if (!isPlainObject(patch)) throw new KnobError('knobs must be an object');
	const p = patch as Record<string, unknown>;
	for (const key of Object.keys(p)) need(key in DEFAULT_KNOBS, `${key} is not a knob`);
	if (p.latency !== undefined) {
		need(isPlainObject(p.latency), 'latency must be an object');
		const l = p.latency as Record<string, unknown>;
		for (const key of Object.keys(l))
			need(key === 'fixedMs' || key === 'jitterMs', `latency.${key} is not a latency field`);
		need(l.fixedMs === undefined || isNumber(l.fixedMs), 'latency.fixedMs must be a number ≥ 0');
		need(l.jitterMs === undefined || isNumber(l.jitterMs), 'latency.jitterMs must be a number ≥ 0');
	}
	if (p.rateLimit !== undefined && p.rateLimit !== null) {
		need(isPlainObject(p.rateLimit), 'rateLimit must be an object or null');
		const r = p.rateLimit as Record<string, unknown>;
		need(isNumber(r.perSecond) && r.perSecond > 0, 'rateLimit.perSecond must be a number > 0');
		need(r.burst === undefined || isNumber(r.burst, 1), 'rateLimit.burst must be a number ≥ 1');
	}
	if (p.faults !== undefined) {
		need(Array.isArray(p.faults), 'faults must be an array');
		(p.faults as unknown[]).forEach(checkRule);
	}
	need(
		p.gofiveTokenTtlSeconds === undefined || isNumber(p.gofiveTokenTtlSeconds),
		'gofiveTokenTtlSeconds must be a number ≥ 0',
	);
	need(
		p.gofiveRequireSubscriptionKey === undefined ||
			typeof p.gofiveRequireSubscriptionKey === 'boolean',
		'gofiveRequireSubscriptionKey must be a boolean',
	);
	need(
		p.gofiveCustomerContact === undefined ||
			p.gofiveCustomerContact === 'contacts' ||
			p.gofiveCustomerContact === 'contact',
		"gofiveCustomerContact must be 'contacts' or 'contact'",
	);
	need(
		p.gofiveCustomerUpdate === undefined ||
			p.gofiveCustomerUpdate === 'keep' ||
			p.gofiveCustomerUpdate === 'clear',
		"gofiveCustomerUpdate must be 'keep' or 'clear'",
	);
	if (p.webhookDelivery !== undefined) {
		need(isPlainObject(p.webhookDelivery), 'webhookDelivery must be an object');
		const w = p.webhookDelivery as Record<string, unknown>;
		for (const key of Object.keys(w))
			need(
				['duplicates', 'delayMs', 'malformed', 'wrongSecret'].includes(key),
				`webhookDelivery.${key} is not a webhook delivery field`,
			);
		need(
			w.duplicates === undefined ||
				(Number.isInteger(w.duplicates) && isNumber(w.duplicates) && w.duplicates <= 10),
			'webhookDelivery.duplicates must be a whole number from 0 to 10',
		);
		need(
			w.delayMs === undefined || isNumber(w.delayMs),
			'webhookDelivery.delayMs must be a number ≥ 0',
		);
		need(
			w.malformed === undefined || typeof w.malformed === 'boolean',
			'webhookDelivery.malformed must be a boolean',
		);
		need(
			w.wrongSecret === undefined || typeof w.wrongSecret === 'boolean',
			'webhookDelivery.wrongSecret must be a boolean',
		);
	}
	if (p.readings !== undefined) {
		need(isPlainObject(p.readings), 'readings must be an object');
		const r = p.readings as Record<string, unknown>;
		for (const key of Object.keys(r))
			need(key in DEFAULT_KNOBS.readings, `readings.${key} is not a reading`);
		need(
			r.closeChatMethod === undefined ||
				r.closeChatMethod === 'POST' ||
				r.closeChatMethod === 'GET',
			"readings.closeChatMethod must be 'POST' or 'GET'",
		);
		need(
			r.lineBasicIdNonLine === undefined ||
				['optional', 'keyRequired', 'emptyRefused'].includes(r.lineBasicIdNonLine as string),
			"readings.lineBasicIdNonLine must be 'optional', 'keyRequired' or 'emptyRefused'",
		);
		need(
			r.gofiveStatusBlock === undefined || typeof r.gofiveStatusBlock === 'boolean',
			'readings.gofiveStatusBlock must be a boolean',
		);
		need(
			r.gofiveOtherValues === undefined || typeof r.gofiveOtherValues === 'boolean',
			'readings.gofiveOtherValues must be a boolean',
		);
	}
	return p as KnobsPatch;
}

/** JSON-merge `patch` onto `base`: latency, webhookDelivery and readings merge, everything else replaces (null turns the rate limit off). */
export function mergeKnobs(base: Knobs, patch: KnobsPatch): Knobs {
	const next = cloneKnobs(base);
	const copy = cloneKnobs(patch as Knobs);
	return {
		...next,
		...copy,
		latency: { ...next.latency, ...copy.latency },
		webhookDelivery: { ...next.webhookDelivery, ...copy.webhookDelivery },
		readings: { ...next.readings, ...copy.readings },
	};
}

/** `/regex/flags` or a substring. */
function pathMatcher(spec: string): (path: string) => boolean {
	const re = /^\/(.+)\/([dgimsuy]*)$/.exec(spec);
	if (!re) return (path) => path.includes(spec);
	let regex: RegExp;
	try {
		regex = new RegExp(re[1], re[2]);
	} catch (error) {
		throw new KnobError(`knobs: invalid path regex ${spec}: ${(error as Error).message}`);
	}
	return (path) => regex.test(path);
}

interface ActiveRule {
	rule: FaultRule;
	matches: (api: LoggedApi, method: string, path: string) => boolean;
}

export interface PickedFault {
	kind: FaultKind;
	afterHandling: boolean;
}

/** Token bucket per identity; 0 = allowed, else the Retry-After in whole seconds. */
class RateLimiter {
	private buckets = new Map<string, { tokens: number; at: number }>();

	constructor(private readonly config: Knobs['rateLimit']) {}

	take(identity: string): number {
		if (!this.config) return 0;
		const { perSecond } = this.config;
		const burst = this.config.burst ?? Math.max(1, perSecond);
		const now = Date.now();
		const b = this.buckets.get(identity) ?? { tokens: burst, at: now };
		b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
		b.at = now;
		this.buckets.set(identity, b);
		if (b.tokens >= 1) {
			b.tokens -= 1;
			return 0;
		}
		return Math.max(1, Math.ceil((1 - b.tokens) / perSecond));
	}
}

/** The live knobs: latency, rate limit and fault rules (sequences are consumed as requests match). */
export class KnobState {
	private current: Knobs;
	private rules: ActiveRule[] = [];
	private limiter = new RateLimiter(null);

	constructor(private readonly start: Knobs) {
		this.current = cloneKnobs(start);
		this.apply();
	}

	private apply(): void {
		this.rules = this.current.faults.map((rule) => {
			const path = rule.match?.path === undefined ? undefined : pathMatcher(rule.match.path);
			const method = rule.match?.method?.toUpperCase();
			const api = rule.match?.api;
			return {
				rule,
				matches: (a, m, p) =>
					(api === undefined || api === a) &&
					(method === undefined || method === m) &&
					(path === undefined || path(p)),
			};
		});
		this.limiter = new RateLimiter(this.current.rateLimit);
	}

	get(): Knobs {
		return cloneKnobs(this.current);
	}

	/** The live knobs without a copy (read-only use on the hot path). */
	peek(): Readonly<Knobs> {
		return this.current;
	}

	set(patch: unknown): void {
		const next = mergeKnobs(this.current, checkKnobsPatch(patch));
		// Keep the buckets when the rate limit itself did not change.
		const limiter = this.limiter;
		const sameLimit = JSON.stringify(next.rateLimit) === JSON.stringify(this.current.rateLimit);
		this.current = next;
		this.apply();
		if (sameLimit) this.limiter = limiter;
	}

	reset(): void {
		this.current = cloneKnobs(this.start);
		this.apply();
	}

	delayMs(): number {
		const { fixedMs, jitterMs } = this.current.latency;
		return fixedMs + (jitterMs > 0 ? Math.random() * jitterMs : 0);
	}

	rateLimited(identity: string): number {
		return this.limiter.take(identity);
	}

	/** Rules in order: a sequence consumes one entry per matching request ('pass' → next rule), a kind fires by probability. */
	pickFault(api: LoggedApi, method: string, path: string): PickedFault | undefined {
		for (const { rule, matches } of this.rules) {
			if (!matches(api, method, path)) continue;
			let kind: FaultKind | 'pass' | undefined;
			if (rule.sequence) kind = rule.sequence.shift();
			else if (rule.kind !== undefined && Math.random() < (rule.probability ?? 1)) kind = rule.kind;
			if (kind !== undefined && kind !== 'pass')
				return { kind, afterHandling: rule.afterHandling === true };
		}
		return undefined;
	}
}

export function isKnobError(error: unknown): boolean {
	return error instanceof KnobError;
}

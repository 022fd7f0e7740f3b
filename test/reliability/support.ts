/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * Shared by the reliability suites: what a node run gave per input item, the summary file, and the secret search.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { join } from 'path';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import type { RunNodeResult } from '../helpers/n8n';
import { pairedItems } from '../helpers/ohoContact';

/**
 * Jest raises Error.stackTraceLimit to 100 and maps every frame through source maps whenever a stack is read; n8n
 * reads the stack of each node error it handles. These suites make thousands of error items, so they keep stacks
 * short (a failed assertion still points at its line).
 */
export function keepStacksShort(): void {
	Error.stackTraceLimit = 4;
}

/** What one input item came out as: its output items (main and error output), and their JSON. */
export interface ItemOutcome {
	index: number;
	items: INodeExecutionData[];
	outputs: IDataObject[];
}

/** The output items of every input, from all outputs (main and, when enabled, error), by pairedItem. */
export function outcomesByItem(result: RunNodeResult, itemCount: number): ItemOutcome[] {
	const outcomes: ItemOutcome[] = Array.from({ length: itemCount }, (_, index) => ({
		index,
		items: [],
		outputs: [],
	}));
	const stray: INodeExecutionData[] = [];
	for (const items of result.outputs) {
		const paired = pairedItems(items);
		(items ?? []).forEach((item, position) => {
			const index = paired[position];
			if (index >= 0 && index < itemCount) {
				outcomes[index].items.push(item);
				outcomes[index].outputs.push(item.json);
			} else {
				stray.push(item);
			}
		});
	}
	if (stray.length > 0)
		throw new Error(
			`output items paired with no input item: ${JSON.stringify(stray).slice(0, 500)}`,
		);
	return outcomes;
}

/** The `error` object of a continue-on-fail error item: `{ message, description?, httpCode?, itemIndex }`. */
const errorOf = (json: IDataObject | undefined): IDataObject | undefined => {
	const error = json?.error;
	return error !== null && typeof error === 'object' && !Array.isArray(error)
		? (error as IDataObject)
		: undefined;
};

/** An error item of continue-on-fail: its JSON's `error` is an object carrying the message. */
export const isErrorItem = (json: IDataObject): boolean =>
	typeof errorOf(json)?.message === 'string';

/** The message of an error item (what the user reads in `error.message`); undefined for any other item. */
export const errorMessage = (json: IDataObject | undefined): unknown => errorOf(json)?.message;

/**
 * The item index and description of an error item: from its JSON's `error`, or from the n8n error attached to the
 * item (n8n keeps only { error: message } in the JSON of an item that carries its error).
 */
export function errorDetails(item: INodeExecutionData | undefined): {
	itemIndex?: unknown;
	description?: unknown;
} {
	const error = errorOf(item?.json);
	const attached = item?.error as
		| { description?: unknown; context?: { itemIndex?: unknown } }
		| undefined;
	return {
		itemIndex: error?.itemIndex ?? attached?.context?.itemIndex,
		description: error?.description ?? attached?.description,
	};
}

// ---------------------------------------------------------------- summary

const RESULTS_DIR = join(__dirname, '..', '..', 'test-results');
const PARTS_DIR = join(RESULTS_DIR, 'reliability');
export const SUMMARY_FILE = join(RESULTS_DIR, 'reliability-summary.json');

export interface SummaryTotals {
	inputsTried: number;
	faultsInjected: number;
	faultsSurvived: number;
	itemsLost: number;
	itemsDuplicated: number;
	secretsLeaked: number;
}

export interface SummaryPart extends Partial<SummaryTotals> {
	suite: string;
	finishedAt: string;
	[detail: string]: unknown;
}

function writeJson(file: string, value: unknown): void {
	const temporary = `${file}.${process.pid}.tmp`;
	writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
	renameSync(temporary, file);
}

/**
 * Writes this suite's part (test-results/reliability/<suite>.json) and rebuilds test-results/reliability-summary.json
 * from every part present: each suite of the run adds its figures; a part left by an earlier run keeps its finishedAt.
 * Returns the combined summary.
 */
export function writeSummaryPart(part: SummaryPart): {
	totals: SummaryTotals;
	parts: Record<string, SummaryPart>;
} {
	mkdirSync(PARTS_DIR, { recursive: true });
	writeJson(join(PARTS_DIR, `${part.suite}.json`), part);
	const parts: Record<string, SummaryPart> = {};
	for (const name of readdirSync(PARTS_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()) {
		try {
			const read = JSON.parse(readFileSync(join(PARTS_DIR, name), 'utf8')) as SummaryPart;
			parts[read.suite] = read;
		} catch {
			// a part being written by another suite right now: it rebuilds the summary itself when done
		}
	}
	const totals: SummaryTotals = {
		inputsTried: 0,
		faultsInjected: 0,
		faultsSurvived: 0,
		itemsLost: 0,
		itemsDuplicated: 0,
		secretsLeaked: 0,
	};
	for (const read of Object.values(parts)) {
		for (const key of Object.keys(totals) as Array<keyof SummaryTotals>)
			totals[key] += Number(read[key] ?? 0);
	}
	writeJson(SUMMARY_FILE, { generatedAt: new Date().toISOString(), totals, parts });
	return { totals, parts };
}

// ---------------------------------------------------------------- secrets

/** Recognisable secrets that the sandbox does not know: a request carrying them is answered 401. */
export const UNKNOWN_SECRETS = {
	ohoApiKey: 'oho-SECRET-KEY-7f3a9',
	gofiveAccessToken: 'gofive-SECRET-TOKEN-4c1d8',
	gofiveClientSecret: 'gofive-CLIENT-SECRET-b92e0',
	gofiveSubscriptionKey: 'gofive-SUBSCRIPTION-KEY-e5a17',
};

/**
 * Where any of `secrets` occurs in `value`: every string reached through own properties (enumerable or not, so an
 * error's message, stack, cause and context count), array entries, Map and Set entries. Returns the paths found.
 */
export function findSecrets(value: unknown, secrets: string[]): string[] {
	const wanted = secrets.filter((secret) => secret.length >= 6);
	const found: string[] = [];
	const seen = new WeakSet<object>();
	const check = (text: string, path: string) => {
		for (const secret of wanted) {
			if (
				text.includes(secret) ||
				text.includes(encodeURIComponent(secret)) ||
				text.includes(Buffer.from(secret).toString('base64'))
			) {
				found.push(`${path} contains ${secret.slice(0, 4)}…`);
			}
		}
	};
	const walk = (node: unknown, path: string, depth: number) => {
		if (typeof node === 'string') return check(node, path);
		if (typeof node !== 'object' || node === null || depth > 40) return;
		if (seen.has(node)) return;
		seen.add(node);
		if (node instanceof Map) {
			for (const [key, entry] of node) {
				walk(key, `${path}<key>`, depth + 1);
				walk(entry, `${path}[${String(key)}]`, depth + 1);
			}
			return;
		}
		if (node instanceof Set) {
			for (const entry of node) walk(entry, `${path}<entry>`, depth + 1);
			return;
		}
		for (const key of Object.getOwnPropertyNames(node)) {
			check(key, `${path}<key>`);
			let entry: unknown;
			try {
				entry = (node as Record<string, unknown>)[key];
			} catch {
				continue;
			}
			walk(entry, `${path}.${key}`, depth + 1);
		}
	};
	walk(value, '$', 0);
	// What n8n would store is serialised JSON; search that too (toJSON methods may add text).
	let serialised = '';
	try {
		serialised = JSON.stringify(value) ?? '';
	} catch {
		serialised = '';
	}
	check(serialised, 'JSON');
	return found;
}

/** Everything of a run where a secret could surface: output items, the node's error and the whole execution. */
export function secretsInRun(result: RunNodeResult, secrets: string[]): string[] {
	return [
		...findSecrets(result.outputs, secrets).map((path) => `outputs ${path}`),
		...findSecrets(result.error, secrets).map((path) => `error ${path}`),
		...findSecrets(result.error?.message, secrets).map((path) => `error.message ${path}`),
		...findSecrets(result.error?.description, secrets).map((path) => `error.description ${path}`),
		...findSecrets(result.run, secrets).map((path) => `run ${path}`),
	];
}

// ---------------------------------------------------------------- sandboxes

/**
 * Gives each scenario a sandbox of its own, started for it and closed after it, so scenarios run side by side without
 * sharing faults or state, and a request that a timed-out attempt left behind (the sandbox may read it late on a
 * busy machine) can never consume the next scenario's scripted faults.
 */
export class Sandboxes {
	private readonly open = new Set<Sandbox>();

	/** How many sandboxes were started. */
	started = 0;

	async use<T>(work: (sb: Sandbox) => Promise<T>): Promise<T> {
		const sb = await startSandbox({ port: 0 });
		this.open.add(sb);
		this.started++;
		try {
			return await work(sb);
		} finally {
			this.open.delete(sb);
			await sb.close();
		}
	}

	async close(): Promise<void> {
		await Promise.all([...this.open].map(async (sb) => await sb.close()));
	}
}

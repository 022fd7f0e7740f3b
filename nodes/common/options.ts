import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { AUTO_CEILING } from './parallelism';
import type { RunParameters } from './parameters';

/** How requests are sent: the knobs every node of this package offers under Advanced. */
export interface RequestSettings {
	maxRetries: number;
	retryDelayMs: number;
	maxRetryDelayMs: number;
	timeoutMs: number;
	parallelRequests: number;
	maxParallelRequests: number;
	includeRawResponse: boolean;
}

/** How many items a run sends at the same time: Auto up to a cap, or a fixed number the operator chose. */
export type Parallelism = { mode: 'auto'; cap: number } | { mode: 'fixed'; count: number };

/** A fixed Requests in Parallel, when the option is added without a value of its own. */
export const DEFAULT_PARALLEL_REQUESTS = 5;

/**
 * Version 1 of every node offered the request knobs in Options, mixed with the data options; later versions group
 * them in their own Advanced collection. A workflow saved with version 1 keeps its layout and values: n8n drops a
 * stored value its node's description no longer shows, so the knobs cannot simply move.
 */
export const NODE_VERSIONS = [1, 1.1];
export const ADVANCED_VERSION = 1.1;

const onlyInFirstVersion = { show: { '@version': [1] } };

/** The request knobs shared by every node. */
const requestFields: INodeProperties[] = [
	{
		displayName: 'Include Raw API Response',
		name: 'includeRawResponse',
		type: 'boolean',
		default: false,
		description: 'Whether to add the API’s full answer to each output item, under "rawResponse"',
	},
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: 3,
		description:
			'How many times to retry a request that hit a rate limit (429) or an unavailable API (a 503 the API itself sends, or one with Retry-After), and, when resending cannot act twice, any other 502, 503 or 504 or a lost connection. Waits as long as the API’s Retry-After asks (after a 429 or 503 the other items wait too), otherwise backs off exponentially. Errors that retrying cannot fix (400, 401, 403, 404, 409) are never retried.',
	},
	{
		displayName: 'Most Requests in Parallel (Auto)',
		name: 'maxParallelRequests',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: AUTO_CEILING },
		default: AUTO_CEILING,
		description: `Without a fixed Requests in Parallel the node adapts by itself (Auto): it starts with 4 items at a time, doubles while the API keeps up (its answers come as fast and as often as the number sent allows), and halves on a 429, a 503 or a timeout. A distant API needs more in flight than a near one, so Auto grows as far as the link allows, up to ${AUTO_CEILING}. Set a lower number here to spare an API that has no rate limit of its own.`,
	},
	{
		displayName: 'Requests in Parallel',
		name: 'parallelRequests',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 50 },
		default: DEFAULT_PARALLEL_REQUESTS,
		description:
			'A fixed number of items to send at the same time, instead of Auto (leave this option out for Auto). Output keeps the input order either way.',
	},
	{
		displayName: 'Retry Delay (Milliseconds)',
		name: 'retryDelayMs',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 500,
		description: 'First wait before a retry, doubled at each further retry (with random jitter)',
	},
	{
		displayName: 'Timeout (Milliseconds)',
		name: 'timeoutMs',
		type: 'number',
		typeOptions: { minValue: 1000 },
		default: 30000,
		description: 'How long to wait for each answer before giving up on that attempt',
	},
];

/** Version 1's request knobs, inside a node's Options collection. */
export const requestOptionFields: INodeProperties[] = requestFields.map((field) => ({
	...field,
	displayOptions: onlyInFirstVersion,
}));

/** The Advanced collection: how requests are sent, apart from the options about the data. */
export const advancedCollection: INodeProperties = {
	displayName: 'Advanced',
	name: 'advanced',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	description: 'How requests are sent: retries, timeout, requests in parallel, the raw answer',
	displayOptions: { hide: { '@version': [1] } },
	options: requestFields,
};

const DEFAULT_REQUEST_SETTINGS = {
	...(Object.fromEntries(requestFields.map((field) => [field.name, field.default])) as Omit<
		RequestSettings,
		'maxRetryDelayMs'
	>),
	/** Longest wait before a retry; a longer Retry-After is reported instead of waited for. */
	maxRetryDelayMs: 30_000,
} as RequestSettings;

/** Where a node run's request knobs are read: n8n's context and the run's parameter values (runState.ts). */
interface SettingsSource {
	ctx: IExecuteFunctions;
	parameters: RunParameters;
}

/** The request knobs the operator set for one item: under Advanced, or in Options in a version 1 node. */
function requestOptions(
	{ ctx, parameters }: SettingsSource,
	itemIndex: number,
): Partial<RequestSettings> {
	const collection = ctx.getNode().typeVersion >= ADVANCED_VERSION ? 'advanced' : 'options';
	return parameters.value(collection, itemIndex, {}) as Partial<RequestSettings>;
}

/** Reads the shared request options for one item. */
export function getRequestSettings(source: SettingsSource, itemIndex: number): RequestSettings {
	const options = requestOptions(source, itemIndex);
	const settings = { ...DEFAULT_REQUEST_SETTINGS };
	for (const key of Object.keys(settings) as Array<keyof RequestSettings>) {
		if (options[key] !== undefined && options[key] !== null) {
			(settings as Record<string, unknown>)[key] = options[key];
		}
	}
	return settings;
}

/** A whole number of at least 1 from an option, or the fallback (an expression may give anything). */
function atLeastOne(value: unknown, fallback: number): number {
	const number = Math.floor(Number(value));
	return Number.isFinite(number) ? Math.max(1, number) : fallback;
}

/** Auto unless the operator added Requests in Parallel (read once per run, at the first item). */
export function getParallelism(source: SettingsSource): Parallelism {
	const options = requestOptions(source, 0);
	if (options.parallelRequests !== undefined && options.parallelRequests !== null) {
		return {
			mode: 'fixed',
			count: atLeastOne(options.parallelRequests, DEFAULT_PARALLEL_REQUESTS),
		};
	}
	// AdaptiveParallelism holds any cap to AUTO_CEILING, whatever an expression gives.
	return { mode: 'auto', cap: atLeastOne(options.maxParallelRequests, AUTO_CEILING) };
}

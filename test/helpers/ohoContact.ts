/**
 * Parameter sets and runners for the Oho Contact node, run through n8n-core's WorkflowExecute
 * (test/helpers/n8n.ts) against the sandbox.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { OhoContact } from '../../nodes/OhoContact/OhoContact.node';
import type { Sandbox } from '../../sandbox';
import { DEMO, storedForm } from '../../sandbox';
import type { OnError, RunNodeResult } from './n8n';
import { jsonOf, runNode } from './n8n';

export { jsonOf };

export type Operation = 'get' | 'create' | 'update' | 'upsert';

export interface Identity {
	platform: string;
	platformId: string;
	userId: string;
}

export const LINE = DEMO.line;

/** Somchai, the seeded LINE contact with every optional field set. */
export const SOMCHAI: Identity = {
	platform: 'line',
	platformId: LINE.platformId,
	userId: LINE.userIds[0],
};

/** Suda, a seeded LINE contact with tags ['new'] and no attributes or labels. */
export const SUDA: Identity = {
	platform: 'line',
	platformId: LINE.platformId,
	userId: LINE.userIds[1],
};

let counter = 0;

/** A LINE contact the seed does not have (a new user ID on the demo OA each call). */
export function newLineContact(): Identity {
	counter++;
	return {
		platform: 'line',
		platformId: LINE.platformId,
		userId: `Un8n${String(counter).padStart(29, '0')}`,
	};
}

/** The path of a contact in the Oho API. */
export function contactPath({ platform, platformId, userId }: Identity): string {
	return `/contact/${platform}/${encodeURIComponent(platformId)}/user/${encodeURIComponent(userId)}`;
}

/** The parameters Create and Upsert require ("Set Each Field"), for a customer of the demo LINE OA. */
export const REQUIRED_FIELDS = {
	platformName: LINE.platformName,
	lineBasicId: LINE.lineBasicId,
	profilePictureUrl: 'https://profile.line-scdn.net/0hSomsak',
	platformDisplayName: 'Somsak LINE',
	firstName: 'Somsak',
} as const;

/** Map Input Fields with these columns defined below; `schema` is what the editor saved with them. */
export function mappedBelow(value: IDataObject, schema: unknown[] = []): IDataObject {
	return {
		dataMode: 'mapper',
		contactFields: { mappingMode: 'defineBelow', value, matchingColumns: [], schema },
	};
}

/** What REQUIRED_FIELDS send, without social_profile.id (the user ID). */
export function requiredBody(userId: string): IDataObject {
	return {
		social_profile: {
			platform: 'line',
			id: userId,
			platform_id: LINE.platformId,
			platform_name: LINE.platformName,
			line_basic_id: LINE.lineBasicId,
		},
		profile_picture_url: REQUIRED_FIELDS.profilePictureUrl,
		platform_display_name: REQUIRED_FIELDS.platformDisplayName,
		display_name: REQUIRED_FIELDS.platformDisplayName,
		first_name: REQUIRED_FIELDS.firstName,
	};
}

/** Retries wait about a millisecond unless a test asks otherwise (never assert times; count requests). */
export const FAST_RETRIES = { retryDelayMs: 1 };

/**
 * The node's parameters for one operation on one contact. Create and Upsert get REQUIRED_FIELDS (each may be
 * overridden in `rest`); `rest.options` is merged over FAST_RETRIES.
 */
export function params(
	operation: Operation,
	identity: Identity,
	rest: IDataObject = {},
): INodeParameters {
	const { options, ...fields } = rest;
	const required = operation === 'create' || operation === 'upsert' ? REQUIRED_FIELDS : {};
	return {
		resource: 'contact',
		operation,
		...identity,
		...required,
		...fields,
		options: { ...FAST_RETRIES, ...(options as IDataObject | undefined) },
	} as INodeParameters;
}

export interface RunOptions {
	items?: IDataObject[];
	onError?: OnError;
	apiKey?: string;
	baseUrl?: string;
	/** The workflow's time zone (Bangkok unless given). */
	timezone?: string;
	/** The account fields of the Oho API credential (none unless given). */
	account?: IDataObject;
	/** The node's version as saved in the workflow (1 unless given). */
	typeVersion?: number;
}

/** Runs the Oho Contact node once, inside WorkflowExecute, with an Oho credential pointing at the sandbox. */
export async function runContact(
	sb: Sandbox,
	parameters: INodeParameters,
	run: RunOptions = {},
): Promise<RunNodeResult> {
	return await runNode({
		node: new OhoContact(),
		parameters,
		credentials: {
			ohoApi: {
				apiKey: run.apiKey ?? DEMO.ohoApiKey,
				baseUrl: run.baseUrl ?? sb.url,
				...run.account,
			},
		},
		items: run.items,
		onError: run.onError,
		timezone: run.timezone,
		typeVersion: run.typeVersion,
	});
}

/** Runs the node and returns its single output item; fails the test when the node errored or gave another count. */
export async function runOne(
	sb: Sandbox,
	parameters: INodeParameters,
	run: RunOptions = {},
): Promise<IDataObject> {
	const result = await runContact(sb, parameters, run);
	expect(result.error?.message).toBeUndefined();
	const output = jsonOf(result);
	expect(output).toHaveLength(1);
	return output[0];
}

/** The error that stopped the node; fails the test when the node did not stop. */
export function stopError(result: RunNodeResult): NonNullable<RunNodeResult['error']> {
	expect(result.error).toBeDefined();
	return result.error!;
}

/** Runs the node expecting it to stop with an error and returns that error. */
export async function runFailing(sb: Sandbox, parameters: INodeParameters, run: RunOptions = {}) {
	return stopError(await runContact(sb, parameters, run));
}

/** Which input item each output item came from. */
export function pairedItems(items: INodeExecutionData[] | undefined): number[] {
	return (items ?? []).map((item) => {
		const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
		return typeof paired === 'number' ? paired : (paired?.item ?? -1);
	});
}

/** Identity parameters for a contact of the demo LINE OA whose user ID is the input item's `userId`. */
export const USER_ID_FROM_ITEM = {
	platform: 'line',
	platformId: LINE.platformId,
	userId: '={{ $json.userId }}',
};

/**
 * A contact as the node outputs a read of it (Get, storedContact): Oho's stored form (contact_tags / chat_tags
 * objects, age as text, as the sandbox answers reads) with tags and labels also as plain lists and age a number.
 */
export function readBack(sb: Sandbox, { platform, platformId, userId }: Identity): IDataObject {
	const contact = sb.getContact(platform, platformId, userId);
	if (!contact) throw new Error(`no contact ${userId}`);
	return {
		...storedForm(contact),
		tags: contact.tags,
		labels: contact.labels,
		...(contact.age === undefined ? {} : { age: contact.age }),
	} as IDataObject;
}

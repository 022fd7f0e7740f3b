/**
 * Oho helpers of the reliability suites: identity generators (valid and invalid, per item), what a recorded request
 * meant, and contacts put in place directly through the sandbox's API (not through the node).
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import type { RecordedRequest, Sandbox } from '../../sandbox';
import { DEMO } from '../../sandbox';
import type { Valid } from './arbitraries';
import { invalidId, invalidPlatform, PLATFORMS, platformId, textCore } from './arbitraries';

export interface IdentityValues {
	platform: string;
	platformId: string;
	userId: string;
}

/** The identity an item gives (raw) and the one the API must receive (api: trimmed). */
export interface IdentityCase {
	raw: Record<keyof IdentityValues, unknown>;
	api: IdentityValues;
	/** The identity field made invalid, if any. */
	invalid?: keyof IdentityValues;
}

export const IDENTITY_FIELDS: Record<keyof IdentityValues, { label: string; path: string }> = {
	platform: { label: 'Platform', path: 'platform' },
	platformId: { label: 'Platform ID', path: 'platformId' },
	userId: { label: 'User ID', path: 'userId' },
};

const PAD_ID = fc.constantFrom('', '', ' ', '\t', '\u00a0');

/** A user ID unique to item `index` (its prefix), padded, with URL-special and non-ASCII characters after the prefix. */
function userIdFor(index: number): fc.Arbitrary<Valid<string>> {
	const prefix = `u${index.toString(36)}_`;
	const core = fc.oneof(
		fc.constant(''),
		textCore(40 - prefix.length, [
			...'abcdefABCDEF0123456789'.split(''),
			'.',
			'/',
			'?',
			'#',
			'%',
			'+',
			' ',
			'ก',
			'😀',
			'\u0000',
		]),
	);
	const text = fc
		.tuple(PAD_ID, core, PAD_ID)
		.map(([before, rest, after]) => ({
			raw: before + prefix + rest + after,
			api: (prefix + rest).trim(),
		}))
		.filter(({ api }) => api.length <= 40);
	// A numeric ID as JSON gives it (Facebook/Instagram), unique to the item: sent as its digits.
	const numeric = fc.integer({ min: 0, max: 999_999 }).map((n): Valid<string> => {
		const id = (index + 1) * 1_000_000_000 + n;
		return { raw: id, api: String(id) };
	});
	return fc.oneof({ weight: 5, arbitrary: text }, { weight: 1, arbitrary: numeric });
}

/** The seeded contacts (and chat rooms) of the demo business, reachable with the demo key. */
export const SEEDED: IdentityValues[] = [
	...DEMO.line.userIds.map((userId) => ({
		platform: 'line',
		platformId: DEMO.line.platformId,
		userId,
	})),
	...DEMO.facebook.userIds.map((userId) => ({
		platform: 'facebook',
		platformId: DEMO.facebook.platformId,
		userId,
	})),
	...DEMO.instagram.userIds.map((userId) => ({
		platform: 'instagram',
		platformId: DEMO.instagram.platformId,
		userId,
	})),
];

/** A valid identity for item `index`: a new one (unique user ID), or with `seeded` sometimes a seeded contact, padded. */
export function validIdentity(index: number, seeded = false): fc.Arbitrary<IdentityCase> {
	const fresh = fc
		.tuple(fc.constantFrom(...PLATFORMS), platformId, userIdFor(index))
		.map(([platform, pid, uid]) => ({
			raw: { platform, platformId: pid.raw, userId: uid.raw },
			api: { platform, platformId: pid.api, userId: uid.api },
		}));
	if (!seeded) return fresh;
	const known = fc
		.tuple(fc.constantFrom(...SEEDED), PAD_ID, PAD_ID)
		.map(([identity, before, after]) => ({
			raw: {
				platform: identity.platform,
				platformId: before + identity.platformId + after,
				userId: identity.userId + after,
			},
			api: identity,
		}));
	return fc.oneof({ weight: 3, arbitrary: fresh }, { weight: 1, arbitrary: known });
}

/** A valid identity for item `index` with one field replaced by an invalid value. */
export function invalidIdentity(index: number): fc.Arbitrary<IdentityCase> {
	return fc
		.tuple(
			validIdentity(index),
			fc.constantFrom<keyof IdentityValues>('platform', 'platformId', 'userId'),
			invalidPlatform,
			invalidId,
		)
		.map(([valid, field, badPlatform, badId]) => ({
			raw: { ...valid.raw, [field]: field === 'platform' ? badPlatform : badId },
			api: valid.api,
			invalid: field,
		}));
}

/** The identity fields of an item's JSON, read by the node with `={{ $json.… }}`. */
export const IDENTITY_FROM_ITEM = {
	platform: '={{ $json.platform }}',
	platformId: '={{ $json.platformId }}',
	userId: '={{ $json.userId }}',
};

/** JSON with object keys sorted, so bodies compare whatever order their keys were written in. */
export function canonical(value: unknown): string {
	return JSON.stringify(value, (_key, entry: unknown) =>
		typeof entry === 'object' && entry !== null && !Array.isArray(entry)
			? Object.fromEntries(
					Object.entries(entry as IDataObject).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
				)
			: entry,
	);
}

/** A request as meant: method, the path's segments decoded, the body. */
export interface MeantRequest {
	method: string;
	segments: string[];
	body?: unknown;
}

export function meaning(request: RecordedRequest): MeantRequest {
	return {
		method: request.method,
		segments: request.path
			.split('/')
			.slice(1)
			.map((segment) => decodeURIComponent(segment)),
		...(request.body === undefined ? {} : { body: request.body }),
	};
}

export const describeRequest = (request: MeantRequest): string =>
	`${request.method} ${JSON.stringify(request.segments)} ${canonical(request.body)}`;

/** The requests as meant, one line each, sorted: two runs sent the same requests when these lists are equal. */
export const requestLines = (requests: MeantRequest[]): string[] =>
	requests.map(describeRequest).sort();

/** Creates contacts through the sandbox's API directly (not through the node), as existing data for a test. */
export async function putContacts(sb: Sandbox, identities: IdentityValues[]): Promise<void> {
	for (const identity of identities) {
		const response = await fetch(`${sb.url}/contact`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-oho-api-key': DEMO.ohoApiKey },
			body: JSON.stringify({
				social_profile: {
					platform: identity.platform,
					id: identity.userId,
					platform_id: identity.platformId,
					platform_name: 'Existing',
					line_basic_id: '@existing',
				},
				profile_picture_url: 'https://example.com/existing.png',
				platform_display_name: 'Existing',
				display_name: 'Existing',
				first_name: 'Existing',
			}),
		});
		if (response.status !== 201)
			throw new Error(
				`could not put contact ${JSON.stringify(identity)}: ${response.status} ${await response.text()}`,
			);
	}
	sb.clearRequests();
}

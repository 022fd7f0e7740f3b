import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { nodeParameter } from '../parameters';
import { validateBody } from '../validation';

export const PLATFORMS = ['line', 'facebook', 'instagram'] as const;

/** The platforms as the editor lists them (Platform, and the Oho Trigger's Platforms filter). */
export const PLATFORM_OPTIONS = [
	{ name: 'LINE', value: 'line' },
	{ name: 'Facebook', value: 'facebook' },
	{ name: 'Instagram', value: 'instagram' },
];
export type Platform = (typeof PLATFORMS)[number];

/** The triple that names one customer on one business channel in Oho: (platform, platform_id, user id). */
export interface ContactIdentity {
	platform: Platform;
	platformId: string;
	userId: string;
}

/** Text a URL can carry: encodeURIComponent refuses a lone UTF-16 surrogate. */
function isEncodable(text: string): boolean {
	try {
		encodeURIComponent(text);
		return true;
	} catch {
		return false;
	}
}

/** An ID sent as one segment of the request path: "." and ".." would be resolved away by the URL, reaching another address. */
const pathIdText = z
	.string()
	.trim()
	.min(1)
	.max(40)
	.refine((id) => id !== '.' && id !== '..', 'must not be "." or "..": a URL cannot carry them as a path segment')
	.refine(isEncodable, 'must be valid Unicode text (it has a lone UTF-16 surrogate, which a URL cannot carry)');
/**
 * A whole number from an expression (a Facebook or Instagram ID read from JSON) is taken as its digits. A number
 * beyond 2^53 lost its last digits when the JSON was read: converting it would send another customer's ID.
 */
const pathId = z.preprocess((value, ctx) => {
	if (typeof value !== 'number') return value;
	if (Number.isSafeInteger(value)) return String(value);
	ctx.addIssue({
		code: z.ZodIssueCode.custom,
		message: Number.isInteger(value)
			? "must be kept as text where it comes from: a number over 9007199254740991 lost its last digits when the JSON was read, and String() would give another customer's ID"
			: 'must be text or a whole number',
	});
	return z.NEVER;
}, pathIdText);

const identitySchema = z.object({
	platform: z.enum(PLATFORMS),
	platformId: pathId,
	userId: pathId,
});

const IDENTITY_LABELS: Record<string, string> = {
	platform: 'Platform',
	platformId: 'Platform ID',
	userId: 'User ID',
};

/**
 * Platform, Platform ID and User ID, shared by every Oho node.
 * `platformIdHint` lets a node add what its endpoints accept beyond the contact API (the chat API also takes LINE's channel ID).
 */
export function identityFields(platformIdHint = ''): INodeProperties[] {
	return [
		{
			displayName: 'Platform',
			name: 'platform',
			type: 'options',
			options: PLATFORM_OPTIONS,
			default: 'line',
			description: 'The channel the customer talks to your business on',
		},
		{
			displayName: 'Platform ID',
			name: 'platformId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. Uebef201e98cc729b62147a8ba3099d7c',
			description:
				"Your business's ID on the platform (max 40 characters): for LINE the OA's bot user ID (\"userId\" from LINE's GET https://api.line.me/v2/bot/info, starts with U), for Facebook the Page ID (Page > About > Page transparency), for Instagram the Instagram account ID" +
				platformIdHint,
		},
		{
			displayName: 'User ID',
			name: 'userId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. U38e365dddca4292c9cb1d8cf012aac87',
			description:
				"The customer's ID on that platform (max 40 characters): the LINE user ID, the Facebook user ID (page-scoped) or the Instagram user ID, as your webhook or chat export gives it",
		},
	];
}

/** Reads and validates the identity of one item (before anything is sent). */
export function readIdentity(ctx: IExecuteFunctions, itemIndex: number): ContactIdentity {
	return validateBody(
		ctx,
		itemIndex,
		identitySchema,
		{
			platform: nodeParameter(ctx, 'platform', itemIndex),
			platformId: nodeParameter(ctx, 'platformId', itemIndex),
			userId: nodeParameter(ctx, 'userId', itemIndex),
		},
		IDENTITY_LABELS,
	);
}

/** `/<kind>/:platform/:platform_id/user/:user_id`, each segment URL-encoded. */
export function identityPath(kind: 'contact' | 'chat', identity: ContactIdentity): string {
	return `/${kind}/${encodeURIComponent(identity.platform)}/${encodeURIComponent(identity.platformId)}/user/${encodeURIComponent(identity.userId)}`;
}

/**
 * Which customer an item is about, from its identity parameters as given (before validation): the runner writes
 * the items of one customer one after the other, in input order, so the last row of a sheet wins.
 */
export function identityKey(ctx: IExecuteFunctions, itemIndex: number): string {
	return (['platform', 'platformId', 'userId'] as const)
		.map((name) => String(nodeParameter(ctx, name, itemIndex)).trim())
		.join('\u0000');
}

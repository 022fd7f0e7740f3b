import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

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
	/** The node's parameters whose value came from the account in the Oho API credential (nodes/common/oho/account.ts). */
	fromCredential?: string[];
	/** The LINE channel ID the item gave, replaced by the credential's bot user ID for a contact endpoint. */
	lineChannelId?: string;
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
	.refine(
		(id) => id !== '.' && id !== '..',
		'must not be "." or "..": a URL cannot carry them as a path segment',
	)
	.refine(
		isEncodable,
		'must be valid Unicode text (it has a lone UTF-16 surrogate, which a URL cannot carry)',
	);
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
 * Platform, Platform ID and User ID, shared by every Oho node. The help under each field says where the ID is
 * found; `platformIdHint` adds what a node's endpoints accept beyond the contact API (the chat API also takes
 * LINE's channel ID).
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
			placeholder: 'e.g. Uebef201e98cc729b62147a8ba3099d7c',
			hint:
				"Empty: the account in the Oho API credential. LINE: the OA's bot user ID (U…); Facebook: Page > About > Page transparency; Instagram: Meta Business Suite > Settings > Instagram accounts." +
				platformIdHint,
			description:
				"Your business's ID on the platform (max 40 characters). When empty, it is taken from the Oho API credential (LINE Bot User ID, Facebook Page ID or Instagram Account ID). For LINE it is the OA's bot user ID, U followed by 32 characters: the \"destination\" of every LINE webhook event (LINE's consoles do not show it). An all-digit LINE channel ID, as the Oho Trigger gives it, is replaced by the credential's LINE Bot User ID on the contact endpoints.",
		},
		{
			displayName: 'User ID',
			name: 'userId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. U38e365dddca4292c9cb1d8cf012aac87',
			hint: "The customer's ID: user_id of the Oho Trigger's output; LINE: source.userId of a LINE webhook (U…); Facebook, Instagram: the sender ID of their webhook.",
			description:
				"The customer's ID on that platform (max 40 characters): the LINE user ID, the Facebook user ID (page-scoped) or the Instagram user ID, as the Oho Trigger's output and Oho's webhook give it",
		},
	];
}

/** Validates an identity (before anything is sent). */
export function validIdentity(
	ctx: IExecuteFunctions,
	itemIndex: number,
	given: { platform: unknown; platformId: unknown; userId: unknown },
): ContactIdentity {
	return validateBody(ctx, itemIndex, identitySchema, given, IDENTITY_LABELS);
}

/** `/<kind>/:platform/:platform_id/user/:user_id`, each segment URL-encoded. */
export function identityPath(kind: 'contact' | 'chat', identity: ContactIdentity): string {
	return `/${kind}/${encodeURIComponent(identity.platform)}/${encodeURIComponent(identity.platformId)}/user/${encodeURIComponent(identity.userId)}`;
}

import type { ICredentialDataDecryptedObject, IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemContext, ItemReading } from '../router';
import { NOTHING_SENT } from '../validation';
import type { ContactIdentity, Platform } from './identity';
import { validIdentity } from './identity';

/**
 * The business's own accounts, held once in the Oho API credential: what Oho Contact and Oho Chat use when
 * Platform ID, Platform Name, LINE Basic ID or Profile Picture URL are left empty. The contract: the LINE values
 * are LINE's GET https://api.line.me/v2/bot/info `userId`, `displayName` and `basicId`.
 */

interface AccountField {
	/** The credential property. */
	name: string;
	displayName: string;
	/** Where an operator finds the value. */
	whereToFind: string;
	placeholder?: string;
}

const LINE_BOT_USER_ID: AccountField = {
	name: 'lineBotUserId',
	displayName: 'LINE Bot User ID',
	placeholder: 'e.g. Uebef201e98cc729b62147a8ba3099d7c',
	whereToFind:
		'Your LINE OA\'s own user ID: U followed by 32 characters. LINE\'s consoles do not show it (the "Your user ID" on the LINE Developers console\'s Basic settings tab is yours, not the OA\'s): it is the "destination" of every LINE webhook event, and "userId" from LINE\'s GET https://api.line.me/v2/bot/info. Not the channel ID (digits only).',
};

const ACCOUNT_FIELDS_BY_PLATFORM: Record<
	Platform,
	{ id: AccountField; name: AccountField; basicId?: AccountField }
> = {
	line: {
		id: LINE_BOT_USER_ID,
		name: {
			name: 'lineAccountName',
			displayName: 'LINE OA Name',
			placeholder: 'e.g. HelloCheck',
			whereToFind:
				"Your LINE Official Account's display name, as customers see it: LINE Official Account Manager > your account (the name at the top left), or LINE Developers console > your provider > the Messaging API channel > Basic settings > Channel name",
		},
		basicId: {
			name: 'lineBasicId',
			displayName: 'LINE Basic ID',
			placeholder: 'e.g. @548unshk',
			whereToFind:
				"Your LINE OA's LINE ID, starting with @: LINE Official Account Manager > your account (under its name), or LINE Developers console > the Messaging API channel > Messaging API > Bot basic ID",
		},
	},
	facebook: {
		id: {
			name: 'facebookPageId',
			displayName: 'Facebook Page ID',
			placeholder: 'e.g. 104857392018475',
			whereToFind: 'Your Facebook Page > About > Page transparency > Page ID',
		},
		name: {
			name: 'facebookPageName',
			displayName: 'Facebook Page Name',
			whereToFind: "Your Facebook Page's name, as it shows at the top of the Page",
		},
	},
	instagram: {
		id: {
			name: 'instagramAccountId',
			displayName: 'Instagram Account ID',
			placeholder: 'e.g. 17841400000000001',
			whereToFind:
				'Meta Business Suite > Settings > Business assets > Instagram accounts > your account > ID',
		},
		name: {
			name: 'instagramUsername',
			displayName: 'Instagram Username',
			placeholder: 'e.g. ohodemoshop',
			whereToFind: "Your business's Instagram username, without the @",
		},
	},
};

const PROFILE_PICTURE: AccountField = {
	name: 'defaultProfilePictureUrl',
	displayName: 'Default Profile Picture URL',
	placeholder: 'https://example.com/avatar.png',
	whereToFind:
		"An http or https picture URL (max 2000 characters) Oho Contact sends as the customer's profile picture when the item gives none: Oho requires one to create a contact",
};

/** The credential's properties for the accounts, under a notice that says what they are for. */
export const accountCredentialProperties: INodeProperties[] = [
	{
		displayName:
			'Your accounts (optional). Oho Contact and Oho Chat use them when Platform ID, Platform Name, LINE Basic ID or Profile Picture URL are left empty, so they are typed once here. The credential test then checks the LINE Bot User ID against your API key.',
		name: 'accountsNotice',
		type: 'notice',
		default: '',
	},
	...[
		...Object.values(ACCOUNT_FIELDS_BY_PLATFORM).flatMap(({ id, name, basicId }) => [
			id,
			name,
			...(basicId ? [basicId] : []),
		]),
		PROFILE_PICTURE,
	].map(
		(field): INodeProperties => ({
			displayName: field.displayName,
			name: field.name,
			type: 'string',
			default: '',
			placeholder: field.placeholder,
			description: field.whereToFind,
		}),
	),
];

/** The contact values an account gives: the node's parameter, the API path, and the credential field per platform. */
const ACCOUNT_VALUES = [
	{
		param: 'platformName',
		path: 'social_profile.platform_name',
		label: 'Platform Name',
		field: (platform: Platform) => ACCOUNT_FIELDS_BY_PLATFORM[platform].name,
	},
	{
		param: 'lineBasicId',
		path: 'social_profile.line_basic_id',
		label: 'LINE Basic ID',
		field: (platform: Platform) => ACCOUNT_FIELDS_BY_PLATFORM[platform].basicId,
	},
	{
		param: 'profilePictureUrl',
		path: 'profile_picture_url',
		label: 'Profile Picture URL',
		field: () => PROFILE_PICTURE,
	},
];

/** The parameters of Oho Contact that the credential can give: the editor does not require them. */
export const ACCOUNT_GIVEN_PARAMS = ACCOUNT_VALUES.map((value) => value.param);

function credentialText(credentials: ICredentialDataDecryptedObject, field: AccountField): string {
	const value = credentials[field.name];
	return typeof value === 'string' ? value.trim() : '';
}

const isBlank = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * An all-digit LINE Platform ID: the LINE channel ID, as Oho's webhook (and so the Oho Trigger) gives it. A number
 * beyond 2^53 is left to the identity's own check (its digits are already lost).
 */
const isLineChannelId = (platform: Platform, platformId: unknown) =>
	platform === 'line' &&
	((typeof platformId === 'string' && /^\d+$/.test(platformId.trim())) ||
		(typeof platformId === 'number' && Number.isSafeInteger(platformId) && platformId >= 0));

/** The errors of this file read like every other input error of the package ("Invalid input: <label> (<path>) ..."). */
const PLATFORM_ID = 'Invalid input: Platform ID (platformId)';

const TWO_LINE_IDS =
	"A LINE OA has two IDs: the channel ID (digits only, e.g. 2001234567; LINE Developers console > the Messaging API channel > Basic settings > Channel ID), which Oho's webhook and the Oho Trigger give as platform_id, and the bot user ID (U followed by 32 characters, e.g. Uebef201e98cc729b62147a8ba3099d7c), which Oho's contact endpoints take.";

function credentialError(
	op: ItemContext,
	message: string,
	description: string,
): NodeOperationError {
	return new NodeOperationError(op.ctx.getNode(), message, {
		itemIndex: op.itemIndex,
		description: `${description} ${NOTHING_SENT}`,
	});
}

/**
 * The Platform ID the endpoints get: the item's, else the credential's account for the platform. A contact
 * endpoint given a LINE channel ID gets the credential's bot user ID instead; else the error to stop the item with.
 */
function platformIdFor(
	op: ItemContext,
	platform: Platform,
	given: unknown,
	endpoints: 'contact' | 'chat',
) {
	const idField = ACCOUNT_FIELDS_BY_PLATFORM[platform].id;
	const accountId = credentialText(op.run.credential.data, idField);
	if (isBlank(given) && accountId === '') {
		return credentialError(
			op,
			`${PLATFORM_ID} is empty, and the Oho API credential has no ${idField.displayName}`,
			`Fill in ${idField.displayName} in the Oho API credential, or give the Platform ID in the node. ${idField.whereToFind}`,
		);
	}
	const fromCredential = isBlank(given);
	const platformId = fromCredential ? accountId : given;
	if (endpoints === 'chat' || !isLineChannelId(platform, platformId))
		return { platformId, fromCredential };
	if (fromCredential) {
		return credentialError(
			op,
			`${PLATFORM_ID} is empty, and the LINE Bot User ID in the Oho API credential, ${accountId}, is a LINE channel ID: Oho's contact endpoints take the LINE OA's bot user ID`,
			`${TWO_LINE_IDS} Replace it in the credential with the bot user ID. ${LINE_BOT_USER_ID.whereToFind}`,
		);
	}
	const lineChannelId = String(given).trim();
	if (accountId === '' || isLineChannelId(platform, accountId)) {
		return credentialError(
			op,
			`${PLATFORM_ID} ${lineChannelId} is a LINE channel ID: Oho's contact endpoints take the LINE OA's bot user ID`,
			`${TWO_LINE_IDS} Fill in LINE Bot User ID in the Oho API credential and leave Platform ID empty (or give the bot user ID as Platform ID). ${LINE_BOT_USER_ID.whereToFind}`,
		);
	}
	return { platformId: accountId, fromCredential: true, lineChannelId };
}

/**
 * The identity of one item, validated before anything is sent, with the Platform ID taken from the credential
 * when the item leaves it empty (and, for the contact endpoints, for a LINE channel ID); `fromCredential` says so.
 */
export function readAccountIdentity(
	op: ItemContext,
	endpoints: 'contact' | 'chat',
): ContactIdentity {
	const { ctx, itemIndex, run } = op;
	const platform = run.parameters.value('platform', itemIndex) as Platform;
	const userId = run.parameters.value('userId', itemIndex);
	const given = run.parameters.value('platformId', itemIndex, '');
	const resolved = ACCOUNT_FIELDS_BY_PLATFORM[platform]
		? platformIdFor(op, platform, given, endpoints)
		: { platformId: given, fromCredential: false };
	// Platform and User ID are checked first (a stand-in for a Platform ID that cannot be resolved), as before.
	const checked = {
		platform,
		platformId: resolved instanceof NodeOperationError ? 'x' : resolved.platformId,
		userId,
	};
	const identity = validIdentity(ctx, itemIndex, checked);
	if (resolved instanceof NodeOperationError) throw resolved;
	identity.fromCredential = resolved.fromCredential ? ['platformId'] : [];
	if ('lineChannelId' in resolved) identity.lineChannelId = resolved.lineChannelId;
	return identity;
}

/**
 * Fills the create values the item leaves empty from the account in the credential, and names them in
 * `identity.fromCredential`. The account's name and LINE ID are used only for its own Platform ID. A required value
 * neither gives fails the item before sending, naming the credential field to fill.
 */
export function fillFromAccount(
	op: ItemContext,
	identity: ContactIdentity,
	input: ItemValues,
): void {
	const { platform, platformId } = identity;
	const idField = ACCOUNT_FIELDS_BY_PLATFORM[platform].id;
	const credentials = op.run.credential.data;
	const accountId = credentialText(credentials, idField);
	const sameAccount = accountId === '' || accountId === platformId;
	const missing: Array<{ problem: string; help: string }> = [];
	for (const { param, path, label, field } of ACCOUNT_VALUES) {
		const credentialField = field(platform);
		if (!credentialField || itemGives(input, path)) continue;
		const applies = credentialField === PROFILE_PICTURE || sameAccount;
		const accountValue = applies ? credentialText(credentials, credentialField) : '';
		if (accountValue !== '') {
			input.values[path] = accountValue;
			identity.fromCredential = [...(identity.fromCredential ?? []), param];
			continue;
		}
		const otherAccount = applies
			? ''
			: ` The credential's is for ${idField.displayName} ${accountId}, not for Platform ID ${platformId}.`;
		missing.push({
			problem: `${label} (${path}) is required: fill in ${credentialField.displayName} in the Oho API credential, or give it in the node`,
			help: `${credentialField.displayName}: ${credentialField.whereToFind}.${otherAccount}`,
		});
	}
	if (missing.length > 0) {
		throw credentialError(
			op,
			`Invalid input: ${missing.map(({ problem }) => problem).join('; ')}`,
			missing.map(({ help }) => help).join(' '),
		);
	}
}

interface ItemValues {
	values: Record<string, unknown>;
	problems: Array<{ path: string }>;
}

/** A value the item gave, even one cleaning could not read: that value's problem is reported, never replaced. */
function itemGives(input: ItemValues, path: string): boolean {
	return (
		input.values[path] !== undefined || input.problems.some((problem) => problem.path === path)
	);
}

const PATHS_BY_PARAM = new Map(ACCOUNT_VALUES.map((value) => [value.param, value.path]));

/**
 * What an output says about the credential: `fromCredential`, the values of `written` (or the identity) taken
 * from the credential, and `lineChannelId`, the LINE channel ID the item gave in place of the bot user ID.
 */
export function credentialReport(identity: ContactIdentity, written?: IDataObject): IDataObject {
	const fromCredential = (identity.fromCredential ?? []).filter((param) => {
		const path = PATHS_BY_PARAM.get(param);
		if (path === undefined || written === undefined) return path === undefined;
		const [first, second] = path.split('.');
		return second === undefined
			? written[first] !== undefined
			: (written[first] as IDataObject | undefined)?.[second] !== undefined;
	});
	return {
		...(fromCredential.length > 0 ? { fromCredential } : {}),
		...(identity.lineChannelId === undefined ? {} : { lineChannelId: identity.lineChannelId }),
	};
}

/**
 * Which customer an item is about, from its identity parameters as given (before validation), with the account's
 * ID in place of an empty Platform ID or a LINE channel ID: the runner writes the items of one customer one after
 * the other, in input order, so the last row of a sheet wins however each row names the OA.
 */
export function identityKey({ itemIndex, run }: ItemReading): string {
	const [platform, platformId, userId] = (['platform', 'platformId', 'userId'] as const).map(
		(name) => String(run.parameters.value(name, itemIndex, '') ?? '').trim(),
	);
	const idField = ACCOUNT_FIELDS_BY_PLATFORM[platform as Platform]?.id;
	const accountId = idField ? credentialText(run.credential.data, idField) : '';
	const named =
		accountId !== '' && (platformId === '' || isLineChannelId(platform as Platform, platformId))
			? accountId
			: platformId;
	return [platform, named, userId].join('\u0000');
}

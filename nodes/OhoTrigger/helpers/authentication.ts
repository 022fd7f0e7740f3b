import { createHash, timingSafeEqual } from 'crypto';
import type { ICredentialDataDecryptedObject, IWebhookFunctions } from 'n8n-workflow';

import type { Refusal } from './respond';
import {
	CREDENTIAL_OF_MODE,
	credentialProblems,
	isSecretMode,
	MIN_SECRET_LENGTH,
	URL_SECRET_PARAMETER,
	type SecretMode,
} from './secretCheck';

export type TriggerAuthentication = 'none' | SecretMode;

/**
 * A credential whose secret could be guessed (or is empty) would let others in: every delivery is refused until it is
 * fixed, whatever the delivery carries. The operator sees why when publishing the workflow (webhookMethods).
 */
const unusableCredential: Refusal = {
	status: 401,
	message: `Authorization cannot be checked: this Oho Trigger's credential has no usable secret (at least ${MIN_SECRET_LENGTH} characters). Open the credential and set one.`,
};

/** A value the node does not know (a typo in imported JSON, an expression) means no check could be chosen: refused. */
const unknownMode: Refusal = {
	status: 401,
	message:
		"Authorization cannot be checked: this Oho Trigger's Authentication is not one it knows. Open the node and choose one.",
};

/** Compares two secrets in constant time (their digests have the same length whatever the inputs). */
function sameSecret(given: string, expected: string): boolean {
	const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
	return timingSafeEqual(digest(given), digest(expected));
}

/** A header's text; undefined when absent. Own keys only: a header name such as "constructor" names no header. */
function headerValue(ctx: IWebhookFunctions, name: string): string | undefined {
	const headers = ctx.getHeaderData() as Record<string, unknown>;
	const key = name.toLowerCase();
	if (!Object.hasOwn(headers, key)) return undefined;
	const value = headers[key];
	if (Array.isArray(value))
		return value.every((part) => typeof part === 'string') ? value.join(', ') : undefined;
	return typeof value === 'string' ? value : undefined;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function checkHeaderAuth(
	ctx: IWebhookFunctions,
	credential: ICredentialDataDecryptedObject,
): Refusal | undefined {
	const name = text(credential.name).trim();
	const given = headerValue(ctx, name);
	if (given === undefined) {
		return {
			status: 401,
			message: `Authorization is missing: this Oho Trigger expects the ${name} header.`,
		};
	}
	if (!sameSecret(given, text(credential.secret))) {
		return {
			status: 403,
			message: `Authorization is wrong: the ${name} header does not carry the expected secret.`,
		};
	}
	return undefined;
}

/** `Basic base64(user:password)` → user and password; undefined when the header is not Basic Auth. */
function basicCredentials(
	header: string | undefined,
): { user: string; password: string } | undefined {
	const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return colon < 0
		? undefined
		: { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function checkBasicAuth(
	ctx: IWebhookFunctions,
	expected: ICredentialDataDecryptedObject,
): Refusal | undefined {
	const given = basicCredentials(headerValue(ctx, 'authorization'));
	if (!given) {
		return {
			status: 401,
			message: 'Authorization is missing: this Oho Trigger expects HTTP Basic Auth.',
			headers: { 'WWW-Authenticate': 'Basic realm="Oho Trigger"' },
		};
	}
	// Both compared, always: which one was wrong is not told.
	const userMatches = sameSecret(given.user, text(expected.user));
	const passwordMatches = sameSecret(given.password, text(expected.password));
	if (!userMatches || !passwordMatches) {
		return { status: 403, message: 'Authorization is wrong: the user or password does not match.' };
	}
	return undefined;
}

/** Oho's documents name no custom header, but any sender keeps a URL as it was pasted, query string and all. */
function checkUrlSecret(
	ctx: IWebhookFunctions,
	credential: ICredentialDataDecryptedObject,
): Refusal | undefined {
	const query = ctx.getQueryData() as Record<string, unknown>;
	if (!Object.hasOwn(query, URL_SECRET_PARAMETER)) {
		return {
			status: 401,
			message: `Authorization is missing: this Oho Trigger expects the secret in its URL (?${URL_SECRET_PARAMETER}=…).`,
		};
	}
	const given = query[URL_SECRET_PARAMETER];
	// Two secrets (?secret=a&secret=b) or a nested one (?secret[a]=b) are not a secret: wrong, never joined.
	if (typeof given !== 'string' || !sameSecret(given, text(credential.secret))) {
		return { status: 403, message: "Authorization is wrong: the URL's secret does not match." };
	}
	return undefined;
}

const CHECKS: Record<
	SecretMode,
	(ctx: IWebhookFunctions, credential: ICredentialDataDecryptedObject) => Refusal | undefined
> = {
	urlSecret: checkUrlSecret,
	headerAuth: checkHeaderAuth,
	basicAuth: checkBasicAuth,
};

/** Undefined when the delivery may start the workflow; otherwise the 401 or 403 to answer. The secret is never echoed. */
export async function authenticate(
	ctx: IWebhookFunctions,
	mode: unknown,
): Promise<Refusal | undefined> {
	if (mode === 'none') return undefined;
	if (!isSecretMode(mode)) return unknownMode;
	const type = CREDENTIAL_OF_MODE[mode];
	const credential = await ctx.getCredentials<ICredentialDataDecryptedObject>(type);
	if (credentialProblems(type, credential).length > 0) return unusableCredential;
	return CHECKS[mode](ctx, credential);
}

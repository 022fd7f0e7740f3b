import { createHash, timingSafeEqual } from 'crypto';
import type { IWebhookFunctions } from 'n8n-workflow';

import type { Refusal } from './respond';

export type TriggerAuthentication = 'none' | 'headerAuth' | 'basicAuth';

/** A credential without a secret would let an empty one in: every delivery is refused until it has one. */
const unusableCredential: Refusal = {
	status: 401,
	message: "Authorization cannot be checked: this Oho Trigger's credential has no secret. Open the credential and set one.",
};

/** Compares two secrets in constant time (their digests have the same length whatever the inputs). */
function sameSecret(given: string, expected: string): boolean {
	const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
	return timingSafeEqual(digest(given), digest(expected));
}

function headerValue(ctx: IWebhookFunctions, name: string): string | undefined {
	const value = ctx.getHeaderData()[name.toLowerCase()];
	return Array.isArray(value) ? value.join(', ') : value;
}

async function checkHeaderAuth(ctx: IWebhookFunctions): Promise<Refusal | undefined> {
	const credential = await ctx.getCredentials<{ name: string; secret: string }>('ohoWebhookHeaderAuthApi');
	const name = String(credential.name ?? '').trim();
	const secret = String(credential.secret ?? '');
	if (name === '' || secret === '') return unusableCredential;
	const given = headerValue(ctx, name);
	if (given === undefined) {
		return { status: 401, message: `Authorization is missing: this Oho Trigger expects the ${name} header.` };
	}
	if (!sameSecret(given, secret)) {
		return { status: 403, message: `Authorization is wrong: the ${name} header does not carry the expected secret.` };
	}
	return undefined;
}

/** `Basic base64(user:password)` → user and password; undefined when the header is not Basic Auth. */
function basicCredentials(header: string | undefined): { user: string; password: string } | undefined {
	const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

async function checkBasicAuth(ctx: IWebhookFunctions): Promise<Refusal | undefined> {
	const expected = await ctx.getCredentials<{ user: string; password: string }>('ohoWebhookBasicAuthApi');
	if (!expected.user || !expected.password) return unusableCredential;
	const given = basicCredentials(headerValue(ctx, 'authorization'));
	if (!given) {
		return {
			status: 401,
			message: 'Authorization is missing: this Oho Trigger expects HTTP Basic Auth.',
			headers: { 'WWW-Authenticate': 'Basic realm="Oho Trigger"' },
		};
	}
	// Both compared, always: which one was wrong is not told.
	const userMatches = sameSecret(given.user, expected.user);
	const passwordMatches = sameSecret(given.password, expected.password);
	if (!userMatches || !passwordMatches) {
		return { status: 403, message: 'Authorization is wrong: the user or password does not match.' };
	}
	return undefined;
}

/** Undefined when the delivery may start the workflow; otherwise the 401 or 403 to answer. The secret is never echoed. */
export async function authenticate(ctx: IWebhookFunctions, mode: TriggerAuthentication): Promise<Refusal | undefined> {
	if (mode === 'headerAuth') return await checkHeaderAuth(ctx);
	if (mode === 'basicAuth') return await checkBasicAuth(ctx);
	return undefined;
}

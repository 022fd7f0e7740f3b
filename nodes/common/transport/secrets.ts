import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * Keeping a credential's own values out of what a server says. A server (or a gateway before it) may echo the
 * request it got, form body and headers included; every server text that goes into an error or an output item
 * passes through here first, so n8n never stores a secret in an execution.
 */

/** The fields of this package's credentials that hold secrets (Oho's API key; Gofive's token, client secret, key). */
const SECRET_FIELDS = ['apiKey', 'accessToken', 'clientSecret', 'subscriptionKey', 'sessionToken'];

export const REDACTED = '[redacted]';

/**
 * Shorter values are left alone: no issued key or token is this short, and replacing every "abc" in a contact's
 * data would corrupt the output rather than protect anything.
 */
const MIN_SECRET_LENGTH = 6;

/** A credential's secrets as a server may echo them: as written, URL-encoded (a form body), JSON-escaped. */
export function credentialSecrets(
	credentials: ICredentialDataDecryptedObject | undefined,
): string[] {
	const forms = new Set<string>();
	for (const field of SECRET_FIELDS) {
		const value = credentials?.[field];
		if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) continue;
		forms.add(value);
		forms.add(encodeURIComponent(value));
		forms.add(new URLSearchParams({ value }).toString().slice('value='.length));
		forms.add(JSON.stringify(value).slice(1, -1));
	}
	// Longest first: a secret that contains another is removed whole.
	return [...forms].sort((a, b) => b.length - a.length);
}

/** The text without any of the secrets: one linear pass per secret form, no pattern built from them. */
export function redactText(text: string, secrets: string[]): string {
	let redacted = text;
	for (const secret of secrets)
		if (redacted.includes(secret)) redacted = redacted.split(secret).join(REDACTED);
	return redacted;
}

const hasSecret = (text: string, secrets: string[]) =>
	secrets.some((secret) => text.includes(secret));

/** Whether any text (key or value) inside a parsed answer holds a secret; walks without recursion (nesting is the server's). */
function holdsSecret(value: unknown, secrets: string[]): boolean {
	const pending: unknown[] = [value];
	while (pending.length > 0) {
		const next = pending.pop();
		if (typeof next === 'string') {
			if (hasSecret(next, secrets)) return true;
		} else if (typeof next === 'object' && next !== null) {
			for (const [key, entry] of Object.entries(next)) {
				if (hasSecret(key, secrets)) return true;
				pending.push(entry);
			}
		}
	}
	return false;
}

/** Deeper than this, a part of an answer that echoes a secret is replaced whole rather than walked. */
const MAX_REDACTED_DEPTH = 64;

function redactCopy(value: unknown, secrets: string[], depth: number): unknown {
	if (typeof value === 'string') return redactText(value, secrets);
	if (typeof value !== 'object' || value === null) return value;
	if (depth >= MAX_REDACTED_DEPTH) return REDACTED;
	if (Array.isArray(value)) return value.map((entry) => redactCopy(entry, secrets, depth + 1));
	return Object.fromEntries(
		Object.entries(value).map(([key, entry]) => [
			redactText(key, secrets),
			redactCopy(entry, secrets, depth + 1),
		]),
	);
}

/** A parsed answer without the secrets: the same value when it holds none (the usual case), else a redacted copy. */
export function redactValue<T>(value: T, secrets: string[]): T {
	if (secrets.length === 0 || !holdsSecret(value, secrets)) return value;
	return redactCopy(value, secrets, 0) as T;
}

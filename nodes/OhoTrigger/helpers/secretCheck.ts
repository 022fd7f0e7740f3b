import type { ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';

/** RFC 9110's token: the characters a header name may have. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Headers HTTP itself or n8n's Basic Auth use: a secret there would be overwritten or misread. */
const RESERVED_HEADERS = new Set(['authorization', 'content-type', 'content-length', 'host', 'transfer-encoding', 'cookie']);

const MIN_SECRET_LENGTH = 16;

/**
 * The Oho Trigger's secrets are never sent anywhere (Oho calls n8n, not the other way round), so their test checks
 * that the values can work: a header name HTTP allows, and secrets long enough not to be guessed.
 */
export function checkWebhookSecret(credential: ICredentialsDecrypted): INodeCredentialTestResult {
	const data = credential.data ?? {};
	const problems: string[] = [];
	if (credential.type === 'ohoWebhookHeaderAuthApi') {
		const name = String(data.name ?? '').trim();
		if (!HEADER_NAME.test(name)) problems.push(`"${name}" is not a valid header name (letters, digits and - only, no spaces)`);
		else if (RESERVED_HEADERS.has(name.toLowerCase())) problems.push(`${name} is a header HTTP uses for itself; choose another name, such as X-Oho-Webhook-Secret`);
		if (String(data.secret ?? '').length < MIN_SECRET_LENGTH) problems.push(`the header value must have at least ${MIN_SECRET_LENGTH} characters to be hard to guess`);
	} else {
		const user = String(data.user ?? '');
		if (user === '' || user.includes(':')) problems.push('the user must not be empty and must not contain ":" (Basic Auth cannot carry it)');
		if (String(data.password ?? '').length < MIN_SECRET_LENGTH) problems.push(`the password must have at least ${MIN_SECRET_LENGTH} characters to be hard to guess`);
	}
	if (problems.length) return { status: 'Error', message: `Cannot be used: ${problems.join('; ')}.` };
	return {
		status: 'OK',
		message: 'The values can be used. Nothing was contacted: Oho calls n8n with them, so enter the same values where you set the webhook in Oho.',
	};
}

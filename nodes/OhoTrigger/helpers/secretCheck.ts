import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';

/** RFC 9110's token: the characters a header name may have. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Headers HTTP itself or n8n's Basic Auth use: a secret there would be overwritten or misread. */
const RESERVED_HEADERS = new Set([
	'authorization',
	'content-type',
	'content-length',
	'host',
	'transfer-encoding',
	'cookie',
]);

/** RFC 3986's unreserved characters: a secret made of them reads the same typed into a URL as stored. */
const URL_SAFE = /^[A-Za-z0-9._~-]+$/;

export const MIN_SECRET_LENGTH = 16;

/** The query parameter that carries the secret in Secret in URL mode: `…/oho?secret=…`. */
export const URL_SECRET_PARAMETER = 'secret';

/** The Oho Trigger's authentication modes and the credential type each one checks against. */
export const CREDENTIAL_OF_MODE = {
	urlSecret: 'ohoWebhookUrlSecretApi',
	headerAuth: 'ohoWebhookHeaderAuthApi',
	basicAuth: 'ohoWebhookBasicAuthApi',
} as const;

export type SecretMode = keyof typeof CREDENTIAL_OF_MODE;

export const isSecretMode = (mode: unknown): mode is SecretMode =>
	typeof mode === 'string' && Object.hasOwn(CREDENTIAL_OF_MODE, mode);

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Why a credential's values cannot protect the trigger, in words for the operator; empty when they can. The same
 * rules apply in the credential test, when the workflow is published and for every delivery, so a secret too short to
 * be safe never lets a delivery in. No value is quoted except the header name, which is not secret.
 */
export function credentialProblems(type: string, data: ICredentialDataDecryptedObject): string[] {
	const problems: string[] = [];
	if (type === CREDENTIAL_OF_MODE.headerAuth) {
		const name = text(data.name).trim();
		if (!HEADER_NAME.test(name))
			problems.push(`"${name}" is not a valid header name (letters, digits and - only, no spaces)`);
		else if (RESERVED_HEADERS.has(name.toLowerCase()))
			problems.push(
				`${name} is a header HTTP uses for itself; choose another name, such as X-Oho-Webhook-Secret`,
			);
		if (text(data.secret).length < MIN_SECRET_LENGTH)
			problems.push(
				`the header value must have at least ${MIN_SECRET_LENGTH} characters to be hard to guess`,
			);
	} else if (type === CREDENTIAL_OF_MODE.basicAuth) {
		const user = text(data.user);
		if (user === '' || user.includes(':'))
			problems.push(
				'the user must not be empty and must not contain ":" (Basic Auth cannot carry it)',
			);
		if (text(data.password).length < MIN_SECRET_LENGTH)
			problems.push(
				`the password must have at least ${MIN_SECRET_LENGTH} characters to be hard to guess`,
			);
	} else if (type === CREDENTIAL_OF_MODE.urlSecret) {
		const secret = text(data.secret);
		if (secret.length < MIN_SECRET_LENGTH)
			problems.push(
				`the secret must have at least ${MIN_SECRET_LENGTH} characters to be hard to guess`,
			);
		if (secret !== '' && !URL_SAFE.test(secret))
			problems.push(
				'the secret may hold only letters, digits and - _ . ~, so that it reads the same in a URL',
			);
	} else {
		problems.push(`${type} is not one of the Oho Trigger's credential types`);
	}
	return problems;
}

/**
 * The Oho Trigger's secrets are never sent anywhere (Oho calls n8n, not the other way round), so their test checks
 * that the values can work: a header name HTTP allows, and secrets long enough not to be guessed.
 */
export function checkWebhookSecret(credential: ICredentialsDecrypted): INodeCredentialTestResult {
	const problems = credentialProblems(credential.type, credential.data ?? {});
	if (problems.length)
		return { status: 'Error', message: `Cannot be used: ${problems.join('; ')}.` };
	return {
		status: 'OK',
		message:
			'The values can be used. Nothing was contacted: Oho calls n8n with them, so enter the same values where you set the webhook in Oho.',
	};
}

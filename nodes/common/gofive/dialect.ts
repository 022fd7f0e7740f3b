import type { ApiDialect } from '../transport/types';

interface GofiveStatus {
	status?: { code?: unknown; description?: unknown };
	data?: unknown;
	errors?: unknown;
	message?: unknown;
	/** An ASP.NET "problem details" answer: `{ title, status, errors: { field: [messages] } }`. */
	title?: unknown;
}

const GOFIVE_SUCCESS_CODE = '1000';

const texts = (value: unknown): string[] =>
	(Array.isArray(value) ? value : [value]).filter(
		(part): part is string => typeof part === 'string' && part.trim() !== '',
	);

/**
 * The field errors a refusal lists, in any of the shapes the error body may take (OPEN, docs/api/gofive-customer.md
 * § "1. Common rules"): a list of `{ field, message }` or of texts, or an object of field → message(s) (ASP.NET's
 * problem details), beside the status or as its `data`.
 */
function fieldErrors(errors: unknown): string {
	const parts: string[] = [];
	if (Array.isArray(errors)) {
		for (const entry of errors) {
			if (typeof entry === 'string') parts.push(...texts(entry));
			else if (typeof entry === 'object' && entry !== null) {
				const error = entry as { field?: unknown; message?: unknown };
				const message = texts(error.message).join(', ');
				if (message) parts.push(texts(error.field).concat(message).join(': '));
			}
		}
	} else if (typeof errors === 'object' && errors !== null) {
		for (const [field, messages] of Object.entries(errors)) {
			const message = texts(messages).join(', ');
			if (message) parts.push(`${field}: ${message}`);
		}
	}
	return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

/** Gofive answers `{ status: { code, description }, data }`; only code "1000" is success, whatever the HTTP status. */
export const gofiveDialect: ApiDialect = {
	name: 'Gofive',
	credentialType: 'gofiveApi',
	canRefresh: (credentials) => credentials.authentication === 'clientCredentials',
	interpret(httpStatus, body) {
		const answer = body as GofiveStatus;
		const code = answer.status?.code === undefined ? undefined : String(answer.status.code);
		const description =
			[answer.status?.description, answer.message, answer.title].find(
				(text): text is string => typeof text === 'string',
			) ?? `HTTP ${httpStatus}`;
		const ok = code === GOFIVE_SUCCESS_CODE && httpStatus < 300;
		// A success's data is the record; a refusal's may be its list of errors.
		const listed = ok
			? ''
			: fieldErrors(answer.errors) || (Array.isArray(answer.data) ? fieldErrors(answer.data) : '');
		if (code === undefined) {
			return {
				ok: false,
				fromApi: false,
				message: `${description}${listed} (no status.code in the answer)`,
			};
		}
		return { ok, fromApi: true, message: `${description}${listed}`, apiCode: code };
	},
	hint(httpStatus, outcome) {
		if (httpStatus === 401) {
			return 'Check the Gofive API credential: the access token, or the client ID and secret, and the subscription key.';
		}
		if (httpStatus === 403)
			return 'This token may not use the chat API. Check its permissions and the subscription key.';
		if (httpStatus === 429) {
			return 'Gofive is rate limiting. Lower Requests in Parallel or raise Max Retries (under Advanced).';
		}
		if (httpStatus >= 500) return 'Gofive had a server problem. Try again later.';
		if (outcome.apiCode === '4001' || outcome.apiCode === '4002') {
			return 'Gofive rejected the message; its description says why. Check the Room ID, Company ID and Platform.';
		}
		return undefined;
	},
};

/**
 * Venio CRM's Customer API (docs/api/gofive-customer.md): the same envelope and credential as chat, compared as text
 * (status.code "1000" is success even where a client compares a number), with hints in the customer's words.
 */
export const gofiveCustomerDialect: ApiDialect = {
	...gofiveDialect,
	hint(httpStatus, outcome) {
		if (httpStatus === 401) {
			return 'Check the Gofive API credential: the access token, or the client ID and secret, and the Subscription Key (the Customer API requires it).';
		}
		if (httpStatus === 403)
			return 'This token or subscription key may not use the Customer API (Venio CRM). Check their permissions.';
		if (outcome.apiCode === '4001' || outcome.apiCode === '4002') {
			return 'Gofive refused the request; its description says why. Check the value it names.';
		}
		return gofiveDialect.hint(httpStatus, outcome);
	},
};

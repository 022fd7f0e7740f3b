import type { ApiDialect } from '../transport/types';

interface GofiveStatus {
	status?: { code?: unknown; description?: unknown };
	errors?: unknown;
	message?: unknown;
}

const GOFIVE_SUCCESS_CODE = '1000';

/** Field errors Gofive lists beside a 4001/4002 status, when it lists them. */
function fieldErrors(errors: unknown): string {
	if (!Array.isArray(errors) || errors.length === 0) return '';
	const parts = errors.map((entry) => {
		const error = entry as { field?: unknown; message?: unknown };
		return [error.field, error.message].filter((part) => typeof part === 'string').join(': ');
	});
	return ` (${parts.filter(Boolean).join('; ')})`;
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
			typeof answer.status?.description === 'string'
				? answer.status.description
				: typeof answer.message === 'string'
					? answer.message
					: `HTTP ${httpStatus}`;
		if (code === undefined) {
			return {
				ok: false,
				fromApi: false,
				message: `${description} (no status.code in the answer)`,
			};
		}
		return {
			ok: code === GOFIVE_SUCCESS_CODE && httpStatus < 300,
			fromApi: true,
			message: `${description}${fieldErrors(answer.errors)}`,
			apiCode: code,
		};
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

import type { ApiDialect } from '../transport/types';

interface OhoEnvelope {
	ok?: unknown;
	status_code?: unknown;
	message?: unknown;
}

const OHO_HINTS: Record<number, string> = {
	400: 'Oho rejected a value; its message names the field. Check that field against the limits shown in the node.',
	401: 'Check the API key in the Oho API credential.',
	403: 'The API key belongs to another business than this Platform ID. Check the credential and the Platform ID.',
	404: 'Nothing matches this Platform, Platform ID and User ID. Check the three identity fields.',
	429: 'Oho is rate limiting this key. Lower Requests in Parallel or raise Max Retries (under Advanced).',
};

/**
 * Oho answers with `{ ok, status_code, message, data }`; `ok: false` is a failure even on HTTP 2xx, and where
 * `status_code` is present it is the status the answer means.
 */
export const ohoDialect: ApiDialect = {
	name: 'Oho',
	credentialType: 'ohoApi',
	canRefresh: () => false,
	interpret(httpStatus, body) {
		const envelope = body as OhoEnvelope;
		if (typeof envelope.ok !== 'boolean') {
			return {
				ok: false,
				fromApi: false,
				message: 'The answer is not an Oho envelope (no "ok" field)',
			};
		}
		const message = typeof envelope.message === 'string' ? envelope.message : `HTTP ${httpStatus}`;
		// The envelope's status_code wins over the HTTP status (a proxy may answer 200 for Oho's 409).
		const code = envelope.status_code;
		const status =
			typeof code === 'number' && Number.isInteger(code) && code >= 100 && code <= 599
				? code
				: undefined;
		return { ok: envelope.ok && (status ?? httpStatus) < 300, fromApi: true, message, status };
	},
	hint(httpStatus) {
		if (httpStatus >= 500) return 'Oho had a server problem. Try again later.';
		return OHO_HINTS[httpStatus];
	},
};

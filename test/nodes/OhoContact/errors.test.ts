/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
import type { INodeParameters } from 'n8n-workflow';

import { DEMO } from '../../../sandbox';
import type { FaultKind } from '../../../sandbox';
import { newLineContact, params, runFailing, SOMCHAI } from '../../helpers/ohoContact';
import { ohoRequests, useSandbox } from '../../helpers/sandbox';

const ref = useSandbox();

const OTHER_BUSINESS_CONTACT = {
	platform: 'facebook',
	platformId: DEMO.otherBusiness.facebook.platformId,
	userId: DEMO.otherBusiness.facebook.userIds[0],
};

/** Max Retries 3 everywhere below: these answers must still be sent once only. */
const withRetries = (parameters: INodeParameters) => ({
	...parameters,
	options: { ...(parameters.options as object), maxRetries: 3 },
});

interface ErrorCase {
	title: string;
	parameters: INodeParameters;
	apiKey?: string;
	message: string;
	hint: string;
	httpCode: string;
}

const ANSWERS_NEVER_RETRIED: ErrorCase[] = [
	{
		title: '400 (a value Oho refuses: a phone number of another country, allowed by the operator)',
		parameters: params('create', newLineContact(), {
			additionalFields: { phone: '+1 415 555 2671' },
			options: { allowNonThaiPhones: true },
		}),
		message: 'Oho: Bad request: phone must be a phone number like 0987654321 (HTTP 400)',
		hint: 'Oho rejected a value; its message names the field. Check that field against the limits shown in the node.',
		httpCode: '400',
	},
	{
		title: '401 (an API key Oho does not know)',
		parameters: params('get', SOMCHAI),
		apiKey: 'oho-revoked-key',
		message: 'Oho: You do not have valid permission (HTTP 401)',
		hint: 'Check the API key in the Oho API credential.',
		httpCode: '401',
	},
	{
		title: '403 (a page of another business)',
		parameters: params('update', OTHER_BUSINESS_CONTACT, { updateFields: { age: 30 } }),
		message: 'Oho: Invalid partner for this API key (HTTP 403)',
		hint: 'The API key belongs to another business than this Platform ID. Check the credential and the Platform ID.',
		httpCode: '403',
	},
	{
		title: '404 (no such contact)',
		parameters: params('get', { ...SOMCHAI, userId: 'Unobody' }),
		message: 'Oho: Not found contact (HTTP 404)',
		hint: 'Nothing matches this Platform, Platform ID and User ID. Check the three identity fields.',
		httpCode: '404',
	},
	{
		title: '409 (Create of a contact that exists)',
		parameters: params('create', SOMCHAI),
		message: 'Oho: The contact already exists (HTTP 409)',
		hint: 'A contact with this Platform, Platform ID and User ID exists already. Use the Create or Update operation instead.',
		httpCode: '409',
	},
];

describe('Oho Contact: errors', () => {
	test.each(ANSWERS_NEVER_RETRIED)(
		'$title: Oho’s message, the HTTP code and a hint; sent once, never retried',
		async (error) => {
			const stopped = await runFailing(ref.sb, withRetries(error.parameters), {
				apiKey: error.apiKey,
			});

			expect(stopped.message).toBe(error.message);
			expect(stopped.description).toBe(error.hint);
			expect(stopped.httpCode).toBe(error.httpCode);
			// Sent once whatever Max Retries says; on a 401 n8n is told not to resend (an Oho key cannot refresh).
			expect(ohoRequests(ref.sb).map((request) => request.status)).toEqual([
				Number(error.httpCode),
			]);
		},
	);

	test('429 when retries are used up: Oho’s message and a hint about parallel requests and retries', async () => {
		ref.sb.setKnobs({ faults: [{ match: { api: 'oho' }, kind: 429 }] });
		const error = await runFailing(ref.sb, params('get', SOMCHAI, { options: { maxRetries: 0 } }));

		expect(error.message).toBe('Oho: Too many requests (HTTP 429)');
		expect(error.description).toBe(
			'Oho is rate limiting this key. Lower Requests in Parallel or raise Max Retries (under Advanced).',
		);
		expect(error.httpCode).toBe('429');
		expect(ohoRequests(ref.sb)).toHaveLength(1);
	});

	test.each<[FaultKind, string, string]>([
		[500, 'Oho: Internal server error (HTTP 500)', 'Oho had a server problem. Try again later.'],
		[502, 'Oho: Bad gateway (HTTP 502)', 'Oho had a server problem. Try again later.'],
		[
			'html',
			'The Oho API answered HTTP 502 with a body that is not JSON',
			'Received: 502 Bad Gateway 502 Bad Gateway nginx. This is usually a gateway or server fault; try again later.',
		],
		['ok-false', 'Oho: Temporary processing error (HTTP 200)', ''],
	])('a %s answer is reported with what Oho said', async (kind, message, hint) => {
		ref.sb.setKnobs({ faults: [{ match: { api: 'oho' }, kind }] });
		const error = await runFailing(ref.sb, params('get', SOMCHAI, { options: { maxRetries: 0 } }));

		expect(error.message).toBe(message);
		expect(error.description ?? '').toBe(hint);
	});

	test('a 500 is not retried (only 429, 502, 503, 504 and network errors are)', async () => {
		ref.sb.setKnobs({ faults: [{ match: { api: 'oho' }, sequence: [500] }] });
		const error = await runFailing(ref.sb, params('get', SOMCHAI, { options: { maxRetries: 3 } }));

		expect(error.httpCode).toBe('500');
		expect(ohoRequests(ref.sb)).toHaveLength(1);
	});

	test('a lost connection names the API and says how often it was tried', async () => {
		ref.sb.setKnobs({ faults: [{ match: { api: 'oho' }, kind: 'reset' }] });
		const error = await runFailing(ref.sb, params('get', SOMCHAI, { options: { maxRetries: 1 } }));

		expect(error.message).toBe('Could not reach the Oho API (ECONNRESET)');
		expect(error.description).toBe(
			`The connection to ${new URL(ref.sb.url).host} failed. Check the Base URL of the Oho API credential and the network. Tried 2 time(s).`,
		);
		expect(ohoRequests(ref.sb)).toHaveLength(2);
	});

	test('no answer within the timeout names the API and the timeout', async () => {
		ref.sb.setKnobs({ faults: [{ match: { api: 'oho' }, kind: 'hang' }] });
		const error = await runFailing(
			ref.sb,
			params('get', SOMCHAI, { options: { maxRetries: 0, timeoutMs: 200 } }),
		);

		expect(error.message).toBe('Could not reach the Oho API (ECONNABORTED)');
		expect(error.description).toBe(
			'No answer within 200 ms. Raise Timeout (under Advanced) or try again later.',
		);
	});

	test('a Base URL where nothing listens is reported as unreachable', async () => {
		const error = await runFailing(ref.sb, params('get', SOMCHAI, { options: { maxRetries: 0 } }), {
			baseUrl: 'http://127.0.0.1:9',
		});

		expect(error.message).toBe('Could not reach the Oho API (ECONNREFUSED)');
		expect(error.description).toBe(
			'Nothing answers at 127.0.0.1:9. Check the host and port in the Base URL of the Oho API credential, and that the service is up. Tried 1 time(s).',
		);
	});

	test('a Base URL whose host does not exist says which host and what to check', async () => {
		const error = await runFailing(ref.sb, params('get', SOMCHAI, { options: { maxRetries: 0 } }), {
			baseUrl: 'https://api.developer.oho-chat.invalid',
		});

		expect(error.message).toBe('Could not reach the Oho API (ENOTFOUND)');
		expect(error.description).toBe(
			'The host api.developer.oho-chat.invalid does not exist (no such DNS name). Check the spelling of the Base URL of the Oho API credential. Tried 1 time(s).',
		);
	});

	test('the API key never appears in an error', async () => {
		const error = await runFailing(ref.sb, params('get', SOMCHAI), {
			apiKey: 'oho-secret-key-123',
		});

		expect(JSON.stringify(error)).not.toContain('oho-secret-key-123');
	});
});

/**
 * The Gofive API credential: its test request run as n8n's credential tester runs it (RoutingNode in an
 * ExecuteContext, then the rules), its authentication headers and its token handling, against the sandbox.
 */
import type { IDataObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { GofiveApi } from '../../credentials/GofiveApi.credentials';
import { DEMO } from '../../sandbox';
import { testCredential } from '../helpers/credentialTest';
import { accessToken, clientCredentials, messageRequests, statuses, tokenRequests } from '../shared/gofive';
import { useSandbox } from '../shared/sandbox';

const ref = useSandbox();

describe('Gofive API credential: test', () => {
	test('a good access token passes: Gofive answers the empty test message with its validation error', async () => {
		const result = await testCredential('gofiveApi', accessToken(ref.sb));

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		const [request] = messageRequests(ref.sb);
		expect(request).toMatchObject({ method: 'POST', path: '/v1/chat/message', status: 400 });
		expect(request.headers.authorization).toBe('Bearer gofi***');
		// Nothing was posted into any room.
		expect(ref.sb.state().gofiveMessages).toHaveLength(0);
	});

	test('a bad access token fails with the 401 rule’s message', async () => {
		const result = await testCredential('gofiveApi', accessToken(ref.sb, { accessToken: 'not-a-token' }));

		expect(result).toEqual({
			status: 'Error',
			message:
				'Gofive refused these credentials (401). Check the access token, or the client ID and secret, and the subscription key.',
		});
		expect(messageRequests(ref.sb).every((request) => request.status === 401)).toBe(true);
	});

	test('good client credentials pass: a token is fetched and the test request carries it', async () => {
		const result = await testCredential('gofiveApi', clientCredentials(ref.sb));

		expect(result.status).toBe('OK');
		expect(statuses(tokenRequests(ref.sb))).toEqual([200]);
		expect(messageRequests(ref.sb).map((request) => [request.headers.authorization, request.status])).toEqual([['Bearer gft_***', 400]]);
	});

	test('a stale stored token does not make the test pass or fail: testing always fetches a fresh one', async () => {
		const result = await testCredential('gofiveApi', clientCredentials(ref.sb, { sessionToken: 'gft_stale' }));

		expect(result.status).toBe('OK');
		expect(tokenRequests(ref.sb)).toHaveLength(1);
		expect(statuses(messageRequests(ref.sb))).toEqual([400]);
	});

	test('a bad client secret fails at the token request, with the token endpoint’s reason', async () => {
		const result = await testCredential('gofiveApi', clientCredentials(ref.sb, { clientSecret: 'not-the-secret' }));

		expect(result).toEqual({
			status: 'Error',
			message:
				'Gofive refused the client credentials (HTTP 400 invalid_client: Client authentication failed). Check the Client ID, Client Secret, Token URL and Subscription Key in the Gofive API credential.',
		});
		expect(result.message).not.toContain('not-the-secret');
		expect(statuses(tokenRequests(ref.sb))).toEqual([400]);
		expect(messageRequests(ref.sb)).toHaveLength(0);
	});

	test('a bad client ID fails the same way', async () => {
		const result = await testCredential('gofiveApi', clientCredentials(ref.sb, { clientId: 'someone-else' }));

		expect(result.status).toBe('Error');
		expect(result.message).toContain('invalid_client');
	});

	test('a Base URL that is not the Gofive API fails instead of passing as an ignored status', async () => {
		const result = await testCredential('gofiveApi', accessToken(ref.sb, { baseUrl: `${ref.sb.url}/somewhere-else` }));

		expect(result).toEqual({
			status: 'Error',
			message: 'The Base URL did not answer like the Gofive API (HTTP 404). Check the Base URL (default https://api.gofive.co.th).',
		});
	});

	test('an unavailable API fails instead of passing', async () => {
		ref.sb.setKnobs({ faults: [{ match: { api: 'gofive' }, kind: 503 }] });
		const result = await testCredential('gofiveApi', accessToken(ref.sb));

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/503|Service Unavailable/i);
	});

	test('a missing subscription key fails where the gateway requires one; the right key passes', async () => {
		ref.sb.setKnobs({ gofiveRequireSubscriptionKey: true });

		expect((await testCredential('gofiveApi', accessToken(ref.sb))).status).toBe('Error');
		expect((await testCredential('gofiveApi', accessToken(ref.sb, { subscriptionKey: DEMO.gofiveSubscriptionKey }))).status).toBe('OK');
	});
});

describe('Gofive API credential: authentication', () => {
	const credential = new GofiveApi();
	const request: IHttpRequestOptions = { url: 'https://api.gofive.co.th/v1/chat/message', headers: { Accept: 'application/json' } };

	test('an access token goes as a bearer token; no subscription-key header when none is set', async () => {
		const options = await credential.authenticate({ authentication: 'accessToken', accessToken: 'tok', subscriptionKey: '' }, request);

		expect(options.headers).toEqual({ Accept: 'application/json', Authorization: 'Bearer tok' });
	});

	test('client credentials send the session token and the subscription key', async () => {
		const options = await credential.authenticate(
			{ authentication: 'clientCredentials', sessionToken: 'session', accessToken: 'ignored', subscriptionKey: 'key' },
			request,
		);

		expect(options.headers).toEqual({ Accept: 'application/json', Authorization: 'Bearer session', 'Ocp-Apim-Subscription-Key': 'key' });
	});

	test('preAuthentication does nothing for an access token', async () => {
		const helper = { helpers: { httpRequest: jest.fn() } } as unknown as IHttpRequestHelper;

		expect(await credential.preAuthentication.call(helper, { authentication: 'accessToken' })).toEqual({});
		expect(helper.helpers.httpRequest).not.toHaveBeenCalled();
	});

	test('parallel token requests of one client share one fetch', async () => {
		const waiting: Array<() => void> = [];
		const release = () => waiting.splice(0).forEach((resolve) => resolve());
		let calls = 0;
		const httpRequest = jest.fn(async (): Promise<IDataObject> => {
			const call = ++calls;
			await new Promise<void>((resolve) => waiting.push(resolve));
			return { statusCode: 200, body: { access_token: `token-${call}`, expires_in: 3600 } };
		});
		const helper = { helpers: { httpRequest } } as unknown as IHttpRequestHelper;
		const data = clientCredentials(ref.sb);

		const pending = [1, 2, 3].map(async () => await credential.preAuthentication.call(helper, data));
		release();

		expect(await Promise.all(pending)).toEqual(Array(3).fill({ sessionToken: 'token-1' }));
		expect(httpRequest).toHaveBeenCalledTimes(1);
		// Once settled, the next expiry fetches again.
		const again = credential.preAuthentication.call(helper, data);
		release();
		expect(await again).toEqual({ sessionToken: 'token-2' });
		expect(httpRequest).toHaveBeenCalledTimes(2);
	});

	test('an answer without access_token is an error, not an empty token stored for every request to refetch', async () => {
		const helper = {
			helpers: { httpRequest: jest.fn(async () => ({ statusCode: 200, body: '<html>login</html>' })) },
		} as unknown as IHttpRequestHelper;

		await expect(credential.preAuthentication.call(helper, clientCredentials(ref.sb))).rejects.toThrow(
			"Gofive's token endpoint answered without an access_token (HTTP 200). Check the Token URL in the Gofive API credential.",
		);
	});
});

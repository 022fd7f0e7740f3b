/**
 * The Gofive API credential: its test request run as n8n's credential tester runs it (RoutingNode in an
 * ExecuteContext, then the rules), its authentication headers and its token handling, against the sandbox.
 */
import type { IDataObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { GofiveApi } from '../../credentials/GofiveApi.credentials';
import { baseUrlHint, testCredential } from '../helpers/credentialTest';
import { startScriptedServer } from '../helpers/scriptedServer';
import {
	accessToken,
	clientCredentials,
	messageRequests,
	statuses,
	tokenRequests,
} from '../helpers/gofive';
import { useSandbox } from '../helpers/sandbox';

const ref = useSandbox();

/** An unsigned JWT whose payload is `claims` (only its expiry is read offline; Gofive checks the signature). */
function jwt(claims: IDataObject): string {
	const segment = (value: IDataObject) => Buffer.from(JSON.stringify(value)).toString('base64url');
	return `${segment({ alg: 'RS256', typ: 'JWT' })}.${segment(claims)}.c2lnbmF0dXJl`;
}

const inSeconds = (seconds: number) => Math.floor(Date.now() / 1000) + seconds;

describe('Gofive API credential: test', () => {
	test('a good access token passes: the chat API refuses the empty request as incomplete (400) once it has accepted the token; nothing is stored', async () => {
		const result = await testCredential('gofiveApi', accessToken(ref.sb));

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		const requests = ref.sb.requests();
		expect(
			requests.map(({ method, path, body, status }) => ({ method, path, body, status })),
		).toEqual([{ method: 'POST', path: '/v1/chat/message', body: undefined, status: 400 }]);
		expect(requests[0].headers.authorization).toBe('Bearer gofi***');
		expect(ref.sb.state().gofiveMessages).toHaveLength(0);
	});

	test('a JWT access token past its expiry fails before anything is sent, and says when it expired', async () => {
		const expired = jwt({ sub: 'operator', exp: Date.UTC(2026, 10, 30, 14, 5, 59) / 1000 });
		const result = await testCredential('gofiveApi', accessToken(ref.sb, { accessToken: expired }));

		expect(result).toEqual({
			status: 'Error',
			message:
				'The Gofive access token expired on 2026-11-30 14:05 UTC. Paste a new token into the Gofive API credential, or switch its Authentication to Client Credentials so n8n fetches tokens itself.',
		});
		expect(result.message).not.toContain(expired);
		expect(ref.sb.requests()).toHaveLength(0);
	});

	test('a garbage access token, or a JWT Gofive did not issue, fails with the 401 rule’s message instead of passing', async () => {
		for (const token of [
			'garbage',
			'a.b.c',
			jwt({ exp: inSeconds(3600) }),
			jwt({ sub: 'no expiry' }),
		]) {
			const result = await testCredential('gofiveApi', accessToken(ref.sb, { accessToken: token }));
			expect(result).toEqual({
				status: 'Error',
				message:
					'Gofive did not accept these credentials (401). Check the access token, or the client ID and secret, and the subscription key.',
			});
			expect(result.message).not.toContain(token);
		}
		// n8n's tester resends once after a 401 (its preAuthentication retry); nothing is ever stored.
		expect(statuses(messageRequests(ref.sb))).toEqual(Array(8).fill(401));
		expect(ref.sb.state().gofiveMessages).toHaveLength(0);
	});

	test('a gateway that refuses the token fails with the 401 rule’s message; 403 likewise', async () => {
		const gateway = await startScriptedServer([
			// n8n's tester resends once after a 401 (its preAuthentication retry), so the 401 is scripted twice.
			{ status: 401, body: { statusCode: 401, message: 'Access denied due to invalid token.' } },
			{ status: 401, body: { statusCode: 401, message: 'Access denied due to invalid token.' } },
			{ status: 403, body: { statusCode: 403, message: 'Forbidden' } },
		]);
		try {
			const credential = accessToken(ref.sb, { accessToken: 'not-a-token', baseUrl: gateway.url });
			expect(await testCredential('gofiveApi', credential)).toEqual({
				status: 'Error',
				message:
					'Gofive did not accept these credentials (401). Check the access token, or the client ID and secret, and the subscription key.',
			});
			expect(await testCredential('gofiveApi', credential)).toEqual({
				status: 'Error',
				message:
					'Gofive refused access (403). Check the subscription key and the token’s permissions.',
			});
			expect(new Set(gateway.requests)).toEqual(new Set(['POST /v1/chat/message']));
		} finally {
			await gateway.close();
		}
	});

	test('a Base URL with a path after the host (404 on the chat API): says it is not the Gofive API', async () => {
		const result = await testCredential(
			'gofiveApi',
			accessToken(ref.sb, { baseUrl: `${ref.sb.url}/api` }),
		);

		expect(result).toEqual({
			status: 'Error',
			message:
				'The Base URL did not answer like the Gofive API (HTTP 404 for POST /v1/chat/message). Check the Base URL (default https://api.gofive.co.th), without a path after the host.',
		});
	});

	test('good client credentials pass: a token is fetched and the empty request carries it; nothing is stored', async () => {
		const result = await testCredential('gofiveApi', clientCredentials(ref.sb));

		expect(result.status).toBe('OK');
		expect(statuses(tokenRequests(ref.sb))).toEqual([200]);
		expect(
			messageRequests(ref.sb).map((request) => [
				request.method,
				request.headers.authorization,
				request.status,
			]),
		).toEqual([['POST', 'Bearer gft_***', 400]]);
		expect(ref.sb.state().gofiveMessages).toHaveLength(0);
	});

	test('a stale stored token does not make the test pass or fail: testing always fetches a fresh one', async () => {
		const result = await testCredential(
			'gofiveApi',
			clientCredentials(ref.sb, { sessionToken: 'gft_stale' }),
		);

		expect(result.status).toBe('OK');
		expect(tokenRequests(ref.sb)).toHaveLength(1);
		expect(statuses(messageRequests(ref.sb))).toEqual([400]);
	});

	test('a bad client secret fails at the token request, with the token endpoint’s reason', async () => {
		const result = await testCredential(
			'gofiveApi',
			clientCredentials(ref.sb, { clientSecret: 'not-the-secret' }),
		);

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
		const result = await testCredential(
			'gofiveApi',
			clientCredentials(ref.sb, { clientId: 'someone-else' }),
		);

		expect(result.status).toBe('Error');
		expect(result.message).toContain('invalid_client');
	});

	test('a misspelt or unreachable Token URL names the host and what to check', async () => {
		const nothingThere = await testCredential(
			'gofiveApi',
			clientCredentials(ref.sb, { tokenUrl: 'http://127.0.0.1:9/token' }),
		);
		expect(nothingThere).toEqual({
			status: 'Error',
			message:
				'Nothing answers at 127.0.0.1:9. Check the host and port in the Token URL in the Gofive API credential, and that the service is up.',
		});

		const noSuchHost = await testCredential(
			'gofiveApi',
			clientCredentials(ref.sb, { tokenUrl: 'https://auth.gofive.invalid/connect/token' }),
		);
		expect(noSuchHost).toEqual({
			status: 'Error',
			message:
				'The host auth.gofive.invalid does not exist (no such DNS name). Check the spelling of the Token URL in the Gofive API credential.',
		});
		expect(ref.sb.requests()).toHaveLength(0);
	});

	test('an unreachable Base URL fails with n8n’s network code, which the Base URL’s hint explains', async () => {
		const result = await testCredential(
			'gofiveApi',
			accessToken(ref.sb, { baseUrl: 'http://127.0.0.1:9' }),
		);

		// n8n's CredentialsTester shows only the code of a network error; the credential cannot change that message.
		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
		expect(baseUrlHint('gofiveApi')).toContain(
			'ECONNREFUSED: nothing answers at this host and port',
		);
	});

	test('an unavailable API fails instead of passing', async () => {
		ref.sb.setKnobs({ faults: [{ match: { api: 'gofive' }, kind: 503 }] });
		const result = await testCredential('gofiveApi', accessToken(ref.sb));

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/503|Service Unavailable/i);
	});
});

describe('Gofive API credential: authentication', () => {
	const credential = new GofiveApi();
	const request: IHttpRequestOptions = {
		url: 'https://api.gofive.co.th/v1/chat/message',
		headers: { Accept: 'application/json' },
	};

	test('an access token goes as a bearer token; no subscription-key header when none is set', async () => {
		const options = await credential.authenticate(
			{ authentication: 'accessToken', accessToken: 'tok', subscriptionKey: '' },
			request,
		);

		expect(options.headers).toEqual({ Accept: 'application/json', Authorization: 'Bearer tok' });
	});

	test('client credentials send the session token and the subscription key', async () => {
		const options = await credential.authenticate(
			{
				authentication: 'clientCredentials',
				sessionToken: 'session',
				accessToken: 'ignored',
				subscriptionKey: 'key',
			},
			request,
		);

		expect(options.headers).toEqual({
			Accept: 'application/json',
			Authorization: 'Bearer session',
			'Ocp-Apim-Subscription-Key': 'key',
		});
	});

	test('preAuthentication does nothing for an access token', async () => {
		const helper = { helpers: { httpRequest: jest.fn() } } as unknown as IHttpRequestHelper;

		expect(
			await credential.preAuthentication.call(helper, { authentication: 'accessToken' }),
		).toEqual({});
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

		const pending = [1, 2, 3].map(
			async () => await credential.preAuthentication.call(helper, data),
		);
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
			helpers: {
				httpRequest: jest.fn(async () => ({ statusCode: 200, body: '<html>login</html>' })),
			},
		} as unknown as IHttpRequestHelper;

		await expect(
			credential.preAuthentication.call(helper, clientCredentials(ref.sb)),
		).rejects.toThrow(
			"Gofive's token endpoint answered without an access_token (HTTP 200). Check the Token URL in the Gofive API credential.",
		);
	});
});

/**
 * The Oho API credential's test, run as n8n's CredentialsTester runs it (test/helpers/credentialTest.ts: the test
 * request routed by n8n-core's RoutingNode in an ExecuteContext, then the rules applied to the answer).
 */
import { DEMO } from '../../sandbox';
import type { FaultKind } from '../../sandbox';
import { baseUrlHint, testCredential } from '../helpers/credentialTest';
import { useSandbox } from '../helpers/sandbox';
import { startScriptedServer } from '../helpers/scriptedServer';

const ref = useSandbox();

const TEST_PATH = '/contact/line/n8n-credential-test/user/n8n-credential-test';
const OK = { status: 'OK', message: 'Connection successful!' };
const NOT_OHO = {
	status: 'Error',
	message:
		'The Base URL did not answer like the Oho partner API. Check the Base URL (default https://api.developer.oho.chat).',
};
const REFUSED_401 = {
	status: 'Error',
	message: 'Oho refused this API key (401). Check the key Oho Chat issued to you.',
};

const REFUSED_403 =
	"Oho refused this API key for this business (403 Invalid partner for this API key). Check that the key belongs to your business, and that the LINE Bot User ID is your LINE OA's (the OA connected to this business in Oho).";

const testOho = async (apiKey: string, baseUrl = ref.sb.url, account = {}) =>
	await testCredential('ohoApi', { apiKey, baseUrl, ...account });

/** What the credential test sent: method, path, the (masked) key header, and Oho's answer. */
const sent = () =>
	ref.sb
		.requests()
		.map((request) => [
			request.method,
			request.path,
			request.headers['x-oho-api-key'],
			request.status,
		]);
const contentTypes = () => ref.sb.requests().map((request) => request.headers['content-type']);

describe('Oho API credential test', () => {
	test('the demo key: Oho answers 404 for the impossible contact, so the key works', async () => {
		expect(await testOho(DEMO.ohoApiKey)).toEqual(OK);
		expect(sent()).toEqual([['GET', TEST_PATH, 'oho-***', 404]]);
		// docs/api/oho.md § "Base URL and authentication": every call sends Content-Type: application/json.
		expect(contentTypes()).toEqual(['application/json']);
	});

	test('a key Oho does not know: the 401 rule’s message', async () => {
		expect(await testOho('zzz-unknown-key')).toEqual(REFUSED_401);
		expect(sent()).toEqual([['GET', TEST_PATH, 'zzz-***', 401]]);
	});

	test('a Base URL typed with a trailing slash reaches the same endpoint', async () => {
		expect(await testOho('zzz-unknown-key', `${ref.sb.url}/`)).toEqual(REFUSED_401);
		expect(await testOho(DEMO.ohoApiKey, `${ref.sb.url}/`)).toEqual(OK);
	});

	test.each([
		['the sandbox’s health endpoint', '/__sandbox/health'],
		['a path where a JSON 404 without an Oho envelope answers', '/__sandbox'],
	])(
		'a Base URL that is not Oho (%s): the "did not answer like the Oho partner API" message',
		async (_label, path) => {
			expect(await testOho(DEMO.ohoApiKey, `${ref.sb.url}${path}`)).toEqual(NOT_OHO);
		},
	);

	test('a Base URL with a wrong path on an Oho server (its "Not found" for unknown routes): says to remove the path', async () => {
		expect(await testOho(DEMO.ohoApiKey, `${ref.sb.url}/api`)).toEqual({
			status: 'Error',
			message:
				'The Base URL reaches an Oho server but not its partner API. Remove any path after the host (default https://api.developer.oho.chat).',
		});
		expect(sent()).toEqual([['GET', `/api${TEST_PATH}`, 'oho-***', 404]]);
	});

	test('a key Oho refuses for this business (403): the 403 rule’s message', async () => {
		const oho = await startScriptedServer([
			{
				status: 403,
				body: { ok: false, status_code: 403, message: 'Invalid partner for this API key' },
			},
		]);
		try {
			expect(await testOho(DEMO.ohoApiKey, oho.url)).toEqual({
				status: 'Error',
				message: REFUSED_403,
			});
			expect(oho.requests).toEqual([`GET ${TEST_PATH}`]);
		} finally {
			await oho.close();
		}
	});

	test.each<FaultKind>([429, 500, 502, 503])(
		'Oho answering %s: "could not check the key right now"',
		async (kind) => {
			ref.sb.setKnobs({ faults: [{ match: { api: 'oho' }, kind }] });

			expect(await testOho(DEMO.ohoApiKey)).toEqual({
				status: 'Error',
				message: `Oho could not check the key right now (HTTP ${kind}). Try again in a minute.`,
			});
		},
	);

	test('a Base URL where nothing listens: n8n reports the network error code, which the Base URL’s hint explains', async () => {
		// n8n's CredentialsTester shows only the code of a network error; the credential cannot change that message.
		expect(await testOho(DEMO.ohoApiKey, 'http://127.0.0.1:9')).toEqual({
			status: 'Error',
			message: 'ECONNREFUSED',
		});
		expect(await testOho(DEMO.ohoApiKey, 'https://oho.invalid')).toEqual({
			status: 'Error',
			message: 'ENOTFOUND',
		});
		expect(baseUrlHint('ohoApi')).toBe(
			'If the credential test answers ENOTFOUND, this host name does not exist: check its spelling. ECONNREFUSED: nothing answers at this host and port from the n8n server: check the port and that the service is up.',
		);
	});

	describe('with the LINE account in the credential', () => {
		const lineAccount = { lineBotUserId: DEMO.line.platformId };
		const accountPath = `/contact/line/${DEMO.line.platformId}/user/n8n-credential-test`;

		test('the key of the business that has the LINE OA passes; the test asks on that OA', async () => {
			expect(await testOho(DEMO.ohoApiKey, ref.sb.url, lineAccount)).toEqual(OK);
			expect(sent()).toEqual([['GET', accountPath, 'oho-***', 404]]);
		});

		test('another business’s key fails with Oho’s 403 for the OA (it passed before the OA was configured)', async () => {
			expect(await testOho(DEMO.ohoOtherBusinessKey, ref.sb.url, lineAccount)).toEqual({
				status: 'Error',
				message: REFUSED_403,
			});
			expect(await testOho(DEMO.ohoOtherBusinessKey)).toEqual(OK);
			expect(sent()).toEqual([
				['GET', accountPath, 'oho-***', 403],
				['GET', TEST_PATH, 'oho-***', 404],
			]);
		});

		test('a bot user ID typed with spaces around it is sent trimmed', async () => {
			expect(
				await testOho(DEMO.ohoOtherBusinessKey, ref.sb.url, {
					lineBotUserId: ` ${DEMO.line.platformId} `,
				}),
			).toEqual({
				status: 'Error',
				message: REFUSED_403,
			});
			expect(sent()).toEqual([['GET', accountPath, 'oho-***', 403]]);
		});
	});
});

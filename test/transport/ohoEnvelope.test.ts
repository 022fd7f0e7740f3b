/**
 * Oho's envelope decides (docs/api/oho.md § "Response envelope"). Where `status_code` is present it wins over the HTTP status: in errors, hints,
 * 409 handling and the credential test. Each case is an answer whose two statuses disagree.
 */
import type { IDataObject } from 'n8n-workflow';

import { OhoChat } from '../../nodes/OhoChat/OhoChat.node';
import { DEMO } from '../../sandbox';
import { testCredential } from '../helpers/credentialTest';
import { jsonOf, runNode } from '../helpers/n8n';
import { FAST_RETRIES, newLineContact, params, runContact, SOMCHAI } from '../helpers/ohoContact';
import type { ScriptedReply, ScriptedServer } from '../helpers/scriptedServer';
import { startScriptedServer } from '../helpers/scriptedServer';
import { useSandbox } from '../helpers/sandbox';

const ref = useSandbox();

const envelope = (
	httpStatus: number,
	status_code: number,
	message: string,
	ok = status_code < 300,
): ScriptedReply => ({
	status: httpStatus,
	body: { ok, status_code, message },
});
const EXISTS_ON_200 = envelope(200, 409, 'The contact already exists');
const UPDATED = envelope(200, 200, 'Update contact successfully');

describe("Oho's envelope decides", () => {
	let server: ScriptedServer | undefined;
	const serve = async (replies: ScriptedReply[]) => (server = await startScriptedServer(replies));
	afterEach(async () => {
		await server?.close();
		server = undefined;
	});

	test('Create or Update: HTTP 200 with status_code 409 is "exists", so the contact is updated', async () => {
		const oho = await serve([EXISTS_ON_200, UPDATED]);
		const result = await runContact(ref.sb, params('upsert', SOMCHAI, { firstName: 'Somchai' }), {
			baseUrl: oho.url,
		});

		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0]).toMatchObject({
			operation: 'updated',
			message: 'Update contact successfully',
		});
		expect(oho.requests.map((request) => request.split(' ')[0])).toEqual(['POST', 'PATCH']);
	});

	test("Create: HTTP 200 with status_code 409 fails with Oho's message, both statuses, the 409 code and the 409 hint", async () => {
		const oho = await serve([EXISTS_ON_200]);
		const result = await runContact(ref.sb, params('create', newLineContact()), {
			baseUrl: oho.url,
		});

		expect(result.error).toMatchObject({
			message: 'Oho: The contact already exists (status 409, HTTP 200)',
			httpCode: '409',
			description:
				'A contact with this Platform, Platform ID and User ID exists already. Use the Create or Update operation instead.',
		});
	});

	test('HTTP 400 with status_code 404: the 404 hint and code', async () => {
		const oho = await serve([envelope(400, 404, 'The contact not found')]);
		const result = await runContact(
			ref.sb,
			params('update', SOMCHAI, { updateFields: { age: 40 } }),
			{ baseUrl: oho.url },
		);

		expect(result.error).toMatchObject({
			message: 'Oho: The contact not found (status 404, HTTP 400)',
			httpCode: '404',
			description:
				'No contact has this Platform, Platform ID and User ID. Use Create, or Create or Update, to add it.',
		});
	});

	test('HTTP 200 with ok: true but status_code 500 is a failure', async () => {
		const oho = await serve([envelope(200, 500, 'Internal error', true)]);
		const result = await runContact(
			ref.sb,
			params('get', SOMCHAI, { options: { maxRetries: 0 } }),
			{ baseUrl: oho.url },
		);

		expect(result.error).toMatchObject({
			message: 'Oho: Internal error (status 500, HTTP 200)',
			httpCode: '500',
		});
	});

	test("Request Agent: HTTP 200 with status_code 409 is 'already in that state', a success without change", async () => {
		const oho = await serve([envelope(200, 409, 'Chat room cannot be changed to agent requested')]);
		const result = await runNode({
			node: new OhoChat(),
			parameters: {
				resource: 'chat',
				operation: 'requestAgent',
				...SOMCHAI,
				options: { ...FAST_RETRIES },
			},
			credentials: { ohoApi: { apiKey: DEMO.ohoApiKey, baseUrl: oho.url } },
		});

		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0]).toMatchObject({
			ok: true,
			changed: false,
			alreadyInState: true,
		} as IDataObject);
	});

	test.each([
		[
			'HTTP 200 with status_code 401: the key is refused',
			envelope(200, 401, 'You do not have valid permission'),
			'Error',
		],
		[
			'HTTP 401 with status_code 404: the key works (the test contact does not exist)',
			envelope(401, 404, 'Not found contact'),
			'OK',
		],
	])('credential test, %s', async (_case, reply, status) => {
		const oho = await serve([reply]);

		expect(
			(await testCredential('ohoApi', { apiKey: DEMO.ohoApiKey, baseUrl: oho.url })).status,
		).toBe(status);
	});
});

describe("Oho's envelope decides retries too", () => {
	let server: ScriptedServer | undefined;
	afterEach(async () => {
		await server?.close();
		server = undefined;
	});

	test('HTTP 200 with status_code 429 is retried like a 429', async () => {
		const found = envelope(200, 200, 'Get contact successfully');
		server = await startScriptedServer([
			envelope(200, 429, 'Too many requests'),
			{ ...found, body: { ...(found.body as object), data: { first_name: 'Somchai' } } },
		]);
		const result = await runContact(ref.sb, params('get', SOMCHAI), { baseUrl: server.url });

		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(2);
	});
});

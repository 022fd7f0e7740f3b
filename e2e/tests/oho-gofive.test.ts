/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * Our package on a real n8n: built, packed, installed the way n8n installs a community
 * package, run with `n8n execute` against the local sandbox (in this process, on Node 20;
 * n8n runs on the cached Node and calls it over 127.0.0.1).
 *
 * E2E_TARBALL=<path> skips `npm run build` + `npm pack` and installs that tarball instead.
 */
import { rmSync } from 'fs';
import assert from 'node:assert/strict';
import { dirname } from 'path';
import { after, before, describe, test } from 'node:test';

import { DEMO, startSandbox, type Sandbox } from '../../sandbox';
import { installCommunityPackage } from '../lib/community';
import { ensureN8n } from '../lib/install';
import { CRASH_NOTE, N8n, describeFailure, loadProblems, nodeOutput } from '../lib/n8n';
import { buildAndPackRepo } from '../lib/pack';
import { DEFAULT_N8N_VERSION, PACKAGE_NAME } from '../lib/paths';
import { MANUAL_TRIGGER, linearWorkflow } from '../lib/workflows';

const OHO_CRED = { id: 'e2eOhoCred01', name: 'Oho (sandbox)' };
const GOFIVE_CRED = { id: 'e2eGofiveCred01', name: 'Gofive (sandbox, client credentials)' };

describe(`n8n ${DEFAULT_N8N_VERSION}: ${PACKAGE_NAME} installed as a community package`, () => {
	let n8n: N8n;
	let sandbox: Sandbox;

	before(async () => {
		const install = await ensureN8n();
		const tarball = process.env.E2E_TARBALL ?? (await buildAndPackRepo());
		sandbox = await startSandbox({ port: 0 });
		n8n = new N8n(install);
		const installed = await installCommunityPackage(install, n8n.userFolder, tarball);
		if (!process.env.E2E_TARBALL) rmSync(dirname(tarball), { recursive: true, force: true });
		assert.equal(installed.packageName, PACKAGE_NAME);

		await n8n.importCredentials([
			{ ...OHO_CRED, type: 'ohoApi', data: { apiKey: DEMO.ohoApiKey, baseUrl: sandbox.url } },
			{
				...GOFIVE_CRED,
				type: 'gofiveApi',
				data: {
					authentication: 'clientCredentials',
					clientId: DEMO.gofiveClientId,
					clientSecret: DEMO.gofiveClientSecret,
					tokenUrl: `${sandbox.url}/authorization/connect/token`,
					subscriptionKey: DEMO.gofiveSubscriptionKey,
					baseUrl: sandbox.url,
					companyId: DEMO.gofiveCompanyId,
				},
			},
		]);
		await n8n.importWorkflows([
			linearWorkflow('e2eOhoContactGet', 'e2e: Oho Contact get', [
				MANUAL_TRIGGER,
				{
					name: 'Oho Contact',
					type: `${PACKAGE_NAME}.ohoContact`,
					parameters: {
						resource: 'contact',
						operation: 'get',
						platform: 'line',
						platformId: DEMO.line.platformId,
						userId: DEMO.line.userIds[0],
					},
					credentials: { ohoApi: OHO_CRED },
				},
			]),
			linearWorkflow('e2eGofiveSend', 'e2e: Gofive Chat send', [
				MANUAL_TRIGGER,
				{
					name: 'Gofive Chat',
					type: `${PACKAGE_NAME}.gofiveChat`,
					parameters: {
						resource: 'message',
						operation: 'sendMessage',
						roomId: DEMO.gofiveRoomId,
						content: '={{ "Hello from " + $workflow.name }}',
						type: 'message',
						platform: 'line',
					},
					credentials: { gofiveApi: GOFIVE_CRED },
				},
			]),
		]);
	});

	after(async () => {
		await sandbox?.close();
		n8n?.dispose();
	});

	test('Oho Contact get: the stored contact, one authenticated GET, no change', async (t) => {
		sandbox.clearRequests();
		const before = sandbox.state();
		const r = await n8n.execute('e2eOhoContactGet');
		assert.ok(r.ok, describeFailure(r));
		if (r.crashedOnExit) t.diagnostic(CRASH_NOTE);
		assert.deepEqual(loadProblems(r.result), []);

		const stored = sandbox.getContact('line', DEMO.line.platformId, DEMO.line.userIds[0]);
		assert.ok(stored, 'seeded contact');
		const out = nodeOutput(r.run!, 'Oho Contact');
		assert.equal(out.length, 1);
		assert.equal(out[0]._id, stored._id);
		assert.equal(out[0].first_name, stored.first_name);
		assert.equal(out[0].display_name, stored.display_name);

		const requests = sandbox.requests({ api: 'oho' });
		assert.equal(requests.length, 1, JSON.stringify(requests, null, 2));
		assert.equal(requests[0].method, 'GET');
		assert.equal(
			requests[0].path,
			`/contact/line/${DEMO.line.platformId}/user/${DEMO.line.userIds[0]}`,
		);
		assert.equal(requests[0].status, 200);
		assert.ok(requests[0].headers['x-oho-api-key'], 'x-oho-api-key sent');
		assert.deepEqual(sandbox.state().contacts, before.contacts);
	});

	test('Gofive Chat send (client credentials): token fetched by n8n, message stored', async (t) => {
		sandbox.clearRequests();
		const before = sandbox.state();
		const r = await n8n.execute('e2eGofiveSend');
		assert.ok(r.ok, describeFailure(r));
		if (r.crashedOnExit) t.diagnostic(CRASH_NOTE);
		assert.deepEqual(loadProblems(r.result), []);

		const out = nodeOutput(r.run!, 'Gofive Chat');
		assert.equal(out.length, 1);

		const token = sandbox.requests({ api: 'gofive-token' });
		assert.equal(token.length, 1, JSON.stringify(token, null, 2));
		assert.equal(token[0].method, 'POST');
		const sends = sandbox.requests({ api: 'gofive', method: 'POST', path: '/v1/chat/message' });
		assert.equal(sends.length, 1, JSON.stringify(sends, null, 2));
		assert.ok(sends[0].status! >= 200 && sends[0].status! < 300, `status ${sends[0].status}`);

		const after = sandbox.state();
		assert.equal(after.gofiveMessages.length, before.gofiveMessages.length + 1);
		const message = after.gofiveMessages[after.gofiveMessages.length - 1];
		assert.equal(message.roomId, DEMO.gofiveRoomId);
		assert.equal(message.companyId, DEMO.gofiveCompanyId);
		assert.equal(message.content, 'Hello from e2e: Gofive Chat send');
	});
});

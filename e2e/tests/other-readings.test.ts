/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * One workflow on a real n8n against the sandbox's other readings of the OPEN points (docs/api/oho.md,
 * docs/api/gofive.md; the sandbox's `readings` knob): Oho requires line_basic_id even for Facebook, closes chats by
 * GET only, and Gofive answers a posted message without its status block. The workflow creates a Facebook contact,
 * closes a chat and posts a Gofive message; each succeeds, with at most one extra request after an answer that
 * wrote nothing, and the message is posted once and reported as posted (unverified).
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

const OHO_CRED = { id: 'e2eOhoReadings01', name: 'Oho (sandbox, other readings)' };
const GOFIVE_CRED = { id: 'e2eGofiveReadings1', name: 'Gofive (sandbox, other readings)' };
const NEW_FACEBOOK_USER = '6723400000099001';
const FACEBOOK_ROOM_USER = DEMO.facebook.userIds[0];

describe(`n8n ${DEFAULT_N8N_VERSION}: the other readings of the API documents`, () => {
	let n8n: N8n;
	let sandbox: Sandbox;

	before(async () => {
		const install = await ensureN8n();
		const tarball = process.env.E2E_TARBALL ?? (await buildAndPackRepo());
		sandbox = await startSandbox({
			port: 0,
			knobs: {
				readings: {
					closeChatMethod: 'GET',
					lineBasicIdNonLine: 'keyRequired',
					gofiveStatusBlock: false,
				},
			},
		});
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
					authentication: 'accessToken',
					accessToken: DEMO.gofiveAccessToken,
					baseUrl: sandbox.url,
					companyId: DEMO.gofiveCompanyId,
				},
			},
		]);
		await n8n.importWorkflows([
			linearWorkflow('e2eOtherReadings', 'e2e: the other readings', [
				MANUAL_TRIGGER,
				{
					name: 'Oho Contact',
					type: `${PACKAGE_NAME}.ohoContact`,
					parameters: {
						resource: 'contact',
						operation: 'create',
						platform: 'facebook',
						platformId: DEMO.facebook.platformId,
						userId: NEW_FACEBOOK_USER,
						platformName: DEMO.facebook.platformName,
						lineBasicId: '',
						profilePictureUrl: 'https://platform-lookaside.fbsbx.com/platform/profilepic/?psid=1',
						platformDisplayName: 'Page Visitor',
						firstName: 'Page',
					},
					credentials: { ohoApi: OHO_CRED },
				},
				{
					name: 'Oho Chat',
					type: `${PACKAGE_NAME}.ohoChat`,
					parameters: {
						resource: 'chat',
						operation: 'closeChat',
						platform: 'facebook',
						platformId: DEMO.facebook.platformId,
						userId: FACEBOOK_ROOM_USER,
					},
					credentials: { ohoApi: OHO_CRED },
				},
				{
					name: 'Gofive Chat',
					type: `${PACKAGE_NAME}.gofiveChat`,
					parameters: {
						resource: 'message',
						operation: 'sendMessage',
						roomId: DEMO.gofiveRoomId,
						content: 'Hello under the other readings',
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

	test('a Facebook contact created, a chat closed by GET, a Gofive message posted once and reported as posted', async (t) => {
		sandbox.clearRequests();
		sandbox.setRoomState('facebook', DEMO.facebook.platformId, FACEBOOK_ROOM_USER, 'agent_active');
		const messagesBefore = sandbox.state().gofiveMessages.length;
		const r = await n8n.execute('e2eOtherReadings');
		assert.ok(r.ok, describeFailure(r));
		if (r.crashedOnExit) t.diagnostic(CRASH_NOTE);
		assert.deepEqual(loadProblems(r.result), []);

		const closePath = `/chat/facebook/${DEMO.facebook.platformId}/user/${FACEBOOK_ROOM_USER}/close-chat`;
		const oho = sandbox
			.requests({ api: 'oho' })
			.map((request) => `${request.method} ${request.path} ${request.status}`);
		assert.deepEqual(oho, [
			'POST /contact 400',
			'POST /contact 201',
			`POST ${closePath} 404`,
			`GET ${closePath} 200`,
		]);
		assert.ok(
			sandbox.getContact('facebook', DEMO.facebook.platformId, NEW_FACEBOOK_USER),
			'the Facebook contact exists',
		);
		assert.equal(
			sandbox
				.state()
				.rooms.find((room) => room.platform === 'facebook' && room.user_id === FACEBOOK_ROOM_USER)
				?.state,
			'bot',
		);

		const [contact] = nodeOutput(r.run!, 'Oho Contact');
		assert.equal(contact.operation, 'created');
		assert.equal(
			(contact.warnings as Array<{ field: string }>)[0].field,
			'social_profile.line_basic_id',
		);
		const [chat] = nodeOutput(r.run!, 'Oho Chat');
		assert.equal(chat.changed, true);
		assert.equal((chat.warnings as Array<{ field: string }>)[0].field, 'method');

		const sends = sandbox.requests({ api: 'gofive', method: 'POST', path: '/v1/chat/message' });
		assert.equal(sends.length, 1, JSON.stringify(sends, null, 2));
		assert.equal(sandbox.state().gofiveMessages.length, messagesBefore + 1);
		const [message] = nodeOutput(r.run!, 'Gofive Chat');
		assert.equal(message.ok, true);
		assert.equal(message.verified, false);
		assert.equal((message.warnings as Array<{ field: string }>)[0].field, 'status.code');
	});
});

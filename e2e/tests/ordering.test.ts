/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * Order on a real n8n: writes keep their order. 20 Gofive messages to 2 rooms arrive in input order per room,
 * never two at once to one room; 10 rows of one contact end with the last row's values; after a stop, the run that
 * follows (with the items the error named left out) sends nothing twice. Requests pass through a proxy that counts
 * how many of one key are in flight at once.
 *
 * E2E_TARBALL=<path> skips `npm run build` + `npm pack` and installs that tarball instead.
 */
import { rmSync } from 'fs';
import assert from 'node:assert/strict';
import { dirname } from 'path';
import { after, before, beforeEach, describe, test } from 'node:test';

import { DEMO, startSandbox, type Sandbox } from '../../sandbox';
import type { ConcurrencyProxy } from '../../test/helpers/concurrencyProxy';
import {
	messagesToTwoRooms,
	sendMessageByItem,
	startConcurrencyProxy,
} from '../../test/helpers/concurrencyProxy';
import { installCommunityPackage } from '../lib/community';
import { ensureN8n } from '../lib/install';
import { CRASH_NOTE, N8n, describeFailure, nodeOutput } from '../lib/n8n';
import { buildAndPackRepo } from '../lib/pack';
import { DEFAULT_N8N_VERSION, PACKAGE_NAME } from '../lib/paths';
import { MANUAL_TRIGGER, linearWorkflow, type NodeSpec } from '../lib/workflows';

const OHO_CRED = { id: 'e2eOrderOho01', name: 'Oho (ordering proxy)' };
const GOFIVE_CRED = { id: 'e2eOrderGofive1', name: 'Gofive (ordering proxy)' };
const OA = DEMO.line.platformId;
const SOMCHAI = DEMO.line.userIds[0];

/** A Code node that returns `items` (each becomes one item's JSON). */
const codeItems = (items: unknown[]): NodeSpec => ({
	name: 'Rows',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	parameters: { jsCode: `return ${JSON.stringify(items)}.map((json) => ({ json }));` },
});

const MESSAGES = messagesToTwoRooms({ first: DEMO.gofiveRoomId, second: DEMO.gofiveSecondRoomId });
const SOMCHAI_ROWS = Array.from({ length: 10 }, (_, index) => ({
	userId: SOMCHAI,
	phone: `08000000${String(index).padStart(2, '0')}`,
}));
/** 8 new contacts; row 3 has an age Oho refuses, so a run that stops on errors stops there. */
const NEW_ROWS = Array.from({ length: 8 }, (_, index) => ({
	userId: `Uorder${String(index).padStart(27, '0')}`,
	firstName: `Row ${index}`,
	age: index === 3 ? 150 : 30,
}));

describe(`n8n ${DEFAULT_N8N_VERSION}: the order of writes`, () => {
	let n8n: N8n;
	let sandbox: Sandbox;
	let proxy: ConcurrencyProxy;

	before(async () => {
		const install = await ensureN8n();
		const tarball = process.env.E2E_TARBALL ?? (await buildAndPackRepo());
		sandbox = await startSandbox({ port: 0 });
		proxy = await startConcurrencyProxy(sandbox.url, (method, path, body) => {
			const record = body as { roomId?: string; social_profile?: { id?: string } } | undefined;
			if (record?.roomId) return record.roomId;
			if (method === 'POST' && path === '/contact') return record?.social_profile?.id;
			return method === 'PATCH' ? decodeURIComponent(path.split('/').pop()!) : undefined;
		});
		n8n = new N8n(install);
		const installed = await installCommunityPackage(install, n8n.userFolder, tarball);
		if (!process.env.E2E_TARBALL) rmSync(dirname(tarball), { recursive: true, force: true });
		assert.equal(installed.packageName, PACKAGE_NAME);

		await n8n.importCredentials([
			{ ...OHO_CRED, type: 'ohoApi', data: { apiKey: DEMO.ohoApiKey, baseUrl: proxy.url } },
			{
				...GOFIVE_CRED,
				type: 'gofiveApi',
				data: {
					authentication: 'accessToken',
					accessToken: DEMO.gofiveAccessToken,
					baseUrl: proxy.url,
				},
			},
		]);
		const upsert = (rows: unknown[], extra: Record<string, unknown>) => [
			MANUAL_TRIGGER,
			codeItems(rows),
			{
				name: 'Oho Contact',
				type: `${PACKAGE_NAME}.ohoContact`,
				parameters: {
					resource: 'contact',
					operation: 'upsert',
					platform: 'line',
					platformId: OA,
					userId: '={{ $json.userId }}',
					platformName: DEMO.line.platformName,
					lineBasicId: DEMO.line.lineBasicId,
					profilePictureUrl: 'https://example.com/p.png',
					platformDisplayName: 'Ordering test',
					firstName: '={{ $json.firstName ?? "Somchai" }}',
					...extra,
				},
				credentials: { ohoApi: OHO_CRED },
			},
		];
		await n8n.importWorkflows([
			linearWorkflow('e2eOrderGofive', 'e2e: 20 messages to 2 rooms', [
				MANUAL_TRIGGER,
				codeItems(MESSAGES),
				{
					name: 'Gofive Chat',
					type: `${PACKAGE_NAME}.gofiveChat`,
					parameters: sendMessageByItem(DEMO.gofiveCompanyId),
					credentials: { gofiveApi: GOFIVE_CRED },
				},
			]),
			linearWorkflow(
				'e2eOrderSameContact',
				'e2e: 10 rows of one contact',
				upsert(SOMCHAI_ROWS, { additionalFields: { phone: '={{ $json.phone }}' } }),
			),
			// A fixed 5 in parallel: items 0-4 have started when item 3 fails (Auto would start 4).
			linearWorkflow(
				'e2eOrderStop',
				'e2e: stop, then re-run',
				upsert(NEW_ROWS, {
					additionalFields: { age: '={{ $json.age }}' },
					options: { parallelRequests: 5 },
				}),
			),
			linearWorkflow(
				'e2eOrderRerun',
				'e2e: the re-run without the written rows',
				upsert(
					NEW_ROWS.filter((_, index) => ![0, 1, 2, 4].includes(index)).map((row) => ({
						...row,
						age: 30,
					})),
					{ additionalFields: { age: '={{ $json.age }}' } },
				),
			),
		]);
	});

	beforeEach(() => {
		sandbox.reset();
		proxy.maxInFlight.clear();
		proxy.maxInFlightOverall = 0;
	});

	after(async () => {
		await proxy?.close();
		await sandbox?.close();
		n8n?.dispose();
	});

	test('20 Gofive messages to 2 rooms: input order per room, never two at once to one room', async (t) => {
		const r = await n8n.execute('e2eOrderGofive');
		assert.ok(r.ok, describeFailure(r));
		if (r.crashedOnExit) t.diagnostic(CRASH_NOTE);
		assert.equal(nodeOutput(r.run!, 'Gofive Chat').length, 20);
		for (const room of [DEMO.gofiveRoomId, DEMO.gofiveSecondRoomId]) {
			const stored = sandbox
				.state()
				.gofiveMessages.filter((message) => message.roomId === room)
				.map((message) => message.content);
			assert.deepEqual(
				stored,
				MESSAGES.filter((message) => message.roomId === room).map((message) => message.content),
			);
			assert.equal(proxy.maxInFlight.get(room), 1, `room ${room}: at most one message in flight`);
		}
		assert.equal(proxy.maxInFlightOverall, 2, 'the two rooms in parallel');
	});

	test('10 rows of one contact: written one at a time, the last row wins', async (t) => {
		const r = await n8n.execute('e2eOrderSameContact');
		assert.ok(r.ok, describeFailure(r));
		if (r.crashedOnExit) t.diagnostic(CRASH_NOTE);
		assert.equal(proxy.maxInFlight.get(SOMCHAI), 1);
		assert.equal(sandbox.getContact('line', OA, SOMCHAI)?.phone, SOMCHAI_ROWS[9].phone);
	});

	test('a stop names the rows already written; the re-run without them sends nothing twice', async (t) => {
		const stopped = await n8n.execute('e2eOrderStop');
		if (stopped.crashedOnExit) t.diagnostic(CRASH_NOTE);
		const error = JSON.stringify(stopped.run?.data.resultData.error ?? stopped.result ?? {});
		assert.match(error, /items 0-2, 4 had already been sent and written/);
		const writtenFirst = sandbox
			.requests({ api: 'oho', method: 'POST' })
			.map((q) => (q.body as { social_profile: { id: string } }).social_profile.id);
		assert.deepEqual(
			[...writtenFirst].sort(),
			[0, 1, 2, 4].map((index) => NEW_ROWS[index].userId).sort(),
		);

		const rerun = await n8n.execute('e2eOrderRerun');
		assert.ok(rerun.ok, describeFailure(rerun));
		const posted = sandbox
			.requests({ api: 'oho', method: 'POST' })
			.map((q) => (q.body as { social_profile: { id: string } }).social_profile.id);
		assert.equal(new Set(posted).size, posted.length, 'no contact sent twice');
		assert.equal(posted.length, NEW_ROWS.length);
		for (const row of NEW_ROWS)
			assert.ok(sandbox.getContact('line', OA, row.userId), `${row.userId} stored`);
	});
});

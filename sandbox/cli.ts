/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/* Local sandbox of the Oho and Gofive APIs: `npm run sandbox -- [flags]` (see sandbox/README.md). */
import { DEMO, startSandbox, type KnobsPatch, type SandboxOptions } from './index';

const USAGE = `Usage: npm run sandbox -- [--port 4010] [--host 127.0.0.1] [--data sandbox.json]
       [--latency <ms>] [--jitter <ms>] [--rate-limit <perSecond>] [--token-ttl <seconds>]
       [--require-subscription-key] [--no-seed]`;

function fail(message: string): never {
	console.error(`${message}\n${USAGE}`);
	process.exit(2);
}

export function parseArgs(argv: string[]): SandboxOptions {
	const options: SandboxOptions = { port: 4010 };
	const knobs: KnobsPatch = {};
	const latency: { fixedMs?: number; jitterMs?: number } = {};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const value = () => argv[++i] ?? fail(`${flag} needs a value`);
		const number = () => {
			const n = Number(value());
			return Number.isFinite(n) && n >= 0 ? n : fail(`${flag} needs a number ≥ 0`);
		};
		switch (flag) {
			case '--port':
				options.port = number();
				break;
			case '--host':
				options.host = value();
				break;
			case '--data':
				options.dataFile = value();
				break;
			case '--latency':
				latency.fixedMs = number();
				break;
			case '--jitter':
				latency.jitterMs = number();
				break;
			case '--rate-limit':
				knobs.rateLimit = { perSecond: number() || fail('--rate-limit needs a number > 0') };
				break;
			case '--token-ttl':
				knobs.gofiveTokenTtlSeconds = number();
				break;
			case '--require-subscription-key':
				knobs.gofiveRequireSubscriptionKey = true;
				break;
			case '--no-seed':
				options.seed = false;
				break;
			case '--help':
			case '-h':
				console.log(USAGE);
				process.exit(0);
			// falls through (unreachable)
			default:
				fail(`Unknown flag ${flag}`);
		}
	}
	if (Object.keys(latency).length) knobs.latency = latency;
	options.knobs = knobs;
	return options;
}

async function main(): Promise<void> {
	const options = parseArgs(process.argv.slice(2));
	const sb = await startSandbox(options);
	const k = sb.knobs();
	console.log(`Oho + Gofive sandbox listening on ${sb.url}
  Oho API        ${sb.url}/contact …  header x-oho-api-key: ${DEMO.ohoApiKey}  (business "demo")
                 other business's key: ${DEMO.ohoOtherBusinessKey}
  Gofive message POST ${sb.url}/v1/chat/message  Authorization: Bearer ${DEMO.gofiveAccessToken}
  Gofive token   POST ${sb.url}/authorization/connect/token  client_id=${DEMO.gofiveClientId} client_secret=${DEMO.gofiveClientSecret}
                 Ocp-Apim-Subscription-Key: ${DEMO.gofiveSubscriptionKey} (${k.gofiveRequireSubscriptionKey ? 'required' : 'optional'}), token TTL ${k.gofiveTokenTtlSeconds}s
  Gofive room    companyId ${DEMO.gofiveCompanyId}, roomId ${DEMO.gofiveRoomId}
  LINE OA        platform_id ${DEMO.line.platformId} (channel ${DEMO.line.channelId}), users ${DEMO.line.userIds.join(', ')}
  Facebook page  platform_id ${DEMO.facebook.platformId}, users ${DEMO.facebook.userIds.join(', ')}
  Instagram      platform_id ${DEMO.instagram.platformId}, users ${DEMO.instagram.userIds.join(', ')}
  Seed data      ${options.seed === false ? 'off' : 'on'}${options.dataFile ? `, data file ${options.dataFile}` : ''}
  Knobs          latency ${k.latency.fixedMs}ms ±${k.latency.jitterMs}ms, rate limit ${k.rateLimit ? `${k.rateLimit.perSecond}/s per key` : 'off'}
  Inspection     GET ${sb.url}/__sandbox/requests | /state | /knobs | /health
                 DELETE /__sandbox/requests, POST /__sandbox/reset, PATCH /__sandbox/knobs,
                 POST /__sandbox/gofive/expire-tokens, PUT /__sandbox/room-state
                 (writes need Content-Type: application/json)
Press Ctrl+C to stop.`);
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(
			`\n${signal}: closing the sandbox${options.dataFile ? ` and saving ${options.dataFile}` : ''}`,
		);
		sb.close().then(
			() => process.exit(0),
			(error: Error) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
	main().catch((error: Error) => {
		console.error(`sandbox: ${error.message}`);
		process.exit(1);
	});
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * The fallback route, one run per process: our node inside n8n-core's WorkflowExecute (test/helpers/n8n.ts),
 * no n8n server or CLI. The bench starts this script under /usr/bin/time, as it starts `n8n execute`.
 *
 *   tsx bench/lib/engine-child.ts '<json spec>'       (spec: see EngineSpec; no spec = baseline: load and exit)
 */
import type { INodeParameters, INodeType } from 'n8n-workflow';

import { join } from 'path';

import { runNode } from '../../test/helpers/n8n';

// "X.node" would resolve to X.node.json under tsx: the .ts files are named in full.
/* eslint-disable @typescript-eslint/no-require-imports */
const { OhoContact } = require(
	join(__dirname, '../../nodes/OhoContact/OhoContact.node.ts'),
) as typeof import('../../nodes/OhoContact/OhoContact.node');
const { GofiveChat } = require(
	join(__dirname, '../../nodes/GofiveChat/GofiveChat.node.ts'),
) as typeof import('../../nodes/GofiveChat/GofiveChat.node');
const { GofiveCustomer } = require(
	join(__dirname, '../../nodes/GofiveCustomer/GofiveCustomer.node.ts'),
) as typeof import('../../nodes/GofiveCustomer/GofiveCustomer.node');
/* eslint-enable @typescript-eslint/no-require-imports */

export interface EngineSpec {
	api: 'oho' | 'gofive' | 'venio';
	typeVersion?: number;
	parameters: INodeParameters;
	credentials: Record<string, Record<string, unknown>>;
	items: Array<Record<string, unknown>>;
}

export interface EngineResult {
	nodeMs: number;
	outputItems: number;
	errorItems: number;
	error?: string;
}

/** Runs our node once on the spec's items. */
export async function runSpec(spec: EngineSpec): Promise<EngineResult> {
	const node: INodeType =
		spec.api === 'oho'
			? new OhoContact()
			: spec.api === 'venio'
				? new GofiveCustomer()
				: new GofiveChat();
	const started = performance.now();
	const result = await runNode({
		node,
		parameters: spec.parameters,
		typeVersion: spec.typeVersion,
		credentials: spec.credentials as never,
		items: spec.items as never,
	});
	const nodeMs = performance.now() - started;
	const output = result.outputs[0] ?? [];
	return {
		nodeMs,
		outputItems: output.length,
		errorItems: output.filter((item) => item.json.error !== undefined).length,
		error: result.error ? `${result.error.message} ${result.error.description ?? ''}` : undefined,
	};
}

async function main(): Promise<void> {
	const raw = process.argv[2];
	console.log(
		JSON.stringify(raw ? await runSpec(JSON.parse(raw) as EngineSpec) : { baseline: true }),
	);
}

if (require.main === module)
	main().catch((error: Error) => {
		console.log(JSON.stringify({ error: error.stack ?? String(error) }));
		process.exitCode = 1;
	});

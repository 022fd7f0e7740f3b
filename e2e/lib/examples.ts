/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import type { CredentialImport, WorkflowImport } from './n8n';
import { REPO_ROOT } from './paths';

/**
 * The example workflows in `examples/` and the sandbox credentials they reference, as the
 * e2e suite (`e2e/tests/examples.test.ts`) and `npm start` (`scripts/start.ts`) import them.
 */
export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
export const EXAMPLE_CREDENTIALS_FILE = join(EXAMPLES_DIR, 'credentials.sandbox.json');
/** The sandbox address written in examples/credentials.sandbox.json (the CLI sandbox's default). */
export const EXAMPLE_SANDBOX_URL = 'http://127.0.0.1:4010';

export const WEB_FORM_EXAMPLE = { id: 'ohoExampleWebForm', file: 'web-form-to-oho.json' } as const;
/** The whole story: web form → Oho contact → Venio lead and its sign-up event → VIP hand-off (`npm start` runs it). */
export const WEB_FORM_VENIO_EXAMPLE = {
	id: 'ohoExampleWebFormVenio',
	file: 'web-form-to-venio.json',
} as const;
export const BATCH_SYNC_EXAMPLE = {
	id: 'ohoExampleBatchSync',
	file: 'batch-sync-with-error-report.json',
} as const;
export const THAI_SHEET_EXAMPLE = {
	id: 'ohoExampleThaiSheet',
	file: 'thai-signup-sheet-to-oho.json',
} as const;

/** The credentials of examples/credentials.sandbox.json, pointed at `sandboxUrl` (e.g. a sandbox on a free port). */
export function exampleCredentials(sandboxUrl: string = EXAMPLE_SANDBOX_URL): CredentialImport[] {
	const text = readFileSync(EXAMPLE_CREDENTIALS_FILE, 'utf8')
		.split(EXAMPLE_SANDBOX_URL)
		.join(sandboxUrl.replace(/\/+$/, ''));
	return JSON.parse(text) as CredentialImport[];
}

/** Every workflow file in examples/ (each a single workflow object, as the editor's File > Import reads it). */
export function exampleWorkflowFiles(): string[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json') && !f.startsWith('credentials'))
		.sort()
		.map((f) => join(EXAMPLES_DIR, f));
}

export function exampleWorkflows(): WorkflowImport[] {
	return exampleWorkflowFiles().map((f) => JSON.parse(readFileSync(f, 'utf8')) as WorkflowImport);
}

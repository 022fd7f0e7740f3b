/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// n8n-core writes its instance settings under N8N_USER_FOLDER; keep that out of the developer's home.
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'n8n-oho-gofive-test-'));
}

// n8n-core logs every node error through its console logger; the tests assert those errors themselves.
process.env.N8N_LOG_LEVEL ??= 'silent';

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
import { join, resolve } from 'path';

/** The repository root (e2e/lib/../..). */
export const REPO_ROOT = resolve(__dirname, '..', '..');
/** Git-ignored cache for n8n and Node installs (override with E2E_CACHE_DIR). */
export const CACHE_DIR = process.env.E2E_CACHE_DIR ?? join(REPO_ROOT, '.cache');
/** The n8n version the harness runs against (override with N8N_VERSION). */
export const DEFAULT_N8N_VERSION = process.env.N8N_VERSION ?? '2.41.1';
/** Our package's name, as n8n sees it. */
export const PACKAGE_NAME = 'n8n-nodes-oho-gofive';

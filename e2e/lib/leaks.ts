/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
import { existsSync, readFileSync, readdirSync, statSync } from 'fs';
import { join, relative } from 'path';

import type { N8nInstall } from './install';
import { check } from './proc';

/** A string that must never be found, or a pattern (e.g. the shape of tokens the sandbox issues). */
export interface Needle {
	label: string;
	/** Exact bytes (searched as UTF-8), or a pattern (searched in the latin1 text of the bytes). */
	value: string | RegExp;
}

export interface Hit {
	needle: string;
	where: string;
	/** Byte offset of the first hit. */
	offset: number;
	count: number;
	/** A little text around the first hit (printable ASCII, the rest as '.'). */
	context: string;
}

function printable(buf: Buffer): string {
	return [...buf].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
}

/** Searches raw bytes for every needle; `where` names the source in the hits. */
export function searchBytes(bytes: Buffer, needles: Needle[], where: string): Hit[] {
	const hits: Hit[] = [];
	for (const needle of needles) {
		if (typeof needle.value === 'string') {
			const pattern = Buffer.from(needle.value, 'utf8');
			let offset = bytes.indexOf(pattern);
			if (offset < 0) continue;
			const first = offset;
			let count = 0;
			while (offset >= 0) {
				count++;
				offset = bytes.indexOf(pattern, offset + 1);
			}
			hits.push({
				needle: needle.label,
				where,
				offset: first,
				count,
				context: printable(bytes.subarray(Math.max(0, first - 80), first + pattern.length + 80)),
			});
		} else {
			const flags = needle.value.flags.includes('g')
				? needle.value.flags
				: needle.value.flags + 'g';
			const text = bytes.toString('latin1');
			const matches = [...text.matchAll(new RegExp(needle.value.source, flags))];
			if (!matches.length) continue;
			const first = matches[0].index ?? 0;
			hits.push({
				needle: needle.label,
				where,
				offset: first,
				count: matches.length,
				context: printable(
					bytes.subarray(Math.max(0, first - 80), first + matches[0][0].length + 80),
				),
			});
		}
	}
	return hits;
}

/** Every regular file under `dir` (recursively), minus the folders named in `skip` (relative paths). */
export function listFiles(dir: string, skip: string[] = []): string[] {
	const out: string[] = [];
	const walk = (d: string) => {
		if (!existsSync(d)) return;
		for (const name of readdirSync(d)) {
			const path = join(d, name);
			if (skip.includes(relative(dir, path))) continue;
			const st = statSync(path);
			if (st.isDirectory()) walk(path);
			else if (st.isFile()) out.push(path);
		}
	};
	walk(dir);
	return out.sort();
}

/** Searches each file's raw bytes. */
export function searchFiles(
	files: string[],
	needles: Needle[],
	base = '/',
): { hits: Hit[]; searched: Array<{ file: string; bytes: number }> } {
	const hits: Hit[] = [];
	const searched: Array<{ file: string; bytes: number }> = [];
	for (const file of files) {
		const bytes = readFileSync(file);
		searched.push({ file: relative(base, file), bytes: bytes.length });
		hits.push(...searchBytes(bytes, needles, relative(base, file)));
	}
	return { hits, searched };
}

/**
 * Runs a read-only SQL query on an SQLite file with the cached Node's `node:sqlite` (Node ≥ 22.13; our
 * own Node 20 has none), and returns the rows.
 */
export async function sqliteQuery<T = Record<string, unknown>>(
	install: N8nInstall,
	dbFile: string,
	sql: string,
): Promise<T[]> {
	const script = `
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(process.argv[1], { readOnly: true });
const rows = db.prepare(process.argv[2]).all();
process.stdout.write(JSON.stringify(rows, (k, v) => (typeof v === 'bigint' ? Number(v) : v)));
db.close();
`;
	const r = await check(install.nodeBin, ['--no-warnings', '-e', script, dbFile, sql], {
		timeoutMs: 60_000,
	});
	return JSON.parse(r.stdout) as T[];
}

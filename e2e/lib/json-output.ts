/**
 * Finds the JSON document in a CLI's output that may carry log lines before (and
 * sometimes after) it, e.g. `n8n execute --rawOutput`.
 *
 * Picks the document that ends latest in the text (n8n prints the result last) and,
 * among those, the one that starts earliest (a pretty-printed document has many lines
 * beginning with `{`; the earliest one that parses is the whole document).
 */
export function extractJson<T = unknown>(text: string): T {
	const lines = text.replace(/\r\n/g, '\n').split('\n');
	const starts: number[] = [];
	lines.forEach((l, i) => {
		if (/^\s*[[{]/.test(l)) starts.push(i);
	});
	for (let e = lines.length - 1; e >= 0; e--) {
		if (!/[}\]]\s*$/.test(lines[e])) continue;
		for (const s of starts) {
			if (s > e) break;
			try {
				return JSON.parse(lines.slice(s, e + 1).join('\n')) as T;
			} catch {
				// not this span
			}
		}
	}
	throw new Error(`no JSON document found in output:\n${text.slice(-3000)}`);
}

import type { Cleaned } from './types';
import { problem } from './types';

/** Zero-width spaces (Thai editors put them between words), word joiners and BOMs; not the joiners that build emoji. */
const ZERO_WIDTH = /[\u200B\u2060\uFEFF]/g;
/** The (non-)joiners that build emoji and shape some scripts: kept between letters, dropped next to a space. */
const JOINERS = /[\u200C\u200D]+/g;
const THAI_DIGIT_ZERO = 0x0e50;

/** Thai digits (๐ to ๙) as ASCII digits, so a number typed on a Thai keyboard reads as one. */
export function asciiDigits(text: string): string {
	return text.replace(/[\u0E50-\u0E59]/g, (digit) => String(digit.charCodeAt(0) - THAI_DIGIT_ZERO));
}

/** Nothing (the text's edge) or whitespace: a joiner beside it joins nothing. */
const joinsNothing = (char: string | undefined) => char === undefined || /\s/.test(char);

/**
 * NFC, no zero-width characters (and no joiner next to a space or at an end, where it joins nothing), every run of whitespace
 * (tabs, newlines, no-break spaces) one space, trimmed. Zero-width characters go before spaces are collapsed, so
 * spaces they separated become one run. Each step is one pass without backtracking: the text may be a form
 * visitor's (limits in cleaning/index.ts).
 */
export function tidyText(text: string): string {
	return text
		.normalize('NFC')
		.replace(ZERO_WIDTH, '')
		.replace(JOINERS, (joiners: string, at: number, whole: string) =>
			joinsNothing(whole[at - 1]) || joinsNothing(whole[at + joiners.length]) ? '' : joiners,
		)
		.replace(/\s+/g, ' ')
		.trim();
}

/** A name or other free text: tidied; a number (a spreadsheet cell) as its digits. Blank means "not given". */
export function cleanText(value: unknown): Cleaned {
	if (typeof value === 'number' && Number.isFinite(value)) return { value: String(value) };
	if (typeof value !== 'string')
		return problem(`must be text, not ${Array.isArray(value) ? 'a list' : typeof value}`);
	const text = tidyText(value);
	return { value: text === '' ? undefined : text };
}

/** An email: tidied, its domain in lower case (domains are case-insensitive; the local part may not be). */
export function cleanEmail(value: unknown): Cleaned {
	const text = cleanText(value);
	if (!('value' in text) || text.value === undefined) return text;
	const email = text.value as string;
	const at = email.lastIndexOf('@');
	return { value: at < 0 ? email : `${email.slice(0, at)}@${email.slice(at + 1).toLowerCase()}` };
}

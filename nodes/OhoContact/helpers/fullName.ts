import { tidyText } from '../cleaning/text';

/**
 * Titles a form's name column may start with. Left out only as a separate first word followed by a name, so
 * "นายสมชาย" (no space) or a person called "Miss" alone keeps every letter.
 */
const TITLES = new Set([
	'นาย',
	'นาง',
	'นางสาว',
	'น.ส.',
	'คุณ',
	'ด.ช.',
	'ด.ญ.',
	'เด็กชาย',
	'เด็กหญิง',
	'ดร.',
	'mr',
	'mr.',
	'mrs',
	'mrs.',
	'ms',
	'ms.',
	'miss',
	'dr',
	'dr.',
]);

export interface SplitName {
	first: string;
	/** Absent when the name is one word. */
	last?: string;
	/** The title left out, as written. */
	title?: string;
}

/**
 * A full name as First and Last Name: split at the first space (Thai names are a given name and one family name);
 * one word is the first name only. Undefined for a blank name.
 */
export function splitFullName(fullName: string): SplitName | undefined {
	const words = tidyText(fullName)
		.split(' ')
		.filter((word) => word !== '');
	if (words.length === 0) return undefined;
	const title = words.length > 1 && TITLES.has(words[0].toLowerCase()) ? words.shift() : undefined;
	const [first, ...rest] = words;
	return {
		first,
		...(rest.length > 0 ? { last: rest.join(' ') } : {}),
		...(title ? { title } : {}),
	};
}

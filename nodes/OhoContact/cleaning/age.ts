import { asciiDigits, tidyText } from './text';
import type { Cleaned } from './types';
import { problem } from './types';

/**
 * An age as a number: 25, "25", "25.0", "25 ปี" (years), Thai digits. The range (1 to 99) is the schema's to check,
 * so the message names the limit with the value.
 */
export function cleanAge(value: unknown): Cleaned {
	if (typeof value === 'number') return { value };
	if (typeof value !== 'string') return problem('must be a whole number from 1 to 99');
	const text = asciiDigits(tidyText(value));
	if (text === '') return { value: undefined };
	const match = /^([-+]?\d+(?:\.\d+)?)\s*(?:ปี|years?|yrs?)?$/i.exec(text);
	return match
		? { value: Number(match[1]) }
		: problem('must be a whole number from 1 to 99, like 25');
}

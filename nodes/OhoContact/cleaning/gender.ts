import { tidyText } from './text';
import type { Cleaned } from './types';
import { problem } from './types';

/** What forms write for each of Oho's three values (docs/api/oho.md § "Gender"), compared in lower case without spaces or dots. */
const GENDER_WORDS: Record<string, 'male' | 'female' | 'not_say'> = {};
for (const word of ['male', 'm', 'man', 'ชาย', 'ผู้ชาย', 'ช']) GENDER_WORDS[word] = 'male';
for (const word of ['female', 'f', 'woman', 'หญิง', 'ผู้หญิง', 'ญ']) GENDER_WORDS[word] = 'female';
for (const word of [
	'not_say',
	'notsay',
	'prefernottosay',
	'unspecified',
	'notspecified',
	'ไม่ระบุ',
	'ไม่ต้องการระบุ',
]) {
	GENDER_WORDS[word] = 'not_say';
}

export function cleanGender(value: unknown): Cleaned {
	if (typeof value !== 'string') return problem('must be male, female or not_say');
	const text = tidyText(value);
	if (text === '') return { value: undefined };
	const gender = GENDER_WORDS[text.toLowerCase().replace(/[\s.]/g, '')];
	return gender
		? { value: gender }
		: problem(
				'must be male, female or not_say (M, F, Male, Female and the Thai words for male, female and not specified are understood)',
			);
}

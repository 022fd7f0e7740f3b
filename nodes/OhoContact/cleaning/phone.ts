import { asciiDigits } from './text';
import type { Cleaned } from './types';
import { problem } from './types';

/** The documented form (docs/api/oho.md § "Phone", "0987654321"): 0 and 8 (landline) or 9 (mobile) more digits. */
export const THAI_LOCAL_PHONE = /^0\d{8,9}$/;
/** E.164: + and at most 15 digits, the first not 0. Sent only when the operator allows numbers of other countries. */
export const INTERNATIONAL_PHONE = /^\+[1-9]\d{7,14}$/;

const SEPARATORS = /[\s\u200B-\u200D\u2060\uFEFF\-\u2010-\u2015.()]/g;
const THAILAND = '66';

function local(number: string): Cleaned {
	if (THAI_LOCAL_PHONE.test(number)) return { value: number };
	return problem(
		`must be a Thai phone number: 0 and 8 or 9 more digits, like 0987654321 or 02-123-4567 (this one has ${number.length} digits)`,
	);
}

/**
 * A phone number in the documented local form. Understood: spaces, dashes, dots and brackets; Thai digits;
 * +66, 0066 or 66 before the number (with or without the 0 after it); a mobile or landline whose leading 0 a
 * spreadsheet dropped (9 digits starting 6, 8 or 9; 8 starting 2 to 5 or 7); a JSON number.
 */
export function cleanPhone(value: unknown, allowNonThai: boolean): Cleaned {
	if (typeof value === 'number') {
		if (!Number.isSafeInteger(value) || value <= 0)
			return problem('must be a phone number, like 0987654321');
		value = String(value);
	}
	if (typeof value !== 'string') return problem('must be text or a number, like 0987654321');
	const compact = asciiDigits(value.normalize('NFKC')).replace(SEPARATORS, '');
	if (compact === '') return { value: undefined };
	if (!/^\+?\d+$/.test(compact)) {
		return problem(
			'must be one phone number: digits, with spaces, dashes, dots or brackets and an optional leading +, like 081-234-5678',
		);
	}
	let international: string | undefined;
	if (compact.startsWith('+')) international = compact.slice(1);
	else if (compact.startsWith('00')) international = compact.slice(2);
	else if (compact.startsWith(THAILAND) && (compact.length === 10 || compact.length === 11))
		international = compact;

	if (international === undefined || international.startsWith('0')) {
		if (/^[689]\d{8}$/.test(compact) || /^[2-57]\d{7}$/.test(compact))
			return { value: `0${compact}` };
		return local(compact.replace(/^\+/, ''));
	}
	if (international.startsWith(THAILAND)) {
		// "+66 (0) 81…": the trunk 0 is sometimes kept after the country code.
		const national = international.slice(THAILAND.length).replace(/^0/, '');
		// After the country code a Thai number starts 2 to 9 (an area code or a mobile range; 0 is the trunk prefix).
		if (!/^[2-9]/.test(national))
			return problem(
				'must be a Thai phone number: after +66 comes an area code or mobile number starting 2 to 9, like +66 81 234 5678',
			);
		return local(`0${national}`);
	}
	if (!allowNonThai) {
		return problem(
			`is a number of another country (+${international}); Oho documents phone numbers only in the Thai form 0987654321. To send it as +${international}, turn on Options > Allow Non-Thai Phone Numbers`,
		);
	}
	const e164 = `+${international}`;
	return INTERNATIONAL_PHONE.test(e164)
		? { value: e164 }
		: problem('must be an international number: + and 8 to 15 digits, like +14155552671');
}

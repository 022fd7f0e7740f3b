import type { ContactFieldSpec } from '../descriptions/contactFields';
import { cleanAge } from './age';
import { cleanBirthDate } from './birthDate';
import { cleanGender } from './gender';
import { cleanPhone } from './phone';
import { cleanCity, cleanCountry } from './places';
import { cleanEmail, cleanText } from './text';
import type { Cleaned, CleaningSettings } from './types';
import { problem } from './types';

export type { Cleaned, CleaningSettings } from './types';

/**
 * The longest value cleaning reads, by rule. A longer one is refused as it is, without being read: it is far past
 * anything the field takes (docs/api/oho.md § "Create contact" and § "Update contact": the longest text, an update's display name, is 1,000 characters; a
 * phone is 20, and a date, a gender or an age a few dozen written out), and a form's visitor can send any length.
 */
const MAX_TEXT_LENGTH = 10_000;
const MAX_SHORT_VALUE_LENGTH = 1_000;
const SHORT_VALUE_FIELDS = new Set(['phone', 'birth_date', 'gender', 'age']);

function tooLong(field: ContactFieldSpec, value: unknown): Cleaned | undefined {
	const cap = SHORT_VALUE_FIELDS.has(field.path) ? MAX_SHORT_VALUE_LENGTH : MAX_TEXT_LENGTH;
	if (typeof value !== 'string' || value.length <= cap) return undefined;
	return problem(
		`is far too long to be this field (more than ${cap.toLocaleString('en-US')} characters), so it was not read`,
	);
}

/**
 * The one cleaning step every operation and every input mode goes through, for the fields whose value a form
 * writes in many ways. Lists and attributes are shaped by the caller; a field without a rule here is tidied text.
 */
export function cleanField(
	field: ContactFieldSpec,
	value: unknown,
	settings: CleaningSettings,
): Cleaned {
	const refused = tooLong(field, value);
	if (refused) return refused;
	switch (field.path) {
		case 'phone':
			return cleanPhone(value, settings.allowNonThaiPhones);
		case 'birth_date':
			return cleanBirthDate(value, settings);
		case 'city':
			return settings.placesAsWritten ? cleanText(value) : cleanCity(value);
		case 'country':
			return settings.placesAsWritten ? cleanText(value) : cleanCountry(value);
		case 'gender':
			return cleanGender(value);
		case 'age':
			return cleanAge(value);
		case 'email':
			return cleanEmail(value);
		default:
			return cleanText(value);
	}
}

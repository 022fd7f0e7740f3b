import type { ContactFieldSpec } from '../descriptions/contactFields';
import { cleanAge } from './age';
import { cleanBirthDate } from './birthDate';
import { cleanGender } from './gender';
import { cleanPhone } from './phone';
import { cleanCity, cleanCountry } from './places';
import { cleanEmail, cleanText } from './text';
import type { Cleaned, CleaningSettings } from './types';

export type { Cleaned, CleaningSettings } from './types';

/**
 * The one cleaning step every operation and every input mode goes through, for the fields whose value a form
 * writes in many ways. Lists and attributes are shaped by the caller; a field without a rule here is tidied text.
 */
export function cleanField(field: ContactFieldSpec, value: unknown, settings: CleaningSettings): Cleaned {
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

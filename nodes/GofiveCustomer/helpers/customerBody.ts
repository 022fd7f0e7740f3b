import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import type { Cleaned, CleaningSettings } from '../../OhoContact/cleaning';
import { cleanBirthDate } from '../../OhoContact/cleaning/birthDate';
import { cleanPhone } from '../../OhoContact/cleaning/phone';
import { cleanGender } from '../../OhoContact/cleaning/gender';
import { cleanEmail, cleanText, tidyText } from '../../OhoContact/cleaning/text';
import type { ItemContext } from '../../common/router';
import type { InputProblem } from '../../common/validation';
import { invalidInput, schemaProblems } from '../../common/validation';
import {
	addressTypeOptions,
	CUSTOMER_STATE,
	CUSTOMER_STATUS,
	LEAD_STATUS,
} from '../descriptions/codeTables';
import type { CustomerBody } from '../schema';
import { CUSTOMER_LABELS, customerSchema } from '../schema';
import type { CustomerField, Reader } from '../descriptions/customerColumns';
import { CUSTOMER_FIELDS } from '../descriptions/customerColumns';
import { readCustomerInput } from './customerInput';

const CONTACT_READERS: Record<string, Reader> = {
	contactName: 'text',
	contactPhone: 'phone',
	contactMobile: 'phone',
	contactEmail: 'email',
	contactPosition: 'text',
	contactBirthdate: 'birthDate',
	contactNote: 'text',
	contactPicture: 'text',
};

/** "a, b" or a list from an expression → ["a", "b"]: entries tidied, blanks dropped. */
function cleanList(value: unknown): Cleaned {
	const entries = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(',')
			: [value];
	const cleaned: string[] = [];
	for (const entry of entries) {
		const one = cleanText(entry);
		if ('problem' in one) return one;
		if (typeof one.value === 'string') cleaned.push(one.value);
	}
	return { value: cleaned.length > 0 ? cleaned : undefined };
}

/** An option's name without its note: "Ended (Needs a Customer Note)" is "ended". */
const optionKey = (name: string): string =>
	name
		.replace(/\s*\(.*\)$/, '')
		.trim()
		.toLowerCase();

/** A code from a list; from an expression or a mapped column, its number ("2") or its name ("Prospect") as well. */
function cleanCode(value: unknown, options: INodePropertyOptions[] = []): Cleaned {
	if (value === '' || value === undefined || value === null) return { value: undefined };
	if (typeof value === 'number') return { value };
	if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return { value: Number(value) };
	const named =
		typeof value === 'string'
			? options.find((option) => optionKey(option.name) === optionKey(tidyText(value)))
			: undefined;
	if (named) return { value: named.value };
	const names = options.map((option) => option.name.replace(/\s*\(.*\)$/, ''));
	return {
		problem:
			names.length > 0 ? `must be one of: ${names.join(', ')}` : 'must be one of the list’s values',
	};
}

/** Gender: the list's codes, or what forms write (M, Female, the Thai words) through Oho Contact's reading. */
function cleanGenderCode(value: unknown, options: INodePropertyOptions[] = []): Cleaned {
	const asCode = cleanCode(value, options);
	if ('value' in asCode || typeof value !== 'string') return asCode;
	const gender = cleanGender(value);
	if ('problem' in gender)
		return { problem: 'must be Male or Female (M, F and the Thai words are understood)' };
	return { value: gender.value === 'male' ? 1 : gender.value === 'female' ? 2 : undefined };
}

/** The one cleaning step shared with Oho Contact (nodes/OhoContact/cleaning): Thai phones, birth dates, text. */
function clean(
	read: Reader,
	value: unknown,
	settings: CleaningSettings,
	options?: INodePropertyOptions[],
): Cleaned {
	switch (read) {
		case 'phone':
			return cleanPhone(value, settings.allowNonThaiPhones);
		case 'email':
			return cleanEmail(value);
		case 'birthDate':
			return cleanBirthDate(value, settings);
		case 'list':
			return cleanList(value);
		case 'code':
			return cleanCode(value, options);
		case 'gender':
			return cleanGenderCode(value, options);
		default:
			return cleanText(value);
	}
}

/** Reads fields through their cleaning into `target`; each unusable value becomes a problem at its API path. */
function readInto(
	target: IDataObject,
	given: IDataObject,
	fields: Array<Pick<CustomerField, 'name' | 'path' | 'read' | 'options'>>,
	settings: CleaningSettings,
	problems: InputProblem[],
	prefix = '',
): void {
	for (const { name, path, read, options } of fields) {
		if (given[name] === undefined) continue;
		const cleaned = clean(read, given[name], settings, options);
		if ('problem' in cleaned)
			problems.push({ path: `${prefix}${path}`, problem: cleaned.problem, value: given[name] });
		else if (cleaned.value !== undefined)
			target[path] = cleaned.value as IDataObject[keyof IDataObject];
	}
}

function entriesOf(collection: unknown, key: string): IDataObject[] {
	const values = (collection as IDataObject | undefined)?.[key];
	return Array.isArray(values)
		? (values as IDataObject[])
		: values && typeof values === 'object'
			? [values as IDataObject]
			: [];
}

const asNumber = (value: unknown): number | undefined =>
	typeof value === 'number'
		? value
		: typeof value === 'string' && value.trim() !== ''
			? Number(value)
			: undefined;

function addressesOf(given: unknown, problems: InputProblem[]): IDataObject[] | undefined {
	const addresses = entriesOf(given, 'address').flatMap((entry, index) => {
		const address: IDataObject = {};
		const type = cleanCode(entry.locationType, addressTypeOptions);
		if ('problem' in type)
			problems.push({
				path: `addresses.${index}.locationType`,
				problem: type.problem,
				value: entry.locationType,
			});
		else if (type.value !== undefined) address.locationType = type.value as number;
		for (const field of ['locationAddress', 'locationName']) {
			const cleaned = cleanText(entry[field]);
			if ('value' in cleaned && cleaned.value !== undefined)
				address[field] = cleaned.value as string;
		}
		const latitude = asNumber(entry.latitude);
		const longitude = asNumber(entry.longitude);
		// 0 is what the editor holds for "not set": a point needs both, and 0 and 0 (the Gulf of Guinea) is no
		// customer's address.
		const unset = (value: number | undefined) => value === undefined || value === 0;
		if (!unset(latitude) || !unset(longitude)) {
			for (const [path, value] of [
				['latitude', latitude],
				['longitude', longitude],
			] as const) {
				if (value === undefined || value === 0) {
					problems.push({
						path: `addresses.${index}.${path}`,
						problem: `is needed with ${path === 'latitude' ? 'Longitude' : 'Latitude'} (0 is read as not set)`,
						value: undefined,
					});
				}
			}
			address.latitude = latitude;
			address.longitude = longitude;
		}
		// An address added and left as the editor added it sends nothing.
		return Object.keys(address).length > 0 ? [address] : [];
	});
	return addresses.length > 0 ? addresses : undefined;
}

function customFieldsOf(
	given: unknown,
	settings: CleaningSettings,
	problems: InputProblem[],
): IDataObject[] | undefined {
	const fields = entriesOf(given, 'field').flatMap((entry, index) => {
		const field: IDataObject = {};
		readInto(
			field,
			entry,
			[
				{ name: 'customFieldName', path: 'customFieldName', read: 'text' },
				{ name: 'customFieldValue', path: 'customFieldValue', read: 'list' },
			],
			settings,
			problems,
			`customFields.${index}.`,
		);
		// A custom field added and left as the editor added it sends nothing.
		if (Object.keys(field).length === 0) return [];
		field.customFieldValue ??= [];
		return [field];
	});
	return fields.length > 0 ? fields : undefined;
}

function socialOf(given: unknown): IDataObject | undefined {
	const social: IDataObject = {};
	for (const [account, value] of Object.entries((given as IDataObject | undefined) ?? {})) {
		const cleaned = cleanText(value);
		if ('value' in cleaned && cleaned.value !== undefined)
			social[account] = cleaned.value as string;
	}
	return Object.keys(social).length > 0 ? social : undefined;
}

function contactOf(
	given: unknown,
	settings: CleaningSettings,
	problems: InputProblem[],
): IDataObject | undefined {
	const [entry] = entriesOf(given, 'person');
	if (!entry) return undefined;
	const contact: IDataObject = {};
	const readers = Object.entries(CONTACT_READERS).map(([name, read]) => ({
		name,
		path: name,
		read,
	}));
	readInto(contact, entry, readers, settings, problems, 'contact.');
	if (entry.contactStatus === 'active' || entry.contactStatus === true)
		contact.contactStatus = true;
	if (entry.contactStatus === 'inactive' || entry.contactStatus === false)
		contact.contactStatus = false;
	return Object.keys(contact).length > 0 ? contact : undefined;
}

const isBlank = (value: unknown): boolean => typeof value !== 'string' || value.trim() === '';

/**
 * The refusals the contract names (3.1), before anything is sent: a Customer Status of Ended or Closed needs a note;
 * a Lead marked Unqualified needs the reason's title and text.
 */
function contractRefusals(body: IDataObject): InputProblem[] {
	const problems: InputProblem[] = [];
	if (
		(body.customerStatus === CUSTOMER_STATUS.ended ||
			body.customerStatus === CUSTOMER_STATUS.closed) &&
		isBlank(body.customerNote)
	) {
		const status = body.customerStatus === CUSTOMER_STATUS.ended ? 'Ended' : 'Closed';
		problems.push({
			path: 'customerNote',
			problem: `is required when Customer Status is ${status}`,
			value: undefined,
		});
	}
	if (body.leadStatus === LEAD_STATUS.unqualified && body.customerState === CUSTOMER_STATE.lead) {
		for (const path of ['unqulifiedReasonName', 'unqulifiedReasonNote']) {
			if (isBlank(body[path]))
				problems.push({
					path,
					problem: 'is required for a Lead whose Lead Status is Unqualified',
					value: undefined,
				});
		}
	}
	return problems;
}

/**
 * The body of Create or Update customer for one item, the contact person (if any) as one object for the caller to
 * place (`contacts` or `contact`, an OPEN point of docs/api/gofive-customer.md § "3.1 Create or Update customer"). Every unusable value and every refusal of the
 * contract stops the item in one error, before anything is sent.
 */
export function customerBodyOf(
	item: ItemContext,
	settings: CleaningSettings,
): { body: CustomerBody; contact?: IDataObject; unmappedFields?: string[] } {
	const { ctx, itemIndex } = item;
	const problems: InputProblem[] = [];
	const body: IDataObject = {};
	const { values, nested, unmappedFields } = readCustomerInput(item);
	readInto(body, values, CUSTOMER_FIELDS, settings, problems);
	const addresses = addressesOf(nested.addresses, problems);
	if (addresses) body.addresses = addresses;
	const customFields = customFieldsOf(nested.customFields, settings, problems);
	if (customFields) body.customFields = customFields;
	const social = socialOf(nested.socialAccounts);
	if (social) body.customerSocialAccount = social;
	const contact = contactOf(nested.contactPerson, settings, problems);

	problems.push(...contractRefusals(body));
	const checked = schemaProblems(customerSchema, contact ? { ...body, contacts: [contact] } : body);
	const seen = new Set(problems.map((problem) => problem.path));
	problems.push(
		...checked.problems.filter(
			(problem) => !seen.has(problem.path.replace(/^contacts\.0\./, 'contact.')),
		),
	);
	if (problems.length > 0 || !checked.data) {
		const unused =
			unmappedFields && unmappedFields.length > 0
				? `Input fields no customer field took: ${unmappedFields.join(', ')}`
				: '';
		throw invalidInput(ctx, itemIndex, problems, CUSTOMER_LABELS, unused);
	}
	delete checked.data.contacts;
	return { body: checked.data, contact, unmappedFields };
}

import type { IDataObject } from 'n8n-workflow';

import type { Cleaned, CleaningSettings } from '../../OhoContact/cleaning';
import { cleanBirthDate } from '../../OhoContact/cleaning/birthDate';
import { cleanPhone } from '../../OhoContact/cleaning/phone';
import { cleanEmail, cleanText } from '../../OhoContact/cleaning/text';
import { nodeParameter } from '../../shared/parameters';
import type { ItemContext } from '../../shared/router';
import type { InputProblem } from '../../shared/validation';
import { invalidInput, schemaProblems } from '../../shared/validation';
import { CUSTOMER_STATE, CUSTOMER_STATUS, LEAD_STATUS } from '../descriptions/codeTables';
import type { CustomerBody } from '../schema';
import { CUSTOMER_LABELS, customerSchema } from '../schema';
import { codeText } from './requests';

/** How one field of the node is read into the body: its cleaning, by the kind of value Venio takes. */
type Reader = 'text' | 'phone' | 'email' | 'birthDate' | 'list' | 'code';

/** Additional Fields → body fields. The node's names match the API's except the two Gofive misspells. */
const ADDITIONAL: Record<string, { path: string; read: Reader }> = {
	customerType: { path: 'customerType', read: 'code' },
	customerStatus: { path: 'customerStatus', read: 'code' },
	customerNote: { path: 'customerNote', read: 'text' },
	leadStatus: { path: 'leadStatus', read: 'code' },
	unqualifiedReasonName: { path: 'unqulifiedReasonName', read: 'text' },
	unqualifiedReasonNote: { path: 'unqulifiedReasonNote', read: 'text' },
	customerPhone: { path: 'customerPhone', read: 'phone' },
	customerMobile: { path: 'customerMobile', read: 'phone' },
	customerEmail: { path: 'customerEmail', read: 'email' },
	customerBirthdate: { path: 'customerBirthdate', read: 'birthDate' },
	customerGender: { path: 'customerGender', read: 'code' },
	customerMaritalStatus: { path: 'customerMaritalStatus', read: 'code' },
	customerPicture: { path: 'customerPicture', read: 'text' },
	customer2ndName: { path: 'customer2ndName', read: 'text' },
	customerAliases: { path: 'customerAliases', read: 'list' },
	customerTaxNo: { path: 'customerTaxNo', read: 'text' },
	branchCode: { path: 'branchCode', read: 'text' },
	customerPosition: { path: 'customerPosition', read: 'text' },
	customerIncome: { path: 'customerIncome', read: 'text' },
	customerGroupName: { path: 'customerGroupName', read: 'text' },
	classificationName: { path: 'classificationName', read: 'text' },
	sourceName: { path: 'sourceName', read: 'text' },
	customerTags: { path: 'customerTags', read: 'list' },
	interestsName: { path: 'interestsName', read: 'list' },
	owners: { path: 'owners', read: 'list' },
};

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
	const entries = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
	const cleaned: string[] = [];
	for (const entry of entries) {
		const one = cleanText(entry);
		if ('problem' in one) return one;
		if (typeof one.value === 'string') cleaned.push(one.value);
	}
	return { value: cleaned.length > 0 ? cleaned : undefined };
}

/** A code from a list, or a number from an expression ("2" is 2). */
function cleanCode(value: unknown): Cleaned {
	if (value === '' || value === undefined || value === null) return { value: undefined };
	const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
	return typeof number === 'number' ? { value: number } : { problem: 'must be one of the list’s values' };
}

/** The one cleaning step shared with Oho Contact (nodes/OhoContact/cleaning): Thai phones, birth dates, text. */
function clean(read: Reader, value: unknown, settings: CleaningSettings): Cleaned {
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
			return cleanCode(value);
		default:
			return cleanText(value);
	}
}

/** Reads fields through their cleaning into `target`; each unusable value becomes a problem at its API path. */
function readInto(
	target: IDataObject,
	given: IDataObject,
	fields: Record<string, { path: string; read: Reader }>,
	settings: CleaningSettings,
	problems: InputProblem[],
	prefix = '',
): void {
	for (const [name, { path, read }] of Object.entries(fields)) {
		if (given[name] === undefined) continue;
		const cleaned = clean(read, given[name], settings);
		if ('problem' in cleaned) problems.push({ path: `${prefix}${path}`, problem: cleaned.problem, value: given[name] });
		else if (cleaned.value !== undefined) target[path] = cleaned.value as IDataObject[keyof IDataObject];
	}
}

function entriesOf(collection: unknown, key: string): IDataObject[] {
	const values = (collection as IDataObject | undefined)?.[key];
	return Array.isArray(values) ? (values as IDataObject[]) : values && typeof values === 'object' ? [values as IDataObject] : [];
}

const asNumber = (value: unknown): number | undefined =>
	typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : undefined;

function addressesOf(given: unknown, problems: InputProblem[]): IDataObject[] | undefined {
	const addresses = entriesOf(given, 'address').map((entry, index) => {
		const address: IDataObject = {};
		const type = cleanCode(entry.locationType ?? 1);
		address.locationType = 'value' in type ? (type.value as number) : undefined;
		if ('problem' in type) problems.push({ path: `addresses.${index}.locationType`, problem: type.problem, value: entry.locationType });
		for (const field of ['locationAddress', 'locationName']) {
			const cleaned = cleanText(entry[field]);
			if ('value' in cleaned && cleaned.value !== undefined) address[field] = cleaned.value as string;
		}
		const latitude = asNumber(entry.latitude);
		const longitude = asNumber(entry.longitude);
		// 0 and 0 is what the editor holds for "not set": a point in the Gulf of Guinea is no customer's address.
		if (!(latitude === 0 && longitude === 0) && !(latitude === undefined && longitude === undefined)) {
			address.latitude = latitude;
			address.longitude = longitude;
		}
		return address;
	});
	return addresses.length > 0 ? addresses : undefined;
}

function customFieldsOf(given: unknown, settings: CleaningSettings, problems: InputProblem[]): IDataObject[] | undefined {
	const fields = entriesOf(given, 'field').map((entry, index) => {
		const field: IDataObject = {};
		readInto(field, entry, { customFieldName: { path: 'customFieldName', read: 'text' }, customFieldValue: { path: 'customFieldValue', read: 'list' } }, settings, problems, `customFields.${index}.`);
		field.customFieldValue ??= [];
		return field;
	});
	return fields.length > 0 ? fields : undefined;
}

function socialOf(given: unknown): IDataObject | undefined {
	const social: IDataObject = {};
	for (const [account, value] of Object.entries((given as IDataObject | undefined) ?? {})) {
		const cleaned = cleanText(value);
		if ('value' in cleaned && cleaned.value !== undefined) social[account] = cleaned.value as string;
	}
	return Object.keys(social).length > 0 ? social : undefined;
}

function contactOf(given: unknown, settings: CleaningSettings, problems: InputProblem[]): IDataObject | undefined {
	const [entry] = entriesOf(given, 'person');
	if (!entry) return undefined;
	const contact: IDataObject = {};
	const readers = Object.fromEntries(Object.entries(CONTACT_READERS).map(([name, read]) => [name, { path: name, read }]));
	readInto(contact, entry, readers, settings, problems, 'contact.');
	if (entry.contactStatus === 'active' || entry.contactStatus === true) contact.contactStatus = true;
	if (entry.contactStatus === 'inactive' || entry.contactStatus === false) contact.contactStatus = false;
	return Object.keys(contact).length > 0 ? contact : undefined;
}

const isBlank = (value: unknown): boolean => typeof value !== 'string' || value.trim() === '';

/**
 * The refusals the contract names (3.1), before anything is sent: a Customer Status of Ended or Closed needs a note;
 * a Lead marked Unqualified needs the reason's title and text.
 */
function contractRefusals(body: IDataObject): InputProblem[] {
	const problems: InputProblem[] = [];
	if ((body.customerStatus === CUSTOMER_STATUS.ended || body.customerStatus === CUSTOMER_STATUS.closed) && isBlank(body.customerNote)) {
		const status = body.customerStatus === CUSTOMER_STATUS.ended ? 'Ended' : 'Closed';
		problems.push({ path: 'customerNote', problem: `is required when Customer Status is ${status}`, value: undefined });
	}
	if (body.leadStatus === LEAD_STATUS.unqualified && body.customerState === CUSTOMER_STATE.lead) {
		for (const path of ['unqulifiedReasonName', 'unqulifiedReasonNote']) {
			if (isBlank(body[path])) problems.push({ path, problem: 'is required for a Lead whose Lead Status is Unqualified', value: undefined });
		}
	}
	return problems;
}

/**
 * The body of Create or Update customer for one item, the contact person (if any) as one object for the caller to
 * place (`contacts` or `contact`, an OPEN point of contract 3.1). Every unusable value and every refusal of the
 * contract stops the item in one error, before anything is sent.
 */
export function customerBodyOf({ ctx, itemIndex }: ItemContext, settings: CleaningSettings): { body: CustomerBody; contact?: IDataObject } {
	const problems: InputProblem[] = [];
	const body: IDataObject = {};
	const customerCode = codeText(nodeParameter(ctx, 'customerCode', itemIndex, ''));
	if (customerCode !== '') body.customerCode = customerCode;
	const name = cleanText(nodeParameter(ctx, 'customerName', itemIndex, ''));
	body.customerName = 'value' in name ? (name.value as string | undefined) : undefined;
	if ('problem' in name) problems.push({ path: 'customerName', problem: name.problem, value: undefined });
	const state = cleanCode(nodeParameter(ctx, 'customerState', itemIndex));
	if ('value' in state) body.customerState = state.value as number;
	else problems.push({ path: 'customerState', problem: state.problem, value: nodeParameter(ctx, 'customerState', itemIndex) });

	const additional = nodeParameter(ctx, 'additionalFields', itemIndex, {}) as IDataObject;
	readInto(body, additional, ADDITIONAL, settings, problems);
	const addresses = addressesOf(additional.addresses, problems);
	if (addresses) body.addresses = addresses;
	const customFields = customFieldsOf(additional.customFields, settings, problems);
	if (customFields) body.customFields = customFields;
	const social = socialOf(additional.socialAccounts);
	if (social) body.customerSocialAccount = social;
	const contact = contactOf(additional.contactPerson, settings, problems);

	problems.push(...contractRefusals(body));
	const checked = schemaProblems(customerSchema, contact ? { ...body, contacts: [contact] } : body);
	const seen = new Set(problems.map((problem) => problem.path));
	problems.push(...checked.problems.filter((problem) => !seen.has(problem.path.replace(/^contacts\.0\./, 'contact.'))));
	if (problems.length > 0 || !checked.data) throw invalidInput(ctx, itemIndex, problems, CUSTOMER_LABELS);
	delete checked.data.contacts;
	return { body: checked.data, contact };
}

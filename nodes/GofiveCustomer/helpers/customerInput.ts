import type { IDataObject, ResourceMapperValue } from 'n8n-workflow';

// The column reading of Oho Contact's Map Automatically: the same names match, the same blanks are blank.
import { isBlank, normalizeKey } from '../../OhoContact/helpers/contactInput';
import type { ItemReading } from '../../common/router';
import { CUSTOMER_LABELS } from '../schema';
import { CUSTOMER_FIELDS } from '../descriptions/customerColumns';

/** What one item gives for Create or Update, by parameter name, however the operator chose to give it. */
export interface CustomerInput {
	/** The flat fields (CUSTOMER_FIELDS), by name. */
	values: IDataObject;
	/** Addresses, custom fields, social accounts and the contact person: Set Each Field only. */
	nested: IDataObject;
	/** Map Automatically: the input fields no customer field took. */
	unmappedFields?: string[];
}

const FIELD_BY_KEY = new Map<string, string>();
for (const { name, path, aliases = [] } of CUSTOMER_FIELDS) {
	for (const key of [name, path, CUSTOMER_LABELS[path] ?? name, ...aliases])
		FIELD_BY_KEY.set(normalizeKey(key), name);
}

/**
 * Map Automatically: each input field named like a customer field (its name, its label, or what English and Thai
 * forms call it) gives that field; the first non-blank one wins. The rest are listed, unless a parameter reads them.
 */
function autoMapped({ run }: ItemReading, input: IDataObject): CustomerInput {
	const values: IDataObject = {};
	const unused: string[] = [];
	for (const [key, value] of Object.entries(input)) {
		const name = FIELD_BY_KEY.get(normalizeKey(key));
		if (name && values[name] === undefined && !isBlank(value)) values[name] = value;
		else if (!name || !isBlank(value)) unused.push(key);
	}
	const { fields: referenced } = run.parameters.itemFieldReferences();
	return { values, nested: {}, unmappedFields: unused.filter((key) => !referenced.has(key)) };
}

/** The fields of one item's Create or Update: Set Each Field, Map Input Fields or Map Automatically. */
export function readCustomerInput(item: ItemReading): CustomerInput {
	const { ctx, itemIndex, run } = item;
	const parameter = (name: string, fallback: string | IDataObject) =>
		run.parameters.value(name, itemIndex, fallback);
	if (parameter('dataMode', 'define') === 'mapper') {
		const mapping = parameter('customerFields', {}) as ResourceMapperValue;
		if (mapping.mappingMode === 'autoMapInputData')
			return autoMapped(item, ctx.getInputData()[itemIndex]?.json ?? {});
		return { values: { ...((mapping.value ?? {}) as IDataObject) }, nested: {} };
	}
	const additional = { ...(parameter('additionalFields', {}) as IDataObject) };
	const nested: IDataObject = {};
	for (const name of ['addresses', 'customFields', 'socialAccounts', 'contactPerson']) {
		nested[name] = additional[name];
		delete additional[name];
	}
	const values: IDataObject = { ...additional };
	for (const name of ['customerCode', 'customerName', 'customerState'])
		values[name] = parameter(name, '');
	return { values, nested };
}

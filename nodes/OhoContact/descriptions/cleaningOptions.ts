import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemReading } from '../../common/router';
import type { CleaningSettings } from '../cleaning';

/**
 * Options of the write operations that say how form data is read and what an unusable optional value does (the node
 * shows them for the operations of its table that write).
 */
export const cleaningOptionFields: INodeProperties[] = [
	{
		displayName: 'Allow Non-Thai Phone Numbers',
		name: 'allowNonThaiPhones',
		type: 'boolean',
		default: false,
		description:
			'Whether to send a number of another country as + and digits (like +14155552671). Oho documents phone numbers only in the Thai form 0987654321, so Oho may refuse these.',
	},
	{
		displayName: 'Date Order',
		name: 'dateOrder',
		type: 'options',
		options: [
			{ name: 'Day First (29/11/1998)', value: 'dayFirst', description: 'The Thai order' },
			{ name: 'Month First (11/29/1998)', value: 'monthFirst', description: 'The US order' },
		],
		default: 'dayFirst',
		description:
			'How a Birth Date written with numbers only, like 05/06/1990, is read. A date starting with the year is always year, month, day.',
	},
	{
		displayName: 'Invalid Optional Fields',
		name: 'invalidOptionalFields',
		type: 'options',
		options: [
			{
				name: 'Fail the Item',
				value: 'fail',
				description: 'Send nothing for the item; its error names every unusable value',
			},
			{
				name: 'Skip the Field and Warn',
				value: 'skipAndWarn',
				description:
					'Write the contact without the unusable optional values; each is listed in the output\'s "warnings"',
			},
		],
		default: 'fail',
		description:
			'What to do when an optional field (phone, email, birth date, age…) has a value that cannot be sent. The identity and the fields Create requires always fail the item.',
	},
	{
		displayName: 'Place Names',
		name: 'placeNames',
		type: 'options',
		options: [
			{
				name: 'Match the List (English)',
				value: 'matchList',
				description:
					'A country or province the node knows, written in Thai, English or as a code, is sent as its English name',
			},
			{
				name: 'Send as Written (Tidied)',
				value: 'asWritten',
				description:
					'Country and City are sent as the input writes them, with spaces tidied: for an Oho that expects Thai names',
			},
		],
		default: 'matchList',
		description:
			"How Country and City are sent. Oho never published its lists of accepted names, so the language it expects is unknown; a value picked from the node's list is always English.",
	},
];

/** The cleaning options of one item, with the workflow's time zone. */
export function readCleaningOptions({
	ctx,
	itemIndex,
	run,
}: ItemReading): CleaningSettings & { skipInvalid: boolean } {
	const options = run.parameters.value('options', itemIndex, {}) as IDataObject;
	return {
		timeZone: ctx.getTimezone(),
		monthFirst: options.dateOrder === 'monthFirst',
		allowNonThaiPhones: options.allowNonThaiPhones === true,
		placesAsWritten: options.placeNames === 'asWritten',
		skipInvalid: options.invalidOptionalFields === 'skipAndWarn',
	};
}

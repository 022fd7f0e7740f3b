import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemOperation } from '../../common/router';
import type { InputProblem } from '../../common/validation';
import { invalidInput } from '../../common/validation';
import { customerCodeField } from '../descriptions/customerFields';
import { readAnswerDates, readInstant, venioLocalTime } from '../helpers/dates';
import { eventTypeNamed } from '../helpers/eventTypes';
import { codeText, customerRequest, dataObject } from '../helpers/requests';
import { cleanText } from '../../OhoContact/cleaning/text';

const showFor = { show: { resource: ['customer'], operation: ['addEvent'] } };

export const description: INodeProperties[] = [
	customerCodeField('addEvent', 'e.g. {{ $json.customerCode }}'),
	{
		displayName: 'Event Name',
		name: 'eventName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Signed up on the web form',
		description: 'The title of the event, as Venio shows it on the customer',
		displayOptions: showFor,
	},
	{
		displayName: 'Event Type Name or ID',
		name: 'eventType',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getEventTypes' },
		default: '',
		required: true,
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'Your company’s event types in Venio. An expression may also give a type’s name, such as Meeting.',
		displayOptions: showFor,
	},
	{
		displayName: 'Event Date',
		name: 'eventDate',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			"When the event happened. A date without a time zone is read in the workflow's time zone; Venio gets it as Bangkok time.",
		displayOptions: showFor,
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'Details of the event',
		displayOptions: showFor,
	},
];

const LABELS = {
	customerCode: 'Customer Code',
	eventName: 'Event Name',
	eventType: 'Event Type',
	eventDate: 'Event Date',
	description: 'Description',
};

const NOT_RESENT =
	'The event was not resent automatically: Gofive may have added it already. Check the customer’s events in Venio before running the item again.';

/** An event type id from the list, or its digits from an expression. */
function eventTypeOf(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
	return typeof value === 'string' && /^\s*\d+\s*$/.test(value) && Number(value) > 0
		? Number(value)
		: undefined;
}

/**
 * Add Customer Event (`POST /v1/customerEvent`, docs/api/gofive-customer.md § "3.6 Add Customer Event"). Not resent after an unclear attempt: Venio has no key
 * that would make a second event the same one.
 */
export const execute: ItemOperation = async (item) => {
	const { ctx, itemIndex, settings, run } = item;
	const parameter = (name: string) => run.parameters.value(name, itemIndex, '');
	const problems: InputProblem[] = [];
	const customerCode = codeText(parameter('customerCode'));
	if (customerCode === '')
		problems.push({ path: 'customerCode', problem: 'is required', value: undefined });
	const name = cleanText(parameter('eventName'));
	const eventName = 'value' in name ? (name.value as string | undefined) : undefined;
	if (eventName === undefined)
		problems.push({
			path: 'eventName',
			problem: 'problem' in name ? name.problem : 'is required',
			value: undefined,
		});
	const givenDate = parameter('eventDate');
	const instant = readInstant(givenDate, ctx.getTimezone());
	if (instant === undefined) {
		problems.push({
			path: 'eventDate',
			problem:
				givenDate === ''
					? 'is required'
					: 'must be a date and time, like 2024-02-01T10:00:00 or {{ $now }}',
			value: givenDate === '' ? undefined : givenDate,
		});
	}
	const details = cleanText(parameter('description'));
	const givenType = parameter('eventType');
	let eventType = eventTypeOf(givenType);
	const typeName = typeof givenType === 'string' ? givenType.trim() : '';
	if (
		eventType === undefined &&
		(typeName === '' || /^[\d\s.,+-]+$/.test(typeName) || typeof givenType !== 'string')
	) {
		problems.push({
			path: 'eventType',
			problem:
				typeName === '' && typeof givenType === 'string'
					? 'is required'
					: 'must be an event type from the list, by its ID or name',
			value: givenType === '' ? undefined : givenType,
		});
	} else if (eventType === undefined && problems.length === 0) {
		// A name from an expression or an AI agent ("Web Form"): the company's list says its ID. Asked only for an item
		// that is otherwise complete, so a refused item sends nothing.
		const named = await eventTypeNamed(item, typeName);
		if ('id' in named) eventType = named.id;
		else
			problems.push({
				path: 'eventType',
				problem: `must be one of your company's event types: ${named.known.join(', ')}`,
				value: givenType,
			});
	}
	if (problems.length > 0) throw invalidInput(ctx, itemIndex, problems, LABELS);

	const body: IDataObject = {
		eventName,
		eventType,
		eventDate: venioLocalTime(instant!),
		customerCode,
	};
	if ('value' in details && details.value !== undefined) body.description = details.value as string;
	const response = await customerRequest(item, {
		method: 'POST',
		path: '/v1/customerEvent',
		body,
		idempotent: false,
		notResentHint: NOT_RESENT,
	});
	const event = readAnswerDates(dataObject(response));
	const output: IDataObject = {
		operation: 'addEvent',
		ok: true,
		customerCode,
		eventId: event.eventId ?? null,
		event: { ...body, ...event },
	};
	if (settings.includeRawResponse) output.rawResponse = response.body;
	return output;
};

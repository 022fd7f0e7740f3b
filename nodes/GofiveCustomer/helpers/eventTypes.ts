import type { IDataObject } from 'n8n-workflow';

import { tidyText } from '../../OhoContact/cleaning/text';
import type { ItemContext } from '../../common/router';
import { askOnce } from '../../common/runState';
import { customerRequest } from './requests';

export interface EventType {
	id: number;
	name: string;
}

/**
 * The event types in an answer of `GET /v1/customerEvent/event-types`: its schema says `data` is an object, its example
 * reads like an array (docs/api/gofive-customer.md § "3.10 Get Customer Event Types", OPEN), so both are read.
 */
export function eventTypesIn(data: unknown): EventType[] {
	const entries = Array.isArray(data)
		? (data as IDataObject[])
		: typeof data === 'object' && data !== null
			? [data as IDataObject]
			: [];
	return entries
		.filter(
			(entry) =>
				typeof entry.eventTypeId === 'number' ||
				(typeof entry.eventTypeId === 'string' && /^\d+$/.test(entry.eventTypeId)),
		)
		.map((entry) => ({
			id: Number(entry.eventTypeId),
			name:
				typeof entry.eventTypeName === 'string' && entry.eventTypeName !== ''
					? entry.eventTypeName
					: `Event type ${String(entry.eventTypeId)}`,
		}));
}

/**
 * The event type an item names ("Web Form", any case), or the list of names when none matches. The company's event
 * types are asked once per node run (only when an item names its type instead of giving its ID); a failed read is
 * not kept: the next item asks again, and reports its own failure.
 */
export async function eventTypeNamed(
	item: ItemContext,
	name: string,
): Promise<{ id: number } | { known: string[] }> {
	const list = await askOnce(item.run, 'gofiveCustomer.eventTypes', async () => {
		const response = await customerRequest(item, {
			method: 'GET',
			path: '/v1/customerEvent/event-types',
			idempotent: true,
		});
		return eventTypesIn(response.body.data);
	});
	const wanted = tidyText(name).toLocaleLowerCase();
	const found = list.find((type) => type.name.toLocaleLowerCase() === wanted);
	return found ? { id: found.id } : { known: list.map((type) => type.name) };
}

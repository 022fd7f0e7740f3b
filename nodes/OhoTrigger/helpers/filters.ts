import type { IDataObject } from 'n8n-workflow';

import { PLATFORMS } from '../../common/oho/identity';
import { ANY_FIELD } from '../descriptions/triggerFields';
import type { Delivery, TriggerEvent } from './delivery';

export interface TriggerFilters {
	events: TriggerEvent[];
	changedFields: string[];
	platforms: string[];
}

const EVENT_NAMES: Record<TriggerEvent, string> = {
	created: 'Contact Created',
	updated: 'Contact Updated',
};

/** The contact's platform as Oho stores it (`social_profile.platform`). */
export function platformOf(contact: IDataObject): unknown {
	return (contact.social_profile as IDataObject | undefined)?.platform;
}

/** A selection left empty selects everything: an empty list would silently start nothing. */
const selects = (selection: string[], value: string) =>
	selection.length === 0 || selection.includes(value);

/** Every platform selected (the default) lets a contact through whatever its platform, even one Oho adds later. */
const everyPlatform = (selection: string[]) =>
	PLATFORMS.every((platform) => selection.includes(platform));

/** Why this delivery starts nothing, or undefined when it starts the workflow. */
export function filteredOut(delivery: Delivery, filters: TriggerFilters): string | undefined {
	if (!selects(filters.events, delivery.event)) {
		return `${EVENT_NAMES[delivery.event]} is not among this trigger's Events.`;
	}
	const platform = platformOf(delivery.contact);
	if (
		!everyPlatform(filters.platforms) &&
		!selects(filters.platforms, String(platform).toLowerCase())
	) {
		return `the contact's platform (${JSON.stringify(platform ?? null)}) is not among this trigger's Platforms.`;
	}
	if (delivery.event === 'updated' && !selects(filters.changedFields, ANY_FIELD)) {
		if (delivery.changedFields === undefined) {
			return 'the delivery does not say which fields changed (no updated_field), and this trigger waits for particular fields.';
		}
		if (!delivery.changedFields.some((field) => filters.changedFields.includes(field))) {
			return `none of the changed fields (${delivery.changedFields.join(', ') || 'none listed'}) is among this trigger's Changed Fields.`;
		}
	}
	return undefined;
}

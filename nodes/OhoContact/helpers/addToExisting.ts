import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ContactIdentity } from '../../common/oho/identity';
import { identityPath } from '../../common/oho/identity';
import { storedAttributes, storedList } from '../../common/oho/storedContact';
import type { ItemContext } from '../../common/router';
import type { ApiResponse } from '../../common/transport/types';
import type { UpdateContactBody } from '../schema';
import type { ContactInput } from './contactInput';
import { getContact, ohoCall } from './requests';

type Mergeable = 'tags' | 'labels' | 'attributes';

const LISTS: Mergeable[] = ['tags', 'labels', 'attributes'];
const MERGE_LABELS: Record<Mergeable, string> = {
	tags: 'Tags',
	labels: 'Labels',
	attributes: 'Attributes',
};
const STORED_KEYS: Record<Mergeable, string> = {
	tags: 'contact_tags or tags',
	labels: 'chat_tags or labels',
	attributes: 'attributes',
};

/** The options that change a list Oho replaces wholesale, by their parameter names, and what each does. */
const LIST_OPTIONS = {
	addToExisting: 'Add to Existing',
	removeFromExisting: 'Remove From Existing',
	clearLists: 'Clear',
} as const;
type ListOption = keyof typeof LIST_OPTIONS;

type Attribute = NonNullable<UpdateContactBody['attributes']>[number];

/** Tags and labels are their text; an attribute is its name (unique in a business). */
const keyOf = (list: Mergeable) => (entry: unknown) =>
	list === 'attributes' ? (entry as Attribute).display_name : String(entry);

function mergedList<Entry>(
	existing: Entry[],
	added: Entry[],
	key: (entry: Entry) => unknown,
): Entry[] {
	const byKey = new Map<unknown, Entry>();
	for (const entry of [...existing, ...added]) byKey.set(key(entry), entry);
	return [...byKey.values()];
}

/** The lists the operator chose in each of the three options (Options > Add to Existing, Remove From Existing, Clear). */
function listOptions(op: ItemContext): Record<ListOption, Mergeable[]> {
	const options = op.run.parameters.value('options', op.itemIndex, {}) as IDataObject;
	const chosen = (name: ListOption) =>
		((options[name] as Mergeable[] | undefined) ?? []).filter((list) => LISTS.includes(list));
	return {
		addToExisting: chosen('addToExisting'),
		removeFromExisting: chosen('removeFromExisting'),
		clearLists: chosen('clearLists'),
	};
}

function listError(op: ItemContext, message: string, description: string): NodeOperationError {
	return new NodeOperationError(op.ctx.getNode(), message, {
		itemIndex: op.itemIndex,
		description: `${description} Nothing was sent for this item.`,
	});
}

/** A list Add to Existing or Remove From Existing cannot read: sending a list would replace the old one, so nothing is sent. */
function unreadableList(op: ItemContext, list: Mergeable, option: ListOption): NodeOperationError {
	return new NodeOperationError(
		op.ctx.getNode(),
		`${LIST_OPTIONS[option]}: the contact's current ${MERGE_LABELS[list].toLowerCase()} could not be read, so nothing was sent (${option === 'addToExisting' ? 'sending only the new ones' : 'sending a list'} would replace them)`,
		{
			itemIndex: op.itemIndex,
			description: `Oho's answer has no ${STORED_KEYS[list]} list the node can read. To replace the list instead, remove ${MERGE_LABELS[list]} from Options > ${LIST_OPTIONS[option]}.`,
		},
	);
}

/** The contact's current entries of one list, in the stored form ({ keyword } objects) or the written one (text). */
function currentEntries(
	op: ItemContext,
	contact: unknown,
	list: Mergeable,
	option: ListOption,
): unknown[] {
	const entries = list === 'attributes' ? storedAttributes(contact) : storedList(contact, list);
	if (entries === undefined) throw unreadableList(op, list, option);
	// A stored attribute may carry more than the write API takes (an _id): only its name and value are sent back.
	if (list === 'attributes') {
		return entries.map((entry) => {
			const { display_name, value } = entry as { display_name: string; value?: { text?: unknown } };
			return { display_name, value: { text: value?.text } };
		});
	}
	return entries;
}

/**
 * The lists of an update after Options > Add to Existing, Remove From Existing and Clear (docs/api/oho.md §
 * "Tags and labels": Oho replaces tags, labels and attributes wholesale). Clear sends an empty list; for Add and Remove the
 * contact is read once and the item's entries added to, or removed from, what it holds (an attribute is matched by
 * its name). A list that read cannot give with certainty fails the item: never a blind replace. A list named in two
 * of the options, or cleared while the item gives entries for it, fails the item before anything is sent.
 */
export async function withListChanges(
	op: ItemContext,
	identity: ContactIdentity,
	input: ContactInput,
): Promise<ContactInput> {
	const chosen = listOptions(op);
	for (const list of LISTS) {
		const options = (Object.keys(chosen) as ListOption[]).filter((option) =>
			chosen[option].includes(list),
		);
		if (options.length > 1) {
			throw listError(
				op,
				`${MERGE_LABELS[list]} is chosen in both ${options.map((option) => LIST_OPTIONS[option]).join(' and ')}`,
				`Choose ${MERGE_LABELS[list]} in one of Options > Add to Existing, Remove From Existing and Clear.`,
			);
		}
	}
	const values = { ...input.values };
	for (const list of chosen.clearLists) {
		if (values[list] !== undefined) {
			throw listError(
				op,
				`${MERGE_LABELS[list]} is to be cleared, but the item gives entries for it`,
				`Options > Clear empties ${MERGE_LABELS[list]}; to set these entries instead, remove ${MERGE_LABELS[list]} from Clear.`,
			);
		}
		values[list] = [];
	}
	const changed = (option: 'addToExisting' | 'removeFromExisting') =>
		chosen[option].filter((list) => values[list] !== undefined);
	if (changed('addToExisting').length + changed('removeFromExisting').length > 0) {
		const existing = (await getContact(op, identity)).body.data;
		for (const list of changed('addToExisting')) {
			values[list] = mergedList(
				currentEntries(op, existing, list, 'addToExisting'),
				values[list] as unknown[],
				keyOf(list),
			);
		}
		for (const list of changed('removeFromExisting')) {
			const removed = new Set((values[list] as unknown[]).map(keyOf(list)));
			values[list] = currentEntries(op, existing, list, 'removeFromExisting').filter(
				(entry) => !removed.has(keyOf(list)(entry)),
			);
		}
	}
	return { ...input, values };
}

/** The lists Remove From Existing takes entries out of: Create or Update's create must not write them. */
export function listsToRemove(op: ItemContext): Mergeable[] {
	return listOptions(op).removeFromExisting;
}

/** Sends update (2.3) with the body as checked (the lists already changed by withListChanges). */
export async function updateContact(
	op: ItemContext,
	identity: ContactIdentity,
	body: UpdateContactBody,
): Promise<{ response: ApiResponse; body: UpdateContactBody }> {
	const response = await ohoCall(op, {
		method: 'PATCH',
		path: identityPath('contact', identity),
		body: body as IDataObject,
		idempotent: true,
		hints: {
			404: 'No contact has this Platform, Platform ID and User ID. Use Create, or Create or Update, to add it.',
		},
	});
	return { response, body };
}

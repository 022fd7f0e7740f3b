import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ContactIdentity } from '../../shared/oho/identity';
import { identityPath } from '../../shared/oho/identity';
import { storedAttributes, storedList } from '../../shared/oho/storedContact';
import { nodeParameter } from '../../shared/parameters';
import type { ItemContext } from '../../shared/router';
import type { ApiResponse } from '../../shared/transport/types';
import { validateBody } from '../../shared/validation';
import { FIELD_LABELS } from '../descriptions/contactFields';
import type { UpdateContactBody } from '../schema';
import { updateContactSchema } from '../schema';
import { getContact, ohoCall } from './requests';

type Mergeable = 'tags' | 'labels' | 'attributes';

const MERGE_LABELS: Record<Mergeable, string> = { tags: 'Tags', labels: 'Labels', attributes: 'Attributes' };
const STORED_KEYS: Record<Mergeable, string> = { tags: 'contact_tags or tags', labels: 'chat_tags or labels', attributes: 'attributes' };

function mergedList<Entry>(existing: Entry[], added: Entry[], keyOf: (entry: Entry) => unknown): Entry[] {
	const byKey = new Map<unknown, Entry>();
	for (const entry of [...existing, ...added]) byKey.set(keyOf(entry), entry);
	return [...byKey.values()];
}

/** The lists the operator asked to add to, rather than replace ("Add to Existing"). */
function listsToMerge(op: ItemContext): Mergeable[] {
	const options = nodeParameter(op.ctx, 'options', op.itemIndex, {}) as IDataObject;
	return (options.addToExisting as Mergeable[] | undefined) ?? [];
}

/** A list Add to Existing cannot read: sending only the new entries would replace the old ones, so nothing is sent. */
function unreadableList(op: ItemContext, list: Mergeable): NodeOperationError {
	return new NodeOperationError(
		op.ctx.getNode(),
		`Add to Existing: the contact's current ${MERGE_LABELS[list].toLowerCase()} could not be read, so nothing was sent (sending only the new ones would replace them)`,
		{
			itemIndex: op.itemIndex,
			description: `Oho's answer has no ${STORED_KEYS[list]} list the node can read. To replace the list instead, remove ${MERGE_LABELS[list]} from Options > Add to Existing.`,
		},
	);
}

/** The contact's current entries of one list, in the stored form ({ keyword } objects) or the written one (text). */
function currentEntries(op: ItemContext, contact: unknown, list: Mergeable): unknown[] {
	const entries = list === 'attributes' ? storedAttributes(contact) : storedList(contact, list);
	if (entries === undefined) throw unreadableList(op, list);
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
 * Sends update (docs/api/oho.md § "Update contact"). Oho replaces tags, labels and attributes wholesale; for those the operator chose to add
 * to, the contact is read first and the new entries merged in (an attribute of the same name takes the new value).
 * A list that read cannot give with certainty fails the item: never a blind replace.
 */
export async function updateContact(
	op: ItemContext,
	identity: ContactIdentity,
	body: UpdateContactBody,
): Promise<{ response: ApiResponse; body: UpdateContactBody }> {
	const merge = listsToMerge(op).filter((list) => body[list] !== undefined);
	let sent = body;
	if (merge.length > 0) {
		const existing = (await getContact(op, identity)).body.data;
		sent = { ...body };
		if (merge.includes('tags')) sent.tags = mergedList(currentEntries(op, existing, 'tags') as string[], body.tags!, String);
		if (merge.includes('labels')) sent.labels = mergedList(currentEntries(op, existing, 'labels') as string[], body.labels!, String);
		if (merge.includes('attributes')) {
			type Attribute = NonNullable<UpdateContactBody['attributes']>[number];
			sent.attributes = mergedList(currentEntries(op, existing, 'attributes') as Attribute[], body.attributes!, (entry) => entry.display_name);
		}
		sent = validateBody(op.ctx, op.itemIndex, updateContactSchema, sent, FIELD_LABELS);
	}
	const response = await ohoCall(op, {
		method: 'PATCH',
		path: identityPath('contact', identity),
		body: sent as IDataObject,
		idempotent: true,
		hints: { 404: 'No contact has this Platform, Platform ID and User ID. Use Create, or Create or Update, to add it.' },
	});
	return { response, body: sent };
}

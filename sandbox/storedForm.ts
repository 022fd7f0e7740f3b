import { createHash } from 'crypto';

import type { Contact } from './types';

/** A tag as Oho stores it: `{ _id, keyword }`; the same keyword always gets the same id here, like one tag of a business. */
function storedTag(keyword: string): { _id: string; keyword: string } {
	return { _id: createHash('sha1').update(keyword).digest('hex').slice(0, 24), keyword };
}

/**
 * A contact as Oho stores it and most likely reads it back (docs/api/oho.md § "Stored contact form"): what the
 * write API calls `tags` and `labels` are `contact_tags` and `chat_tags`, arrays of `{ _id, keyword }`, and `age` is
 * text. The sandbox keeps the written form in its store and answers reads and webhooks in this one.
 */
export function storedForm(contact: Contact): Record<string, unknown> {
	const { tags, labels, age, ...rest } = contact;
	return {
		...rest,
		...(age === undefined ? {} : { age: String(age) }),
		contact_tags: tags.map(storedTag),
		chat_tags: labels.map(storedTag),
	};
}

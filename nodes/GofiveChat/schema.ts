import { z } from 'zod';

import { isSendableText, UNSENDABLE_TEXT } from '../common/validation';

/** LINE's limit for one text message (Gofive posts into LINE rooms): a longer message cannot be delivered whole. */
export const MAX_CONTENT_LENGTH = 5000;

/** The only values Gofive's document shows for `type` and `platform`, as examples of plain strings. */
export const DOCUMENTED_VALUES = { type: 'message', platform: 'line' } as const;

/**
 * `type` and `platform` are typed string; the document shows one example each (docs/api/gofive.md § "Type
 * and platform values"). Another value is sent as given, trimmed and lower-cased; the item warns that it is not shown.
 */
const documentedExample = () => z.string().trim().toLowerCase().min(1, 'must not be empty');

/** The body of Send message (`POST /v1/chat/message`): every field required, as docs/api/gofive.md § "Send message" lists them. */
export const sendMessageSchema = z
	.object({
		roomId: z
			.string()
			.trim()
			.uuid({ message: 'must be a UUID such as 26259b2c-509c-4ff5-a82a-d1b5505b014d' }),
		// Sent as typed (no trimming), but a message of only spaces is as empty as no message.
		content: z
			.string()
			.max(MAX_CONTENT_LENGTH)
			.refine((text) => text.trim().length > 0, { message: 'must not be empty' })
			.refine(isSendableText, UNSENDABLE_TEXT),
		type: documentedExample(),
		platform: documentedExample(),
		// Past 2^53 a number has lost digits already: the company it names is not the one written.
		companyId: z
			.number()
			.int()
			.min(1)
			.refine(
				Number.isSafeInteger,
				`must be at most ${Number.MAX_SAFE_INTEGER}: a larger number has lost digits`,
			),
	})
	.strict();

type SendMessageBody = z.infer<typeof sendMessageSchema>;

/** The node's label for each body field, for validation messages. */
export const SEND_MESSAGE_LABELS: Record<keyof SendMessageBody, string> = {
	roomId: 'Room ID',
	content: 'Content',
	type: 'Type',
	platform: 'Platform',
	companyId: "Company ID (or the credential's Default Company ID)",
};

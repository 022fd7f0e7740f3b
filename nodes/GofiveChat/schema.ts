import { z } from 'zod';

import { isSendableText, UNSENDABLE_TEXT } from '../shared/validation';

/** LINE's limit for one text message (Gofive posts into LINE rooms): a longer message cannot be delivered whole. */
export const MAX_CONTENT_LENGTH = 5000;

/** A field with one documented value: anything else would be a guess sent to a live chat. */
const onlyDocumented = (value: string, field: string) =>
	z
		.string()
		.trim()
		.refine((given) => given === value, `must be "${value}", the only ${field} Gofive documents`);

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
		type: onlyDocumented('message', 'type'),
		platform: onlyDocumented('line', 'platform'),
		// Past 2^53 a number has lost digits already: the company it names is not the one written.
		companyId: z
			.number()
			.int()
			.min(1)
			.refine(Number.isSafeInteger, `must be at most ${Number.MAX_SAFE_INTEGER}: a larger number has lost digits`),
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

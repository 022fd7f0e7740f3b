import { z } from 'zod';

/** The body of Send message (`POST /v1/chat/message`): every field required, as the contract lists them. */
export const sendMessageSchema = z
	.object({
		roomId: z
			.string()
			.trim()
			.uuid({ message: 'must be a UUID such as 26259b2c-509c-4ff5-a82a-d1b5505b014d' }),
		// Sent as typed (no trimming), but a message of only spaces is as empty as no message.
		content: z.string().refine((text) => text.trim().length > 0, { message: 'must not be empty' }),
		// The only values the API documents: anything else would be a guess sent to a live chat.
		type: z
			.string()
			.trim()
			.refine((type) => type === 'message', 'must be "message", the only type Gofive documents'),
		platform: z
			.string()
			.trim()
			.refine((platform) => platform === 'line', 'must be "line", the only platform Gofive documents'),
		companyId: z.number().int().min(1),
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

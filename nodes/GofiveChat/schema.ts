import { z } from 'zod';

/** A field with one documented value: anything else would be a guess sent to a live chat. */
const onlyDocumented = (value: string, field: string) =>
	z
		.string()
		.trim()
		.refine((given) => given === value, `must be "${value}", the only ${field} Gofive documents`);

/** The body of Send message (`POST /v1/chat/message`): every field required, as the contract lists them. */
export const sendMessageSchema = z
	.object({
		roomId: z
			.string()
			.trim()
			.uuid({ message: 'must be a UUID such as 26259b2c-509c-4ff5-a82a-d1b5505b014d' }),
		// Sent as typed (no trimming), but a message of only spaces is as empty as no message.
		content: z.string().refine((text) => text.trim().length > 0, { message: 'must not be empty' }),
		type: onlyDocumented('message', 'type'),
		platform: onlyDocumented('line', 'platform'),
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

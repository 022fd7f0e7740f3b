import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidInput } from '../../common/validation';
import { SEND_MESSAGE_LABELS } from '../schema';

/** A UUID standing on its own in a text: not part of a longer run of letters and digits. */
const UUID_IN_TEXT =
	/(?<![0-9a-z])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-z])/gi;

const EXAMPLE = '26259b2c-509c-4ff5-a82a-d1b5505b014d';

/** What Room ID holds: the one chat room ID in it, or what is wrong with it. */
type RoomIdReading = { roomId: string } | { problem: string };

/**
 * The chat room ID in a Room ID: the text's one UUID, as written, so a pasted link to the room or a UUID with
 * spaces around it works. The same UUID written twice (a link that repeats it, in another case) is one room.
 */
export function readRoomId(given: string): RoomIdReading {
	const found = new Map<string, string>();
	for (const [uuid] of given.matchAll(UUID_IN_TEXT)) {
		if (!found.has(uuid.toLowerCase())) found.set(uuid.toLowerCase(), uuid);
	}
	const uuids = [...found.values()];
	if (uuids.length === 1) return { roomId: uuids[0] };
	if (uuids.length === 0) {
		return {
			problem: `must be a UUID such as ${EXAMPLE}, or a text that holds one (such as a link to the chat room)`,
		};
	}
	return {
		problem: `holds ${uuids.length} different UUIDs (${uuids.join(', ')}): keep only the chat room's`,
	};
}

/**
 * The Room ID to send for one item. A value that is not text (a number from an expression) is left to the body's
 * schema, which says what type it must be.
 */
export function roomIdOf(ctx: IExecuteFunctions, itemIndex: number, given: unknown): unknown {
	if (typeof given !== 'string') return given;
	const reading = readRoomId(given);
	if ('roomId' in reading) return reading.roomId;
	throw invalidInput(
		ctx,
		itemIndex,
		[{ path: 'roomId', problem: reading.problem, value: given }],
		SEND_MESSAGE_LABELS,
	);
}

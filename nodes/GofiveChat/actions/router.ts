import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { gofiveDialect } from '../../common/gofive/dialect';
import type { ItemReading } from '../../common/router';
import { route } from '../../common/router';
import { readRoomId } from '../helpers/roomId';
import { MESSAGE_OPERATIONS } from './operations';

/**
 * Messages to one room go one after the other, in input order: a UUID in upper or lower case, alone or in a link,
 * is one room. An item without a usable Room ID is not ordered; its own run reports the problem.
 */
function roomKey({ itemIndex, run }: ItemReading): string | undefined {
	const given = run.parameters.value('roomId', itemIndex);
	const reading = readRoomId(typeof given === 'string' ? given : String(given));
	return 'roomId' in reading ? reading.roomId.toLowerCase() : undefined;
}

/** Gofive Chat's operations through the shared router; messages to one room run in input order. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route(this, {
		dialect: gofiveDialect,
		operations: MESSAGE_OPERATIONS,
		orderKey: roomKey,
	});
}

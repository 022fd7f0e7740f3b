/**
 * Writes keep their order. Messages to one Gofive room are sent one after the other, in input order, and
 * different rooms in parallel; the rows of one Oho contact likewise, so the last row wins. With On Error = stop, no
 * item starts after a failure, and the error names the items already written.
 */

import { DEMO } from '../../sandbox';
import { jsonOf } from '../helpers/n8n';
import type { ConcurrencyProxy } from '../helpers/concurrencyProxy';
import {
	messagesToTwoRooms,
	sendMessageByItem,
	startConcurrencyProxy,
} from '../helpers/concurrencyProxy';
import { accessToken, runSendMessage } from '../helpers/gofive';
import {
	FAST_RETRIES,
	LINE,
	newLineContact,
	params,
	runContact,
	SOMCHAI,
} from '../helpers/ohoContact';
import { ohoRequests, sentBodies, useSandbox } from '../helpers/sandbox';

const ref = useSandbox();

const ROOMS = [DEMO.gofiveRoomId, DEMO.gofiveSecondRoomId];

describe('order of writes', () => {
	let proxy: ConcurrencyProxy | undefined;
	afterEach(async () => {
		await proxy?.close();
		proxy = undefined;
	});

	test('Send Message: 20 messages to 2 rooms arrive in input order per room, never two at once to one room, the rooms in parallel', async () => {
		proxy = await startConcurrencyProxy(
			ref.sb.url,
			(_method, _path, body) => (body as { roomId?: string } | undefined)?.roomId,
		);
		const items = messagesToTwoRooms({ first: DEMO.gofiveRoomId, second: DEMO.gofiveSecondRoomId });
		const result = await runSendMessage(
			ref.sb,
			{ ...sendMessageByItem(DEMO.gofiveCompanyId), options: FAST_RETRIES },
			{
				credential: accessToken(ref.sb, { baseUrl: proxy.url }),
				items,
			},
		);

		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toHaveLength(20);
		for (const room of ROOMS) {
			const sent = ref.sb
				.state()
				.gofiveMessages.filter((message) => message.roomId === room)
				.map((message) => message.content);
			expect(sent).toEqual(
				items.filter((item) => item.roomId === room).map((item) => item.content),
			);
			expect(proxy.maxInFlight.get(room)).toBe(1);
		}
		expect(proxy.maxInFlightOverall).toBe(2);
	});

	test('Create or Update: 10 rows of one customer and 10 of others are written one at a time per customer; the last row wins', async () => {
		proxy = await startConcurrencyProxy(ref.sb.url, (method, path, body) => {
			if (method === 'POST')
				return (body as { social_profile?: { id?: string } }).social_profile?.id;
			return method === 'PATCH' ? decodeURIComponent(path.split('/').pop()!) : undefined;
		});
		const others = Array.from({ length: 10 }, () => newLineContact().userId);
		const items = Array.from({ length: 20 }, (_, index) => ({
			userId: index % 2 === 0 ? SOMCHAI.userId : others[index >> 1],
			phone: `08${String(index).padStart(8, '0')}`,
		}));
		const result = await runContact(
			ref.sb,
			params(
				'upsert',
				{ platform: 'line', platformId: LINE.platformId, userId: '={{ $json.userId }}' },
				{ additionalFields: { phone: '={{ $json.phone }}' } },
			),
			{ items, baseUrl: proxy.url },
		);

		expect(result.error).toBeUndefined();
		expect(proxy.maxInFlight.get(SOMCHAI.userId)).toBe(1);
		expect(proxy.maxInFlightOverall).toBeGreaterThan(1);
		const somchaiPhones = (sentBodies(ref.sb, 'PATCH') as Array<{ phone: string }>).map(
			(body) => body.phone,
		);
		expect(somchaiPhones).toEqual(
			items
				.filter((item) => item.userId === SOMCHAI.userId)
				.map((item) => `0${item.phone.slice(1)}`),
		);
		expect(ref.sb.getContact('line', LINE.platformId, SOMCHAI.userId)?.phone).toBe('0800000018');
	});

	test('On Error = stop: no item starts after the failure, and the error names the items already written', async () => {
		const contacts = Array.from({ length: 10 }, () => newLineContact());
		const items = contacts.map((contact, index) => ({
			userId: contact.userId,
			age: index === 3 ? 150 : 30,
		}));
		const result = await runContact(
			ref.sb,
			params(
				'create',
				{ platform: 'line', platformId: LINE.platformId, userId: '={{ $json.userId }}' },
				{ additionalFields: { age: '={{ $json.age }}' }, options: { parallelRequests: 5 } },
			),
			{ items },
		);

		const error = result.error!;
		expect(error.context?.itemIndex).toBe(3);
		const created = (sentBodies(ref.sb, 'POST') as Array<{ social_profile: { id: string } }>).map(
			(body) => contacts.findIndex((contact) => contact.userId === body.social_profile.id),
		);
		// Requests in Parallel 5: items 0-4 had started when item 3 failed; none after them.
		expect(created.sort()).toEqual([0, 1, 2, 4]);
		expect(error.description).toBe(
			'Nothing was sent for this item. Before the node stopped, items 0-2, 4 had already been sent and written (a stopped node shows no output); running the workflow again sends them again unless they are left out.',
		);
		expect(ohoRequests(ref.sb)).toHaveLength(4);
	});

	test('Requests in Parallel that an expression gives as no number still runs every item (the default, not none)', async () => {
		const result = await runContact(
			ref.sb,
			params('get', SOMCHAI, { options: { parallelRequests: '={{ "lots" }}' } }),
			{ items: [{}, {}, {}] },
		);

		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toHaveLength(3);
	});
});

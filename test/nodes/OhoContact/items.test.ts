import { ExecuteContext } from 'n8n-core';
import type { IDataObject } from 'n8n-workflow';

import type { FaultKind } from '../../../sandbox';
import { DEMO } from '../../../sandbox';
import type { Identity } from '../../helpers/ohoContact';
import {
	contactPath,
	jsonOf,
	LINE,
	newLineContact,
	pairedItems,
	params,
	runContact,
	SOMCHAI,
	SUDA,
	USER_ID_FROM_ITEM,
} from '../../helpers/ohoContact';
import { ohoRequests, useSandbox } from '../../helpers/sandbox';

const ref = useSandbox();

/** The seeded contacts of the demo business, on all three platforms. */
const SEEDED: Identity[] = [
	...LINE.userIds.map((userId) => ({ platform: 'line', platformId: LINE.platformId, userId })),
	...DEMO.facebook.userIds.map((userId) => ({
		platform: 'facebook',
		platformId: DEMO.facebook.platformId,
		userId,
	})),
	...DEMO.instagram.userIds.map((userId) => ({
		platform: 'instagram',
		platformId: DEMO.instagram.platformId,
		userId,
	})),
];

const NOBODY: Identity = { ...SOMCHAI, userId: 'Unobody' };

/** Update of the contact each item names, setting the item's age. */
const UPDATE_EACH = params(
	'update',
	{
		platform: '={{ $json.platform }}',
		platformId: '={{ $json.platformId }}',
		userId: '={{ $json.userId }}',
	},
	{ updateFields: { age: '={{ $json.age }}' } },
);

const itemsOf = (
	contacts: Identity[],
	age: (index: number) => number = (index) => 20 + index,
): IDataObject[] => contacts.map((contact, index) => ({ ...contact, age: age(index) }));

/**
 * Runs UPDATE_EACH on the items, `parallelRequests` at a time, with jittered latency; the first request for
 * `slow.contact` fails with `slow.fault` (a 503 makes that item wait out a Retry-After of 1 s).
 */
async function updateEach(
	items: IDataObject[],
	parallelRequests: number,
	slow?: { contact: Identity; fault: FaultKind },
) {
	ref.sb.setKnobs({
		latency: { fixedMs: 0, jitterMs: 30 },
		faults: slow
			? [{ match: { api: 'oho', path: contactPath(slow.contact) }, sequence: [slow.fault] }]
			: [],
	});
	return await runContact(
		ref.sb,
		{ ...UPDATE_EACH, options: { parallelRequests, retryDelayMs: 1 } },
		{ items },
	);
}

const patchedPaths = () => ohoRequests(ref.sb, { method: 'PATCH' }).map((request) => request.path);

describe('Oho Contact: many items', () => {
	describe('Requests in Parallel', () => {
		test('answers that come back out of order still give outputs in input order, each paired with its item', async () => {
			// Item 0 waits out a Retry-After of 1 s; the others answer after random latency.
			const result = await updateEach(itemsOf(SEEDED), 7, { contact: SEEDED[0], fault: 503 });

			expect(result.error).toBeUndefined();
			const output = jsonOf(result);
			expect(output.map((item) => item.user_id)).toEqual(SEEDED.map((contact) => contact.userId));
			expect(output.map((item) => (item.contact as IDataObject).age)).toEqual(
				SEEDED.map((_, index) => 20 + index),
			);
			expect(pairedItems(result.outputs[0])).toEqual([0, 1, 2, 3, 4, 5, 6]);
			// Item 0 really was answered last: its retry is the last request of the run.
			const paths = patchedPaths();
			expect(paths).toHaveLength(8);
			expect(paths[paths.length - 1]).toBe(contactPath(SEEDED[0]));
			for (const [index, contact] of SEEDED.entries()) {
				expect(ref.sb.getContact(contact.platform, contact.platformId, contact.userId)?.age).toBe(
					20 + index,
				);
			}
		});

		test('Requests in Parallel 1 sends the items one after another, in input order', async () => {
			const result = await updateEach(itemsOf(SEEDED), 1, { contact: SEEDED[0], fault: 502 });

			expect(result.error).toBeUndefined();
			expect(patchedPaths()).toEqual([contactPath(SEEDED[0]), ...SEEDED.map(contactPath)]);
		});
	});

	describe('fixed values and expressions side by side', () => {
		/** Create for each item: fixed fields and per-item expressions, also inside one collection. */
		const createEach = (fixedCity: string) =>
			params('create', USER_ID_FROM_ITEM, {
				firstName: '={{ $json.firstName }}',
				additionalFields: { city: fixedCity, age: '={{ $json.age }}' },
			});
		const postedBodies = () =>
			ohoRequests(ref.sb, { method: 'POST' }).map((request) => request.body as IDataObject);

		test('n8n evaluates each expression once per item, though the order key and the operation both read the identity', async () => {
			const evaluated = jest.spyOn(
				ExecuteContext.prototype as unknown as { _getNodeParameter: (name: string) => unknown },
				'_getNodeParameter',
			);
			try {
				const people = Array.from({ length: 6 }, (_, index) => ({
					userId: newLineContact().userId,
					firstName: `Person ${index}`,
					age: 30,
				}));
				// Expressions that are not plain references to a field, which the node reads without the engine.
				const computed = {
					...createEach('Bangkok'),
					userId: '={{ $json.userId.trim() }}',
					firstName: '={{ $json.firstName.trim() }}',
					additionalFields: { city: 'Bangkok', age: '={{ $json.age + 0 }}' },
				};
				const result = await runContact(ref.sb, computed, { items: people });

				expect(jsonOf(result)).toHaveLength(6);
				const reads = (name: string) =>
					evaluated.mock.calls.filter(([parameter]) => parameter === name).length;
				expect([reads('userId'), reads('firstName'), reads('additionalFields')]).toEqual([6, 6, 6]);
				// A fixed parameter is read once per run.
				expect(reads('platformName')).toBe(1);
			} finally {
				evaluated.mockRestore();
			}
		});

		test('each item gets its own expression values and the same fixed values; a later run sees its own fixed values', async () => {
			const people = [newLineContact(), newLineContact(), newLineContact()].map(
				(contact, index) => ({
					userId: contact.userId,
					firstName: `Person ${index}`,
					age: 30 + index,
				}),
			);

			await runContact(ref.sb, createEach('Bangkok'), { items: people });
			await runContact(
				ref.sb,
				{ ...createEach('Chiang Mai'), platformName: 'Another OA' },
				{ items: [{ ...people[0], userId: newLineContact().userId }] },
			);

			const bodies = postedBodies();
			expect(
				bodies.map((body) => [
					(body.social_profile as IDataObject).id,
					body.first_name,
					body.age,
					body.city,
				]),
			).toEqual([
				...people.map((person) => [person.userId, person.firstName, person.age, 'Bangkok']),
				[expect.any(String), 'Person 0', 30, 'Chiang Mai'],
			]);
			expect(bodies.map((body) => (body.social_profile as IDataObject).platform_name)).toEqual([
				LINE.platformName,
				LINE.platformName,
				LINE.platformName,
				'Another OA',
			]);
		});
	});

	describe('failing items', () => {
		// Item 1 fails validation (nothing sent), item 2 names no contact (404); items 0 and 3 are fine.
		const contacts = [SOMCHAI, SUDA, NOBODY, SEEDED[3]];
		const items = itemsOf(contacts, (index) => (index === 1 ? 150 : 30 + index));
		const validationError = {
			error: {
				message:
					'Invalid input: Age (age) must be at most 99, got 150. To write the contact without Age, set Options > Invalid Optional Fields to "Skip the Field and Warn"',
				description: 'Nothing was sent for this item.',
				itemIndex: 1,
			},
		};
		const notFoundError = {
			error: {
				message: 'Oho: The contact not found (HTTP 404)',
				description:
					'No contact has this Platform, Platform ID and User ID. Use Create, or Create or Update, to add it.',
				httpCode: '404',
				itemIndex: 2,
			},
		};

		test('Continue (regular output): one error item per failed input, in place, with pairedItem; nothing sent for item 1', async () => {
			const result = await runContact(ref.sb, UPDATE_EACH, {
				items,
				onError: 'continueRegularOutput',
			});

			const output = jsonOf(result);
			expect(output).toHaveLength(4);
			expect(output[0]).toMatchObject({ operation: 'updated', user_id: SOMCHAI.userId });
			expect(output[1]).toEqual(validationError);
			expect(output[2]).toEqual(notFoundError);
			expect(output[3]).toMatchObject({ operation: 'updated', user_id: SEEDED[3].userId });
			expect(pairedItems(result.outputs[0])).toEqual([0, 1, 2, 3]);
			expect(patchedPaths().sort()).toEqual([SOMCHAI, NOBODY, SEEDED[3]].map(contactPath).sort());
			expect(ref.sb.getContact(SUDA.platform, SUDA.platformId, SUDA.userId)?.age).toBeUndefined();
		});

		test('Continue (using error output): successes on the main output, one error item per failure on the error output', async () => {
			const result = await runContact(ref.sb, UPDATE_EACH, {
				items,
				onError: 'continueErrorOutput',
			});

			expect(result.outputs).toHaveLength(2);
			expect(jsonOf(result, 0).map((item) => item.user_id)).toEqual([
				SOMCHAI.userId,
				SEEDED[3].userId,
			]);
			expect(pairedItems(result.outputs[0])).toEqual([0, 3]);
			// n8n puts the input item's fields beside the error on the error output.
			expect(jsonOf(result, 1)).toEqual([
				{ ...items[1], ...validationError },
				{ ...items[2], ...notFoundError },
			]);
			expect(pairedItems(result.outputs[1])).toEqual([1, 2]);
		});

		test('stopping on error reports the first failing item in input order, even when a later one failed sooner', async () => {
			// Item 1 (the 404) waits out a Retry-After of 1 s; item 3 fails validation at once.
			const stopping = itemsOf([SOMCHAI, NOBODY, SUDA, SEEDED[3]], (index) =>
				index === 3 ? 0 : 30,
			);
			const result = await updateEach(stopping, 4, { contact: NOBODY, fault: 503 });

			expect(result.error?.message).toBe('Oho: The contact not found (HTTP 404)');
			expect(result.error?.context?.itemIndex).toBe(1);
			expect(result.outputs).toEqual([]);
			expect(patchedPaths()).not.toContain(contactPath(SEEDED[3]));
		});
	});
});

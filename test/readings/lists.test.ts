/**
 * The lists Oho replaces wholesale on update (docs/api/oho.md § "Tags and labels", § "Attributes"): Options > Clear sends an
 * empty list, Options > Remove From Existing reads the contact once and sends what it holds without the item's
 * entries, and Map Input Fields takes attributes too.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	contactPath,
	jsonOf,
	mappedBelow,
	newLineContact,
	params,
	runContact,
	runOne,
	SOMCHAI,
	SUDA,
} from '../helpers/ohoContact';
import { ohoCalls, sentBodies, useSandbox } from '../helpers/sandbox';

const ref = useSandbox();

/** Somchai's seeded lists: tags ['vip'], labels ['follow-up'], one attribute Member level: Gold. */
const stored = () => ref.sb.getContact(SOMCHAI.platform, SOMCHAI.platformId, SOMCHAI.userId)!;

async function update(updateFields: IDataObject, options: IDataObject) {
	return await runContact(ref.sb, params('update', SOMCHAI, { updateFields, options }), {
		onError: 'continueRegularOutput',
	});
}

describe('Clear', () => {
	test('sends an empty list for each list chosen, with one PATCH and no read', async () => {
		const result = await update({}, { clearLists: ['tags', 'labels', 'attributes'] });

		expect(ohoCalls(ref.sb)).toEqual([`PATCH ${contactPath(SOMCHAI)}`]);
		expect(sentBodies(ref.sb, 'PATCH')).toEqual([{ tags: [], labels: [], attributes: [] }]);
		expect(stored()).toMatchObject({ tags: [], labels: [], attributes: [] });
		expect(jsonOf(result)).toEqual([expect.objectContaining({ operation: 'updated' })]);
	});

	test('beside other fields, only the chosen list is emptied', async () => {
		await update({ firstName: 'Somchai' }, { clearLists: ['labels'] });

		expect(sentBodies(ref.sb, 'PATCH')).toEqual([{ first_name: 'Somchai', labels: [] }]);
		expect(stored()).toMatchObject({ tags: ['vip'], labels: [] });
	});

	test('a list cleared while the item gives entries for it fails the item; nothing is sent', async () => {
		const result = await update({ tags: ['new'] }, { clearLists: ['tags'] });

		expect(ohoCalls(ref.sb)).toEqual([]);
		expect(jsonOf(result)).toEqual([
			{
				error: expect.objectContaining({
					message: 'Tags is to be cleared, but the item gives entries for it',
					description: expect.stringContaining('Nothing was sent for this item.'),
				}),
			},
		]);
	});
});

describe('Remove From Existing', () => {
	test('reads the contact once and sends its lists without the given entries', async () => {
		await runOne(
			ref.sb,
			params('update', SOMCHAI, {
				updateFields: { tags: ['extra'] },
				options: { addToExisting: ['tags'] },
			}),
		);
		ref.sb.clearRequests();
		const result = await update(
			{
				tags: ['vip', 'not-there'],
				attributes: { attribute: [{ name: 'Member level', value: '' }] },
			},
			{ removeFromExisting: ['tags', 'attributes'] },
		);

		expect(ohoCalls(ref.sb)).toEqual([
			`GET ${contactPath(SOMCHAI)}`,
			`PATCH ${contactPath(SOMCHAI)}`,
		]);
		expect(sentBodies(ref.sb, 'PATCH')).toEqual([{ tags: ['extra'], attributes: [] }]);
		expect(stored()).toMatchObject({ tags: ['extra'], labels: ['follow-up'], attributes: [] });
		expect(jsonOf(result)).toEqual([expect.objectContaining({ operation: 'updated' })]);
	});

	test('Add to Existing and Remove From Existing on different lists share one read', async () => {
		await update(
			{ tags: ['gold'], labels: ['follow-up'] },
			{ addToExisting: ['tags'], removeFromExisting: ['labels'] },
		);

		expect(ohoCalls(ref.sb)).toEqual([
			`GET ${contactPath(SOMCHAI)}`,
			`PATCH ${contactPath(SOMCHAI)}`,
		]);
		expect(sentBodies(ref.sb, 'PATCH')).toEqual([{ tags: ['vip', 'gold'], labels: [] }]);
	});

	test('a list chosen in both Add to Existing and Remove From Existing fails the item before anything is sent', async () => {
		const result = await update(
			{ tags: ['vip'] },
			{ addToExisting: ['tags'], removeFromExisting: ['tags'] },
		);

		expect(ohoCalls(ref.sb)).toEqual([]);
		expect(jsonOf(result)).toEqual([
			{
				error: expect.objectContaining({
					message: 'Tags is chosen in both Add to Existing and Remove From Existing',
				}),
			},
		]);
	});

	test('Create or Update: a new contact is created without the entries to remove; an existing one loses them', async () => {
		const contact = newLineContact();
		const fields = {
			firstName: 'Somsak',
			additionalFields: { tags: ['vip'] },
			options: { removeFromExisting: ['tags'] },
		};
		const created = await runOne(ref.sb, params('upsert', contact, fields));
		const updated = await runOne(ref.sb, params('upsert', SUDA, { ...fields, firstName: 'Suda' }));

		expect(created.operation).toBe('created');
		expect((sentBodies(ref.sb, 'POST')[0] as IDataObject).tags).toBeUndefined();
		expect(updated.operation).toBe('updated');
		expect(ref.sb.getContact(SUDA.platform, SUDA.platformId, SUDA.userId)?.tags).toEqual(['new']);
		expect((sentBodies(ref.sb, 'PATCH')[0] as IDataObject).tags).toEqual(['new']);
	});
});

describe('Attributes in Map Input Fields', () => {
	test.each([
		['an object of name and value', { 'Member level': 'Platinum', Branch: 'Chiang Mai' }],
		[
			'a list of { display_name, value }',
			[
				{ display_name: 'Member level', value: 'Platinum' },
				{ display_name: 'Branch', value: { text: 'Chiang Mai' } },
			],
		],
		['JSON text', '{"Member level": "Platinum", "Branch": "Chiang Mai"}'],
	])(
		'a mapped attributes column given as %s is sent in the API form',
		async (_case, attributes) => {
			await runOne(ref.sb, params('update', SOMCHAI, mappedBelow({ attributes })));

			expect(sentBodies(ref.sb, 'PATCH')).toEqual([
				{
					attributes: [
						{ display_name: 'Member level', value: { text: 'Platinum' } },
						{ display_name: 'Branch', value: { text: 'Chiang Mai' } },
					],
				},
			]);
		},
	);

	test('Map Automatically takes an input field named attributes', async () => {
		await runOne(
			ref.sb,
			params('update', SOMCHAI, {
				dataMode: 'mapper',
				contactFields: { mappingMode: 'autoMapInputData', value: null },
			}),
			{
				items: [{ attributes: { Branch: 'Phuket' } }],
			},
		);

		expect(sentBodies(ref.sb, 'PATCH')).toEqual([
			{ attributes: [{ display_name: 'Branch', value: { text: 'Phuket' } }] },
		]);
	});

	test('an attributes value in no known form fails the item, naming the forms it takes', async () => {
		const result = await runContact(
			ref.sb,
			params('update', SOMCHAI, mappedBelow({ attributes: 'Gold' })),
			{ onError: 'continueRegularOutput' },
		);

		expect(ohoCalls(ref.sb)).toEqual([]);
		expect(jsonOf(result)).toEqual([
			{
				error: expect.objectContaining({
					message: expect.stringContaining('Attributes (attributes) must be a list of'),
				}),
			},
		]);
	});
});

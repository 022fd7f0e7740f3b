import type { IDataObject } from 'n8n-workflow';

import type { Identity } from '../../helpers/ohoContact';
import {
	contactPath,
	params,
	readBack,
	runFailing,
	runOne,
	SOMCHAI,
	SUDA,
} from '../../helpers/ohoContact';
import { ohoCalls, sentBodies, useSandbox } from '../../helpers/sandbox';

const ref = useSandbox();

const stored = (contact: Identity) =>
	ref.sb.getContact(contact.platform, contact.platformId, contact.userId);

/** Runs Update on a seeded contact; returns the output and the PATCH body Oho received. */
async function updateWith(contact: Identity, updateFields: IDataObject, options: IDataObject = {}) {
	const output = await runOne(ref.sb, params('update', contact, { updateFields, options }));
	const [sent] = sentBodies(ref.sb, 'PATCH') as IDataObject[];
	return { output, sent };
}

describe('Oho Contact: Update', () => {
	test('sends only the fields given and leaves the others as they were', async () => {
		const before = stored(SOMCHAI)!;
		const { output, sent } = await updateWith(SOMCHAI, {
			lastName: 'Srisuk',
			phone: '081-234-5678',
		});

		expect(ohoCalls(ref.sb)).toEqual([`PATCH ${contactPath(SOMCHAI)}`]);
		expect(sent).toEqual({ last_name: 'Srisuk', phone: '0812345678' });
		expect(output).toEqual({
			operation: 'updated',
			message: 'Update contact successfully',
			platform: 'line',
			platform_id: SOMCHAI.platformId,
			user_id: SOMCHAI.userId,
			contact: { last_name: 'Srisuk', phone: '0812345678' },
		});
		expect(stored(SOMCHAI)).toMatchObject({
			...before,
			last_name: 'Srisuk',
			phone: '0812345678',
			updated_at: expect.any(String),
		});
	});

	test("sends every field of Oho's update from Update Fields", async () => {
		const fields = {
			display_name: 'Somchai J.'.padEnd(1000, '.'),
			first_name: 'Somchai',
			last_name: 'Jaidee',
			phone: '0811111111',
			email: 'new@example.com',
			country: 'Japan',
			city: 'Phuket',
			gender: 'not_say',
			age: 99,
			birth_date: '1991-04-14',
			tags: ['gold'],
			labels: ['vip-chat'],
			attributes: [{ display_name: 'Tier', value: { text: 'A' } }],
		};
		const { sent } = await updateWith(SOMCHAI, {
			displayName: fields.display_name,
			firstName: fields.first_name,
			lastName: fields.last_name,
			phone: fields.phone,
			email: fields.email,
			country: fields.country,
			city: fields.city,
			gender: fields.gender,
			age: fields.age,
			birthDate: '1991-04-14T00:00:00',
			tags: fields.tags,
			labels: fields.labels,
			attributes: { attribute: [{ name: 'Tier', value: 'A' }] },
		});

		expect(sent).toEqual(fields);
		// Oho replaces the lists: the seeded tag, label and attribute are gone.
		expect(stored(SOMCHAI)).toMatchObject(fields);
	});

	test('an unknown contact stops Update with Oho’s 404 message and a hint to create it', async () => {
		const error = await runFailing(
			ref.sb,
			params('update', { ...SOMCHAI, userId: 'Unobody' }, { updateFields: { age: 30 } }),
		);

		expect(error.message).toBe('Oho: The contact not found (HTTP 404)');
		expect(error.description).toBe(
			'No contact has this Platform, Platform ID and User ID. Use Create, or Create or Update, to add it.',
		);
		expect(ohoCalls(ref.sb)).toHaveLength(1);
	});

	test('Return Stored Contact and Include Raw API Response add the stored contact and Oho’s answer', async () => {
		const { output } = await updateWith(
			SUDA,
			{ age: 41 },
			{ returnStoredContact: true, includeRawResponse: true },
		);

		expect(ohoCalls(ref.sb)).toEqual([`PATCH ${contactPath(SUDA)}`, `GET ${contactPath(SUDA)}`]);
		expect(output.storedContact).toEqual(readBack(ref.sb, SUDA));
		expect(output.storedContact).toMatchObject({ age: 41, first_name: 'Suda' });
		expect(output.rawResponse).toEqual({
			ok: true,
			status_code: 200,
			message: 'Update contact successfully',
		});
	});

	describe('Add to Existing', () => {
		test('reads the contact, then sends old and new tags, labels and attributes together', async () => {
			const { sent } = await updateWith(
				SOMCHAI,
				{
					tags: ['new-tag', 'vip'],
					labels: ['call-back'],
					attributes: {
						attribute: [
							{ name: 'Member level', value: 'Platinum' },
							{ name: 'Branch', value: 'Siam' },
						],
					},
				},
				{ addToExisting: ['tags', 'labels', 'attributes'] },
			);

			expect(ohoCalls(ref.sb)).toEqual([
				`GET ${contactPath(SOMCHAI)}`,
				`PATCH ${contactPath(SOMCHAI)}`,
			]);
			const merged = {
				tags: ['vip', 'new-tag'],
				labels: ['follow-up', 'call-back'],
				// An attribute of the same name takes the new value.
				attributes: [
					{ display_name: 'Member level', value: { text: 'Platinum' } },
					{ display_name: 'Branch', value: { text: 'Siam' } },
				],
			};
			expect(sent).toEqual(merged);
			expect(stored(SOMCHAI)).toMatchObject(merged);
		});

		test('only the chosen lists are merged; the others still replace', async () => {
			const { sent } = await updateWith(
				SOMCHAI,
				{ tags: ['new-tag'], labels: ['call-back'] },
				{ addToExisting: ['tags'] },
			);

			expect(sent).toEqual({ tags: ['vip', 'new-tag'], labels: ['call-back'] });
		});

		test('no read happens when none of the chosen lists is being changed', async () => {
			const { sent } = await updateWith(
				SOMCHAI,
				{ age: 35 },
				{ addToExisting: ['tags', 'labels', 'attributes'] },
			);

			expect(ohoCalls(ref.sb)).toEqual([`PATCH ${contactPath(SOMCHAI)}`]);
			expect(sent).toEqual({ age: 35 });
		});

		test('a merge that would exceed the 20-tag limit fails before the write: nothing is changed', async () => {
			const nineteen = Array.from({ length: 19 }, (_, index) => `tag-${index}`);
			await updateWith(SOMCHAI, { tags: nineteen });
			ref.sb.clearRequests();

			const error = await runFailing(
				ref.sb,
				params('update', SOMCHAI, {
					updateFields: { tags: ['one-more', 'two-more'] },
					options: { addToExisting: ['tags'] },
				}),
			);

			expect(error.message).toBe(
				'Invalid input: Tags (tags) must have at most 20 entries, got 21 entries. To write the contact without Tags, set Options > Invalid Optional Fields to "Skip the Field and Warn"',
			);
			expect(ohoCalls(ref.sb)).toEqual([`GET ${contactPath(SOMCHAI)}`]);
			expect(stored(SOMCHAI)?.tags).toEqual(nineteen);
		});
	});
});

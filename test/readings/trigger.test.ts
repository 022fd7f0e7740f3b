/**
 * The Oho Trigger's two readings (docs/api/oho.md § "Stored contact form", § "Webhook receiver"): Oho types `_id` as an
 * ObjectId and `birth_date` as a Date without showing their wire form, so both the plain forms and MongoDB's
 * extended JSON are read; and a started workflow is answered with JSON, not n8n's bare text "firstEntryJson".
 */
import type { IDataObject } from 'n8n-workflow';

import { deliver, deliverRaw } from '../helpers/webhook';
import { created, STARTED, storedContact, trigger } from '../helpers/ohoTrigger';

async function itemFor(contact: IDataObject, timezone?: string): Promise<IDataObject> {
	const { url, executions } = await trigger({}, {}, { timezone });
	expect(await deliver(url, created(contact))).toEqual(STARTED);
	expect(executions).toHaveLength(1);
	return executions[0][0];
}

const OID = '6751a0c2f1d2e3a4b5c6d7e8';

describe('ObjectId: plain text or { "$oid": … }', () => {
	test.each([
		['text', OID, { _id: '6751a0c2f1d2e3a4b5c6d001', keyword: 'vip' }],
		['extended JSON', { $oid: OID }, { _id: { $oid: '6751a0c2f1d2e3a4b5c6d001' }, keyword: 'vip' }],
	])(
		'%s: contact_id, the contact’s _id and the tags’ _id come out as text',
		async (_case, id, tag) => {
			const item = await itemFor(
				storedContact({
					_id: id,
					contact_tags: [tag],
					chat_tags: [{ ...tag, keyword: 'follow-up' }],
				}),
			);
			const contact = item.contact as IDataObject;

			expect(item.contact_id).toBe(OID);
			expect(contact._id).toBe(OID);
			expect(contact.contact_tags).toEqual([{ _id: '6751a0c2f1d2e3a4b5c6d001', keyword: 'vip' }]);
			expect(contact.chat_tags).toEqual([
				{ _id: '6751a0c2f1d2e3a4b5c6d001', keyword: 'follow-up' },
			]);
			expect(contact.tags).toEqual(['vip']);
		},
	);

	test('a contact without _id gives contact_id null', async () => {
		const item = await itemFor(storedContact({ _id: undefined }));

		expect(item.contact_id).toBeNull();
	});
});

describe('birth_date: the calendar day in the workflow’s time zone, beside the value as Oho sent it', () => {
	test.each([
		['midnight in Bangkok as UTC text', '1990-05-11T17:00:00.000Z', '1990-05-12'],
		[
			'a New Year’s Eve midnight in Bangkok (the year would be wrong in UTC)',
			'1997-12-31T17:00:00.000Z',
			'1998-01-01',
		],
		['extended JSON { $date: text }', { $date: '1990-05-11T17:00:00.000Z' }, '1990-05-12'],
		[
			'extended JSON { $date: { $numberLong } }',
			{ $date: { $numberLong: String(Date.UTC(1990, 4, 11, 17)) } },
			'1990-05-12',
		],
		['a plain date', '1990-05-12', '1990-05-12'],
	])('%s', async (_case, birthDate, day) => {
		const contact = (await itemFor(storedContact({ birth_date: birthDate })))
			.contact as IDataObject;

		expect(contact.birthDate).toBe(day);
		expect(contact.birth_date).toEqual(birthDate);
	});

	test('the day follows the workflow’s time zone', async () => {
		const contact = (
			await itemFor(storedContact({ birth_date: '1990-05-11T17:00:00.000Z' }), 'America/New_York')
		).contact as IDataObject;

		expect(contact.birthDate).toBe('1990-05-11');
	});

	test.each([
		['missing', undefined],
		['not a date', 'unknown'],
	])('a birth date %s gives birthDate null', async (_case, birthDate) => {
		const contact = (await itemFor(storedContact({ birth_date: birthDate })))
			.contact as IDataObject;

		expect(contact.birthDate).toBeNull();
	});
});

describe('age', () => {
	test.each([
		['empty text', ''],
		['missing', undefined],
	])('%s becomes null', async (_case, age) => {
		const contact = (await itemFor(storedContact({ age }))).contact as IDataObject;

		expect(contact.age).toBeNull();
	});
});

describe('the answer to a delivery that starts the workflow', () => {
	test('is JSON with the JSON content type, never the bare text firstEntryJson', async () => {
		const { url, executions } = await trigger();
		const answer = await deliverRaw(url, created());

		expect(answer.status).toBe(200);
		expect(answer.contentType).toMatch(/^application\/json/);
		expect(JSON.parse(answer.text)).toEqual({ message: 'Workflow was started' });
		expect(executions).toHaveLength(1);
	});
});

/**
 * Reads understand the form Oho stores a contact in (contact_tags / chat_tags as { _id, keyword }, age as
 * text), and Add to Existing never replaces a list it could not read.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ScriptedServer } from '../../helpers/scriptedServer';
import { startScriptedServer } from '../../helpers/scriptedServer';
import {
	contactPath,
	newLineContact,
	params,
	requiredBody,
	runContact,
	runOne,
	SOMCHAI,
	SUDA,
} from '../../helpers/ohoContact';
import { ohoCalls, sentBodies, useSandbox } from '../../helpers/sandbox';

const ref = useSandbox();

const found = (data: IDataObject) => ({
	status: 200,
	body: { ok: true, status_code: 200, message: 'Get contact successfully', data },
});
const UPDATED = {
	status: 200,
	body: { ok: true, status_code: 200, message: 'Update contact successfully' },
};

describe('Oho Contact: the stored form of a contact', () => {
	let server: ScriptedServer | undefined;
	afterEach(async () => {
		await server?.close();
		server = undefined;
	});

	/** Update with Add to Existing against a server whose read gives `data`; returns the run and what the server received. */
	async function mergeAgainst(data: IDataObject, fields: IDataObject, lists: string[]) {
		server = await startScriptedServer([found(data), UPDATED]);
		const result = await runContact(
			ref.sb,
			params('update', SOMCHAI, { updateFields: fields, options: { addToExisting: lists } }),
			{ baseUrl: server.url },
		);
		return { result, requests: server.requests };
	}

	test('against the sandbox, which reads back in the stored form, Add to Existing keeps every old tag and label', async () => {
		await runOne(
			ref.sb,
			params('update', SOMCHAI, {
				updateFields: { tags: ['event-2025'], labels: ['called'] },
				options: { addToExisting: ['tags', 'labels'] },
			}),
		);

		expect(ohoCalls(ref.sb)).toEqual([
			`GET ${contactPath(SOMCHAI)}`,
			`PATCH ${contactPath(SOMCHAI)}`,
		]);
		expect(sentBodies(ref.sb, 'PATCH')).toEqual([
			{ tags: ['vip', 'event-2025'], labels: ['follow-up', 'called'] },
		]);
		expect(ref.sb.getContact(SOMCHAI.platform, SOMCHAI.platformId, SOMCHAI.userId)).toMatchObject({
			tags: ['vip', 'event-2025'],
			labels: ['follow-up', 'called'],
		});
	});

	test.each([
		['the stored form', { contact_tags: [{ _id: '64f0c0ffee00000000000001', keyword: 'vip' }] }],
		['the written form', { tags: ['vip'] }],
	])('tags read in %s are kept', async (_form, data) => {
		const { result } = await mergeAgainst({ first_name: 'Somchai', ...data }, { tags: ['new'] }, [
			'tags',
		]);

		expect(result.error).toBeUndefined();
	});

	test.each([
		['no tags at all', { first_name: 'Somchai' }, 'tags'],
		[
			'tags that are neither text nor { keyword }',
			{ contact_tags: [{ _id: '64f0c0ffee00000000000001' }] },
			'tags',
		],
		['contact_tags that is not a list', { contact_tags: 'vip' }, 'tags'],
		['no chat_tags or labels', { contact_tags: [] }, 'labels'],
		['no attributes', { contact_tags: [] }, 'attributes'],
	])(
		'a read with %s fails the item and sends nothing: never a blind replace',
		async (_case, data, list) => {
			const fields = {
				tags: ['new'],
				labels: ['new'],
				attributes: { attribute: [{ name: 'Level', value: 'Gold' }] },
			};
			const { result, requests } = await mergeAgainst(data, fields, [list]);

			const error = result.error!;
			expect(error.message).toBe(
				`Add to Existing: the contact's current ${list} could not be read, so nothing was sent (sending only the new ones would replace them)`,
			);
			expect(error.description).toMatch(
				new RegExp(
					`To replace the list instead, remove ${list[0].toUpperCase()}${list.slice(1)} from Options > Add to Existing\\.$`,
				),
			);
			expect(requests).toEqual([`GET ${contactPath(SOMCHAI)}`]);
		},
	);

	test('Get and Return Stored Contact give tags and labels as plain lists and age as a number, besides the stored form', async () => {
		const stored = {
			_id: '64f0c0ffee0000000000000a',
			first_name: 'Suda',
			age: '41',
			contact_tags: [{ _id: '64f0c0ffee00000000000001', keyword: 'new' }],
			chat_tags: [{ _id: '64f0c0ffee00000000000002', keyword: 'called' }],
		};
		server = await startScriptedServer([found(stored)]);
		const contact = await runOne(ref.sb, params('get', SUDA), { baseUrl: server.url });

		expect(contact).toEqual({ ...stored, age: 41, tags: ['new'], labels: ['called'] });
	});

	test.each([
		['the date as sent', '1998-11-29'],
		['midnight in Bangkok, as a UTC date-time', '1998-11-28T17:00:00.000Z'],
		['midnight UTC', '1998-11-29T00:00:00.000Z'],
	])(
		'a create whose answer was lost is "created" when the stored birth date is %s',
		async (_form, storedBirthDate) => {
			const contact = newLineContact();
			const stored = {
				...requiredBody(contact.userId),
				birth_date: storedBirthDate,
				contact_tags: [],
				chat_tags: [],
			};
			server = await startScriptedServer([
				{ status: 502, body: { message: 'Bad gateway' } },
				{
					status: 409,
					body: { ok: false, status_code: 409, message: 'The contact already exists' },
				},
				found(stored),
			]);
			const output = await runOne(
				ref.sb,
				params('create', contact, { additionalFields: { birthDate: '1998-11-29' } }),
				{ baseUrl: server.url },
			);

			expect(output.operation).toBe('created');
		},
	);

	test('Return Stored Contact: a read-back that fails after the write leaves the item written, with storedContactError', async () => {
		server = await startScriptedServer([
			{
				status: 201,
				body: { ok: true, status_code: 201, message: 'Created contact successfully' },
			},
			{ status: 500, body: { ok: false, status_code: 500, message: 'Internal server error' } },
		]);
		const output = await runOne(
			ref.sb,
			params('create', newLineContact(), { options: { returnStoredContact: true, maxRetries: 0 } }),
			{
				baseUrl: server.url,
			},
		);

		expect(output).toMatchObject({
			operation: 'created',
			storedContactError: 'Oho: Internal server error (HTTP 500)',
		});
		expect(output).not.toHaveProperty('storedContact');
	});
});

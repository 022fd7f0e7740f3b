import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { OhoContact } from '../../../nodes/OhoContact/OhoContact.node';
import type { Identity } from '../../helpers/ohoContact';
import {
	contactPath,
	jsonOf,
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

const stored = (contact: Identity) =>
	ref.sb.getContact(contact.platform, contact.platformId, contact.userId);

/** The identity read from the item, as a workflow behind a form or a webhook would set it. */
const IDENTITY_FROM_ITEM = {
	platform: 'line',
	platformId: '={{ $json.oa }}',
	userId: '={{ $json.lineUserId }}',
};

/** "Map Input Fields" with automatic mapping: the resource mapper value the editor saves. */
const AUTO_MAP = {
	dataMode: 'mapper',
	contactFields: { mappingMode: 'autoMapInputData', value: null, matchingColumns: [], schema: [] },
};

/** What a web form (after a Set node added the OA's details) hands to the node: labels as keys, everything text. */
function webFormItem(contact: Identity, answers: IDataObject): IDataObject {
	return {
		oa: contact.platformId,
		lineUserId: contact.userId,
		platform_name: 'HelloCheck',
		'LINE Basic ID': '@548unshk',
		profilePictureUrl: 'https://profile.line-scdn.net/0hForm',
		'Platform Display Name': 'Nok on LINE',
		submittedAt: '2025-03-01T10:00:00+07:00',
		formMode: 'production',
		...answers,
	};
}

const FORM_ANSWERS = {
	'First Name': 'Nok',
	last_name: 'Charoen',
	Phone: '081-555-0000',
	email: '',
	Gender: 'female',
	age: '27',
	'Birth Date': '1998-11-29',
	tags: 'web-form, newsletter',
};

/** The FORM_ANSWERS as Oho receives them: digits-only phone, a number, a list, the blank email left out. */
const FORM_AS_SENT = {
	first_name: 'Nok',
	last_name: 'Charoen',
	phone: '0815550000',
	gender: 'female',
	age: 27,
	birth_date: '1998-11-29',
	tags: ['web-form', 'newsletter'],
};

describe('Oho Contact: Upsert (Create or Update)', () => {
	test('a new contact is created with one POST and reported as created', async () => {
		const contact = newLineContact();
		const output = await runOne(
			ref.sb,
			params('upsert', contact, { additionalFields: { tags: ['lead'] } }),
		);

		expect(ohoCalls(ref.sb)).toEqual(['POST /contact']);
		expect(output).toMatchObject({
			operation: 'created',
			message: 'Created contact successfully',
			user_id: contact.userId,
		});
		expect(output.contact).toEqual({ ...requiredBody(contact.userId), tags: ['lead'] });
		expect(stored(contact)?.tags).toEqual(['lead']);
	});

	test('an existing contact gets a PATCH of the fields an update accepts and is reported as updated', async () => {
		const before = stored(SOMCHAI)!;
		const output = await runOne(
			ref.sb,
			params('upsert', SOMCHAI, {
				firstName: 'Somchai',
				additionalFields: { phone: '0899999999', tags: ['gold'] },
			}),
		);

		expect(ohoCalls(ref.sb)).toEqual(['POST /contact', `PATCH ${contactPath(SOMCHAI)}`]);
		const changes = { first_name: 'Somchai', phone: '0899999999', tags: ['gold'] };
		// The create-only fields (social profile, picture, platform display name) are not sent to update.
		expect(sentBodies(ref.sb, 'PATCH')).toEqual([changes]);
		expect(output).toMatchObject({
			operation: 'updated',
			message: 'Update contact successfully',
			contact: changes,
		});
		expect(stored(SOMCHAI)).toMatchObject({
			...changes,
			profile_picture_url: before.profile_picture_url,
			display_name: before.display_name,
		});
	});

	test('an existing contact with Add to Existing: read, merge, write', async () => {
		const output = await runOne(
			ref.sb,
			params('upsert', SUDA, {
				firstName: 'Suda',
				additionalFields: { tags: ['returning'] },
				options: { addToExisting: ['tags'] },
			}),
		);

		expect(ohoCalls(ref.sb)).toEqual([
			'POST /contact',
			`GET ${contactPath(SUDA)}`,
			`PATCH ${contactPath(SUDA)}`,
		]);
		expect(sentBodies(ref.sb, 'PATCH')).toEqual([
			{ first_name: 'Suda', tags: ['new', 'returning'] },
		]);
		expect(output.operation).toBe('updated');
	});

	describe('Map Input Fields', () => {
		/** The columns the editor's mapper offers for an operation. */
		async function columnsFor(operation: string) {
			const context = { getNodeParameter: () => operation } as unknown as ILoadOptionsFunctions;
			const { fields } = await new OhoContact().methods.resourceMapping.getContactColumns.call(
				context,
			);
			return Object.fromEntries(
				fields.map((field) => [field.id, { name: field.displayName, required: field.required }]),
			);
		}

		test('the mapper offers every field, attributes as an object, and Full Name; create marks what has no fallback, update drops create-only ones', async () => {
			const create = await columnsFor('upsert');
			const update = await columnsFor('update');

			expect(Object.keys(create)).toEqual([
				'platform_name',
				'line_basic_id',
				'profile_picture_url',
				'platform_display_name',
				'full_name',
				'first_name',
				'display_name',
				'last_name',
				'phone',
				'email',
				'country',
				'city',
				'gender',
				'age',
				'birth_date',
				'tags',
				'labels',
				'attributes',
			]);
			// Platform Name, LINE Basic ID and Profile Picture URL may come from the credential's account, Platform Display
			// Name falls back to the names, and First Name can come from Full Name: all checked when the node runs.
			expect(Object.keys(create).filter((id) => create[id].required)).toEqual([]);
			expect(create.full_name.name).toBe('Full Name (split into First and Last Name)');
			expect(create.tags.name).toBe('Tags (comma-separated)');
			expect(create.attributes.name).toBe('Attributes (e.g. {"Member Level": "Gold"})');
			expect(Object.keys(update)).toEqual(Object.keys(create).slice(4));
			expect(Object.values(update).some((column) => column.required)).toBe(false);
		});

		test('auto-mapping a web-form item creates a new contact from keys like "First Name", last_name and Phone', async () => {
			const contact = newLineContact();
			const result = await runContact(ref.sb, params('upsert', IDENTITY_FROM_ITEM, AUTO_MAP), {
				items: [webFormItem(contact, FORM_ANSWERS)],
			});

			expect(result.error).toBeUndefined();
			const [sent] = sentBodies(ref.sb, 'POST');
			expect(sent).toEqual({
				social_profile: {
					platform: 'line',
					id: contact.userId,
					platform_id: contact.platformId,
					platform_name: 'HelloCheck',
					line_basic_id: '@548unshk',
				},
				profile_picture_url: 'https://profile.line-scdn.net/0hForm',
				platform_display_name: 'Nok on LINE',
				display_name: 'Nok on LINE',
				...FORM_AS_SENT,
			});
			expect(jsonOf(result)[0]).toMatchObject({ operation: 'created', user_id: contact.userId });
		});

		test('auto-mapping the same form for an existing contact updates it with the updatable answers only', async () => {
			const result = await runContact(ref.sb, params('upsert', IDENTITY_FROM_ITEM, AUTO_MAP), {
				items: [webFormItem(SOMCHAI, FORM_ANSWERS)],
			});

			expect(jsonOf(result)[0]).toMatchObject({ operation: 'updated' });
			expect(sentBodies(ref.sb, 'PATCH')).toEqual([FORM_AS_SENT]);
			// The blank email answer means "not given": Somchai keeps his.
			expect(stored(SOMCHAI)?.email).toBe('somchai@example.com');
		});

		test('fields defined below, with expressions, are sent like fields set one by one', async () => {
			const contact = newLineContact();
			const defineBelow = {
				dataMode: 'mapper',
				contactFields: {
					mappingMode: 'defineBelow',
					value: {
						platform_name: 'HelloCheck',
						line_basic_id: '@548unshk',
						profile_picture_url: '={{ $json.picture }}',
						platform_display_name: '={{ $json.name }}',
						first_name: '={{ $json.name.split(" ")[0] }}',
						labels: 'vip-chat, follow-up',
						age: 40,
					},
					matchingColumns: [],
					schema: [],
				},
			};
			const result = await runContact(ref.sb, params('upsert', IDENTITY_FROM_ITEM, defineBelow), {
				items: [
					{
						oa: contact.platformId,
						lineUserId: contact.userId,
						name: 'Kanya Boonmee',
						picture: 'https://example.com/k.png',
					},
				],
			});

			expect(result.error).toBeUndefined();
			expect(sentBodies(ref.sb, 'POST')).toEqual([
				expect.objectContaining({
					profile_picture_url: 'https://example.com/k.png',
					platform_display_name: 'Kanya Boonmee',
					display_name: 'Kanya Boonmee',
					first_name: 'Kanya',
					labels: ['vip-chat', 'follow-up'],
					age: 40,
				}),
			]);
		});

		test('Update with auto-mapping sends the updatable keys and lists the create-only ones as unmapped', async () => {
			const output = await runOne(ref.sb, params('update', IDENTITY_FROM_ITEM, AUTO_MAP), {
				items: [webFormItem(SUDA, { 'Last Name': 'Wong', City: 'Khon Kaen' })],
			});

			// The item also has platform_name, profilePictureUrl, 'Platform Display Name': update cannot change them.
			expect(sentBodies(ref.sb, 'PATCH')).toEqual([{ last_name: 'Wong', city: 'Khon Kaen' }]);
			expect(output.unmappedFields).toEqual(
				expect.arrayContaining([
					'platform_name',
					'LINE Basic ID',
					'profilePictureUrl',
					'Platform Display Name',
				]),
			);
		});
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * What the editor stores for Oho Contact, run through n8n's engine: Birth Date as text, the searchable place lists
 * (Thai or English typed, the English value sent), optional fields added but left empty, the Advanced options and
 * the parameters of workflows saved before these changes.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INode,
	INodeProperties,
	INodePropertyMode,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { GofiveChat } from '../../../nodes/GofiveChat/GofiveChat.node';
import { OhoChat } from '../../../nodes/OhoChat/OhoChat.node';
import { CONTACT_FIELDS } from '../../../nodes/OhoContact/descriptions/contactFields';
import { contactColumns } from '../../../nodes/OhoContact/methods/contactColumns';
import { OhoContact } from '../../../nodes/OhoContact/OhoContact.node';
import { credentialTypes } from '../../helpers/n8n';
import {
	mappedBelow,
	newLineContact,
	params,
	REQUIRED_FIELDS,
	requiredBody,
	runFailing,
	runOne,
	SOMCHAI,
} from '../../helpers/ohoContact';
import { ohoRequests, sentBodies, useSandbox } from '../../helpers/sandbox';

const ref = useSandbox();

const node = new OhoContact();
const CURRENT_VERSION = node.description.defaultVersion;

function collectionOptions(name: string): INodeProperties[] {
	const collection = node.description.properties.find((property) => property.name === name);
	return (collection?.options ?? []) as INodeProperties[];
}

const additionalField = (name: string) =>
	collectionOptions('additionalFields').find((field) => field.name === name)!;

/** The resource-mapper column of a parameter: the last part of its API path. */
const columnOf = (param: string) =>
	CONTACT_FIELDS.find((field) => field.param === param)!
		.path.split('.')
		.pop()!;

/** What n8n's editor stores for a place picked from its list. */
const picked = (value: string) => ({ __rl: true, mode: 'list', value });
/** What n8n's editor stores for a place typed in the By Name mode. */
const typed = (value: string) => ({ __rl: true, mode: 'name', value });

async function search(
	method: 'searchCountries' | 'searchProvinces',
	filter?: string,
): Promise<string[]> {
	const result = await node.methods.listSearch[method].call({} as ILoadOptionsFunctions, filter);
	return result.results.map((item) => item.value as string);
}

/** Runs Create for a new LINE contact with these Additional Fields; returns the body Oho received. */
async function createWith(
	additionalFields: IDataObject,
	typeVersion = CURRENT_VERSION,
): Promise<IDataObject> {
	await runOne(ref.sb, params('create', newLineContact(), { additionalFields }), { typeVersion });
	const [sent] = sentBodies(ref.sb, 'POST', '/contact') as IDataObject[];
	return sent;
}

describe('Oho Contact in the editor', () => {
	describe('Birth Date is a text field', () => {
		test('with a placeholder showing a Buddhist-era and an ISO date, in both field collections', () => {
			const updateField = collectionOptions('updateFields').find(
				(field) => field.name === 'birthDate',
			);

			for (const field of [additionalField('birthDate'), updateField]) {
				expect(field).toMatchObject({
					type: 'string',
					default: '',
					placeholder: '15/03/2535 or 1992-03-15',
				});
			}
		});

		test.each([
			['a typed Buddhist-era date', '15/03/2535'],
			['a typed ISO date', '1992-03-15'],
			['the date-time a date picker stored in an older workflow', '1992-03-15T00:00:00'],
		])('%s is sent as the API date', async (_label, birthDate) => {
			expect(await createWith({ birthDate })).toMatchObject({ birth_date: '1992-03-15' });
		});
	});

	describe('Country and City are searchable in English and Thai, labelled and sent in English', () => {
		test.each<['searchCountries' | 'searchProvinces', string, string]>([
			['searchProvinces', 'เชียงใหม่', 'Chiang Mai'],
			['searchProvinces', 'จังหวัดเชียงใหม่', 'Chiang Mai'],
			['searchProvinces', 'Chiang Mai', 'Chiang Mai'],
			['searchProvinces', 'กทม', 'Bangkok'],
			['searchProvinces', 'ชลบุรี', 'Chon Buri'],
			['searchCountries', 'ไทย', 'Thailand'],
			['searchCountries', 'thailand', 'Thailand'],
			['searchCountries', 'ญี่ปุ่น', 'Japan'],
			['searchCountries', 'JP', 'Japan'],
		])('%s "%s" finds %s first', async (method, query, first) => {
			expect((await search(method, query))[0]).toBe(first);
		});

		test('a partial name lists every place holding it, in English order; each entry is labelled with its English value', async () => {
			expect(await search('searchProvinces', 'chiang')).toEqual(['Chiang Mai', 'Chiang Rai']);
			expect(await search('searchProvinces', 'เชียง')).toEqual(['Chiang Mai', 'Chiang Rai']);

			const result = await node.methods.listSearch.searchProvinces.call(
				{} as ILoadOptionsFunctions,
				'เชียงใหม่',
			);
			expect(result.results[0]).toEqual({ name: 'Chiang Mai', value: 'Chiang Mai' });
		});

		test('nothing typed lists all 77 provinces and every country; a name no place has lists none', async () => {
			expect(await search('searchProvinces')).toHaveLength(77);
			expect((await search('searchCountries', '')).length).toBeGreaterThan(190);
			expect(await search('searchProvinces', 'Atlantis')).toEqual([]);
		});

		test('each is a list searched by the node, with a By Name mode for typed text', () => {
			for (const [name, method] of [
				['country', 'searchCountries'],
				['city', 'searchProvinces'],
			]) {
				const field = additionalField(name);
				const modes = field.modes as INodePropertyMode[];
				expect(field).toMatchObject({
					type: 'resourceLocator',
					default: { mode: 'list', value: '' },
				});
				expect(modes.map((mode) => mode.name)).toEqual(['list', 'name']);
				expect(modes[0].typeOptions).toEqual({ searchListMethod: method, searchable: true });
			}
		});

		test('a place picked from the list sends its English value', async () => {
			const [city] = await search('searchProvinces', 'เชียงใหม่');
			const [country] = await search('searchCountries', 'ไทย');

			expect(await createWith({ city: picked(city), country: picked(country) })).toMatchObject({
				city: 'Chiang Mai',
				country: 'Thailand',
			});
		});

		test('a Thai name typed By Name is sent as the English name', async () => {
			expect(await createWith({ city: typed('จ.เชียงใหม่'), country: typed('ไทย') })).toMatchObject(
				{ city: 'Chiang Mai', country: 'Thailand' },
			);
		});

		test('an expression in the By Name mode is read per item', async () => {
			const contact = newLineContact();
			await runOne(
				ref.sb,
				params('create', contact, { additionalFields: { city: typed('={{ $json.province }}') } }),
				{ items: [{ province: 'ขอนแก่น' }], typeVersion: CURRENT_VERSION },
			);

			expect(sentBodies(ref.sb, 'POST', '/contact')[0]).toMatchObject({ city: 'Khon Kaen' });
		});

		test('a workflow saved when the places were plain options still sends its value', async () => {
			expect(await createWith({ city: 'Chiang Mai', country: 'Thailand' }, 1)).toMatchObject({
				city: 'Chiang Mai',
				country: 'Thailand',
			});
		});
	});

	describe('Set Each Field says which create fields may stay empty', () => {
		const hintOf = (name: string) =>
			node.description.properties.find((property) => property.name === name)?.hint;

		test.each(['platformName', 'lineBasicId', 'profilePictureUrl'])(
			'%s: the credential gives it',
			(name) => {
				expect(hintOf(name)).toBe('Leave empty to use the account in the Oho API credential');
			},
		);

		test('Platform Display Name: the names give it; First Name has no such hint', () => {
			expect(hintOf('platformDisplayName')).toBe(
				'Leave empty to use Display Name, else First Name and Last Name',
			);
			expect(hintOf('firstName')).toBeUndefined();
		});
	});

	describe('an optional field added and left empty sends nothing', () => {
		/** Every optional field as the editor adds it: its description's default, a place as n8n stores a locator. */
		const addedEmpty = (fields: INodeProperties[]) =>
			Object.fromEntries(
				fields.map((field) => [
					field.name,
					field.type === 'resourceLocator'
						? { __rl: true, ...(field.default as IDataObject) }
						: structuredClone(field.default),
				]),
			);

		test('no field starts with a value: Country, City, Gender and Age are empty', () => {
			for (const name of ['country', 'city', 'gender', 'age']) {
				const field = additionalField(name);
				const value =
					field.type === 'resourceLocator' ? (field.default as IDataObject).value : field.default;
				expect([name, value]).toEqual([name, '']);
			}
		});

		test('Create with every Additional Field added but none filled in sends only the required fields', async () => {
			const contact = newLineContact();
			await runOne(
				ref.sb,
				params('create', contact, {
					additionalFields: addedEmpty(collectionOptions('additionalFields')),
				}),
				{
					typeVersion: CURRENT_VERSION,
				},
			);

			expect(sentBodies(ref.sb, 'POST', '/contact')).toEqual([requiredBody(contact.userId)]);
		});

		test('Update with every field added and only First Name filled in sends only the first name', async () => {
			const updateFields = {
				...addedEmpty(collectionOptions('updateFields')),
				firstName: 'Somchai II',
			};
			await runOne(ref.sb, params('update', SOMCHAI, { updateFields }), {
				typeVersion: CURRENT_VERSION,
			});

			expect(sentBodies(ref.sb, 'PATCH')).toEqual([{ first_name: 'Somchai II' }]);
		});
	});

	describe('Map Input Fields: the columns take what cleaning reads', () => {
		test('Country, City and Birth Date are text columns: no English-only dropdown, no date picker that drops 15/03/2535', () => {
			const typeOf = (id: string) =>
				contactColumns('create').fields.find((field) => field.id === id)?.type;

			expect([typeOf('country'), typeOf('city'), typeOf('birth_date')]).toEqual([
				'string',
				'string',
				'string',
			]);
		});

		test('Thai places and a Buddhist-era date typed in the columns are sent cleaned', async () => {
			const contact = newLineContact();
			const columns = {
				...Object.fromEntries(
					Object.entries(REQUIRED_FIELDS).map(([param, value]) => [columnOf(param), value]),
				),
				city: 'เชียงใหม่',
				country: 'ไทย',
				birth_date: '15/03/2535',
			};
			// The columns the node offered, as the editor saves them with the mapping.
			const mapped = mappedBelow(columns, contactColumns('create').fields);
			await runOne(ref.sb, params('create', contact, mapped), { typeVersion: CURRENT_VERSION });

			expect(sentBodies(ref.sb, 'POST', '/contact')).toEqual([
				{
					...requiredBody(contact.userId),
					city: 'Chiang Mai',
					country: 'Thailand',
					birth_date: '1992-03-15',
				},
			]);
		});
	});

	describe('Options hold the data options; Advanced holds how requests are sent', () => {
		const REQUEST_KNOBS = [
			'includeRawResponse',
			'maxParallelRequests',
			'maxRetries',
			'parallelRequests',
			'retryDelayMs',
			'timeoutMs',
		];

		test.each([
			['Oho Contact', node.description.properties],
			['Oho Chat', new OhoChat().description.properties],
			['Gofive Chat', new GofiveChat().description.properties],
		])('%s offers the request knobs under Advanced', (_name, properties) => {
			const advanced = properties.find((property) => property.name === 'advanced');

			expect(advanced).toMatchObject({ displayName: 'Advanced', type: 'collection' });
			expect((advanced!.options as INodeProperties[]).map((option) => option.name).sort()).toEqual(
				REQUEST_KNOBS,
			);
		});

		test('Options shows for every operation in version 1, and from version 1.1 only for the writes (Get has no data option)', () => {
			const optionsShown = (operation: string, typeVersion: number) =>
				node.description.properties
					.filter((property) => property.name === 'options')
					.some((property) =>
						NodeHelpers.displayParameter(
							{ resource: 'contact', operation },
							property,
							{ typeVersion } as INode,
							node.description,
						),
					);

			expect(
				['get', 'create', 'update', 'upsert'].map((operation) => optionsShown(operation, 1)),
			).toEqual([true, true, true, true]);
			expect(
				['get', 'create', 'update', 'upsert'].map((operation) =>
					optionsShown(operation, CURRENT_VERSION!),
				),
			).toEqual([false, true, true, true]);
		});

		test('the delay and the timeout say their unit in words', () => {
			const names = (collectionOptions('advanced') as INodeProperties[]).map(
				(option) => option.displayName,
			);

			expect(names).toEqual(
				expect.arrayContaining(['Retry Delay (Milliseconds)', 'Timeout (Milliseconds)']),
			);
		});

		test('Advanced > Max Retries is honoured: 0 sends one request, 2 sends three', async () => {
			ref.sb.setKnobs({ faults: [{ match: { api: 'oho' }, kind: 502 }] });
			await runFailing(ref.sb, params('get', SOMCHAI, { advanced: { maxRetries: 0 } }), {
				typeVersion: CURRENT_VERSION,
			});
			expect(ohoRequests(ref.sb)).toHaveLength(1);

			await runFailing(
				ref.sb,
				params('get', SOMCHAI, { advanced: { maxRetries: 2, retryDelayMs: 1 } }),
				{ typeVersion: CURRENT_VERSION },
			);
			expect(ohoRequests(ref.sb)).toHaveLength(1 + 3);
		});

		test('Advanced > Include Raw API Response adds Oho’s answer; the data options stay in Options', async () => {
			const output = await runOne(
				ref.sb,
				params('create', newLineContact(), {
					advanced: { includeRawResponse: true },
					options: { returnStoredContact: true },
				}),
				{ typeVersion: CURRENT_VERSION },
			);

			expect(output.rawResponse).toMatchObject({ status_code: 201 });
			expect(output.storedContact).toBeDefined();
		});

		test('a workflow saved with version 1 keeps its request knobs in Options, and they are honoured', async () => {
			ref.sb.setKnobs({ faults: [{ match: { api: 'oho' }, kind: 502 }] });
			await runFailing(ref.sb, params('get', SOMCHAI, { options: { maxRetries: 0 } }), {
				typeVersion: 1,
			});
			expect(ohoRequests(ref.sb)).toHaveLength(1);

			ref.sb.setKnobs({ faults: [] });
			const output = await runOne(
				ref.sb,
				params('get', SOMCHAI, { options: { includeRawResponse: true } }),
				{ typeVersion: 1 },
			);
			expect(output.rawResponse).toBeDefined();
		});
	});

	describe('words', () => {
		test('the subtitle reads as a sentence for each operation', () => {
			const subtitle = node.description.subtitle as string;
			const byOperation = JSON.parse(/\{\{\s*(\{.*\})\[/.exec(subtitle)![1]) as Record<
				string,
				string
			>;
			const operations = (node.description.properties.find(
				(property) => property.name === 'operation',
			)!.options ?? []) as Array<{
				value: string;
				action: string;
			}>;

			expect(
				Object.fromEntries(operations.map((operation) => [operation.value, operation.action])),
			).toEqual(byOperation);
		});
	});

	describe('documentation links land on a page', () => {
		const root = join(__dirname, '..', '..', '..');
		const repository = 'https://github.com/oho-gofive/n8n-nodes-oho-gofive/blob/main/';
		const codexFiles = readdirSync(join(root, 'nodes'))
			.map((folder) => join(root, 'nodes', folder, `${folder}.node.json`))
			.filter((file) => existsSync(file));
		const nodeLinks = codexFiles.flatMap((file) => {
			const codex = JSON.parse(readFileSync(file, 'utf8')) as {
				resources: Record<string, Array<{ url: string }>>;
			};
			return Object.values(codex.resources).flatMap((links) =>
				links.map((link) => [file.slice(root.length + 1), link.url]),
			);
		});
		const credentialLinks = Object.entries(credentialTypes).map(([name, type]) => [
			name,
			type.documentationUrl ?? '',
		]);

		test('all five nodes have their links checked', () => {
			expect(codexFiles).toHaveLength(5);
		});

		test.each([...nodeLinks, ...credentialLinks])(
			'%s links to a file of the repository without a # anchor: %s',
			(_source, url) => {
				// n8n appends ?utm_source=… to a documentation link, after any #, which breaks the anchor.
				expect(url).not.toContain('#');
				expect(url.startsWith(repository)).toBe(true);
				expect(
					readFileSync(join(root, url.slice(repository.length)), 'utf8').length,
				).toBeGreaterThan(0);
			},
		);
	});
});

/**
 * Gofive Customer, Create or Update, with fields added in the editor and left as the editor added them: n8n puts a
 * field's default in when the operator adds it, so a default is what gets sent unless it means "not set". Customer
 * State, required, starts unpicked. Run through n8n's engine against the sandbox: what reached Venio.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { GofiveCustomer } from '../../../nodes/GofiveCustomer/GofiveCustomer.node';
import { jsonOf } from '../../helpers/n8n';
import { calls, customerRequests, runCustomer } from '../../helpers/gofiveCustomer';
import { stopError } from '../../helpers/ohoContact';
import { useSandbox } from '../../helpers/sandbox';

const ref = useSandbox();

const additionalFields = new GofiveCustomer().description.properties.find(
	(property) => property.name === 'additionalFields',
)!.options as INodeProperties[];

/** What the editor stores for a field the operator adds and leaves alone: its default, and for a list of entries
 * ("Add Address", "Add Contact Person") one entry holding each value's default. */
function asAdded(field: INodeProperties): unknown {
	if (field.type !== 'fixedCollection') return structuredClone(field.default);
	const [entry] = field.options as Array<{ name: string; values: INodeProperties[] }>;
	const values = Object.fromEntries(
		entry.values.map((value) => [value.name, structuredClone(value.default)]),
	);
	return { [entry.name]: field.typeOptions?.multipleValues ? [values] : values };
}

const CODE_LISTS = [
	'customerStatus',
	'customerType',
	'customerGender',
	'leadStatus',
	'customerMaritalStatus',
];

const upsert = (fields: Record<string, unknown>, customerState: number) =>
	runCustomer(ref.sb, {
		operation: 'upsert',
		customerName: 'Malee Thongdee',
		customerState,
		additionalFields: fields as IDataObject,
	});

async function sentBody(fields: Record<string, unknown>, customerState = 1): Promise<IDataObject> {
	const result = await upsert(fields, customerState);
	expect(result.error?.message).toBeUndefined();
	expect(jsonOf(result)).toHaveLength(1);
	return customerRequests(ref.sb)[0].body as IDataObject;
}

/** The message of an item refused before sending (and that nothing reached Venio). */
async function refusal(fields: Record<string, unknown>, customerState = 1): Promise<string> {
	const error = stopError(await upsert(fields, customerState));
	expect(calls(ref.sb)).toEqual([]);
	return error.message;
}

describe('Gofive Customer: a field added in the editor sends nothing until the operator sets it', () => {
	test('Customer State starts unpicked: n8n refuses to run the node until a stage is chosen, nothing sent', async () => {
		// An update with a pre-picked Lead would turn the seeded Customer C000055 back into a Lead.
		await expect(
			runCustomer(ref.sb, {
				operation: 'upsert',
				customerCode: 'C000055',
				customerName: 'Suda Wongsa',
			}),
		).rejects.toThrow(
			'The \'Gofive Customer\' node has issues:\n- Parameter "Customer State" is required.',
		);
		expect(calls(ref.sb)).toEqual([]);
	});

	test('a Customer State expression that gives nothing is refused before sending', async () => {
		const result = await runCustomer(
			ref.sb,
			{
				operation: 'upsert',
				customerCode: 'C000055',
				customerName: 'Suda Wongsa',
				customerState: '={{ $json.stage }}',
			},
			{ items: [{ stage: '' }] },
		);

		expect(stopError(result).message).toBe(
			'Invalid input: Customer State (customerState) is required',
		);
		expect(calls(ref.sb)).toEqual([]);
	});

	test('every Additional Field added and left as added (an address and a contact person too) sends only Name and State', async () => {
		const added = Object.fromEntries(additionalFields.map((field) => [field.name, asAdded(field)]));
		expect(added).toMatchObject({
			addresses: { address: [expect.any(Object)] },
			contactPerson: { person: expect.any(Object) },
		});

		expect(await sentBody(added)).toEqual({ customerName: 'Malee Thongdee', customerState: 1 });
	});

	test.each(CODE_LISTS)(
		'%s, once added, is sent as soon as a code is picked: the first code too',
		async (name) => {
			const field = additionalFields.find((option) => option.name === name)!;
			const [firstCode] = (field.options as Array<{ value: unknown }>)
				.map((option) => option.value)
				.filter((value) => value !== '');

			expect(await sentBody({ [name]: firstCode }, 2)).toEqual({
				customerName: 'Malee Thongdee',
				customerState: 2,
				[name]: firstCode,
			});
		},
	);

	test('Customer Status Active (code 0) is sent, not read as empty', async () => {
		expect(await sentBody({ customerStatus: 0 })).toMatchObject({ customerStatus: 0 });
	});

	test('an address with only its text sends no type and no coordinates; a picked type is sent', async () => {
		const body = await sentBody({
			addresses: {
				address: [
					{ locationAddress: '99 Sukhumvit Rd', locationType: '', latitude: 0, longitude: 0 },
					{ locationAddress: '1 Nimman Rd', locationType: 2, latitude: 0, longitude: 0 },
				],
			},
		});

		expect(body.addresses).toEqual([
			{ locationAddress: '99 Sukhumvit Rd' },
			{ locationAddress: '1 Nimman Rd', locationType: 2 },
		]);
	});

	test('a Latitude without its Longitude (left at 0) is refused before sending, not sent as 0', async () => {
		expect(
			await refusal({
				addresses: {
					address: [{ locationAddress: '99 Sukhumvit Rd', latitude: 13.7367, longitude: 0 }],
				},
			}),
		).toBe(
			'Invalid input: Longitude (addresses.0.longitude) is needed with Latitude (0 is read as not set)',
		);
	});

	test.each([
		['Ended', 1],
		['Closed', 2],
	])(
		'Customer Status %s picked from the list without a note is still refused before sending',
		async (status, customerStatus) => {
			expect(await refusal({ customerStatus, customerNote: '' }, 3)).toBe(
				`Invalid input: Customer Note (customerNote) is required when Customer Status is ${status}`,
			);
		},
	);

	test('Lead Status Unqualified picked for a Lead, with the reason fields added and left empty, is still refused before sending', async () => {
		expect(
			await refusal({ leadStatus: 3, unqualifiedReasonName: '', unqualifiedReasonNote: '' }),
		).toBe(
			'Invalid input: Unqualified Reason (unqulifiedReasonName) is required for a Lead whose Lead Status is Unqualified; ' +
				'Unqualified Reason Note (unqulifiedReasonNote) is required for a Lead whose Lead Status is Unqualified',
		);
	});
});

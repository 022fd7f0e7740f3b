/**
 * Gofive Customer's Create or Update with Map Input Fields and Map Automatically: the form's columns (English and
 * Thai) reach Venio as the contract's fields, cleaned like Set Each Field; what nothing took is listed.
 */
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { GofiveCustomer } from '../../../nodes/GofiveCustomer/GofiveCustomer.node';
import packageJson from '../../../package.json';
import { jsonOf, subtitleOf } from '../../helpers/n8n';
import { calls, customerRequests, runCustomer } from '../../helpers/gofiveCustomer';
import { stopError } from '../../helpers/ohoContact';
import { useSandbox } from '../../helpers/sandbox';

const ref = useSandbox();

const mapped = (mappingMode: string, value: Record<string, unknown> | null = null) => ({
	operation: 'upsert',
	dataMode: 'mapper',
	customerFields: { mappingMode, value, matchingColumns: [], schema: [] },
});

describe('Gofive Customer: Map Input Fields', () => {
	test('Map Automatically takes English and Thai column names, reads names of codes, and lists what it did not take', async () => {
		const result = await runCustomer(ref.sb, mapped('autoMapInputData'), {
			items: [
				{
					'ชื่อ-นามสกุล': 'Wanida Chaiyo',
					State: 'Prospect',
					เบอร์โทร: '๐๘๑-๒๓๔-๕๖๗๘',
					'E-mail': 'wanida@example.com',
					วันเกิด: '15/03/2535',
					เพศ: 'หญิง',
					'Lead Status': 'Interested',
					Tags: 'vip, web form',
					'LINE User ID': 'U1234567890abcdef1234567890abcdef',
					Source: '',
				},
			],
		});

		expect(result.error).toBeUndefined();
		expect(customerRequests(ref.sb)[0].body).toEqual({
			customerName: 'Wanida Chaiyo',
			customerState: 2,
			customerMobile: '0812345678',
			customerEmail: 'wanida@example.com',
			customerBirthdate: '1992-03-15',
			customerGender: 2,
			leadStatus: 4,
			customerTags: ['vip', 'web form'],
		});
		expect(jsonOf(result)[0]).toMatchObject({
			ok: true,
			customerName: 'Wanida Chaiyo',
			unmappedFields: ['LINE User ID'],
		});
	});

	test('Map Automatically without a name refuses the item, naming the input fields nothing took', async () => {
		const error = stopError(
			await runCustomer(ref.sb, mapped('autoMapInputData'), {
				items: [{ State: 'Lead', Nickname: 'Nok' }],
			}),
		);

		expect(error.message).toBe(
			'Invalid input: Customer Name (customerName) is required. Input fields no customer field took: Nickname',
		);
		expect(calls(ref.sb)).toEqual([]);
	});

	test('a state that is not in the list is refused with the list', async () => {
		const error = stopError(
			await runCustomer(ref.sb, mapped('autoMapInputData'), {
				items: [{ Name: 'Nok Charoen', State: 'Hot lead' }],
			}),
		);

		expect(error.message).toBe(
			'Invalid input: Customer State (customerState) must be one of: Lead, Prospect, Customer, got "Hot lead"',
		);
	});

	test('Map Input Fields (define below): the columns as mapped, cleaned the same way, the refusals the same', async () => {
		await runCustomer(
			ref.sb,
			mapped('defineBelow', {
				customerCode: 'C000055',
				customerName: 'Suda Wongsa',
				customerState: 3,
				customerPhone: '+66 2 123 4567',
				customerTags: 'gold',
			}),
		);
		const refused = stopError(
			await runCustomer(
				ref.sb,
				mapped('defineBelow', { customerName: 'Nok Charoen', customerState: 3, customerStatus: 2 }),
			),
		);

		// The update's POST: Venio's record with the mapped columns over it.
		expect(
			customerRequests(ref.sb)
				.filter((request) => request.method === 'POST')
				.map((request) => request.body),
		).toEqual([
			expect.objectContaining({
				customerCode: 'C000055',
				customerName: 'Suda Wongsa',
				customerState: 3,
				customerPhone: '021234567',
				customerTags: ['gold'],
			}),
		]);
		expect(refused.message).toBe(
			'Invalid input: Customer Note (customerNote) is required when Customer Status is Closed',
		);
	});

	test('the mapper offers every one-value field, Customer Name and Customer State required, codes as lists', async () => {
		const { fields } = await new GofiveCustomer().methods.resourceMapping.getCustomerColumns.call(
			{} as ILoadOptionsFunctions,
		);

		expect(fields.filter((field) => field.required).map((field) => field.id)).toEqual([
			'customerName',
			'customerState',
		]);
		expect(fields.find((field) => field.id === 'customerState')).toMatchObject({
			type: 'options',
			options: [
				{ name: 'Lead', value: 1 },
				{ name: 'Prospect', value: 2 },
				{ name: 'Customer', value: 3 },
			],
		});
		expect(fields.find((field) => field.id === 'customerTags')?.displayName).toBe(
			'Tags (comma-separated)',
		);
		expect(fields.find((field) => field.id === 'unqualifiedReasonName')?.displayName).toBe(
			'Unqualified Reason',
		);
	});
});

describe('Gofive Customer in the editor', () => {
	const node = new GofiveCustomer();

	test.each([
		['upsert', 'Create or update a customer'],
		['get', 'Get a customer'],
		['addEvent', 'Add an event to a customer'],
	])('the subtitle of %s is its action: %s', (operation, action) => {
		const operations = node.description.properties.find(
			(property) => property.name === 'operation',
		)!.options as Array<{ value: string; action: string }>;

		expect(subtitleOf(node, { resource: 'customer', operation })).toBe(action);
		expect(operations.find((option) => option.value === operation)?.action).toBe(action);
	});

	test('the package lists the node, and it is a tool with the Gofive API credential', () => {
		expect(packageJson.n8n.nodes).toContain('dist/nodes/GofiveCustomer/GofiveCustomer.node.js');
		expect(node.description).toMatchObject({
			usableAsTool: true,
			version: 1.1,
			credentials: [{ name: 'gofiveApi', required: true }],
		});
	});
});

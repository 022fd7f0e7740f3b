/**
 * Gofive Customer, Get, through n8n's engine against the sandbox: the request that reached Venio, the output item,
 * the refusals before sending.
 */
import { jsonOf } from '../../helpers/n8n';
import { calls, customerCredential, runCustomer } from '../../helpers/gofiveCustomer';
import { stopError } from '../../helpers/ohoContact';
import { startScriptedServer } from '../../helpers/scriptedServer';
import { useSandbox } from '../../helpers/sandbox';

const ref = useSandbox();

describe('Gofive Customer: Get', () => {
	test('reads the customer by code: customerCode and the customer, dates with +07:00', async () => {
		const result = await runCustomer(ref.sb, { operation: 'get', customerCode: ' C000055 ' });

		expect(calls(ref.sb)).toEqual(['GET /v3/customers/C000055']);
		expect(jsonOf(result)).toEqual([
			{
				operation: 'get',
				ok: true,
				customerCode: 'C000055',
				customer: expect.objectContaining({
					customerName: 'Suda Wongsa',
					customerId: 480258,
					dateCreated: '2025-01-29T15:38:43+07:00',
				}),
			},
		]);
	});

	test('a code with a slash or Thai letters is escaped in the path', async () => {
		await runCustomer(
			ref.sb,
			{ operation: 'get', customerCode: 'ลูกค้า/1' },
			{ onError: 'continueRegularOutput' },
		);

		expect(calls(ref.sb)).toEqual([`GET /v3/customers/${encodeURIComponent('ลูกค้า/1')}`]);
	});

	test('an unknown code fails the item with Gofive’s description (its 4001 on HTTP 200)', async () => {
		const error = stopError(await runCustomer(ref.sb, { operation: 'get', customerCode: 'NOPE' }));

		expect(error.message).toBe('Gofive: Customer code NOPE not found (HTTP 200, code 4001)');
	});

	test.each([
		['a list of one customer', [{ customerCode: 'C1', customerName: 'Somchai' }], null],
		['success without a customer', [], 'Gofive found no customer with the code C1'],
	])('an answer with %s', async (_, data, failure) => {
		const gofive = await startScriptedServer([
			{ status: 200, body: { status: { code: '1000', description: 'Success' }, data } },
		]);
		try {
			const result = await runCustomer(
				ref.sb,
				{ operation: 'get', customerCode: 'C1' },
				{ credential: customerCredential(ref.sb, { baseUrl: gofive.url }) },
			);

			if (failure === null) {
				expect(jsonOf(result)[0]).toMatchObject({
					customerCode: 'C1',
					customer: { customerName: 'Somchai' },
				});
			} else {
				const error = stopError(result);
				expect(error.message).toBe(failure);
				expect(error.description).toBe(
					'Gofive answered success (Success) without a customer. Check the Customer Code in Venio.',
				);
			}
		} finally {
			await gofive.close();
		}
	});

	test('a code an expression leaves empty is refused before sending', async () => {
		const error = stopError(
			await runCustomer(
				ref.sb,
				{ operation: 'get', customerCode: '={{ $json.code }}' },
				{ items: [{ code: ' ' }] },
			),
		);

		expect(error.message).toBe('Invalid input: Customer Code (customerCode) is required');
		expect(calls(ref.sb)).toEqual([]);
	});
});

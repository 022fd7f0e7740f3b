/**
 * Gofive Customer, Get, through n8n's engine against the sandbox: the request that reached Venio, the output item,
 * the refusals before sending.
 */
import { jsonOf } from '../../helpers/n8n';
import { calls, runCustomer } from '../../helpers/gofiveCustomer';
import { stopError } from '../../helpers/ohoContact';
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

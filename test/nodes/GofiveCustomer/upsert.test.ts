/**
 * Gofive Customer, Create or Update, through n8n's engine against the sandbox: what reached Venio (body and headers),
 * what came out, the refusals before sending, Gofive's refusals on HTTP 200, the answer without a customer code, and
 * the other reading of the contact person.
 */
import type { IDataObject } from 'n8n-workflow';

import { jsonOf } from '../../helpers/n8n';
import {
	calls,
	customerCredential,
	customerRequests,
	runCustomer,
} from '../../helpers/gofiveCustomer';
import { pairedItems, stopError } from '../../helpers/ohoContact';
import { startScriptedServer, type ScriptedReply } from '../../helpers/scriptedServer';
import { useSandbox } from '../../helpers/sandbox';

const ref = useSandbox();

const upsert = (fields: IDataObject = {}) => ({
	operation: 'upsert',
	customerName: 'Malee Thongdee',
	customerState: 1,
	...fields,
});

async function runOne(parameters: IDataObject, run = {}): Promise<IDataObject> {
	const result = await runCustomer(ref.sb, parameters, run);
	expect(result.error?.message).toBeUndefined();
	expect(jsonOf(result)).toHaveLength(1);
	return jsonOf(result)[0];
}

/** One item against a scripted Gofive (its replies in order), continuing on fail: the requests it got, the item out. */
async function runScripted(replies: ScriptedReply[], parameters: IDataObject) {
	const gofive = await startScriptedServer(replies);
	try {
		const result = await runCustomer(ref.sb, parameters, {
			credential: customerCredential(ref.sb, { baseUrl: gofive.url }),
			onError: 'continueRegularOutput',
		});
		return { requests: gofive.requests, output: jsonOf(result)[0] };
	} finally {
		await gofive.close();
	}
}

describe('Gofive Customer: Create or Update', () => {
	test('creates a lead from form data: cleaned values, the token and the subscription key, customerCode out', async () => {
		const output = await runOne(
			upsert({
				additionalFields: {
					customerMobile: '+66 81 234 5678',
					customerBirthdate: '29/11/2541',
					customerEmail: 'Malee@Example.COM',
					customerTags: 'web form, newsletter',
					leadStatus: 1,
					sourceName: 'Website',
				},
			}),
		);

		const [request] = customerRequests(ref.sb);
		expect(request).toMatchObject({ method: 'POST', path: '/v3/customers', status: 200 });
		expect(request.body).toEqual({
			customerName: 'Malee Thongdee',
			customerState: 1,
			customerMobile: '0812345678',
			customerBirthdate: '1998-11-29',
			customerEmail: 'Malee@example.com',
			customerTags: ['web form', 'newsletter'],
			leadStatus: 1,
			sourceName: 'Website',
		});
		expect(request.headers.authorization).toBe('Bearer gofi***');
		expect(request.headers['ocp-apim-subscription-key']).toBe('gofi***');
		const stored = ref.sb
			.state()
			.gofiveCustomers.find((customer) => customer.customerName === 'Malee Thongdee')!;
		expect(output).toMatchObject({
			operation: 'upsert',
			ok: true,
			customerCode: stored.customerCode,
			customerName: 'Malee Thongdee',
		});
		expect(output).not.toHaveProperty('warnings');
		// Venio's +0700 is read: the output's dates carry +07:00, which any ISO 8601 reader takes.
		expect((output.customer as IDataObject).dateCreated).toBe(
			stored.dateCreated.replace(/\+0700$/, '+07:00'),
		);
	});

	test('with a Customer Code it reads the customer, then sends the full record with the item’s fields over it', async () => {
		const output = await runOne(
			upsert({
				customerCode: 'C000055',
				customerName: 'Suda Wongsa',
				customerState: 3,
				additionalFields: { customerMobile: '081 234 5678' },
			}),
		);

		expect(calls(ref.sb)).toEqual(['GET /v3/customers/C000055', 'POST /v3/customers']);
		// The seeded customer's documented fields (not its id or audit dates), the item's mobile number over Venio's.
		expect(customerRequests(ref.sb)[1].body).toEqual({
			customerCode: 'C000055',
			customerName: 'Suda Wongsa',
			customerState: 3,
			customerStatus: 0,
			customerType: 2,
			customerMobile: '0812345678',
			customerEmail: 'suda@example.com',
			leadStatus: 4,
		});
		expect(output).toMatchObject({
			customerCode: 'C000055',
			customer: { customerId: 480258, customerMobile: '0812345678' },
		});
		expect(ref.sb.state().gofiveCustomers).toHaveLength(1);
	});

	test.each(['keep', 'clear'] as const)(
		'an update keeps what the item leaves out when Venio %ss the fields an update leaves out',
		async (update) => {
			ref.sb.setKnobs({ gofiveCustomerUpdate: update });
			await runOne(
				upsert({
					customerCode: 'C000055',
					customerName: 'Suda Wongsa',
					customerState: 3,
					additionalFields: {
						customerBirthdate: '1990-01-02',
						customerTags: 'vip, line',
						addresses: { address: [{ locationAddress: '99 Sukhumvit Rd', locationType: 1 }] },
						contactPerson: { person: { contactName: 'Khun Anan' } },
					},
				}),
			);
			await runOne(
				upsert({ customerCode: 'C000055', customerName: 'Suda Wongsa', customerState: 2 }),
			);

			expect(ref.sb.state().gofiveCustomers[0]).toMatchObject({
				customerState: 2,
				customerMobile: '0987654321',
				customerEmail: 'suda@example.com',
				leadStatus: 4,
				customerBirthdate: '1990-01-02',
				customerTags: ['vip', 'line'],
				addresses: [{ locationAddress: '99 Sukhumvit Rd', locationType: 1 }],
				contacts: [{ contactName: 'Khun Anan' }],
			});
		},
	);

	test('a field Venio’s record holds beyond the documented ones, or in another form, is not sent back', async () => {
		const answer = (data: unknown) => ({ status: { code: '1000', description: 'Success' }, data });
		const { requests, output } = await runScripted(
			[
				{
					status: 200,
					body: answer({
						customerId: 480300,
						customerCode: 'C000301',
						customerName: 'Old name',
						customerState: 1,
						customerStatus: null,
						customerEmail: null,
						customerBirthdate: '1990-01-02T00:00:00+0700',
						customerGroup: { id: 7, name: 'CRM' },
						customerTags: ['vip', null, ''],
						addresses: [{ addressId: 9, locationAddress: 'Bangkok', locationType: 1 }],
						contacts: [
							{ contactId: 3, contactName: 'Khun Anan', contactStatus: true },
							{ contactId: 4 },
						],
						dateCreated: '2025-01-29T15:38:43+0700',
					}),
				},
				{
					status: 200,
					body: (request: { body: string }) => answer(JSON.parse(request.body)),
				},
			],
			upsert({ customerCode: 'C000301', customerName: 'New name', customerState: 2 }),
		);

		expect(requests).toEqual(['GET /v3/customers/C000301', 'POST /v3/customers']);
		// The POST as Gofive received it, echoed back as the answer's data.
		expect(output.customer).toEqual({
			customerCode: 'C000301',
			customerName: 'New name',
			customerState: 2,
			customerBirthdate: '1990-01-02',
			customerTags: ['vip'],
			addresses: [{ locationAddress: 'Bangkok', locationType: 1 }],
			contacts: [{ contactName: 'Khun Anan', contactStatus: true }],
		});
	});

	test('an unknown Customer Code: Venio has no record to keep, so the item’s fields are sent as they are', async () => {
		await runOne(upsert({ customerCode: 'WEB-0001', additionalFields: { customerType: 2 } }));

		expect(calls(ref.sb)).toEqual(['GET /v3/customers/WEB-0001', 'POST /v3/customers']);
		expect(customerRequests(ref.sb)[1].body).toEqual({
			customerCode: 'WEB-0001',
			customerName: 'Malee Thongdee',
			customerState: 1,
			customerType: 2,
		});
	});

	test('when the customer cannot be read (401), nothing is written and the item fails with Gofive’s answer', async () => {
		const { requests, output } = await runScripted(
			[{ status: 401, body: { status: { code: '401', description: 'Unauthorized' } } }],
			upsert({ customerCode: 'C000055', customerName: 'Suda Wongsa', customerState: 3 }),
		);

		expect(requests).toEqual(['GET /v3/customers/C000055']);
		expect(output.error).toMatchObject({
			message: expect.stringContaining('Unauthorized'),
			httpCode: '401',
		});
	});

	test('addresses, custom fields, social accounts and one contact person are sent in the contract’s shape', async () => {
		await runOne(
			upsert({
				customerState: 2,
				additionalFields: {
					addresses: {
						address: [
							{
								locationAddress: '99 Sukhumvit Rd',
								locationName: 'Head office',
								locationType: 1,
								latitude: 13.7367,
								longitude: 100.5605,
							},
						],
					},
					customFields: { field: [{ customFieldName: 'Budget', customFieldValue: '100k, 200k' }] },
					socialAccounts: { line: '@malee', facebook: '' },
					contactPerson: {
						person: {
							contactName: 'Khun Anan',
							contactMobile: '081 111 2222',
							contactStatus: 'active',
						},
					},
				},
			}),
		);

		expect(customerRequests(ref.sb)[0].body).toMatchObject({
			addresses: [
				{
					locationAddress: '99 Sukhumvit Rd',
					locationName: 'Head office',
					locationType: 1,
					latitude: 13.7367,
					longitude: 100.5605,
				},
			],
			customFields: [{ customFieldName: 'Budget', customFieldValue: ['100k', '200k'] }],
			customerSocialAccount: { line: '@malee' },
			contacts: [{ contactName: 'Khun Anan', contactMobile: '0811112222', contactStatus: true }],
		});
	});

	test.each([
		[
			'Ended',
			1,
			'Invalid input: Customer Note (customerNote) is required when Customer Status is Ended',
		],
		[
			'Closed',
			2,
			'Invalid input: Customer Note (customerNote) is required when Customer Status is Closed',
		],
	])(
		'Customer Status %s without a note is refused before sending',
		async (_status, customerStatus, message) => {
			const error = stopError(
				await runCustomer(
					ref.sb,
					upsert({ customerState: 3, additionalFields: { customerStatus } }),
				),
			);

			expect(error.message).toBe(message);
			expect(error.description).toBe('Nothing was sent for this item.');
			expect(calls(ref.sb)).toEqual([]);
		},
	);

	test('an Unqualified lead without the reason is refused before sending, naming both fields', async () => {
		const error = stopError(
			await runCustomer(ref.sb, upsert({ additionalFields: { leadStatus: 3 } })),
		);

		expect(error.message).toBe(
			'Invalid input: Unqualified Reason (unqulifiedReasonName) is required for a Lead whose Lead Status is Unqualified; ' +
				'Unqualified Reason Note (unqulifiedReasonNote) is required for a Lead whose Lead Status is Unqualified',
		);
		expect(calls(ref.sb)).toEqual([]);
	});

	test('an Unqualified lead with its reason is sent with Gofive’s spelling of the fields', async () => {
		await runOne(
			upsert({
				additionalFields: {
					leadStatus: 3,
					unqualifiedReasonName: 'Budget',
					unqualifiedReasonNote: 'No budget this year',
				},
			}),
		);

		expect(customerRequests(ref.sb)[0].body).toMatchObject({
			leadStatus: 3,
			unqulifiedReasonName: 'Budget',
			unqulifiedReasonNote: 'No budget this year',
		});
	});

	test('a phone that is not Thai, a class of 4 characters and a bad email fail together, nothing sent', async () => {
		const error = stopError(
			await runCustomer(
				ref.sb,
				upsert({
					additionalFields: {
						customerPhone: '+1 415 555 2671',
						classificationName: 'GOLD',
						customerEmail: 'not-an-email',
					},
				}),
			),
		);

		expect(error.message).toMatch(
			/^Invalid input: Phone \(customerPhone\) is a number of another country \(\+14155552671\)/,
		);
		expect(error.message).toContain(
			'Classification (classificationName) must be at most 3 characters, got "GOLD"',
		);
		expect(error.message).toContain(
			'Email (customerEmail) must be an email address like name@example.com, got "not-an-email"',
		);
		expect(calls(ref.sb)).toEqual([]);
	});

	test('without the subscription key the item is refused before sending, naming the credential field', async () => {
		const credential = customerCredential(ref.sb);
		delete credential.subscriptionKey;
		const error = stopError(await runCustomer(ref.sb, upsert(), { credential }));

		expect(error.message).toBe(
			"The Gofive API credential has no Subscription Key. Gofive's Customer API (Venio CRM) requires it on every request: enter it in the credential's Subscription Key field (Gofive's Ocp-Apim-Subscription-Key).",
		);
		expect(calls(ref.sb)).toEqual([]);
	});

	test('Gofive’s refusal on HTTP 200 (a name already used) fails the item: status.code decides, not the HTTP status', async () => {
		const error = stopError(await runCustomer(ref.sb, upsert({ customerName: 'Suda Wongsa' })));

		expect(error.message).toBe(
			'Gofive: customerName "Suda Wongsa" is already used by customer C000055; customer names must not be duplicated (HTTP 200, code 4001)',
		);
		expect(calls(ref.sb)).toEqual(['POST /v3/customers']);
	});

	test('Continue on Fail (error output): the refused item goes to the error output, the others are written, all paired', async () => {
		const result = await runCustomer(ref.sb, upsert({ customerName: '={{ $json.name }}' }), {
			items: [{ name: 'Anan Srisuk' }, { name: 'Suda Wongsa' }, { name: 'Kanya Boonmee' }],
			onError: 'continueErrorOutput',
		});

		expect(jsonOf(result, 0).map((item) => item.customerName)).toEqual([
			'Anan Srisuk',
			'Kanya Boonmee',
		]);
		expect(pairedItems(result.outputs[0])).toEqual([0, 2]);
		expect(jsonOf(result, 1)).toEqual([
			expect.objectContaining({
				error: expect.objectContaining({
					message: expect.stringContaining('is already used by customer C000055'),
					itemIndex: 1,
				}),
			}),
		]);
		expect(pairedItems(result.outputs[1])).toEqual([1]);
	});

	test('items for one customer run in input order', async () => {
		const result = await runCustomer(
			ref.sb,
			upsert({
				customerCode: 'C000055',
				customerName: 'Suda Wongsa',
				customerState: '={{ $json.state }}',
			}),
			{
				items: [{ state: 1 }, { state: 2 }, { state: 3 }],
			},
		);

		expect(result.error).toBeUndefined();
		expect(
			customerRequests(ref.sb)
				.filter((request) => request.method === 'POST')
				.map((request) => (request.body as IDataObject).customerState),
		).toEqual([1, 2, 3]);
		expect(ref.sb.state().gofiveCustomers[0].customerState).toBe(3);
	});

	test('a create whose answer carries no customer code: customerCode null and a warning, not a guess', async () => {
		const gofive = await startScriptedServer([
			{
				status: 200,
				body: {
					status: { code: 1000, description: 'Success' },
					data: { customerName: 'Malee Thongdee' },
				},
			},
		]);
		try {
			const result = await runCustomer(ref.sb, upsert(), {
				credential: customerCredential(ref.sb, { baseUrl: gofive.url }),
			});

			const [output] = jsonOf(result);
			expect(output).toMatchObject({
				ok: true,
				customerCode: null,
				customer: { customerName: 'Malee Thongdee' },
			});
			expect(output.warnings).toEqual([
				{
					field: 'customerCode',
					problem: expect.stringContaining("Gofive's answer carries no customer code"),
				},
			]);
			expect(result.hints).toEqual([
				expect.objectContaining({
					type: 'warning',
					message: expect.stringContaining('customerCode'),
				}),
			]);
		} finally {
			await gofive.close();
		}
	});

	test('the contact person: refused as "contacts", sent once as "contact", remembered for the run and said in the output', async () => {
		ref.sb.setKnobs({ gofiveCustomerContact: 'contact' });
		const result = await runCustomer(
			ref.sb,
			upsert({
				customerName: '={{ $json.name }}',
				additionalFields: { contactPerson: { person: { contactName: '={{ $json.person }}' } } },
				// One at a time, so the second item starts after the first has met the other reading.
				advanced: { parallelRequests: 1 },
			}),
			{
				items: [
					{ name: 'Anan Srisuk', person: 'Khun Anan' },
					{ name: 'Kanya Boonmee', person: 'Khun Kanya' },
				],
			},
		);

		expect(result.error).toBeUndefined();
		const bodies = customerRequests(ref.sb).map((request) => request.body as IDataObject);
		expect(
			bodies.map((body) => [
				body.customerName,
				Object.keys(body).find((key) => key.startsWith('contact')),
			]),
		).toEqual([
			['Anan Srisuk', 'contacts'],
			['Anan Srisuk', 'contact'],
			['Kanya Boonmee', 'contact'],
		]);
		const [first, second] = jsonOf(result);
		expect(first.warnings).toEqual([
			{ field: 'contact', problem: expect.stringContaining('sent once more as "contact"') },
		]);
		expect(second).not.toHaveProperty('warnings');
		expect(ref.sb.state().gofiveCustomers.map((customer) => customer.contact)).toEqual([
			undefined,
			{ contactName: 'Khun Anan' },
			{ contactName: 'Khun Kanya' },
		]);
	});

	test('a refusal of a value inside the contact person is the item’s error, not the other reading', async () => {
		const { requests, output } = await runScripted(
			[
				{
					status: 200,
					body: {
						status: {
							code: '4001',
							description: 'contacts[0].contactMobile is not a valid mobile number',
						},
					},
				},
			],
			upsert({ additionalFields: { contactPerson: { person: { contactName: 'Khun Anan' } } } }),
		);

		expect(requests).toEqual(['POST /v3/customers']);
		expect(output.error).toMatchObject({
			message: expect.stringContaining('contacts[0].contactMobile is not a valid mobile number'),
		});
	});

	test.each([
		[
			'a list in data',
			200,
			{
				status: { code: '4002', description: 'More than one error' },
				data: [{ field: 'customerEmail', message: 'is not valid' }, 'customerName is already used'],
			},
			'More than one error (customerEmail: is not valid; customerName is already used)',
		],
		[
			'ASP.NET problem details',
			400,
			{
				title: 'One or more validation errors occurred.',
				status: 400,
				errors: { customerState: ['The customerState field is required.'] },
			},
			'One or more validation errors occurred. (customerState: The customerState field is required.)',
		],
	])(
		'a refusal whose errors come as %s names them in the error',
		async (_, status, body, message) => {
			const { requests, output } = await runScripted([{ status, body }], upsert());

			expect(requests).toEqual(['POST /v3/customers']);
			expect(output.error).toMatchObject({
				message: expect.stringContaining(message),
			});
		},
	);

	test('an HTTP 400 without Gofive’s status that names "contacts" leads to the other reading once', async () => {
		const { requests, output } = await runScripted(
			[
				{
					status: 400,
					body: { title: 'Bad request', errors: { contacts: ['contacts is not a known field'] } },
				},
				{
					status: 200,
					body: { status: { code: '1000', description: 'Success' }, data: { customerCode: 'C1' } },
				},
			],
			upsert({ additionalFields: { contactPerson: { person: { contactName: 'Khun Anan' } } } }),
		);

		expect(requests).toEqual(['POST /v3/customers', 'POST /v3/customers']);
		expect(output).toMatchObject({
			ok: true,
			customerCode: 'C1',
			warnings: [{ field: 'contact' }],
		});
	});

	test('a create with a contact person answered 200 without Gofive’s status: not resent, marked unclear', async () => {
		const { requests, output } = await runScripted(
			[{ status: 200, body: { message: 'OK' } }],
			upsert({ additionalFields: { contactPerson: { person: { contactName: 'Khun Anan' } } } }),
		);

		expect(requests).toEqual(['POST /v3/customers']);
		expect(output.error).toMatchObject({
			unclearAttempt: true,
			description: expect.stringContaining('Create was not resent automatically'),
		});
	});

	test('under the contract’s reading the contact person goes once, as "contacts"', async () => {
		await runOne(
			upsert({ additionalFields: { contactPerson: { person: { contactName: 'Khun Anan' } } } }),
		);

		expect(customerRequests(ref.sb).map((request) => request.body)).toEqual([
			expect.objectContaining({ contacts: [{ contactName: 'Khun Anan' }] }),
		]);
	});

	test('Include Raw API Response adds Gofive’s whole answer', async () => {
		const output = await runOne(upsert({ advanced: { includeRawResponse: true } }));

		expect(output.rawResponse).toMatchObject({
			status: { code: '1000', description: 'Success' },
			data: { customerName: 'Malee Thongdee' },
		});
	});
});

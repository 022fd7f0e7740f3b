/**
 * Gofive Customer, Add Event, through n8n's engine against the sandbox, and the Event Type list as the editor loads
 * it: the requests that reached Venio, the output items, the refusals before sending.
 */
import type { IDataObject } from 'n8n-workflow';

import { jsonOf } from '../../helpers/n8n';
import {
	calls,
	customerCredential,
	customerRequests,
	loadEventTypes,
	runCustomer,
} from '../../helpers/gofiveCustomer';
import { stopError } from '../../helpers/ohoContact';
import { startScriptedServer } from '../../helpers/scriptedServer';
import { useSandbox } from '../../helpers/sandbox';

const ref = useSandbox();

const addEvent = (fields: IDataObject = {}) => ({
	operation: 'addEvent',
	customerCode: 'C000055',
	eventName: 'Signed up on the web form',
	eventType: 4,
	eventDate: '2024-02-01T10:00:00',
	...fields,
});

describe('Gofive Customer: Add Event', () => {
	test('adds the event: the body of the contract, the event out with eventId and +07:00', async () => {
		const result = await runCustomer(ref.sb, addEvent({ description: 'From the spring campaign' }));

		expect(customerRequests(ref.sb).map((request) => request.body)).toEqual([
			{
				eventName: 'Signed up on the web form',
				eventType: 4,
				eventDate: '2024-02-01T10:00:00',
				customerCode: 'C000055',
				description: 'From the spring campaign',
			},
		]);
		const [stored] = ref.sb.state().gofiveCustomerEvents;
		expect(jsonOf(result)).toEqual([
			{
				operation: 'addEvent',
				ok: true,
				customerCode: 'C000055',
				eventId: stored.eventId,
				event: expect.objectContaining({
					eventId: stored.eventId,
					eventDate: '2024-02-01T10:00:00+07:00',
					eventType: 4,
					customerId: 480258,
				}),
			},
		]);
	});

	test.each([
		[
			'a local time, in the workflow’s time zone (Berlin)',
			'2024-02-01T04:00:00',
			'Europe/Berlin',
			'2024-02-01T10:00:00',
		],
		[
			'an instant in UTC, as $now gives it',
			'2024-02-01T03:00:00.000Z',
			'Europe/Berlin',
			'2024-02-01T10:00:00',
		],
		[
			'a time with its own offset',
			'2024-02-01T12:00:00+09:00',
			'Asia/Bangkok',
			'2024-02-01T10:00:00',
		],
		[
			'a date alone, midnight in the workflow’s time zone',
			'2024-02-01',
			'Asia/Bangkok',
			'2024-02-01T00:00:00',
		],
	])('the date: %s is sent as Bangkok’s local time', async (_case, eventDate, timezone, sent) => {
		await runCustomer(ref.sb, addEvent({ eventDate }), { timezone });

		expect((customerRequests(ref.sb)[0].body as IDataObject).eventDate).toBe(sent);
	});

	test('a date that is no date, a missing name and an event type that is no ID fail together before sending', async () => {
		const error = stopError(
			await runCustomer(
				ref.sb,
				addEvent({ eventDate: '2024-02-30T10:00:00', eventName: ' ', eventType: '-1' }),
			),
		);

		expect(error.message).toBe(
			'Invalid input: Event Name (eventName) is required; Event Date (eventDate) must be a date and time, like 2024-02-01T10:00:00 or {{ $now }}, got "2024-02-30T10:00:00"; ' +
				'Event Type (eventType) must be an event type from the list, by its ID or name, got "-1"',
		);
		expect(calls(ref.sb)).toEqual([]);
	});

	test('an event type the company does not have fails the item with Gofive’s description', async () => {
		const error = stopError(await runCustomer(ref.sb, addEvent({ eventType: '3' })));

		expect(error.message).toBe(
			'Gofive: eventType 3 is not an event type of this company (HTTP 200, code 4001)',
		);
		expect(ref.sb.state().gofiveCustomerEvents).toEqual([]);
	});

	test('an event type named by an expression (an AI agent’s "web form") is looked up once per run', async () => {
		const result = await runCustomer(
			ref.sb,
			addEvent({ eventType: '={{ $json.type }}', eventName: '={{ $json.name }}' }),
			{
				items: [
					{ type: 'web form', name: 'Signed up' },
					{ type: ' Phone Call ', name: 'Called back' },
				],
			},
		);

		expect(result.error).toBeUndefined();
		expect(calls(ref.sb)).toEqual([
			'GET /v1/customerEvent/event-types',
			'POST /v1/customerEvent',
			'POST /v1/customerEvent',
		]);
		expect(
			customerRequests(ref.sb)
				.slice(1)
				.map((request) => (request.body as IDataObject).eventType),
		).toEqual([4, 2]);
	});

	test('an event type name the company does not have is refused with the company’s names, no event sent', async () => {
		const error = stopError(await runCustomer(ref.sb, addEvent({ eventType: '={{ "Lunch" }}' })));

		expect(error.message).toBe(
			'Invalid input: Event Type (eventType) must be one of your company\'s event types: Meeting, Phone Call, Web Form, Visit, got "Lunch"',
		);
		expect(calls(ref.sb)).toEqual(['GET /v1/customerEvent/event-types']);
	});

	test('without the subscription key the item is refused before sending', async () => {
		const credential = customerCredential(ref.sb, { subscriptionKey: '' });
		const result = await runCustomer(ref.sb, addEvent(), {
			credential,
			onError: 'continueRegularOutput',
		});

		expect(jsonOf(result)).toEqual([
			{
				error: expect.objectContaining({
					message: expect.stringContaining("credential's Subscription Key field"),
				}),
			},
		]);
		expect(calls(ref.sb)).toEqual([]);
	});

	test('a 502 from a gateway is not resent: the event may have been added', async () => {
		const gofive = await startScriptedServer([
			{ status: 502, body: undefined, text: '<html>Bad gateway</html>' },
		]);
		try {
			const error = stopError(
				await runCustomer(ref.sb, addEvent(), {
					credential: customerCredential(ref.sb, { baseUrl: gofive.url }),
				}),
			);

			expect(gofive.requests).toEqual(['POST /v1/customerEvent']);
			expect(error.description).toContain('The event was not resent automatically');
		} finally {
			await gofive.close();
		}
	});
});

describe('Gofive Customer: the Event Type list', () => {
	test('lists the company’s event types by name, from GET /v1/customerEvent/event-types with the subscription key', async () => {
		const options = await loadEventTypes(customerCredential(ref.sb));

		expect(options).toEqual([
			{ name: 'Meeting', value: 1 },
			{ name: 'Phone Call', value: 2 },
			{ name: 'Visit', value: 7 },
			{ name: 'Web Form', value: 4 },
		]);
		const [request] = customerRequests(ref.sb);
		expect(request).toMatchObject({ method: 'GET', path: '/v1/customerEvent/event-types' });
		expect(request.headers['ocp-apim-subscription-key']).toBe('gofi***');
	});

	test('an answer whose data is one object (the schema’s reading) lists that one type', async () => {
		const gofive = await startScriptedServer([
			{
				status: 200,
				body: {
					status: { code: '1000', description: 'Success' },
					data: { eventTypeId: 9, eventTypeName: 'Demo' },
				},
			},
		]);
		try {
			expect(await loadEventTypes(customerCredential(ref.sb, { baseUrl: gofive.url }))).toEqual([
				{ name: 'Demo', value: 9 },
			]);
		} finally {
			await gofive.close();
		}
	});

	test('without the subscription key the list says which credential field is missing, and asks nothing', async () => {
		await expect(
			loadEventTypes(customerCredential(ref.sb, { subscriptionKey: '' })),
		).rejects.toThrow("enter it in the credential's Subscription Key field");
		expect(calls(ref.sb)).toEqual([]);
	});
});

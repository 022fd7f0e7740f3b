import { DEMO } from '../../test/helpers/sandboxHttp';
import { useSandbox } from '../../test/helpers/sandbox';

const t = useSandbox();
const HEADERS = {
	authorization: `Bearer ${DEMO.gofiveAccessToken}`,
	'ocp-apim-subscription-key': DEMO.gofiveSubscriptionKey,
};

const post = (path: string, body: unknown, headers: Record<string, string> = HEADERS) =>
	t.http.post(path, body, { headers });
const get = (path: string, headers: Record<string, string> = HEADERS) =>
	t.http.get(path, { headers });

describe('Venio POST /v3/customers (create or update)', () => {
	it('creates without a code: 200, code 1000, the customer with a new code and +0700 dates', async () => {
		const res = await post('/v3/customers', {
			customerName: 'Malee Thongdee',
			customerState: 1,
			leadStatus: 1,
		});
		expect(res.status).toBe(200);
		expect(res.data.status).toEqual({ code: '1000', description: 'Success' });
		expect(res.data.data).toMatchObject({
			customerName: 'Malee Thongdee',
			customerState: 1,
			leadStatus: 1,
		});
		expect(res.data.data.customerCode).toMatch(/^C\d{6}$/);
		expect(res.data.data.dateCreated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0700$/);
		expect(t.sb.state().gofiveCustomers.map((c) => c.customerName)).toEqual([
			'Suda Wongsa',
			'Malee Thongdee',
		]);
	});

	it('updates with a known code: fields left out keep their value', async () => {
		const res = await post('/v3/customers', {
			customerCode: 'C000055',
			customerName: 'Suda Wongsa',
			customerState: 2,
		});
		expect(res.data.status.code).toBe('1000');
		expect(res.data.data).toMatchObject({
			customerCode: 'C000055',
			customerState: 2,
			customerMobile: '0987654321',
		});
		expect(t.sb.state().gofiveCustomers).toHaveLength(1);
	});

	it('an unknown code creates the customer under that code', async () => {
		const res = await post('/v3/customers', {
			customerCode: 'daisy',
			customerName: 'Daaisyy',
			customerState: 3,
		});
		expect(res.data.data.customerCode).toBe('daisy');
	});

	it.each([
		['customerName missing', { customerState: 1 }, 'customerName is required'],
		[
			'customerState outside 1-3',
			{ customerName: 'A', customerState: 4 },
			'customerState must be between 1 and 3',
		],
		[
			'a number given as text',
			{ customerName: 'A', customerState: '1' },
			'customerState must be a number',
		],
		[
			'a gender code outside the table',
			{ customerName: 'A', customerState: 1, customerGender: 3 },
			'customerGender must be between 1 and 2',
		],
		[
			'Ended without a note',
			{ customerName: 'A', customerState: 3, customerStatus: 1 },
			'customerNote is required when customerStatus is 1 (ended) or 2 (closed)',
		],
		[
			'a class of 4 characters',
			{ customerName: 'A', customerState: 3, classificationName: 'GOLD' },
			'classificationName must be at most 3 characters',
		],
		[
			'a latitude as text',
			{ customerName: 'A', customerState: 3, addresses: [{ locationType: 1, latitude: '13.7' }] },
			'addresses[0].latitude must be a number',
		],
	])(
		'refuses %s with HTTP 200 and code 4001, writing nothing',
		async (_case, body, description) => {
			const res = await post('/v3/customers', body);
			expect([res.status, res.data]).toEqual([
				200,
				{ status: { code: '4001', description }, data: null },
			]);
			expect(t.sb.state().gofiveCustomers).toHaveLength(1);
		},
	);

	it('an Unqualified lead without its reason is refused with 4002, naming both fields', async () => {
		const res = await post('/v3/customers', { customerName: 'A', customerState: 1, leadStatus: 3 });
		expect(res.data.status.code).toBe('4002');
		expect(res.data.status.description).toContain('unqulifiedReasonName is required');
		expect(res.data.status.description).toContain('unqulifiedReasonNote is required');
	});

	it('a name another customer holds is refused (names are unique, compared without case)', async () => {
		const res = await post('/v3/customers', { customerName: 'suda wongsa ', customerState: 1 });
		expect(res.data.status).toEqual({
			code: '4001',
			description:
				'customerName "suda wongsa " is already used by customer C000055; customer names must not be duplicated',
		});
	});

	it('reads contacts by default; with the other reading (knob) refuses contacts and takes contact', async () => {
		const person = { contactName: 'Khun Anan', contactStatus: true };
		expect(
			(await post('/v3/customers', { customerName: 'B', customerState: 2, contacts: [person] }))
				.data.status.code,
		).toBe('1000');
		t.sb.setKnobs({ gofiveCustomerContact: 'contact' });
		const refusedAnswer = await post('/v3/customers', {
			customerName: 'C',
			customerState: 2,
			contacts: [person],
		});
		expect(refusedAnswer.data.status.description).toBe(
			'contacts is not a field of this API: give the contact person as contact (one object)',
		);
		expect(
			(await post('/v3/customers', { customerName: 'C', customerState: 2, contact: person })).data
				.data.contact,
		).toEqual(person);
	});

	it('asks for the subscription key and the bearer token', async () => {
		const noKey = await post(
			'/v3/customers',
			{ customerName: 'A', customerState: 1 },
			{ authorization: HEADERS.authorization },
		);
		expect(noKey.status).toBe(401);
		expect(noKey.data.message).toMatch(/missing subscription key/);
		const noToken = await post(
			'/v3/customers',
			{ customerName: 'A', customerState: 1 },
			{ 'ocp-apim-subscription-key': DEMO.gofiveSubscriptionKey },
		);
		expect([noToken.status, noToken.data.status.code]).toEqual([401, '401']);
	});
});

describe('Venio GET /v3/customers/{code}', () => {
	it('answers the customer; an unknown code is a 4001', async () => {
		expect((await get('/v3/customers/C000055')).data.data).toMatchObject({
			customerCode: 'C000055',
			customerId: 480258,
		});
		expect((await get('/v3/customers/NOPE')).data).toEqual({
			status: { code: '4001', description: 'Customer code NOPE not found' },
			data: null,
		});
	});
});

describe('Venio customer events', () => {
	it('lists the seeded event types as an array of { eventTypeId, eventTypeName }', async () => {
		const res = await get('/v1/customerEvent/event-types');
		expect(res.data.data).toContainEqual({ eventTypeId: 4, eventTypeName: 'Web Form' });
	});

	it('adds an event with a local date-time, answers it with +0700 and lists it by customer code', async () => {
		const res = await post('/v1/customerEvent', {
			eventName: 'Signed up',
			eventType: 4,
			eventDate: '2024-02-01T10:00:00',
			customerCode: 'C000055',
		});
		expect(res.data.data).toEqual({
			eventId: expect.any(Number),
			eventName: 'Signed up',
			eventDate: '2024-02-01T10:00:00+0700',
			eventType: 4,
			customerId: 480258,
		});
		expect((await get('/v1/customerEvent/filter?customerCode=C000055')).data.data).toEqual([
			res.data.data,
		]);
	});

	it.each([
		[{ eventType: 3 }, 'eventType 3 is not an event type of this company'],
		[{ customerCode: 'NOPE' }, 'Customer code NOPE not found'],
		[
			{ eventDate: '2024-02-01T10:00:00+07:00' },
			'eventDate must be a date and time like 2024-02-01T10:00:00',
		],
	])('refuses %j', async (change, description) => {
		const res = await post('/v1/customerEvent', {
			eventName: 'x',
			eventType: 4,
			eventDate: '2024-02-01T10:00:00',
			customerCode: 'C000055',
			...change,
		});
		expect(res.data.status).toEqual({ code: '4001', description });
		expect(t.sb.state().gofiveCustomerEvents).toHaveLength(0);
	});
});

import type { IDataObject } from 'n8n-workflow';

import type { FaultKind, FaultRule } from '../../../sandbox';
import type { Identity } from '../../helpers/ohoContact';
import {
	contactPath,
	jsonOf,
	newLineContact,
	params,
	runContact,
	runFailing,
	runOne,
	SOMCHAI,
	USER_ID_FROM_ITEM,
} from '../../helpers/ohoContact';
import { ohoCalls, ohoRequests, useSandbox } from '../../helpers/sandbox';
import { startScriptedServer } from '../../helpers/scriptedServer';

const ref = useSandbox();

/** What a create says when its retry found the contact that its own lost attempt created. */
const CREATED_AFTER_RESET =
	'Created contact successfully (an earlier attempt lost its connection (ECONNRESET); the stored contact holds what was sent)';

/** Scripted faults: one entry per matching request, then the sandbox answers normally. */
function faults(
	method: string,
	path: string,
	sequence: Array<FaultKind | 'pass'>,
	afterHandling = false,
): void {
	const rule: FaultRule = { match: { api: 'oho', method, path }, sequence, afterHandling };
	ref.sb.setKnobs({ faults: [rule] });
}

/** The statuses the sandbox answered, in order (null for a reset or a hang: no answer). */
const answered = () => ohoRequests(ref.sb).map((request) => request.status);

const contactsWithId = (contact: Identity) =>
	ref.sb
		.state()
		.contacts.filter(
			(stored) =>
				stored.social_profile.id === contact.userId &&
				stored.social_profile.platform_id === contact.platformId,
		);

describe('Oho Contact: retries', () => {
	test.each<[string, Array<FaultKind | 'pass'>, Array<number | null>]>([
		['a 502', [502], [502, 200]],
		['a reset connection', ['reset'], [null, 200]],
		['an answer that is not JSON', ['malformed-json'], [200, 200]],
		['an HTML page from the gateway', ['html'], [502, 200]],
	])('Get after %s succeeds on the next attempt', async (_label, sequence, statuses) => {
		faults('GET', '/contact/', sequence);
		const contact = await runOne(ref.sb, params('get', SOMCHAI));

		expect(contact.first_name).toBe('Somchai');
		expect(answered()).toEqual(statuses);
	});

	test('Get after a gateway’s 504 succeeds on the next attempt (a scripted server: the sandbox has no 504 fault)', async () => {
		const gateway = await startScriptedServer([
			{ status: 504, body: { ok: false, status_code: 504, message: 'Gateway timeout' } },
			{
				status: 200,
				body: {
					ok: true,
					status_code: 200,
					message: 'Get contact successfully',
					data: { first_name: 'Somchai' },
				},
			},
		]);
		try {
			const contact = await runOne(ref.sb, params('get', SOMCHAI), { baseUrl: gateway.url });

			expect(contact).toEqual({ first_name: 'Somchai' });
			expect(gateway.requests).toEqual([
				`GET ${contactPath(SOMCHAI)}`,
				`GET ${contactPath(SOMCHAI)}`,
			]);
		} finally {
			await gateway.close();
		}
	});

	test('no answer within the timeout is retried', async () => {
		faults('GET', '/contact/', ['hang']);
		const contact = await runOne(ref.sb, params('get', SOMCHAI, { options: { timeoutMs: 300 } }));

		expect(contact.first_name).toBe('Somchai');
		expect(ohoRequests(ref.sb)).toHaveLength(2);
	});

	test('429 and 503 are retried once the Retry-After they carry has passed', async () => {
		faults('PATCH', '/contact/', [429, 503]);
		const output = await runOne(ref.sb, params('update', SOMCHAI, { updateFields: { age: 40 } }));

		expect(output.operation).toBe('updated');
		expect(answered()).toEqual([429, 503, 200]);
		expect(ref.sb.getContact(SOMCHAI.platform, SOMCHAI.platformId, SOMCHAI.userId)?.age).toBe(40);
	});

	test.each([0, 1, 3])(
		'Max Retries %i: one request plus that many retries, then Oho’s error',
		async (maxRetries) => {
			ref.sb.setKnobs({ faults: [{ match: { api: 'oho' }, kind: 502 }] });
			const error = await runFailing(ref.sb, params('get', SOMCHAI, { options: { maxRetries } }));

			expect(error.message).toBe('Oho: Bad gateway (HTTP 502)');
			expect(ohoRequests(ref.sb)).toHaveLength(maxRetries + 1);
		},
	);

	describe('Retry-After', () => {
		const twoContacts = [newLineContact(), newLineContact()];
		const createBoth = params('create', USER_ID_FROM_ITEM, {
			options: { parallelRequests: 1, maxRetries: 1 },
		});
		const run = async () =>
			await runContact(ref.sb, createBoth, {
				items: twoContacts.map(({ userId }) => ({ userId })),
			});

		test('is waited for: with one request a second allowed, the retry of the second create gets through', async () => {
			// Without the wait, the retry a millisecond later would meet the limit again and Max Retries 1 would give up.
			ref.sb.setKnobs({ rateLimit: { perSecond: 1, burst: 1 } });
			const result = await run();

			expect(result.error).toBeUndefined();
			expect(jsonOf(result).map((output) => output.operation)).toEqual(['created', 'created']);
			expect(answered()).toEqual([201, 429, 201]);
		});

		test('holds off every item of the run, not only the one answered 429', async () => {
			// The first create is answered 429 (Retry-After: 1). Without a shared hold-off the other worker would send the
			// remaining items during that wait; with it, at most the ones already on their way go out before the retry.
			const contacts = Array.from({ length: 6 }, () => newLineContact());
			faults('POST', '/contact', [429]);
			const result = await runContact(
				ref.sb,
				params('create', USER_ID_FROM_ITEM, { options: { parallelRequests: 2 } }),
				{
					items: contacts.map(({ userId }) => ({ userId })),
				},
			);

			expect(result.error).toBeUndefined();
			const sent = ohoRequests(ref.sb).map((request) => ({
				userId: (request.body as { social_profile: { id: string } }).social_profile.id,
				status: request.status,
			}));
			expect(sent.map((request) => request.status).sort()).toEqual([
				201, 201, 201, 201, 201, 201, 429,
			]);
			const limited = sent.findIndex((request) => request.status === 429);
			const retry = sent.findIndex(
				(request, index) => index > limited && request.userId === sent[limited].userId,
			);
			expect(retry - limited).toBeLessThanOrEqual(3);
		});

		test('longer than 30 seconds is reported instead of waited for', async () => {
			ref.sb.setKnobs({ rateLimit: { perSecond: 0.01, burst: 1 } });
			const error = (await run()).error!;

			expect(error.message).toBe('Oho: Too many requests (HTTP 429)');
			expect(error.context?.itemIndex).toBe(1);
			expect(answered()).toEqual([201, 429]);
		});
	});

	describe('a create is never doubled', () => {
		test('a create Oho carried out before the connection was reset is reported as created, once: the stored contact holds what was sent', async () => {
			const contact = newLineContact();
			faults('POST', '/contact', ['reset'], true);
			const output = await runOne(ref.sb, params('create', contact));

			expect(answered()).toEqual([null, 409, 200]);
			expect(ohoCalls(ref.sb)).toEqual([
				'POST /contact',
				'POST /contact',
				`GET ${contactPath(contact)}`,
			]);
			expect(contactsWithId(contact)).toHaveLength(1);
			expect(output).toMatchObject({
				operation: 'created',
				message: CREATED_AFTER_RESET,
				user_id: contact.userId,
			});
		});

		test('a create of a contact that existed before, after a gateway 502, is reported as exists with the stored contact, not as created', async () => {
			faults('POST', '/contact', [502]);
			const output = await runOne(
				ref.sb,
				params('create', SOMCHAI, { firstName: 'Somchai (form)' }),
			);

			expect(answered()).toEqual([502, 409, 200]);
			expect(output).toMatchObject({
				operation: 'exists',
				message:
					"The contact already exists (an earlier attempt met a gateway's HTTP 502; the stored contact differs from what was sent, so it was not created now)",
				storedContact: { first_name: 'Somchai', tags: ['vip'] },
			});
			expect(
				ref.sb.getContact(SOMCHAI.platform, SOMCHAI.platformId, SOMCHAI.userId)?.first_name,
			).toBe('Somchai');
		});

		test('a create whose connection was reset before Oho acted is simply sent again', async () => {
			const contact = newLineContact();
			faults('POST', '/contact', ['reset']);
			const output = await runOne(ref.sb, params('create', contact));

			expect(answered()).toEqual([null, 201]);
			expect(contactsWithId(contact)).toHaveLength(1);
			expect(output.message).toBe('Created contact successfully');
		});

		test('a 409 after a 429 (Oho did not act) is still a conflict for Create', async () => {
			faults('POST', '/contact', [429]);
			const error = await runFailing(ref.sb, params('create', SOMCHAI));

			expect(error.message).toBe('Oho: The contact already exists (HTTP 409)');
			expect(answered()).toEqual([429, 409]);
		});

		test('Upsert of a new contact whose answer was lost reads it back, reports created and writes nothing twice', async () => {
			const contact = newLineContact();
			faults('POST', '/contact', ['reset'], true);
			const output = await runOne(
				ref.sb,
				params('upsert', contact, { additionalFields: { tags: ['lead'] } }),
			);

			expect(output).toMatchObject({ operation: 'created', message: CREATED_AFTER_RESET });
			expect(ohoCalls(ref.sb)).toEqual([
				'POST /contact',
				'POST /contact',
				`GET ${contactPath(contact)}`,
			]);
			expect(contactsWithId(contact)).toHaveLength(1);
			expect(contactsWithId(contact)[0].tags).toEqual(['lead']);
		});

		test('Upsert of an existing contact after a gateway 502 still writes the new values', async () => {
			faults('POST', '/contact', [502]);
			const output = await runOne(
				ref.sb,
				params('upsert', SOMCHAI, { additionalFields: { phone: '0800000000' } }),
			);

			expect(output.operation).toBe('updated');
			expect(ohoCalls(ref.sb)).toEqual([
				'POST /contact',
				'POST /contact',
				`GET ${contactPath(SOMCHAI)}`,
				`PATCH ${contactPath(SOMCHAI)}`,
			]);
			expect(ref.sb.getContact(SOMCHAI.platform, SOMCHAI.platformId, SOMCHAI.userId)?.phone).toBe(
				'0800000000',
			);
		});
	});

	test('an update whose connection was reset after Oho applied it is sent again and applied once', async () => {
		faults('PATCH', '/contact/', ['reset'], true);
		const output = await runOne(
			ref.sb,
			params('update', SOMCHAI, { updateFields: { tags: ['gold'] } }),
		);

		expect(answered()).toEqual([null, 200]);
		expect(output.contact).toEqual({ tags: ['gold'] } as IDataObject);
		expect(ref.sb.getContact(SOMCHAI.platform, SOMCHAI.platformId, SOMCHAI.userId)?.tags).toEqual([
			'gold',
		]);
	});
});

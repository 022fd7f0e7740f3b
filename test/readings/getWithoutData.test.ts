/**
 * Get's "Found contact" answer, an OPEN point (docs/api/oho.md § "Found contact answer"): the original names it without
 * showing it. A success envelope with the contact in `data` is the contact; one without a contact fails the item
 * with a message that says so, rather than giving an empty item that reads as a contact with no fields.
 */
import { params, runContact, runOne, SOMCHAI, contactPath, readBack } from '../helpers/ohoContact';
import { jsonOf } from '../helpers/n8n';
import { ohoCalls, useSandbox } from '../helpers/sandbox';
import { startScriptedServer } from '../helpers/scriptedServer';

const ref = useSandbox();

describe('Get', () => {
	test('a found contact (data holds it) is the item', async () => {
		const output = await runOne(ref.sb, params('get', SOMCHAI));

		expect(ohoCalls(ref.sb)).toEqual([`GET ${contactPath(SOMCHAI)}`]);
		expect(output).toEqual(readBack(ref.sb, SOMCHAI));
	});

	test.each([
		['no data', { ok: true, status_code: 200, message: 'Found contact' }, 'missing'],
		['data null', { ok: true, status_code: 200, message: 'Found contact', data: null }, 'null'],
		['data empty', { ok: true, status_code: 200, message: 'Found contact', data: {} }, '{}'],
	])(
		'ok: true with %s fails the item after one request, saying there is no contact',
		async (_case, body, shown) => {
			const oho = await startScriptedServer([{ status: 200, body }]);
			try {
				const result = await runContact(ref.sb, params('get', SOMCHAI), {
					baseUrl: oho.url,
					onError: 'continueRegularOutput',
				});

				expect(oho.requests).toEqual([`GET ${contactPath(SOMCHAI)}`]);
				expect(jsonOf(result)).toEqual([
					{
						error: expect.objectContaining({
							message: `Oho answered that it found the contact, but its answer holds no contact (data is ${shown})`,
							description: expect.stringMatching(/^Nothing was read for this item\./),
							httpCode: '200',
						}),
					},
				]);
			} finally {
				await oho.close();
			}
		},
	);
});

/**
 * Gofive's two OPEN points the node reads both ways (docs/api/gofive.md): an HTTP 2xx without `status.code` (the
 * message was posted: the item succeeds unverified and warns, since a failed item invites a re-run that posts it
 * twice), and `type` / `platform` values the document does not show (sent as given, with a warning).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEMO } from '../../sandbox';
import { jsonOf } from '../helpers/n8n';
import { accessToken, messageRequests, runSendMessage, statuses } from '../helpers/gofive';
import { FAST_RETRIES } from '../helpers/ohoContact';
import { useSandbox } from '../helpers/sandbox';
import { startScriptedServer } from '../helpers/scriptedServer';

const FACEBOOK_ROOM = '5e0c3a8e-7a41-4d8f-9d55-0f7d3b2a9c11';
const ref = useSandbox({
	gofiveRooms: [
		{
			roomId: FACEBOOK_ROOM,
			companyId: DEMO.gofiveCompanyId,
			platform: 'facebook',
			customerName: 'Page Visitor',
		},
	],
});

const params = (fields: IDataObject = {}): INodeParameters =>
	({
		roomId: DEMO.gofiveRoomId,
		content: 'Hello from n8n',
		companyId: DEMO.gofiveCompanyId,
		...fields,
		options: { ...FAST_RETRIES, parallelRequests: 1 },
	}) as INodeParameters;

const postedContents = () => ref.sb.state().gofiveMessages.map((message) => message.content);

describe('an answer with status.code (the first reading)', () => {
	test('posted once, verified, no warning', async () => {
		const result = await runSendMessage(ref.sb, params());

		expect(statuses(messageRequests(ref.sb))).toEqual([201]);
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({ ok: true, verified: true, content: 'Hello from n8n' }),
		]);
		expect(jsonOf(result)[0]).not.toHaveProperty('warnings');
		expect(result.hints).toEqual([]);
	});
});

describe('a 201 without a status block (the other reading)', () => {
	beforeEach(() => ref.sb.setKnobs({ readings: { gofiveStatusBlock: false } }));

	test('posted once, the item succeeds with verified: false, Gofive’s data and a warning', async () => {
		const result = await runSendMessage(ref.sb, params(), { onError: 'continueRegularOutput' });

		expect(statuses(messageRequests(ref.sb))).toEqual([201]);
		expect(postedContents()).toEqual(['Hello from n8n']);
		const [output] = jsonOf(result);
		expect(output).toEqual(
			expect.objectContaining({
				operation: 'sendMessage',
				ok: true,
				verified: false,
				roomId: DEMO.gofiveRoomId,
				content: 'Hello from n8n',
				sentAt: expect.any(String),
			}),
		);
		expect(output.warnings).toEqual([
			{
				field: 'status.code',
				value: null,
				problem: expect.stringMatching(
					/^Gofive answered HTTP 201 without a status code, with the posted message: the message counts as posted, unconfirmed \(verified: false\)\./,
				),
			},
		]);
		expect(result.hints.map((hint) => hint.message)).toEqual([
			'1 warning on 1 of 1 item (status.code): each item lists its own under "warnings".',
		]);
	});

	test('several items: each posted once, none reported as failed', async () => {
		const items = [{ text: 'one' }, { text: 'two' }, { text: 'three' }];
		const result = await runSendMessage(ref.sb, params({ content: '={{ $json.text }}' }), {
			items,
		});

		expect(result.error).toBeUndefined();
		expect(postedContents()).toEqual(['one', 'two', 'three']);
		expect(jsonOf(result).map((output) => [output.ok, output.verified])).toEqual([
			[true, false],
			[true, false],
			[true, false],
		]);
	});

	test('a refusal still fails: a status.code other than 1000 on HTTP 201', async () => {
		const result = await runSendMessage(ref.sb, params({ companyId: DEMO.gofiveOtherCompanyId }), {
			onError: 'continueRegularOutput',
		});

		expect(statuses(messageRequests(ref.sb))).toEqual([201]);
		expect(jsonOf(result)).toEqual([
			{
				error: expect.objectContaining({
					message: expect.stringMatching(/^Gofive: .*\(HTTP 201, code 4001\)$/),
				}),
			},
		]);
	});

	test('a 2xx with neither status nor data (an empty body) is still not a failure: the message counts as posted, unconfirmed', async () => {
		const gofive = await startScriptedServer([{ status: 200, body: {} }]);
		try {
			const result = await runSendMessage(ref.sb, params(), {
				credential: accessToken(ref.sb, { baseUrl: gofive.url }),
				onError: 'continueRegularOutput',
			});

			expect(gofive.requests).toEqual(['POST /v1/chat/message']);
			expect(jsonOf(result)).toEqual([
				{
					operation: 'sendMessage',
					ok: true,
					verified: false,
					warnings: [
						expect.objectContaining({
							field: 'status.code',
							problem: expect.stringMatching(
								/^Gofive answered HTTP 200 without a status code and without the message/,
							),
						}),
					],
				},
			]);
		} finally {
			await gofive.close();
		}
	});

	test('a 4xx without a status block is a failure, sent once', async () => {
		const gofive = await startScriptedServer([
			{ status: 400, body: { message: 'roomId is invalid' } },
		]);
		try {
			const result = await runSendMessage(ref.sb, params(), {
				credential: accessToken(ref.sb, { baseUrl: gofive.url }),
				onError: 'continueRegularOutput',
			});

			expect(gofive.requests).toEqual(['POST /v1/chat/message']);
			expect(jsonOf(result)).toEqual([
				{
					error: expect.objectContaining({
						message: 'Gofive: roomId is invalid (no status.code in the answer) (HTTP 400)',
						httpCode: '400',
					}),
				},
			]);
		} finally {
			await gofive.close();
		}
	});
});

describe('Type and Platform from an expression', () => {
	const facebookMessage = params({ roomId: FACEBOOK_ROOM, platform: '={{ $json.platform }}' });

	test('the documented values give no warning, whatever their case and spaces', async () => {
		const result = await runSendMessage(
			ref.sb,
			params({ type: '={{ " MESSAGE " }}', platform: '={{ "Line" }}' }),
		);

		expect(messageRequests(ref.sb).map((request) => request.body)).toEqual([
			expect.objectContaining({ type: 'message', platform: 'line' }),
		]);
		expect(jsonOf(result)[0]).not.toHaveProperty('warnings');
	});

	test('under the document’s reading (only message / line), another platform is sent once as given and Gofive’s refusal fails the item', async () => {
		const result = await runSendMessage(ref.sb, facebookMessage, {
			items: [{ platform: ' Facebook ' }],
			onError: 'continueRegularOutput',
		});

		expect(
			messageRequests(ref.sb).map((request) => (request.body as IDataObject).platform),
		).toEqual(['facebook']);
		expect(postedContents()).toEqual([]);
		expect(jsonOf(result)).toEqual([
			{
				error: expect.objectContaining({
					message: expect.stringMatching(/^Gofive: .*platform/),
					httpCode: '400',
				}),
			},
		]);
	});

	test('under the other reading (any text), the message is posted, with a warning naming the value', async () => {
		ref.sb.setKnobs({ readings: { gofiveOtherValues: true } });
		const result = await runSendMessage(ref.sb, facebookMessage, {
			items: [{ platform: ' Facebook ' }],
		});

		expect(
			messageRequests(ref.sb).map((request) => (request.body as IDataObject).platform),
		).toEqual(['facebook']);
		expect(postedContents()).toEqual(['Hello from n8n']);
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({
				ok: true,
				verified: true,
				warnings: [
					{
						field: 'platform',
						value: 'facebook',
						problem:
							'Sent as given: Gofive\'s document shows only "line" as the platform, so whether Gofive takes "facebook" is not documented.',
					},
				],
			}),
		]);
		expect(result.hints.map((hint) => hint.message)).toEqual([
			'1 warning on 1 of 1 item (platform): each item lists its own under "warnings".',
		]);
	});
});

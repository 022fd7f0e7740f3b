/* eslint-disable no-console -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * Reliability, bad input, Oho Chat and Gofive Chat: property-based (fast-check, fixed seed), many generated items per
 * node execution with continue-on-fail, against the sandbox:
 *  - a valid item reaches the sandbox exactly as meant (Oho Chat: the decoded path; Gofive: the recorded body);
 *  - an invalid item (one field made invalid) becomes one error item naming that field, and nothing is sent for it.
 */
import fc from 'fast-check';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { OhoChat } from '../../nodes/OhoChat/OhoChat.node';
import { DEMO } from '../../sandbox';
import { jsonOf, runNode } from '../helpers/n8n';
import { accessToken, messageRequests, runSendMessage } from '../helpers/gofive';
import { FAST_RETRIES } from '../helpers/ohoContact';
import type { SandboxRef } from '../helpers/sandbox';
import { ohoRequests, useSandbox } from '../helpers/sandbox';
import type { Valid } from './arbitraries';
import * as gen from './arbitraries';
import type { IdentityCase, MeantRequest } from './oho';
import {
	canonical,
	IDENTITY_FIELDS,
	IDENTITY_FROM_ITEM,
	invalidIdentity,
	meaning,
	requestLines,
	validIdentity,
} from './oho';
import type { ItemOutcome } from './support';
import {
	errorDetails,
	errorMessage,
	isErrorItem,
	outcomesByItem,
	writeSummaryPart,
} from './support';

/** The sandbox of these properties (set up by describeChatInputs). */
let ref: SandboxRef;

const ITEMS_PER_RUN = 100;
const RUNS = { requestAgent: 6, closeChat: 6, sendMessage: 12 };
type Operation = keyof typeof RUNS;

const tried: Record<
	string,
	{ runs: number; valid: number; invalid: number; invalidByField: Record<string, number> }
> = {};
const tally = (operation: Operation) =>
	(tried[operation] ??= { runs: 0, valid: 0, invalid: 0, invalidByField: {} });

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Expectation {
	/** Failures show the item (shortened) beside what went wrong. */
	input: string;
	invalid?: { field: string; label: string; path: string };
}

/** Every item gives one output; an invalid one is an error item naming its field; a valid one passed validation. */
function checkOutputs(
	operation: Operation,
	outcomes: ItemOutcome[],
	expectations: Expectation[],
	apiError: RegExp,
): void {
	expectations.forEach(({ input, invalid }, index) => {
		const [output, ...extra] = outcomes[index].outputs;
		expect({ index, input, extra }).toEqual({ index, input, extra: [] });
		if (invalid) {
			tally(operation).invalid++;
			tally(operation).invalidByField[invalid.field] =
				(tally(operation).invalidByField[invalid.field] ?? 0) + 1;
			expect({ index, input, isError: isErrorItem(output), error: errorMessage(output) }).toEqual({
				index,
				input,
				isError: true,
				error: expect.stringMatching(
					new RegExp(`^Invalid input: ${escape(`${invalid.label} (${invalid.path}`)}`),
				),
			});
			expect(errorDetails(outcomes[index].items[0])).toEqual({
				itemIndex: index,
				description: expect.stringMatching(/Nothing was sent for this item\.$/),
			});
			expect(String(errorMessage(output)).length).toBeLessThan(400);
		} else {
			tally(operation).valid++;
			// Valid for the node: sent, and then the API's answer (a chat room it does not know, a room of another company...).
			expect({
				index,
				input,
				error: output.error === undefined ? undefined : errorMessage(output),
			}).toEqual({
				index,
				input,
				error: output.error === undefined ? undefined : expect.stringMatching(apiError),
			});
		}
	});
}

// ---------------------------------------------------------------- Oho Chat

const ENDPOINT = { requestAgent: 'request-agent', closeChat: 'close-chat' } as const;

const chatBatch = () =>
	fc.tuple(
		...Array.from({ length: ITEMS_PER_RUN }, (_, index) =>
			fc.oneof(validIdentity(index, true), invalidIdentity(index)),
		),
	);

async function checkChatBatch(
	operation: 'requestAgent' | 'closeChat',
	identities: IdentityCase[],
): Promise<void> {
	tally(operation).runs++;
	ref.sb.reset();
	const items = identities.map((identity) => identity.raw as IDataObject);
	const result = await runNode({
		node: new OhoChat(),
		parameters: {
			resource: 'chat',
			operation,
			...IDENTITY_FROM_ITEM,
			options: { ...FAST_RETRIES, parallelRequests: 10 },
		} as INodeParameters,
		credentials: { ohoApi: { apiKey: DEMO.ohoApiKey, baseUrl: ref.sb.url } },
		items,
		onError: 'continueRegularOutput',
	});

	expect(result.error).toBeUndefined();
	expect(jsonOf(result)).toHaveLength(items.length);
	const outcomes = outcomesByItem(result, items.length);
	checkOutputs(
		operation,
		outcomes,
		identities.map((identity) => ({
			input: JSON.stringify(identity.raw).slice(0, 300),
			invalid: identity.invalid && {
				field: identity.invalid,
				...IDENTITY_FIELDS[identity.invalid],
			},
		})),
		/^Oho: .*\(HTTP (404|409)\)$/,
	);
	const expected: MeantRequest[] = identities
		.filter((identity) => !identity.invalid)
		.map(({ api }) => ({
			method: 'POST',
			segments: ['chat', api.platform, api.platformId, 'user', api.userId, ENDPOINT[operation]],
		}));
	expect(requestLines(ohoRequests(ref.sb).map(meaning))).toEqual(requestLines(expected));
}

// ---------------------------------------------------------------- Gofive Chat

const GOFIVE_FIELDS = {
	roomId: {
		label: 'Room ID',
		valid: gen.roomId([DEMO.gofiveRoomId, DEMO.gofiveSecondRoomId, DEMO.gofiveOtherCompanyRoomId]),
		invalid: gen.invalidRoomId,
	},
	content: { label: 'Content', valid: gen.content, invalid: gen.invalidContent },
	type: { label: 'Type', valid: gen.gofiveWord(['message']), invalid: gen.invalidGofiveWord },
	platform: { label: 'Platform', valid: gen.gofiveWord(['line']), invalid: gen.invalidGofiveWord },
	companyId: {
		label: "Company ID (or the credential's Default Company ID)",
		valid: gen.companyId(DEMO.gofiveCompanyId),
		invalid: gen.invalidCompanyId,
	},
};
type GofiveField = keyof typeof GOFIVE_FIELDS;
const GOFIVE_FIELD_NAMES = Object.keys(GOFIVE_FIELDS) as GofiveField[];

interface MessageItem {
	values: Record<GofiveField, Valid>;
	invalid?: GofiveField;
}

const validMessage = fc
	.tuple(...GOFIVE_FIELD_NAMES.map((field) => GOFIVE_FIELDS[field].valid as fc.Arbitrary<Valid>))
	.map(
		(values): MessageItem => ({
			values: Object.fromEntries(
				GOFIVE_FIELD_NAMES.map((field, at) => [field, values[at]]),
			) as MessageItem['values'],
		}),
	);

const invalidMessage = fc
	.tuple(validMessage, fc.constantFrom(...GOFIVE_FIELD_NAMES))
	.chain(([item, field]) =>
		GOFIVE_FIELDS[field].invalid.map(
			(raw): MessageItem => ({
				values: { ...item.values, [field]: { raw, api: undefined } },
				invalid: field,
			}),
		),
	);

const messageBatch = fc.array(fc.oneof(validMessage, invalidMessage), {
	minLength: ITEMS_PER_RUN,
	maxLength: ITEMS_PER_RUN,
});

const messageJson = (item: MessageItem): IDataObject =>
	Object.fromEntries(
		GOFIVE_FIELD_NAMES.filter((field) => item.values[field].raw !== undefined).map((field) => [
			field,
			item.values[field].raw as IDataObject[string],
		]),
	);

async function checkMessageBatch(messages: MessageItem[]): Promise<void> {
	tally('sendMessage').runs++;
	ref.sb.reset();
	const result = await runSendMessage(
		ref.sb,
		{
			...Object.fromEntries(GOFIVE_FIELD_NAMES.map((field) => [field, `={{ $json.${field} }}`])),
			options: { ...FAST_RETRIES, parallelRequests: 10 },
		},
		{
			credential: accessToken(ref.sb, { companyId: DEMO.gofiveCompanyId }),
			items: messages.map(messageJson),
			onError: 'continueRegularOutput',
		},
	);

	expect(result.error).toBeUndefined();
	expect(jsonOf(result)).toHaveLength(messages.length);
	const outcomes = outcomesByItem(result, messages.length);
	checkOutputs(
		'sendMessage',
		outcomes,
		messages.map((item) => ({
			input: JSON.stringify(messageJson(item)).slice(0, 300),
			invalid: item.invalid && {
				field: item.invalid,
				label: GOFIVE_FIELDS[item.invalid].label,
				path: item.invalid,
			},
		})),
		/^Gofive: .*\(HTTP (201|400), code (4001|4002)\)$/,
	);
	const expected = messages
		.filter((item) => !item.invalid)
		.map((item) =>
			canonical(
				Object.fromEntries(GOFIVE_FIELD_NAMES.map((field) => [field, item.values[field].api])),
			),
		);
	expect(
		messageRequests(ref.sb)
			.map((request) => canonical(request.body))
			.sort(),
	).toEqual(expected.sort());
}

export function describeChatInputs(): void {
	describe('Oho Chat and Gofive Chat: generated inputs (property-based, fast-check)', () => {
		ref = useSandbox();

		afterAll(() => {
			const inputsTried = Object.values(tried).reduce(
				(sum, counts) => sum + counts.valid + counts.invalid,
				0,
			);
			const { totals } = writeSummaryPart({
				suite: 'inputs-chat',
				finishedAt: new Date().toISOString(),
				seed: gen.SEED,
				inputsTried,
				byOperation: tried,
			});
			console.log(
				`Oho Chat and Gofive Chat generated inputs (seed ${gen.SEED}): ${inputsTried} items tried\n${JSON.stringify(tried, null, 1)}\nreliability totals so far: ${JSON.stringify(totals)}`,
			);
		});

		test.each(['requestAgent', 'closeChat'] as const)(
			'Oho Chat %s: valid identities reach the sandbox as the path meant; each invalid one is one error naming its field, and nothing is sent for it',
			async (operation) => {
				await fc.assert(
					fc.asyncProperty(
						chatBatch(),
						async (identities) => await checkChatBatch(operation, identities),
					),
					gen.assertOptions(RUNS[operation], operation),
				);
			},
			120_000,
		);

		test('Gofive Chat sendMessage: valid messages reach the sandbox with exactly the body meant; each invalid one is one error naming its field, and nothing is sent for it', async () => {
			await fc.assert(
				fc.asyncProperty(messageBatch, async (messages) => await checkMessageBatch(messages)),
				gen.assertOptions(RUNS.sendMessage, 'sendMessage'),
			);
		}, 120_000);
	});
}

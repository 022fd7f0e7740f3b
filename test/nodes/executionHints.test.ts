/**
 * Warnings in output items also reach n8n's execution hints (what the editor shows above a node's output), through
 * n8n-core's WorkflowExecute against the sandbox: one hint summing up all items, none without warnings, and a run
 * on an n8n without execution hints still gives its items.
 */
import { ExecuteContext } from 'n8n-core';
import type { IDataObject } from 'n8n-workflow';

import type { Identity } from '../shared/ohoContact';
import { jsonOf, LINE, newLineContact, params, runContact } from '../shared/ohoContact';
import { sentBodies, useSandbox } from '../shared/sandbox';

const ref = useSandbox();

const IDENTITY_FROM_ITEM = { platform: 'line', platformId: LINE.platformId, userId: '={{ $json.userId }}' };
const AUTO_MAP = { dataMode: 'mapper', contactFields: { mappingMode: 'autoMapInputData', value: null, matchingColumns: [], schema: [] } };
const SKIP_AND_WARN = { options: { invalidOptionalFields: 'skipAndWarn' } };

/** A sign-up row of a new LINE customer, with the answers given. */
function signUp(contact: Identity, answers: IDataObject = {}): IDataObject {
	return {
		userId: contact.userId,
		platform_name: LINE.platformName,
		line_basic_id: LINE.lineBasicId,
		profile_picture_url: 'https://profile.line-scdn.net/0hHints',
		platform_display_name: 'Nok',
		first_name: 'Nok',
		...answers,
	};
}

const ROWS = () => [
	signUp(newLineContact(), { phone: '12', age: 'thirty' }),
	signUp(newLineContact(), { phone: '0812345678' }),
	signUp(newLineContact(), { age: 'thirty' }),
];

describe('execution hints for warnings', () => {
	test('Skip the Field and Warn: one hint sums up the warnings of every item, beside the items that carry them', async () => {
		const result = await runContact(ref.sb, params('upsert', IDENTITY_FROM_ITEM, { ...AUTO_MAP, ...SKIP_AND_WARN }), { items: ROWS() });

		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((output) => (output.warnings as IDataObject[]).map((warning) => warning.field))).toEqual([
			['phone', 'age'],
			[],
			['age'],
		]);
		expect(result.hints).toEqual([
			{
				message: '3 warnings on 2 of 3 items (phone, age): each item lists its own under "warnings".',
				type: 'warning',
				location: 'outputPane',
			},
		]);
		expect(sentBodies(ref.sb, 'POST')).toHaveLength(3);
	});

	test('one item with one warning reads in the singular', async () => {
		const result = await runContact(ref.sb, params('upsert', IDENTITY_FROM_ITEM, { ...AUTO_MAP, ...SKIP_AND_WARN }), {
			items: [signUp(newLineContact(), { age: 'thirty' })],
		});

		expect(result.hints.map((hint) => hint.message)).toEqual(['1 warning on 1 of 1 item (age): each item lists its own under "warnings".']);
	});

	test('no warnings, no hint', async () => {
		const result = await runContact(ref.sb, params('upsert', IDENTITY_FROM_ITEM, { ...AUTO_MAP, ...SKIP_AND_WARN }), {
			items: [signUp(newLineContact(), { phone: '0812345678' })],
		});

		expect(jsonOf(result)[0].warnings).toEqual([]);
		expect(result.hints).toEqual([]);
	});

	test('on an n8n without execution hints the node runs as before and the items still carry their warnings', async () => {
		const addExecutionHints = Object.getOwnPropertyDescriptor(ExecuteContext.prototype, 'addExecutionHints')!;
		// What an n8n version from before execution hints gives a node: no such method.
		delete (ExecuteContext.prototype as Partial<ExecuteContext>).addExecutionHints;
		try {
			const result = await runContact(ref.sb, params('upsert', IDENTITY_FROM_ITEM, { ...AUTO_MAP, ...SKIP_AND_WARN }), { items: ROWS() });

			expect(result.error).toBeUndefined();
			expect(jsonOf(result).map((output) => (output.warnings as IDataObject[]).length)).toEqual([2, 0, 1]);
			expect(result.hints).toEqual([]);
		} finally {
			Object.defineProperty(ExecuteContext.prototype, 'addExecutionHints', addExecutionHints);
		}
	});
});

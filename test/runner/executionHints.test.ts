/**
 * Warnings in output items also reach n8n's execution hints (what the editor shows above a node's output), through
 * n8n-core's WorkflowExecute against the sandbox: one hint summing up all items, none without warnings, and a run
 * on an n8n without execution hints still gives its items.
 */
import { ExecuteContext } from 'n8n-core';
import type { IDataObject } from 'n8n-workflow';

import {
	jsonOf,
	newLineContact,
	params,
	runContact,
	USER_ID_FROM_ITEM,
} from '../helpers/ohoContact';
import { sentBodies, useSandbox } from '../helpers/sandbox';

const ref = useSandbox();

/** Set Each Field with Phone and Age read from each item, and unusable optional values left out with a warning. */
const PARAMETERS = params('upsert', USER_ID_FROM_ITEM, {
	additionalFields: { phone: '={{ $json.phone }}', age: '={{ $json.age }}' },
	options: { invalidOptionalFields: 'skipAndWarn' },
});

/** A sign-up of a new LINE customer with the answers given. */
const signUp = (phone: string, age: string): IDataObject => ({
	userId: newLineContact().userId,
	phone,
	age,
});

const ROWS = () => [
	signUp('12', 'thirty'),
	signUp('0812345678', '30'),
	signUp('0812345678', 'thirty'),
];

describe('execution hints for warnings', () => {
	test('Skip the Field and Warn: one hint sums up the warnings of every item, beside the items that carry them', async () => {
		const result = await runContact(ref.sb, PARAMETERS, { items: ROWS() });

		expect(result.error).toBeUndefined();
		expect(
			jsonOf(result).map((output) =>
				(output.warnings as IDataObject[]).map((warning) => warning.field),
			),
		).toEqual([['phone', 'age'], [], ['age']]);
		expect(result.hints).toEqual([
			{
				message:
					'3 warnings on 2 of 3 items (phone, age): each item lists its own under "warnings".',
				type: 'warning',
				location: 'outputPane',
			},
		]);
		expect(sentBodies(ref.sb, 'POST')).toHaveLength(3);
	});

	test('one item with one warning reads in the singular', async () => {
		const result = await runContact(ref.sb, PARAMETERS, {
			items: [signUp('0812345678', 'thirty')],
		});

		expect(result.hints.map((hint) => hint.message)).toEqual([
			'1 warning on 1 of 1 item (age): each item lists its own under "warnings".',
		]);
	});

	test('no warnings, no hint', async () => {
		const result = await runContact(ref.sb, PARAMETERS, {
			items: [signUp('0812345678', '30')],
		});

		expect(jsonOf(result)[0].warnings).toEqual([]);
		expect(result.hints).toEqual([]);
	});

	test('on an n8n without execution hints the node runs as before and the items still carry their warnings', async () => {
		const addExecutionHints = Object.getOwnPropertyDescriptor(
			ExecuteContext.prototype,
			'addExecutionHints',
		)!;
		// What an n8n version from before execution hints gives a node: no such method.
		delete (ExecuteContext.prototype as Partial<ExecuteContext>).addExecutionHints;
		try {
			const result = await runContact(ref.sb, PARAMETERS, { items: ROWS() });

			expect(result.error).toBeUndefined();
			expect(jsonOf(result).map((output) => (output.warnings as IDataObject[]).length)).toEqual([
				2, 0, 1,
			]);
			expect(result.hints).toEqual([]);
		} finally {
			Object.defineProperty(ExecuteContext.prototype, 'addExecutionHints', addExecutionHints);
		}
	});
});

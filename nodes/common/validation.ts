import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { z, ZodIssue } from 'zod';

/** Said of every item stopped before its request. */
export const NOTHING_SENT = 'Nothing was sent for this item.';

const withArticle = (word: string) => `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;

/** Says what a rule demands, in words an operator understands, naming the limit. */
function describeIssue(issue: ZodIssue): string {
	switch (issue.code) {
		case 'too_big':
			if (issue.type === 'string') return `must be at most ${String(issue.maximum)} characters`;
			if (issue.type === 'array') return `must have at most ${String(issue.maximum)} entries`;
			return `must be at most ${String(issue.maximum)}`;
		case 'too_small':
			if (issue.type === 'string') {
				return Number(issue.minimum) === 1
					? 'must not be empty'
					: `must be at least ${String(issue.minimum)} characters`;
			}
			if (issue.type === 'array') return `must have at least ${String(issue.minimum)} entries`;
			return `must be at least ${String(issue.minimum)}`;
		case 'invalid_enum_value':
			return `must be one of: ${issue.options.map(String).join(', ')}`;
		case 'invalid_type':
			if (issue.received === 'undefined') return 'is required';
			// zod reports a failed .int() as expected "integer", received "float".
			if (issue.expected === 'integer') return 'must be a whole number';
			return `must be ${withArticle(issue.expected)}, not ${withArticle(issue.received)}`;
		case 'unrecognized_keys':
			return `has unknown field(s): ${issue.keys.join(', ')}`;
		default:
			return issue.message;
	}
}

function receivedValue(input: unknown, path: Array<string | number>): unknown {
	let value = input;
	for (const key of path) {
		if (typeof value !== 'object' || value === null) return undefined;
		value = (value as Record<string | number, unknown>)[key];
	}
	return value;
}

function describeValue(value: unknown): string {
	if (typeof value === 'string') {
		const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
		return value.length > 40 ? `"${shown}" (${value.length} characters)` : `"${shown}"`;
	}
	if (Array.isArray(value)) return `${value.length} entries`;
	return JSON.stringify(value) ?? String(value);
}

/**
 * A NUL character or half of a surrogate pair (half an emoji, cut by a byte limit or a bad export): neither is text an
 * API can store as given (a NUL ends a C string; a lone surrogate has no UTF-8 form). One pass, no backtracking.
 */
const UNSENDABLE_CHARACTER =
	/\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isSendableText = (text: string): boolean => !UNSENDABLE_CHARACTER.test(text);

export const UNSENDABLE_TEXT =
	'must not contain a null character (\\0) or half of an emoji (a lone surrogate)';

/** One unusable value of an item: where (an API path), what is wrong with it, and what was given. */
export interface InputProblem {
	path: string;
	problem: string;
	value: unknown;
}

/** "Phone (phone) must be …, got "12"": the label the operator sees, the API path, the rule, the value. */
function describeProblem(
	{ path, problem, value }: InputProblem,
	labels: Record<string, string> = {},
): string {
	const label = labels[path.replace(/\.\d+/g, '')] ?? labels[path];
	const field = label ? `${label} (${path})` : path || 'body';
	const got = value === undefined ? '' : `, got ${describeValue(value)}`;
	return `${field} ${problem}${got}`;
}

/** Every problem the schema finds in a body, each with the value it was given; none when the body is valid. */
export function schemaProblems<Schema extends z.ZodTypeAny>(
	schema: Schema,
	body: unknown,
): { data: z.infer<Schema>; problems: [] } | { data: undefined; problems: InputProblem[] } {
	const result = schema.safeParse(body);
	if (result.success) return { data: result.data as z.infer<Schema>, problems: [] };
	const problems = new Map<string, InputProblem>();
	for (const issue of result.error.issues) {
		const path = issue.path.join('.');
		// The first rule a value breaks is enough: "must be a URL" needs no "must start with http://" after it.
		if (problems.has(path)) continue;
		problems.set(path, {
			path,
			problem: describeIssue(issue),
			// A problem of the whole body (no path) does not repeat the body: it can be long and is not what the operator typed.
			value: issue.path.length === 0 ? undefined : receivedValue(body, issue.path),
		});
	}
	return { data: undefined, problems: [...problems.values()] };
}

/**
 * The error of an item that cannot be sent: every problem in the message itself (an AI agent calling the node as
 * a tool is handed the message alone), then what the operator can do about them.
 */
export function invalidInput(
	ctx: IExecuteFunctions,
	itemIndex: number,
	problems: InputProblem[],
	labels: Record<string, string> = {},
	remedy = '',
): NodeOperationError {
	const described = problems.map((problem) => describeProblem(problem, labels)).join('; ');
	return new NodeOperationError(
		ctx.getNode(),
		`Invalid input: ${described}${remedy ? `. ${remedy}` : ''}`,
		{
			itemIndex,
			description: NOTHING_SENT,
		},
	);
}

/**
 * Validates a request body before anything is sent. On failure, throws a NodeOperationError for the item
 * that names each bad field (by its label in the node when known), the rule it broke and the value it got.
 */
export function validateBody<Schema extends z.ZodTypeAny>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	schema: Schema,
	body: unknown,
	labels: Record<string, string> = {},
): z.infer<Schema> {
	const { data, problems } = schemaProblems(schema, body);
	if (problems.length > 0) throw invalidInput(ctx, itemIndex, problems, labels);
	return data;
}

import type { IDataObject } from 'n8n-workflow';

import type { ContactIdentity } from '../../common/oho/identity';
import type { ItemContext } from '../../common/router';
import type { InputProblem } from '../../common/validation';
import { invalidInput, schemaProblems } from '../../common/validation';
import { FIELD_LABELS } from '../descriptions/contactFields';
import type { CreateContactBody, UpdateContactBody } from '../schema';
import { createContactSchema, UPDATABLE_KEYS, updateContactSchema } from '../schema';
import type { ContactInput, DerivedField, FieldValues } from './contactInput';
import { FIELDS_BY_PATH, unusedInputFields } from './contactInput';

/** An optional value the contact was written without ("Skip the Field and Warn"). */
export interface FieldWarning {
	field: string;
	value: unknown;
	problem: string;
}

/** The body of create (docs/api/oho.md § "Create contact"): identity in social_profile, display name defaulting to the platform display name. */
function createBody(identity: ContactIdentity, fields: FieldValues): CreateContactBody {
	const body: IDataObject = {
		social_profile: {
			platform: identity.platform,
			id: identity.userId,
			platform_id: identity.platformId,
			platform_name: fields['social_profile.platform_name'],
			// LINE needs one (an empty value names the problem); Facebook and Instagram have none (see createContact.ts).
			line_basic_id:
				fields['social_profile.line_basic_id'] ?? (identity.platform === 'line' ? '' : undefined),
		},
	};
	for (const [path, value] of Object.entries(fields)) {
		if (!path.startsWith('social_profile.')) body[path] = value as IDataObject[string];
	}
	body.display_name ??= body.platform_display_name as string | undefined;
	return body as unknown as CreateContactBody;
}

/** The body of update (docs/api/oho.md § "Update contact"): only the fields the API lets an update change. */
function updateBody(fields: FieldValues): UpdateContactBody {
	const body: IDataObject = {};
	for (const key of UPDATABLE_KEYS) {
		if (fields[key] !== undefined) body[key] = fields[key] as IDataObject[string];
	}
	return body as UpdateContactBody;
}

/** The contact field a problem belongs to: "tags.3" is Tags, "attributes.0.display_name" the Attributes. */
function fieldOf(path: string): string {
	const [first, second] = path.split('.');
	return first === 'social_profile' && second ? `${first}.${second}` : first;
}

/** Whether the contact may be written without this field: not the identity, not what create requires. */
function isOptional(path: string, kind: BodyKind): boolean {
	const field = FIELDS_BY_PATH.get(path);
	if (!field) return false;
	return kind === 'update' ? !field.createOnly : !field.requiredOnCreate;
}

function sentence(labels: string[]): string {
	return labels.length === 1
		? labels[0]
		: `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

function skipRemedy(problems: InputProblem[], kind: BodyKind): string {
	const optional = [
		...new Set(
			problems.map((problem) => fieldOf(problem.path)).filter((path) => isOptional(path, kind)),
		),
	];
	if (optional.length === 0) return '';
	const labels = optional.map((path) => FIELD_LABELS[path] ?? path);
	return `To write the contact without ${sentence(labels)}, set Options > Invalid Optional Fields to "Skip the Field and Warn"`;
}

type BodyKind = 'create' | 'update';

/** What Platform Display Name falls back to on create, in order (First Name and Last Name together). */
const DISPLAY_NAME_SOURCES = ['display_name', 'first_name', 'last_name'];

/**
 * Create's required names that a form may leave out (docs/api/oho.md § "Create contact"): Platform Display Name from Display Name, else
 * from First Name and Last Name. Display Name then defaults to Platform Display Name, as the contract says
 * (createBody). Only create: an update never gets a value the operator did not give.
 */
export function createFallbacks(values: FieldValues): DerivedField[] {
	if (values.platform_display_name !== undefined) return [];
	if (values.display_name !== undefined) {
		return [{ field: 'platform_display_name', value: values.display_name, from: 'display_name' }];
	}
	const names = DISPLAY_NAME_SOURCES.slice(1).filter((path) => values[path] !== undefined);
	if (names.length === 0) return [];
	return [
		{
			field: 'platform_display_name',
			value: names.map((path) => values[path]).join(' '),
			from: names.join(' + '),
		},
	];
}

/** A problem of a value the item did not give: a required one missing, or nothing at all to update. */
const isMissingValue = (problem: InputProblem) =>
	problem.path === '' || problem.problem.startsWith('is required');

interface CheckedBody<Body> {
	body: Body;
	/** The values the body was built from: without those left out, and without create's fallbacks. */
	values: FieldValues;
	warnings: FieldWarning[];
	/** The values create filled in from others (createFallbacks); none for update. */
	derived: DerivedField[];
}

/**
 * The body of create or update, checked against docs/api/oho.md § "Create contact" / § "Update contact" before anything is sent. Every problem of the item
 * is named at once; with "Skip the Field and Warn", unusable optional values are left out and listed instead.
 * Create's fallbacks are filled in before the check, so a value they give is never asked for.
 */
export function checkedBody(
	op: ItemContext,
	kind: 'create',
	input: ContactInput,
	skipInvalid: boolean,
	identity: ContactIdentity,
): CheckedBody<CreateContactBody>;
export function checkedBody(
	op: ItemContext,
	kind: 'update',
	input: ContactInput,
	skipInvalid: boolean,
): CheckedBody<UpdateContactBody>;
export function checkedBody(
	op: ItemContext,
	kind: BodyKind,
	input: ContactInput,
	skipInvalid: boolean,
	identity?: ContactIdentity,
): CheckedBody<CreateContactBody | UpdateContactBody> {
	const values = { ...input.values };
	const warnings: FieldWarning[] = [];
	const skipped: InputProblem[] = [];
	// A field update cannot change (a create-only column in the input) is not sent, so its problem does not count.
	let pending = input.problems.filter(
		(problem) => kind === 'create' || isOptional(problem.path, 'update'),
	);
	for (;;) {
		const derived = kind === 'create' ? createFallbacks(values) : [];
		const filled = {
			...values,
			...Object.fromEntries(derived.map((entry) => [entry.field, entry.value])),
		};
		const { data, problems: found } =
			kind === 'create'
				? schemaProblems(createContactSchema, createBody(identity!, filled))
				: schemaProblems(updateContactSchema, updateBody(values));
		const failing = new Set([...pending, ...found].map((problem) => fieldOf(problem.path)));
		const own = found.filter(
			(problem) =>
				// A display name defaulted from the platform display name repeats that field's own problem,
				(problem.path !== 'display_name' || values.display_name !== undefined) &&
				// and a platform display name not given repeats the problem of the names it falls back to.
				(problem.path !== 'platform_display_name' ||
					values.platform_display_name !== undefined ||
					!DISPLAY_NAME_SOURCES.some((source) => failing.has(source))),
		);
		const problems = [...pending, ...own];
		if (problems.length === 0)
			return { body: data as CreateContactBody | UpdateContactBody, values, warnings, derived };
		const canSkip =
			skipInvalid && problems.every((problem) => isOptional(fieldOf(problem.path), kind));
		if (!canSkip) {
			const unused = problems.some(isMissingValue) ? unusedInputFields(op, input) : undefined;
			const remedy = [
				skipInvalid ? '' : skipRemedy(problems, kind),
				unused ? `Input fields not used: ${unused}` : '',
			]
				.filter((part) => part !== '')
				.join('. ');
			throw invalidInput(op.ctx, op.itemIndex, [...skipped, ...problems], FIELD_LABELS, remedy);
		}
		for (const problem of problems) {
			const field = fieldOf(problem.path);
			const detail =
				problem.path === field ? problem.problem : `${problem.path} ${problem.problem}`;
			const warned = warnings.find((warning) => warning.field === field);
			if (warned) warned.problem += `; ${detail}`;
			else warnings.push({ field, value: input.given[field] ?? problem.value, problem: detail });
			delete values[field];
			skipped.push(problem);
		}
		pending = [];
	}
}

/**
 * What a write's output says about its input besides the contact: the values left out ("warnings", always there
 * with "Skip the Field and Warn", so a workflow can test it), the values the node derived ("derivedFields": a split
 * full name, create's fallbacks) and the input fields Map Automatically did not use.
 */
export function inputReport(
	skipInvalid: boolean,
	warnings: FieldWarning[],
	unmappedFields?: string[],
	derived: DerivedField[] = [],
): IDataObject {
	const report: IDataObject = {};
	// A warning about the reading the server followed (createContact.ts) is listed without Skip the Field and Warn too.
	if (skipInvalid || warnings.length > 0) report.warnings = warnings as unknown as IDataObject[];
	if (derived.length > 0) report.derivedFields = derived as unknown as IDataObject[];
	if (unmappedFields) report.unmappedFields = unmappedFields;
	return report;
}

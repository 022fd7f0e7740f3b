import type { IDataObject, IExecuteFunctions, NodeParameterValueType } from 'n8n-workflow';
import { deepCopy, isSafeObjectProperty, NodeConnectionTypes } from 'n8n-workflow';

type ParameterValue = NodeParameterValueType | object;

/** Whether a parameter's stored value holds an n8n expression anywhere (a string starting with "="). */
function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (typeof value === 'object' && value !== null)
		return Object.values(value).some(holdsExpression);
	return false;
}

/**
 * `={{ $json.key }}`, `={{ $json["key"] }}` or `={{ $json['key'] }}`: what n8n's drag-and-drop mapping writes. Group 1,
 * 2 or 3 is the key.
 */
const ITEM_FIELD =
	/^=\{\{\s*\$json(?:\.([A-Za-z_$][\w$]*)|\[\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\])\s*\}\}$/;

/**
 * A key the engine reads from the item as written: not on Object.prototype (its sandbox answers `toString` with the
 * function), allowed by n8n-workflow's own guard of unsafe property names, no brace (the engine ends the expression
 * at "}}"), no control character and no line or paragraph separator (U+2028, U+2029: the engine's parser refuses
 * them). The guard is the running n8n's, so a newer n8n's list applies; an n8n without it gets no shortcut.
 */
function isPlainKey(key: string): boolean {
	if (typeof isSafeObjectProperty !== 'function' || !isSafeObjectProperty(key)) return false;
	return (
		!(key in Object.prototype) &&
		!/[{}\u2028\u2029]/.test(key) &&
		![...key].some((char) => char.charCodeAt(0) < 0x20)
	);
}

/** The engine refuses any expression with this text in it ("invalid constructor function call"), whatever the key. */
const ENGINE_REFUSED = /\.\s*constructor/;

type Primitive = string | number | boolean;

const isPrimitive = (value: unknown): value is Primitive =>
	typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** The item field an ITEM_FIELD expression names, when the engine would read it as written; else undefined. */
function referencedKey(expression: string): string | undefined {
	if (ENGINE_REFUSED.test(expression)) return undefined;
	const reference = ITEM_FIELD.exec(expression);
	const key = reference && (reference[1] ?? reference[2] ?? reference[3]);
	return key && isPlainKey(key) ? key : undefined;
}

/** One stored value that needs no engine: the item field a reference names, or a fixed text, number or true/false. */
type EntryPlan = { field: string } | { fixed: Primitive };

/** A parameter that needs no engine: one such value, or a flat collection of them (entries in stored order). */
type ItemPlan = EntryPlan | { collection: Array<[string, EntryPlan]> };

function entryPlan(entry: unknown): EntryPlan | undefined {
	if (typeof entry === 'string' && entry.startsWith('=')) {
		const field = referencedKey(entry);
		return field === undefined ? undefined : { field };
	}
	return isPrimitive(entry) ? { fixed: entry } : undefined;
}

/**
 * How to read a parameter holding an expression straight from the item, decided once per run: when it is one
 * drag-and-drop reference to a field of the item, or a collection whose entries are such references or fixed
 * values. Anything else (other expressions, lists, nested collections such as a resource mapper's) is left to
 * n8n's expression engine: undefined.
 * Why: the engine (isolated-vm in n8n 2.x) is the costliest step of a run, about 0.6 ms per expression and item
 * (bench/README.md), and mapped fields are nearly always plain references. `$json` is the item at this index of
 * the node's input, so the value is the engine's own; tests compare the two through n8n's engine.
 */
function itemPlan(ctx: IExecuteFunctions, raw: unknown): ItemPlan | undefined {
	// Run as an AI agent's tool, the node's input is the tool call while `$json` is the agent's item: no shortcut.
	// n8n 1.x has no isToolExecution; there a tool call's context has no main input, so every item goes to the engine.
	if ((ctx.isToolExecution as (() => boolean) | undefined)?.call(ctx)) return undefined;
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return entryPlan(raw);
	const collection: Array<[string, EntryPlan]> = [];
	for (const [key, entry] of Object.entries(raw)) {
		const plan = entryPlan(entry);
		if (!plan) return undefined;
		collection.push([key, plan]);
	}
	return { collection };
}

/** The item's own text, number or true/false under `field`; undefined for anything else (the engine decides). */
function fieldOf(json: IDataObject, field: string): Primitive | undefined {
	if (!Object.prototype.hasOwnProperty.call(json, field)) return undefined;
	const value = json[field];
	return isPrimitive(value) ? value : undefined;
}

const entryValue = (plan: EntryPlan, json: IDataObject): Primitive | undefined =>
	'fixed' in plan ? plan.fixed : fieldOf(json, plan.field);

/** The parameter's value for this item by its plan, or undefined when the item needs the engine after all. */
function readFromItem(
	ctx: IExecuteFunctions,
	plan: ItemPlan,
	itemIndex: number,
): { value: ParameterValue } | undefined {
	const json = ctx.getInputData(0, NodeConnectionTypes.Main)[itemIndex]?.json;
	if (!json) return undefined;
	if (!('collection' in plan)) {
		const value = entryValue(plan, json);
		return value === undefined ? undefined : { value };
	}
	const collection: IDataObject = {};
	for (const [key, entry] of plan.collection) {
		const value = entryValue(entry, json);
		if (value === undefined) return undefined;
		collection[key] = value;
	}
	return { value: collection };
}

/**
 * Per parameter: its value when it holds no expression (the same for every item); else how it can be read from the
 * item and its value for each item already read; or `absent` when the node has no value for it (each reader's own
 * fallback applies, as n8n's getNodeParameter gives it).
 */
type ParameterState =
	| { value: ParameterValue }
	| { plan: ItemPlan | undefined; byItem: Map<number, ParameterValue> }
	| { absent: true };

/** The item fields the node's parameters name through plain references, and whether every expression is one. */
export interface ItemFieldReferences {
	readonly fields: ReadonlySet<string>;
	/** False when some parameter holds another expression: it may read any field, so "not referenced" proves nothing. */
	complete: boolean;
}

/** A value each reader owns: changing what it got never changes what the next reader gets. */
const ownCopy = (value: ParameterValue): ParameterValue =>
	typeof value === 'object' && value !== null
		? (deepCopy(value as object) as ParameterValue)
		: value;

/**
 * The node's parameters as one run reads them (part of the run's state, nodes/common/runState.ts). n8n resolves a
 * parameter anew for every item, which costs as much for a fixed value as for an expression, and the runner reads
 * the identity for the item's order key before the operation reads it again: a parameter without an expression is
 * resolved for the first item that asks and reused for the others, and one with an expression once per item (from
 * the item itself when it is a plain reference to one of its fields: itemPlan).
 */
export class RunParameters {
	private readonly read = new Map<string, ParameterState>();

	private references: ItemFieldReferences | undefined;

	constructor(private readonly ctx: IExecuteFunctions) {}

	/**
	 * `getNodeParameter` for one item, with `fallback` for a parameter the node has no value for. `name` is a
	 * top-level parameter (no dotted path). Every call gets its own copy of an object or a list.
	 */
	value(name: string, itemIndex: number, fallback?: ParameterValue): ParameterValue {
		const { ctx } = this;
		let state = this.read.get(name);
		if (!state) {
			const raw = ctx.getNode().parameters[name];
			if (raw === undefined) state = { absent: true };
			else if (holdsExpression(raw)) state = { plan: itemPlan(ctx, raw), byItem: new Map() };
			else state = { value: ctx.getNodeParameter(name, itemIndex) as ParameterValue };
			this.read.set(name, state);
		}
		if ('absent' in state) {
			// n8n's own answer without a fallback (its "Could not get parameter" error).
			return fallback === undefined
				? (ctx.getNodeParameter(name, itemIndex) as ParameterValue)
				: fallback;
		}
		if ('value' in state) return ownCopy(state.value);
		const { plan, byItem } = state;
		if (!byItem.has(itemIndex)) {
			const direct = plan && readFromItem(ctx, plan, itemIndex);
			byItem.set(
				itemIndex,
				direct ? direct.value : (ctx.getNodeParameter(name, itemIndex) as ParameterValue),
			);
		}
		return ownCopy(byItem.get(itemIndex) as ParameterValue);
	}

	/**
	 * The item fields the node's parameters read through a drag-and-drop reference (`{{ $json["LINE user"] }}`, the
	 * same reading as value()), found once per run: a column mapped to User ID that way is in use.
	 */
	itemFieldReferences(): ItemFieldReferences {
		if (this.references) return this.references;
		const fields = new Set<string>();
		const result = { fields, complete: true };
		const visit = (value: unknown) => {
			if (typeof value === 'string') {
				if (!value.startsWith('=')) return;
				const key = referencedKey(value);
				if (key === undefined) result.complete = false;
				else fields.add(key);
			} else if (typeof value === 'object' && value !== null) {
				Object.values(value).forEach(visit);
			}
		};
		visit(this.ctx.getNode().parameters);
		this.references = result;
		return result;
	}
}

import type { IDataObject, IExecuteFunctions, NodeParameterValueType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

type ParameterValue = NodeParameterValueType | object;

/** Whether a parameter's stored value holds an n8n expression anywhere (a string starting with "="). */
function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (typeof value === 'object' && value !== null) return Object.values(value).some(holdsExpression);
	return false;
}

/** Per node run, per parameter: its value when it holds no expression (the same for every item), else null. */
const fixedValues = new WeakMap<IExecuteFunctions, Map<string, { value: ParameterValue } | null>>();

/**
 * Per node run, per parameter holding an expression: its value for each item already read. The runner reads the
 * identity for the item's order key and the operation reads it again; n8n's expression engine is the costliest
 * part of a run, so an item's expression is evaluated once.
 */
const itemValues = new WeakMap<IExecuteFunctions, Map<string, Map<number, ParameterValue>>>();

/**
 * `={{ $json.key }}`, `={{ $json["key"] }}` or `={{ $json['key'] }}`: what n8n's drag-and-drop mapping writes. Group 1,
 * 2 or 3 is the key.
 */
const ITEM_FIELD = /^=\{\{\s*\$json(?:\.([A-Za-z_$][\w$]*)|\[\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\])\s*\}\}$/;

/**
 * Keys n8n's expression engine does not read from the item: names it refuses for security (n8n-workflow's list of
 * unsafe object properties) and, below, anything on Object.prototype (its sandbox answers `toString` with the
 * function). Left to the engine, so the item fails with n8n's own message.
 */
const ENGINE_GUARDED_KEYS = new Set([
	'prototype',
	'getPrototypeOf',
	'setPrototypeOf',
	'getOwnPropertyDescriptor',
	'getOwnPropertyDescriptors',
	'defineProperty',
	'defineProperties',
	'mainModule',
	'binding',
	'_linkedBinding',
	'_load',
	'prepareStackTrace',
	'caller',
	'callee',
	'arguments',
	'getBuiltinModule',
	'dlopen',
	'execve',
	'loadEnvFile',
]);

/** A key the engine reads from the item as written: no guarded name, no brace (the engine ends the expression at "}}"), no control character. */
const isPlainKey = (key: string): boolean =>
	!(key in Object.prototype) &&
	!ENGINE_GUARDED_KEYS.has(key) &&
	!/[{}]/.test(key) &&
	![...key].some((char) => char.charCodeAt(0) < 0x20);

type Primitive = string | number | boolean;

const isPrimitive = (value: unknown): value is Primitive =>
	typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** The item's own text, number or true/false that an ITEM_FIELD expression names; undefined for anything else. */
function itemField(expression: string, json: IDataObject): Primitive | undefined {
	const reference = ITEM_FIELD.exec(expression);
	if (!reference) return undefined;
	const key = reference[1] ?? reference[2] ?? reference[3];
	if (!isPlainKey(key) || !Object.prototype.hasOwnProperty.call(json, key)) return undefined;
	const value = json[key];
	return isPrimitive(value) ? value : undefined;
}

/**
 * The value n8n's expression engine would give, read straight from the item, for a parameter that is one
 * drag-and-drop reference to a text, number or true/false field of the item, or a collection whose entries are
 * such references or fixed values. Anything else (other expressions, missing fields, objects, lists, nested
 * collections such as a resource mapper's) is left to the engine: undefined.
 * Why: the engine (isolated-vm in n8n 2.x) is the costliest step of a run, about 0.6 ms per expression and item
 * (bench/README.md), and mapped fields are nearly always plain references. `$json` is the item at this index of
 * the node's input, so the value is the engine's own; tests compare the two through n8n's engine.
 */
function readFromItem(ctx: IExecuteFunctions, raw: unknown, itemIndex: number): { value: ParameterValue } | undefined {
	// Run as an AI agent's tool, the node's input is the tool call while `$json` is the agent's item: no shortcut.
	// n8n 1.x has no isToolExecution; there a tool call's context has no main input, so `json` is undefined.
	if ((ctx.isToolExecution as (() => boolean) | undefined)?.call(ctx)) return undefined;
	const json = ctx.getInputData(0, NodeConnectionTypes.Main)[itemIndex]?.json;
	if (!json) return undefined;
	if (typeof raw === 'string') {
		const value = itemField(raw, json);
		return value === undefined ? undefined : { value };
	}
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
	const collection: IDataObject = {};
	for (const [key, entry] of Object.entries(raw)) {
		if (typeof entry === 'string' && entry.startsWith('=')) {
			const value = itemField(entry, json);
			if (value === undefined) return undefined;
			collection[key] = value;
		} else if (isPrimitive(entry)) {
			collection[key] = entry;
		} else {
			return undefined;
		}
	}
	return { value: collection };
}

function expressionValue(ctx: IExecuteFunctions, name: string, itemIndex: number, fallback?: ParameterValue): ParameterValue {
	let run = itemValues.get(ctx);
	if (!run) {
		run = new Map();
		itemValues.set(ctx, run);
	}
	let byItem = run.get(name);
	if (!byItem) {
		byItem = new Map();
		run.set(name, byItem);
	}
	if (!byItem.has(itemIndex)) {
		const direct = readFromItem(ctx, ctx.getNode().parameters[name], itemIndex);
		byItem.set(itemIndex, direct ? direct.value : (ctx.getNodeParameter(name, itemIndex, fallback) as ParameterValue));
	}
	return byItem.get(itemIndex) as ParameterValue;
}

/**
 * `getNodeParameter` for one item. n8n resolves a parameter anew for every item, which costs as much for a
 * fixed value as for an expression; a parameter without an expression is resolved for the first item that
 * asks and reused for the others (per run of the node), and one with an expression once per item (from the item
 * itself when it is a plain reference to one of its fields: readFromItem). The value
 * returned is shared: treat it as read-only.
 * `name` is a top-level parameter (no dotted path), and the first fallback given for a name is the one kept:
 * read each name with the same fallback everywhere.
 */
export function nodeParameter(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback?: ParameterValue,
): ParameterValue {
	let run = fixedValues.get(ctx);
	if (!run) {
		run = new Map();
		fixedValues.set(ctx, run);
	}
	let fixed = run.get(name);
	if (fixed === undefined) {
		fixed = holdsExpression(ctx.getNode().parameters[name])
			? null
			: { value: ctx.getNodeParameter(name, itemIndex, fallback) as ParameterValue };
		run.set(name, fixed);
	}
	return fixed ? fixed.value : expressionValue(ctx, name, itemIndex, fallback);
}

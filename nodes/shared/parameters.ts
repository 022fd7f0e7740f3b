import type { IExecuteFunctions, NodeParameterValueType } from 'n8n-workflow';

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
	if (!byItem.has(itemIndex)) byItem.set(itemIndex, ctx.getNodeParameter(name, itemIndex, fallback) as ParameterValue);
	return byItem.get(itemIndex) as ParameterValue;
}

/**
 * `getNodeParameter` for one item. n8n resolves a parameter anew for every item, which costs as much for a
 * fixed value as for an expression; a parameter without an expression is resolved for the first item that
 * asks and reused for the others (per run of the node), and one with an expression once per item. The value
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

import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

/**
 * One operation of a node, as the node's table of operations (`actions/operations.ts`) lists it: the editor's option
 * (value, name, description, action), what kind of operation it is, and the function that runs it for one item. The
 * option list, the parameters' display options, the router and the checks that depend on the kind of operation
 * are all read from the table. `Execute` is the shared router's ItemOperation (router.ts).
 */
export interface NodeOperation<Execute> {
	/** The `operation` parameter's value, stored in saved workflows: never renamed. */
	value: string;
	name: string;
	description: string;
	/** What the editor's list of actions (and an AI agent's tool) calls it. */
	action: string;
	/** What the node's subtitle in the editor says for it; the action when not given. */
	subtitle?: string;
	/** Whether it sends values for the API to store (its input fields are shown for it). */
	writes: boolean;
	/** Whether it may create a record (the fields only a create takes are shown and read for it). */
	creates: boolean;
	/** Whether it may change a record that exists (a list the API replaces wholesale is then replaced). */
	updates: boolean;
	/**
	 * The operation's own parameters (its file's `description`), already shown only for it: the node lists them in
	 * the order of the table.
	 */
	parameters?: INodeProperties[];
	execute: Execute;
}

/** The operations' own parameters, in the order of the table. */
export function operationParameters<Execute>(
	operations: Array<NodeOperation<Execute>>,
): INodeProperties[] {
	return operations.flatMap((operation) => operation.parameters ?? []);
}

/** What an operation is, without its function: what a check of its kind needs (and what each item's context carries). */
export type OperationKind = Pick<
	NodeOperation<unknown>,
	'value' | 'writes' | 'creates' | 'updates'
>;

/**
 * The values of the operations `which` picks, in alphabetical order (the order the display options have always
 * listed them in).
 */
export function operationValues<Execute>(
	operations: Array<NodeOperation<Execute>>,
	which: (operation: OperationKind) => boolean,
): string[] {
	return operations
		.filter(which)
		.map((operation) => operation.value)
		.sort();
}

/**
 * `properties` shown only for the operations `which` picks (n8n's updateDisplayOptions, as n8n's own nodes do).
 * `parameter` is `/operation` for an option inside a collection.
 */
export function showForOperations<Execute>(
	operations: Array<NodeOperation<Execute>>,
	which: (operation: OperationKind) => boolean,
	properties: INodeProperties[],
	parameter: 'operation' | '/operation' = 'operation',
): INodeProperties[] {
	return updateDisplayOptions(
		{ show: { [parameter]: operationValues(operations, which) } },
		properties,
	);
}

/** The operation parameter of a node with one resource: the table's operations, by name as the editor lists them. */
export function operationProperty<Execute>(
	resource: string,
	operations: Array<NodeOperation<Execute>>,
	defaultValue: string,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: [...operations]
			.sort((a, b) => a.name.localeCompare(b.name))
			.map(({ name, value, description, action }) => ({ name, value, description, action })),
		default: defaultValue,
	};
}

/** The node's subtitle: the chosen operation's subtitle (else its action), in the order of the table. */
export function operationSubtitle<Execute>(operations: Array<NodeOperation<Execute>>): string {
	const actions = operations.map(
		({ value, action, subtitle }) =>
			`${JSON.stringify(value)}: ${JSON.stringify(subtitle ?? action)}`,
	);
	return `={{ {${actions.join(', ')}}[$parameter["operation"]] }}`;
}

/** The operation of `value`, if the table has one. */
export function operationOf<Execute>(
	operations: Array<NodeOperation<Execute>>,
	value: string,
): NodeOperation<Execute> | undefined {
	return operations.find((operation) => operation.value === value);
}

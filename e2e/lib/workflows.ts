import type { WorkflowImport } from './n8n';

export interface NodeSpec {
	name: string;
	type: string;
	typeVersion?: number;
	parameters?: Record<string, unknown>;
	/** credential type → { id, name } of an imported credential */
	credentials?: Record<string, { id: string; name: string }>;
	/** A webhook or trigger node's id in its URL (/webhook/<webhookId>/<path>). */
	webhookId?: string;
}

export const MANUAL_TRIGGER: NodeSpec = {
	name: 'Manual Trigger',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
};

/** A workflow whose nodes run one after the other, first to last. */
export function linearWorkflow(id: string, name: string, nodes: NodeSpec[]): WorkflowImport {
	if (id.length > 21) throw new Error(`workflow id "${id}" is longer than n8n's 21 characters`);
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		connections,
		nodes: nodes.map((n, i) => ({
			id: `${id}-n${i}`,
			name: n.name,
			type: n.type,
			typeVersion: n.typeVersion ?? 1,
			position: [i * 220, 0],
			parameters: n.parameters ?? {},
			...(n.credentials ? { credentials: n.credentials } : {}),
			...(n.webhookId ? { webhookId: n.webhookId } : {}),
		})),
	};
}

/** A Set node (v3.4) that assigns string fields. */
export function setNode(name: string, fields: Record<string, string>): NodeSpec {
	return {
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: {
			mode: 'manual',
			assignments: {
				assignments: Object.entries(fields).map(([k, v], i) => ({
					id: `a${i}`,
					name: k,
					value: v,
					type: 'string',
				})),
			},
			options: {},
		},
	};
}

/**
 * Tests a credential the way n8n's CredentialsTester.runRequestTest does (n8n 2.41): a temporary NoOp node whose
 * one property routes `credential.test.request`, run by n8n-core's RoutingNode in an ExecuteContext with the
 * credential's authenticate and preAuthentication, then the test's `rules` applied to the answer or the error.
 */
import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';
import { createEmptyRunExecutionData, Workflow } from 'n8n-workflow';

import {
	CredentialStore,
	credentialTypes,
	nodeTypesOf,
	testAdditionalData,
	withCredentialDefaults,
} from './n8n';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

interface TesterError {
	message: string;
	cause?: { code?: string; response?: { status: number; statusText?: string } };
}

function valueAt(data: unknown, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], data);
}

/** The verdict for a request that threw, as runRequestTest gives it. */
function verdictOfError(error: TesterError, test: ICredentialTestRequest): CredentialTestResult {
	const response = error.cause?.response;
	if (response) {
		for (const rule of test.rules ?? []) {
			if (rule.type === 'responseCode' && response.status === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		if (response.status < 199 || response.status > 299) {
			return {
				status: 'Error',
				message: response.statusText || `Received HTTP status code: ${response.status}`,
			};
		}
	} else if (error.cause?.code) {
		return { status: 'Error', message: error.cause.code };
	}
	return { status: 'Error', message: String(error.message) };
}

export async function testCredential(
	type: string,
	data: ICredentialDataDecryptedObject,
	store = new CredentialStore(),
): Promise<CredentialTestResult> {
	const test = credentialTypes[type].test;
	if (!test) throw new Error(`Credential type ${type} has no test request`);
	const decrypted = withCredentialDefaults(type, data);
	store.set(type, decrypted);

	const nodeType: INodeType = {
		description: {
			displayName: 'No Operation, do nothing',
			name: 'noOp',
			group: ['organization'],
			version: 1,
			description: 'No Operation',
			defaults: { name: 'No Operation, do nothing' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: type, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: test.request },
					default: '',
				},
			],
		},
	};
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		credentials: { [type]: { id: `${type}-id`, name: type } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesOf(nodeType),
	});
	const context = new ExecuteContext(
		workflow,
		node,
		testAdditionalData(store),
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, nodeType, {
		id: `${type}-id`,
		name: type,
		type,
		data: decrypted,
	});

	let response: INodeExecutionData[][] | undefined;
	try {
		await workflow.expression.acquireIsolate();
		response = await routingNode.runNode();
	} catch (error) {
		return verdictOfError(error as TesterError, test);
	} finally {
		await workflow.expression.releaseIsolate();
	}
	for (const rule of test.rules ?? []) {
		if (
			rule.type === 'responseSuccessBody' &&
			valueAt(response?.[0]?.[0]?.json, rule.properties.key) === rule.properties.value
		) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/** The hint under a credential's Base URL, as the credential's editor shows it. */
export function baseUrlHint(type: string): string | undefined {
	return credentialTypes[type].properties.find((property) => property.name === 'baseUrl')?.hint;
}

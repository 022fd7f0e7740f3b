import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import { triggerFields } from './descriptions/triggerFields';
import { checkWebhookSecret } from './helpers/secretCheck';

export class OhoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Oho Trigger',
		name: 'ohoTrigger',
		icon: { light: 'file:../../icons/oho.svg', dark: 'file:../../icons/oho.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Oho Chat creates or updates a contact (Oho’s customer-profile webhook)',
		defaults: { name: 'Oho Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'ohoWebhookHeaderAuthApi',
				required: true,
				displayOptions: { show: { authentication: ['headerAuth'] } },
				testedBy: 'ohoWebhookSecret',
			},
			{
				name: 'ohoWebhookBasicAuthApi',
				required: true,
				displayOptions: { show: { authentication: ['basicAuth'] } },
				testedBy: 'ohoWebhookSecret',
			},
		],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'oho' }],
		properties: triggerFields,
	};

	methods = {
		credentialTest: {
			async ohoWebhookSecret(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				return checkWebhookSecret(credential);
			},
		},
	};

	// Oho has no API to register a webhook: the operator pastes the URL into Oho, so there is nothing to find,
	// create or delete remotely when the workflow is published or unpublished.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await router.call(this);
	}
}

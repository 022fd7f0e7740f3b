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

import { receiveDelivery } from './receiveDelivery';
import { triggerFields } from './descriptions/triggerFields';
import { checkConnection } from './helpers/activation';
import { checkWebhookSecret, URL_SECRET_PARAMETER } from './helpers/secretCheck';

export class OhoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Oho Trigger',
		name: 'ohoTrigger',
		icon: { light: 'file:../../icons/oho.svg', dark: 'file:../../icons/oho.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when Oho Chat creates or updates a contact (Oho’s customer-profile webhook)',
		defaults: { name: 'Oho Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'ohoWebhookUrlSecretApi',
				required: true,
				displayOptions: { show: { authentication: ['urlSecret'] } },
				testedBy: 'ohoWebhookSecret',
			},
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
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'oho',
				// Empty, so n8n answers a started workflow with JSON ({ "message": "Workflow was started" }): left unset, n8n
				// sends the name of its default, the bare text "firstEntryJson" as text/html, which a sender reading the
				// answer as JSON counts as a failed delivery and sends again (docs/api/oho.md § "Webhook receiver").
				responseData: '',
			},
		],
		eventTriggerDescription: 'Waiting for a delivery from Oho: create or change a contact in Oho',
		activationMessage: "Oho's deliveries to the Production URL now start this workflow.",
		// The trigger panel's help, in Oho's words: which URL goes into Oho first, and when to publish.
		triggerPanel: {
			header: '',
			executionsHelp: {
				inactive: `<b>While building</b>: paste the Test URL into Oho's settings as the customer-profile webhook URL (with ?${URL_SECRET_PARAMETER}=… for Secret in URL), click 'Execute step' (on n8n 1.x: 'Listen for test event'), then create or change a contact in Oho. The delivery shows up in this editor.<br /><br /><b>When it works</b>: replace the URL in Oho with the Production URL and publish this workflow. Its runs show up in the <a data-key="executions">executions list</a>, not in the editor.<br /><br />Oho cannot reach a URL that starts with http://localhost or a private address.`,
				active: `This workflow is published: Oho's deliveries to the Production URL run it, and the runs show up in the <a data-key="executions">executions list</a>. To see one in this editor, click 'Execute step' (on n8n 1.x: 'Listen for test event') and point Oho at the Test URL for a while; then put the Production URL back.`,
			},
			activationHint:
				'When the test delivery works, put the Production URL in Oho and publish this workflow.',
		},
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
	// create or delete remotely when the workflow is published or unpublished; publishing checks the settings.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				await checkConnection(this);
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
		return await receiveDelivery.call(this);
	}
}

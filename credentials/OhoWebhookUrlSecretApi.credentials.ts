import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * A secret Oho sends in the webhook URL's query string (…/oho?secret=…), checked by the Oho Trigger. Oho's documents
 * name no signature and no custom header, but a sender keeps the URL it was given whole, so this secret reaches n8n
 * with any sender. There is nothing remote to test: the Oho Trigger's credential test checks the value can be used.
 */
export class OhoWebhookUrlSecretApi implements ICredentialType {
	name = 'ohoWebhookUrlSecretApi';

	displayName = 'Oho Webhook URL Secret API';

	icon: Icon = { light: 'file:../icons/oho.svg', dark: 'file:../icons/oho.dark.svg' };

	documentationUrl =
		'https://github.com/oho-gofive/n8n-nodes-oho-gofive/blob/main/docs/oho-trigger.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A long random text (at least 16 characters; letters, digits and - _ . ~ only, so it reads the same in a URL). Add it at the end of the webhook URL you paste into Oho: …/oho?secret=<this value>.',
		},
	];
}

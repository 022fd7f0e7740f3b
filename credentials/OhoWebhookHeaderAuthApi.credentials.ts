import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * A shared secret Oho sends in a header of its webhook deliveries, checked by the Oho Trigger. Oho documents no
 * signature, so a secret header (or Basic Auth) is how a workflow tells Oho's deliveries from anyone else's.
 * There is nothing remote to test: the Oho Trigger's credential test checks the values can be used.
 */
export class OhoWebhookHeaderAuthApi implements ICredentialType {
	name = 'ohoWebhookHeaderAuthApi';

	displayName = 'Oho Webhook Header Auth API';

	icon: Icon = { light: 'file:../icons/oho.svg', dark: 'file:../icons/oho.dark.svg' };

	documentationUrl =
		'https://github.com/oho-gofive/n8n-nodes-oho-gofive/blob/main/docs/oho-trigger.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Header Name',
			name: 'name',
			type: 'string',
			default: 'X-Oho-Webhook-Secret',
			required: true,
			description:
				'The header Oho sends with every delivery (set the same name and value where you enter the webhook URL in Oho)',
		},
		{
			displayName: 'Header Value',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The secret the header must carry: a long random text, for example 32 characters or more',
		},
	];
}

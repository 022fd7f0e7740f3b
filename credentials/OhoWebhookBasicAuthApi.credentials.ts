import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * A user name and password Oho sends as HTTP Basic Auth with its webhook deliveries (for example in the URL,
 * https://user:password@host/…), checked by the Oho Trigger. There is nothing remote to test: the Oho Trigger's
 * credential test checks the values can be used.
 */
export class OhoWebhookBasicAuthApi implements ICredentialType {
	name = 'ohoWebhookBasicAuthApi';

	displayName = 'Oho Webhook Basic Auth API';

	icon: Icon = { light: 'file:../icons/oho.svg', dark: 'file:../icons/oho.dark.svg' };

	documentationUrl =
		'https://github.com/oho-gofive/n8n-nodes-oho-gofive/blob/main/docs/oho-trigger.md';

	properties: INodeProperties[] = [
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
	];
}

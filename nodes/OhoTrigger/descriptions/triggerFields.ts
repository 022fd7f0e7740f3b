import type { INodeProperties } from 'n8n-workflow';

import { PLATFORM_OPTIONS, PLATFORMS } from '../../common/oho/identity';
import { URL_SECRET_PARAMETER } from '../helpers/secretCheck';

/** The contact fields Oho names in `updated_field`, as it stores them (docs/api/oho.md § "Webhook delivery", § "Stored contact form"). */
const CHANGED_FIELD_OPTIONS = [
	{ name: 'Age', value: 'age' },
	{ name: 'Attributes', value: 'attributes' },
	{ name: 'Birth Date', value: 'birth_date' },
	{ name: 'City (Province)', value: 'city' },
	{ name: 'Country', value: 'country' },
	{ name: 'Customer ID', value: 'customer_id' },
	{ name: 'Display Name', value: 'display_name' },
	{ name: 'Email', value: 'email' },
	{ name: 'First Name', value: 'first_name' },
	{ name: 'Gender', value: 'gender' },
	{ name: 'Labels', value: 'chat_tags', description: 'Chat tags (chat_tags)' },
	{ name: 'Last Name', value: 'last_name' },
	{ name: 'Phone', value: 'phone' },
	{ name: 'Platform Display Name', value: 'platform_display_name' },
	{ name: 'Tags', value: 'contact_tags', description: 'Contact tags (contact_tags)' },
];

export const ANY_FIELD = 'any';

/**
 * The steps of connecting Oho, for one authentication mode. Oho has no registration API and its documents name the
 * place only as Oho's settings (docs/api/oho.md § "Customer-profile webhook"), so the steps say what to look for there.
 * Notices keep only <a>, <ul> and <li>, so the numbers are written out.
 */
function setupSteps(what: { url?: string; inOho?: string; after: string }): string {
	const steps = [
		`Copy the Test URL above${what.url ?? ''}. In Oho's settings, paste it where Oho asks for the customer-profile (contact) webhook URL${what.inOho ?? ''}, and save.`,
		'Click Execute step (on n8n 1.x: Listen for test event), then in Oho create a contact or change one (add a tag): the delivery appears here. Use it to map fields in the next nodes.',
		`Replace the URL in Oho with the Production URL${what.url ?? ''}, save, then publish this workflow. From then on every delivery runs it; the runs are listed under Executions.`,
		what.after,
	];
	return `Oho has no API to register a webhook, so connect it by hand:<ul>${steps.map((step, index) => `<li>${index + 1}. ${step}</li>`).join('')}</ul>`;
}

const stepsFor = (authentication: string, text: string): INodeProperties => ({
	displayName: text,
	name: `setupSteps_${authentication}`,
	type: 'notice',
	default: '',
	displayOptions: { show: { authentication: [authentication] } },
});

/** Why Oho may not reach the URLs above. The editor cannot show a notice depending on the URL, so this one always shows. */
const reachabilityNotice: INodeProperties = {
	displayName:
		"Oho's servers call these URLs over the internet. If they start with http://localhost, http://127.0.0.1 or a private address (192.168…, 10…), Oho cannot reach them; with plain http:// instead of https://, a delivery and its secret travel unencrypted. Ask whoever runs n8n to set WEBHOOK_URL to n8n's public https address, then reopen this node.",
	name: 'reachabilityNotice',
	type: 'notice',
	default: '',
};

const setupNotices: INodeProperties[] = [
	stepsFor(
		'none',
		setupSteps({
			after:
				'Anyone who finds the URL can start this workflow: choose Secret in URL above so that only Oho can.',
		}),
	),
	stepsFor(
		'urlSecret',
		setupSteps({
			url: `, with ?${URL_SECRET_PARAMETER}= and the credential's secret added at its end (…/oho?${URL_SECRET_PARAMETER}=your-secret)`,
			after:
				'Anyone who has the whole URL can start this workflow: keep it private. If it leaks, change the secret in the credential and in the URL in Oho.',
		}),
	),
	stepsFor(
		'headerAuth',
		setupSteps({
			inOho: ", and add a header with the credential's Header Name and Header Value",
			after:
				"Oho's documents mention no custom header: if Oho offers no place for one, every delivery is refused (401). Choose Secret in URL instead.",
		}),
	),
	stepsFor(
		'basicAuth',
		setupSteps({
			url: ", with the credential's user and password written before its host (https://user:password@n8n.example.com/webhook/…)",
			after:
				"Oho's documents do not say it sends a user and password from a URL: if the deliveries are refused (401), choose Secret in URL instead.",
		}),
	),
];

export const triggerFields: INodeProperties[] = [
	reachabilityNotice,
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{
				name: 'None',
				value: 'none',
				description: 'Anyone who knows the URL can start the workflow',
			},
			{
				name: 'Secret in URL',
				value: 'urlSecret',
				description: `Deliveries must carry a secret in the URL (?${URL_SECRET_PARAMETER}=…): Oho sends the URL as it was pasted`,
			},
			{
				name: 'Header Auth',
				value: 'headerAuth',
				description: 'Deliveries must carry a secret header, if Oho lets you add one',
			},
			{
				name: 'Basic Auth',
				value: 'basicAuth',
				description: 'Deliveries must carry a user name and password',
			},
		],
		default: 'none',
		description:
			'How a delivery proves it comes from Oho. Oho documents no signature and no custom header; a secret in the URL reaches n8n with any sender, so only Oho can start the workflow.',
	},
	...setupNotices,
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: [
			{ name: 'Contact Created', value: 'created', description: 'A new contact was saved in Oho' },
			{
				name: 'Contact Updated',
				value: 'updated',
				description: 'A field of a contact changed, for example its tags',
			},
		],
		default: ['created', 'updated'],
		required: true,
		description: 'Which deliveries start the workflow; the others are answered and ignored',
	},
	{
		displayName: 'Changed Fields',
		name: 'changedFields',
		type: 'multiOptions',
		displayOptions: { show: { events: ['updated'] } },
		options: [{ name: 'Any Field', value: ANY_FIELD }, ...CHANGED_FIELD_OPTIONS],
		default: [ANY_FIELD],
		description:
			'For Contact Updated: start the workflow only when one of these fields changed (Oho lists them in updated_field). Any Field starts it for every update.',
	},
	{
		displayName: 'Platforms',
		name: 'platforms',
		type: 'multiOptions',
		options: PLATFORM_OPTIONS,
		default: [...PLATFORMS],
		description: 'Start the workflow only for contacts on these platforms',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Ignore Repeated Deliveries Within (Seconds)',
				name: 'repeatWindowSeconds',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 0 },
				default: 0,
				description:
					'Whether a delivery identical to one received in the last N seconds (same event, same contact, same content) is answered without starting the workflow again. 0 turns it off. Oho sends no event ID, so two real changes that leave the same content inside the window count as one.',
			},
			{
				displayName: 'Include Raw Payload',
				name: 'includeRawPayload',
				type: 'boolean',
				default: false,
				description: 'Whether the output adds Oho’s delivery exactly as received, under raw',
			},
			{
				displayName: 'Invalid Deliveries',
				name: 'invalidDeliveries',
				type: 'options',
				options: [
					{
						name: 'Answer 400',
						value: 'reject',
						description: 'The sender learns the delivery was not understood',
					},
					{
						name: 'Answer 200 and Ignore',
						value: 'ignore',
						description: 'For a sender that retries or disables the webhook on errors',
					},
				],
				default: 'reject',
				description:
					'What to answer a body that is not an Oho delivery (not a JSON object, an unknown event_code, no contact). Either way no workflow starts.',
			},
		],
	},
];

import type { INodeProperties } from 'n8n-workflow';

import { PLATFORM_OPTIONS, PLATFORMS } from '../../shared/oho/identity';

/** The contact fields Oho names in `updated_field`, as it stores them (contract, "Oho customer-profile webhook"). */
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

export const triggerFields: INodeProperties[] = [
	{
		displayName:
			'Oho has no API to register a webhook: copy the Production URL above and paste it where Oho asks for the customer-profile webhook URL, then publish this workflow. The Test URL works only while the editor is listening for a test event: use it once to see a real delivery.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{ name: 'None', value: 'none', description: 'Anyone who knows the URL can start the workflow' },
			{ name: 'Header Auth', value: 'headerAuth', description: 'Deliveries must carry a secret header' },
			{ name: 'Basic Auth', value: 'basicAuth', description: 'Deliveries must carry a user name and password' },
		],
		default: 'none',
		description: 'How a delivery proves it comes from Oho. Oho documents no signature; a secret that only Oho knows keeps others from starting the workflow.',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: [
			{ name: 'Contact Created', value: 'created', description: 'A new contact was saved in Oho' },
			{ name: 'Contact Updated', value: 'updated', description: 'A field of a contact changed, for example its tags' },
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

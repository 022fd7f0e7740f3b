import type { INodePropertyOptions } from 'n8n-workflow';

/** The code tables of the v3 Customer API (docs/api/gofive-customer.md § "4. Code tables"), as the editor's lists. */

export const CUSTOMER_STATE = { lead: 1, prospect: 2, customer: 3 } as const;
export const CUSTOMER_STATUS = { active: 0, ended: 1, closed: 2 } as const;
export const LEAD_STATUS = { new: 1, followup: 2, unqualified: 3, interested: 4 } as const;

export const customerStateOptions: INodePropertyOptions[] = [
	{ name: 'Lead', value: CUSTOMER_STATE.lead },
	{ name: 'Prospect', value: CUSTOMER_STATE.prospect },
	{ name: 'Customer', value: CUSTOMER_STATE.customer },
];

export const customerStatusOptions: INodePropertyOptions[] = [
	{ name: 'Active', value: CUSTOMER_STATUS.active },
	{ name: 'Ended (Needs a Customer Note)', value: CUSTOMER_STATUS.ended },
	{ name: 'Closed (Needs a Customer Note)', value: CUSTOMER_STATUS.closed },
];

export const customerTypeOptions: INodePropertyOptions[] = [
	{ name: 'Business', value: 1 },
	{ name: 'Individual', value: 2 },
];

export const genderOptions: INodePropertyOptions[] = [
	{ name: 'Male', value: 1 },
	{ name: 'Female', value: 2 },
];

export const maritalStatusOptions: INodePropertyOptions[] = [
	{ name: 'Single', value: 1 },
	{ name: 'Engaged', value: 2 },
	{ name: 'Married', value: 3 },
	{ name: 'Separated', value: 4 },
	{ name: 'Divorced', value: 5 },
	{ name: 'Widowed', value: 6 },
];

export const leadStatusOptions: INodePropertyOptions[] = [
	{ name: 'New', value: LEAD_STATUS.new },
	{ name: 'Followup', value: LEAD_STATUS.followup },
	{ name: 'Unqualified (Needs the Reason)', value: LEAD_STATUS.unqualified },
	{ name: 'Interested', value: LEAD_STATUS.interested },
];

export const addressTypeOptions: INodePropertyOptions[] = [
	{ name: 'Billing Address', value: 1 },
	{ name: 'Shipping Address', value: 2 },
];

/** The social accounts of a customer or a contact person (`customerSocialAccount`, `contactSocialAccount`). */
export const SOCIAL_ACCOUNTS = [
	'facebook',
	'instagram',
	'line',
	'linkedin',
	'skype',
	'telegram',
	'wechat',
	'whatsapp',
] as const;

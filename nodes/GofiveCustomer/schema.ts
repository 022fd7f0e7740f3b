import { z } from 'zod';

import { isSendableText, UNSENDABLE_TEXT } from '../common/validation';

/** Free text Venio stores: no character it cannot store as given. */
const text = z.string().refine(isSendableText, UNSENDABLE_TEXT);
const code = (max: number) => z.number().int().min(1).max(max);
const list = z.array(text.pipe(z.string().min(1)));
const url = text.pipe(
	z.string().url({ message: 'must be a URL like https://example.com/picture.jpg' }),
);
const email = text.pipe(
	z.string().email({ message: 'must be an email address like name@example.com' }),
);
const socialAccount = z.record(text).optional();

const contactSchema = z
	.object({
		contactName: text.pipe(z.string().min(1)),
		contactPhone: text.optional(),
		contactMobile: text.optional(),
		contactEmail: email.optional(),
		contactPosition: text.optional(),
		contactBirthdate: text.optional(),
		contactNote: text.optional(),
		contactPicture: url.optional(),
		contactStatus: z.boolean().optional(),
		contactSocialAccount: socialAccount,
	})
	.strict();

/** The body of Create or Update customer (`POST /v3/customers`, docs/api/gofive-customer.md § "3.1 Create or Update customer"), with the code tables of section 4. */
export const customerSchema = z
	.object({
		customerCode: text.pipe(z.string().min(1)).optional(),
		customerName: text.pipe(z.string().min(1)),
		customerState: code(3),
		customerStatus: z.number().int().min(0).max(2).optional(),
		customerType: code(2).optional(),
		customerPicture: url.optional(),
		customer2ndName: text.optional(),
		customerAliases: list.optional(),
		customerTaxNo: text.optional(),
		branchCode: text.optional(),
		customerPhone: text.optional(),
		customerMobile: text.optional(),
		customerEmail: email.optional(),
		customerPosition: text.optional(),
		customerGender: code(2).optional(),
		customerMaritalStatus: code(6).optional(),
		customerBirthdate: text.optional(),
		customerIncome: text.optional(),
		addresses: z
			.array(
				z
					.object({
						locationAddress: text.optional(),
						locationName: text.optional(),
						locationType: code(2).optional(),
						latitude: z.number().min(-90).max(90).optional(),
						longitude: z.number().min(-180).max(180).optional(),
					})
					.strict(),
			)
			.optional(),
		customerNote: text.optional(),
		customerSocialAccount: socialAccount,
		customerTags: list.optional(),
		customFields: z
			.array(
				z
					.object({ customFieldName: text.pipe(z.string().min(1)), customFieldValue: list })
					.strict(),
			)
			.optional(),
		interestsName: list.optional(),
		customerGroupName: text.optional(),
		// "At most 3 characters" (docs/api/gofive-customer.md § "3.1 Create or Update customer", from Gofive's sample).
		classificationName: text.pipe(z.string().max(3)).optional(),
		sourceName: text.optional(),
		leadStatus: code(4).optional(),
		unqulifiedReasonName: text.optional(),
		unqulifiedReasonNote: text.optional(),
		owners: list.optional(),
		contacts: z.array(contactSchema).optional(),
		contact: contactSchema.optional(),
	})
	.strict();

export type CustomerBody = z.infer<typeof customerSchema>;

/** The node's label of each body field, for the messages of an item that cannot be sent. */
export const CUSTOMER_LABELS: Record<string, string> = {
	customerCode: 'Customer Code',
	customerName: 'Customer Name',
	customerState: 'Customer State',
	customerStatus: 'Customer Status',
	customerType: 'Customer Type',
	customerPicture: 'Picture URL',
	customer2ndName: 'Second Name',
	customerAliases: 'Aliases',
	customerTaxNo: 'Tax ID',
	branchCode: 'Branch Code',
	customerPhone: 'Phone',
	customerMobile: 'Mobile',
	customerEmail: 'Email',
	customerPosition: 'Position',
	customerGender: 'Gender',
	customerMaritalStatus: 'Marital Status',
	customerBirthdate: 'Birth Date',
	customerIncome: 'Income',
	addresses: 'Addresses',
	'addresses.locationType': 'Address Type',
	'addresses.latitude': 'Latitude',
	'addresses.longitude': 'Longitude',
	customerNote: 'Customer Note',
	customerSocialAccount: 'Social Accounts',
	customerTags: 'Tags',
	customFields: 'Custom Fields',
	'customFields.customFieldName': 'Custom Field Name',
	interestsName: 'Interests',
	customerGroupName: 'Customer Group',
	classificationName: 'Classification',
	sourceName: 'Source',
	leadStatus: 'Lead Status',
	unqulifiedReasonName: 'Unqualified Reason',
	unqulifiedReasonNote: 'Unqualified Reason Note',
	owners: 'Owners',
	contacts: 'Contact Person',
	contact: 'Contact Person',
};

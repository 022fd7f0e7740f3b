import type { INodePropertyOptions } from 'n8n-workflow';

import {
	customerStateOptions,
	customerStatusOptions,
	customerTypeOptions,
	genderOptions,
	leadStatusOptions,
	maritalStatusOptions,
} from './codeTables';

/** How a field's value is read into the body: the cleaning it goes through, by the kind of value Venio takes. */
export type Reader = 'text' | 'phone' | 'email' | 'birthDate' | 'list' | 'code' | 'gender';

/** One flat field of Create or Update: its parameter (and mapper column) name, its API path, and how it is read. */
export interface CustomerField {
	name: string;
	path: string;
	read: Reader;
	/** The code table, for the mapper's dropdown and to read an option's name ("Lead") as its code. */
	options?: INodePropertyOptions[];
	required?: boolean;
	/** Other input field names Map Automatically takes for this field: what English and Thai forms call it. */
	aliases?: string[];
}

const field = (name: string, read: Reader, extra: Partial<CustomerField> = {}): CustomerField => ({
	name,
	path: name,
	read,
	...extra,
});

/**
 * The fields of Create or Update that are one value each. Set Each Field shows the first three as their own parameters
 * and the rest under Additional Fields; Map Input Fields offers them all as columns. The node's names match the API's
 * except the two Gofive misspells (docs/api/gofive-customer.md § "3.1 Create or Update customer": `unqulifiedReason…`).
 */
export const CUSTOMER_FIELDS: CustomerField[] = [
	// Not a bare "Code": a form's promotion or reference code would turn a create into an update.
	field('customerCode', 'text', { aliases: ['รหัสลูกค้า'] }),
	field('customerName', 'text', {
		required: true,
		aliases: [
			'Name',
			'Full Name',
			'Company Name',
			'ชื่อลูกค้า',
			'ชื่อ-นามสกุล',
			'ชื่อ-สกุล',
			'ชื่อเต็ม',
			'ชื่อบริษัท',
		],
	}),
	field('customerState', 'code', {
		options: customerStateOptions,
		required: true,
		aliases: ['State', 'Stage'],
	}),
	field('customerType', 'code', { options: customerTypeOptions }),
	field('customerStatus', 'code', { options: customerStatusOptions, aliases: ['Status'] }),
	field('customerNote', 'text', { aliases: ['Note', 'Notes', 'หมายเหตุ'] }),
	field('leadStatus', 'code', { options: leadStatusOptions }),
	field('unqualifiedReasonName', 'text', { path: 'unqulifiedReasonName' }),
	field('unqualifiedReasonNote', 'text', { path: 'unqulifiedReasonNote' }),
	field('customerPhone', 'phone', { aliases: ['Phone', 'Telephone', 'Tel', 'โทรศัพท์'] }),
	field('customerMobile', 'phone', {
		aliases: ['Mobile', 'Mobile Phone', 'Mobile Number', 'เบอร์โทร', 'เบอร์มือถือ', 'มือถือ'],
	}),
	field('customerEmail', 'email', {
		aliases: ['Email', 'E-mail', 'Email Address', 'อีเมล', 'อีเมล์'],
	}),
	field('customerBirthdate', 'birthDate', {
		aliases: [
			'Birth Date',
			'Birthday',
			'Birthdate',
			'Date of Birth',
			'DOB',
			'วันเกิด',
			'วันเดือนปีเกิด',
		],
	}),
	field('customerGender', 'gender', { options: genderOptions, aliases: ['Gender', 'Sex', 'เพศ'] }),
	field('customerMaritalStatus', 'code', {
		options: maritalStatusOptions,
		aliases: ['Marital Status', 'สถานภาพ'],
	}),
	field('customerPicture', 'text', { aliases: ['Picture', 'Picture URL', 'Photo'] }),
	field('customer2ndName', 'text', { aliases: ['Second Name'] }),
	field('customerAliases', 'list', { aliases: ['Aliases'] }),
	field('customerTaxNo', 'text', { aliases: ['Tax ID', 'Tax No', 'เลขประจำตัวผู้เสียภาษี'] }),
	field('branchCode', 'text'),
	field('customerPosition', 'text', { aliases: ['Position', 'Job Title', 'ตำแหน่ง'] }),
	field('customerIncome', 'text', { aliases: ['Income', 'รายได้'] }),
	field('customerGroupName', 'text', { aliases: ['Customer Group', 'Group'] }),
	field('classificationName', 'text', { aliases: ['Classification', 'Class'] }),
	field('sourceName', 'text', { aliases: ['Source', 'ที่มา'] }),
	field('customerTags', 'list', { aliases: ['Tags', 'Tag', 'แท็ก'] }),
	field('interestsName', 'list', { aliases: ['Interests', 'ความสนใจ'] }),
	field('owners', 'list', { aliases: ['Owner'] }),
];

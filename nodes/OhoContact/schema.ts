import { z } from 'zod';

import { PLATFORMS } from '../common/oho/identity';
import { isSendableText, UNSENDABLE_TEXT } from '../common/validation';

/** Request bodies of Oho's contact API, with their limits: docs/api/oho.md § "Create contact" and § "Update contact". */

/** An ID as the platform gives it (the identity's rules are nodes/common/oho/identity.ts's). */
const id = (max: number) => z.string().trim().min(1).max(max);

/** A name or other text a person writes: no NUL or half an emoji besides the limit. */
const text = (max: number) => id(max).refine(isSendableText, UNSENDABLE_TEXT);

/**
 * The most attributes one contact may be sent with. The contract sets no count; this bound keeps one item from
 * holding the worker (each attribute is checked) and is far above what a contact's custom fields need.
 */
export const MAX_ATTRIBUTES = 100;

const PHONE_PATTERN = /^\+?[0-9]{9,15}$/;

function isCalendarDate(value: string): boolean {
	const [year, month, day] = value.split('-').map(Number);
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

const attributeSchema = z
	.object({
		display_name: text(100),
		value: z
			.object({ text: z.string().min(1).max(2000).refine(isSendableText, UNSENDABLE_TEXT) })
			.strict(),
	})
	.strict();

/** Fields that both create and update accept. */
const updatableFields = {
	first_name: text(100),
	last_name: text(100),
	phone: z
		.string()
		.max(20)
		.regex(
			PHONE_PATTERN,
			'must be a phone number of 9 to 15 digits, like 0987654321 (an optional leading +)',
		),
	email: z.string().max(254).email('must be an email address, like name@example.com'),
	country: text(100),
	city: text(100),
	gender: z.enum(['male', 'female', 'not_say']),
	age: z.number().int('must be a whole number').min(1).max(99),
	birth_date: z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD, like 1998-11-29')
		.refine(isCalendarDate, 'must be a real calendar date'),
	// Oho: "display_name must be unique within one business", so within one request too.
	// The count first: past it, no attribute is parsed and no name compared (a pipeline stops at its first failing stage).
	attributes: z
		.array(z.unknown())
		.max(MAX_ATTRIBUTES)
		.pipe(
			z.array(attributeSchema).superRefine((attributes, ctx) => {
				const firstWithName = new Map<string, number>();
				attributes.forEach((attribute, index) => {
					const first = firstWithName.get(attribute.display_name);
					if (first === undefined) {
						firstWithName.set(attribute.display_name, index);
						return;
					}
					ctx.addIssue({
						code: z.ZodIssueCode.custom,
						path: [index, 'display_name'],
						message: `must be unique: attribute ${first + 1} already has the name "${attribute.display_name}"`,
					});
				});
			}),
		),
	tags: z.array(text(255)).max(20),
	labels: z.array(text(255)).max(10),
};

export const createContactSchema = z
	.object({
		social_profile: z
			.object({
				platform: z.enum(PLATFORMS),
				id: id(40),
				platform_id: id(40),
				platform_name: text(255),
				// Facebook and Instagram have none: left out, or sent empty (docs/api/oho.md § "line_basic_id on Facebook and Instagram").
				line_basic_id: z
					.string()
					.trim()
					.max(255)
					.refine(isSendableText, UNSENDABLE_TEXT)
					.optional(),
			})
			.strict()
			.refine(
				(profile) => profile.platform !== 'line' || (profile.line_basic_id ?? '').length > 0,
				{
					message: 'is required for LINE (the OA’s LINE ID, like @548unshk)',
					path: ['line_basic_id'],
				},
			),
		profile_picture_url: z
			.string()
			.max(2000)
			.url('must be a URL, like https://profile.line-scdn.net/...')
			.refine((url) => /^https?:\/\//i.test(url), 'must start with http:// or https://'),
		platform_display_name: text(255),
		display_name: text(255),
		...updatableFields,
	})
	.strict()
	.partial({
		last_name: true,
		phone: true,
		email: true,
		country: true,
		city: true,
		gender: true,
		age: true,
		birth_date: true,
		attributes: true,
		tags: true,
		labels: true,
	});

export const updateContactSchema = z
	.object({ display_name: text(1000), ...updatableFields })
	.strict()
	.partial()
	.refine((body) => Object.keys(body).length > 0, 'has nothing to update: set at least one field');

export type CreateContactBody = z.infer<typeof createContactSchema>;
export type UpdateContactBody = z.infer<typeof updateContactSchema>;

/** The fields an upsert sends to update (docs/api/oho.md § "Update contact") when the contact already exists. */
export const UPDATABLE_KEYS = ['display_name', ...Object.keys(updatableFields)] as Array<
	keyof UpdateContactBody
>;

/**
 * Connecting the Oho Trigger: the steps the editor shows for each Authentication, the warning about URLs Oho cannot
 * reach, Secret in URL (through n8n-core's WebhookContext behind test/helpers/webhook.ts), and what publishing the
 * workflow or listening for a test event checks (n8n-core's HookContext running the webhook methods).
 */
import { randomBytes } from 'crypto';
import type { INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { OhoTrigger } from '../../../nodes/OhoTrigger/OhoTrigger.node';
import { activateTrigger, deliver } from '../../helpers/webhook';
import { created, STARTED, trigger } from '../../helpers/ohoTrigger';

const description = new OhoTrigger().description;

/** The notices the editor shows for these parameter values, in order. */
function visibleNotices(values: INodeParameters): string[] {
	const withDefaults =
		NodeHelpers.getNodeParameters(description.properties, values, true, false, null, description) ??
		values;
	return description.properties
		.filter((property: INodeProperties) => property.type === 'notice')
		.filter((property) =>
			NodeHelpers.displayParameter(withDefaults, property, { typeVersion: 1 }, description),
		)
		.map((property) => property.displayName);
}

/** The credential types the editor asks for with these parameter values. */
const askedCredentials = (values: INodeParameters) =>
	(description.credentials ?? [])
		.filter((credential) =>
			NodeHelpers.displayParameter(
				{ authentication: 'none', ...values },
				credential,
				{ typeVersion: 1 },
				description,
			),
		)
		.map((credential) => credential.name);

describe('Oho Trigger: the setup notice follows the Authentication chosen', () => {
	const MODES = ['none', 'urlSecret', 'headerAuth', 'basicAuth'];

	test.each(MODES)(
		'%s: the reachability warning and one list of numbered steps: Test URL first, then the Production URL and publish',
		(mode) => {
			const [reachability, steps, ...others] = visibleNotices({ authentication: mode });

			expect(others).toEqual([]);
			expect(reachability).toContain(
				'If they start with http://localhost, http://127.0.0.1 or a private address',
			);
			expect(reachability).toContain("set WEBHOOK_URL to n8n's public https address");
			expect(steps).toMatch(
				/^Oho has no API to register a webhook, so connect it by hand:<ul><li>1\. Copy the Test URL above/,
			);
			expect(steps).toContain(
				"In Oho's settings, paste it where Oho asks for the customer-profile (contact) webhook URL",
			);
			expect(steps).toContain(
				'<li>2. Click Execute step (on n8n 1.x: Listen for test event), then in Oho create a contact or change one',
			);
			expect(steps).toMatch(
				/<li>3\. Replace the URL in Oho with the Production URL.*, save, then publish this workflow\./,
			);
			expect(steps).toMatch(/<li>4\. .*<\/li><\/ul>$/);
		},
	);

	test('each mode says what its secret needs in Oho', () => {
		const stepsOf = (mode: string) => visibleNotices({ authentication: mode })[1];

		expect(stepsOf('none')).toContain(
			'Anyone who finds the URL can start this workflow: choose Secret in URL',
		);
		expect(stepsOf('urlSecret')).toContain(
			"Copy the Test URL above, with ?secret= and the credential's secret added at its end (…/oho?secret=your-secret).",
		);
		expect(stepsOf('urlSecret')).toContain(
			'Replace the URL in Oho with the Production URL, with ?secret=',
		);
		expect(stepsOf('headerAuth')).toContain(
			"add a header with the credential's Header Name and Header Value",
		);
		expect(stepsOf('headerAuth')).toContain("Oho's documents mention no custom header");
		expect(stepsOf('basicAuth')).toContain('https://user:password@n8n.example.com/webhook/…');
		expect(new Set(MODES.map(stepsOf)).size).toBe(MODES.length);
	});

	test('Secret in URL is offered beside Header Auth and Basic Auth, with its own credential', () => {
		const authentication = description.properties.find(
			(property) => property.name === 'authentication',
		)!;

		expect(
			authentication.options!.map((option) => ('value' in option ? option.value : undefined)),
		).toEqual(['none', 'urlSecret', 'headerAuth', 'basicAuth']);
		expect(askedCredentials({ authentication: 'urlSecret' })).toEqual(['ohoWebhookUrlSecretApi']);
		expect(askedCredentials({ authentication: 'headerAuth' })).toEqual(['ohoWebhookHeaderAuthApi']);
		expect(askedCredentials({ authentication: 'none' })).toEqual([]);
	});

	test('the trigger panel says which URL goes into Oho first and when to publish', () => {
		const panel = description.triggerPanel as {
			executionsHelp: { inactive: string; active: string };
		};

		expect(panel.executionsHelp.inactive).toMatch(
			/paste the Test URL into Oho's settings.*click 'Execute step' \(on n8n 1.x: 'Listen for test event'\).*replace the URL in Oho with the Production URL and publish this workflow/,
		);
		expect(panel.executionsHelp.inactive).toContain(
			'Oho cannot reach a URL that starts with http://localhost',
		);
	});
});

describe('Oho Trigger: Secret in URL', () => {
	const SECRET = randomBytes(16).toString('hex');
	const urlSecret = { ohoWebhookUrlSecretApi: { secret: SECRET } };

	test('no secret is 401, a wrong one 403, the right one starts the workflow; the secret is in no answer and no item', async () => {
		const { url, executions } = await trigger(
			{ authentication: 'urlSecret', options: { includeRawPayload: true } },
			urlSecret,
		);

		const missing = await deliver(url, created());
		const wrong = await deliver(`${url}?secret=${'x'.repeat(32)}`, created());
		const inHeader = await deliver(url, created(), { secret: SECRET });
		const right = await deliver(`${url}?secret=${SECRET}&source=oho`, created());

		expect(missing).toEqual({
			status: 401,
			body: {
				message:
					'Authorization is missing: this Oho Trigger expects the secret in its URL (?secret=…).',
			},
		});
		expect(wrong).toEqual({
			status: 403,
			body: { message: "Authorization is wrong: the URL's secret does not match." },
		});
		expect(inHeader.status).toBe(401);
		expect(right).toEqual(STARTED);
		expect(executions).toHaveLength(1);
		expect(executions[0][0]).toMatchObject({
			event: 'created',
			user_id: 'U38e365dddca4292c9cb1d8cf012aac87',
		});
		expect(JSON.stringify([missing, wrong, inHeader, right, executions])).not.toContain(SECRET);
	});

	test('two secrets in one URL are refused, even when one of them is right', async () => {
		const { url, executions } = await trigger({ authentication: 'urlSecret' }, urlSecret);

		expect(await deliver(`${url}?secret=${SECRET}&secret=${SECRET}`, created())).toMatchObject({
			status: 403,
		});
		expect(executions).toHaveLength(0);
	});

	test('a secret shorter than 16 characters lets nothing in, the matching one neither', async () => {
		const { url, executions } = await trigger(
			{ authentication: 'urlSecret' },
			{ ohoWebhookUrlSecretApi: { secret: 'short-secret' } },
		);

		expect(await deliver(`${url}?secret=short-secret`, created())).toEqual({
			status: 401,
			body: {
				message:
					"Authorization cannot be checked: this Oho Trigger's credential has no usable secret (at least 16 characters). Open the credential and set one.",
			},
		});
		expect(executions).toHaveLength(0);
	});

	test('the credential test: 16 URL-safe characters pass; a short secret or one that a URL would change fails', async () => {
		const check = async (secret: string) =>
			await new OhoTrigger().methods.credentialTest.ohoWebhookSecret.call(
				{} as never,
				{ id: 'x', name: 'x', type: 'ohoWebhookUrlSecretApi', data: { secret } } as never,
			);

		expect(await check(SECRET)).toMatchObject({ status: 'OK' });
		expect(await check('short')).toEqual({
			status: 'Error',
			message: 'Cannot be used: the secret must have at least 16 characters to be hard to guess.',
		});
		expect((await check('a&b c+d#e'.repeat(2))).message).toBe(
			'Cannot be used: the secret may hold only letters, digits and - _ . ~, so that it reads the same in a URL.',
		);
	});
});

describe('Oho Trigger: publishing and listening check what the operator can fix', () => {
	const SECRET = randomBytes(16).toString('hex');

	test('a public https URL and a usable secret: published without a warning', async () => {
		await expect(
			activateTrigger(
				new OhoTrigger(),
				{ authentication: 'urlSecret' },
				{ ohoWebhookUrlSecretApi: { secret: SECRET } },
			),
		).resolves.toEqual({
			warnings: [],
		});
	});

	test.each([
		[
			'http://localhost:5678',
			'activate',
			'http://localhost:5678/webhook/',
			'names this computer or a private network',
		],
		[
			'http://192.168.1.20:5678',
			'manual',
			'http://192.168.1.20:5678/webhook-test/',
			'names this computer or a private network',
		],
		['https://n8n', 'activate', 'https://n8n/webhook/', 'names this computer or a private network'],
		[
			'http://n8n.example.com',
			'activate',
			'http://n8n.example.com/webhook/',
			'is plain http://, so a delivery and its secret would travel unencrypted',
		],
	] as const)(
		'%s (%s): n8n logs a warning that names the URL, why Oho cannot use it and WEBHOOK_URL',
		async (baseUrl, activation, shown, why) => {
			const { warnings } = await activateTrigger(
				new OhoTrigger(),
				{},
				{},
				{ webhookBaseUrl: baseUrl, activation },
			);

			expect(warnings).toHaveLength(1);
			expect(warnings[0]).toContain(
				`its webhook URL ${shown}a1b2c3d4-0000-4000-8000-000000000001/oho ${why}`,
			);
			expect(warnings[0]).toContain("Set n8n's WEBHOOK_URL to its public https address");
		},
	);

	test('a credential that would refuse every delivery stops publishing with what to fix, without its secret', async () => {
		const short = 'fifteen-chars!!';
		const publish = activateTrigger(
			new OhoTrigger(),
			{ authentication: 'headerAuth' },
			{ ohoWebhookHeaderAuthApi: { name: 'X-Oho-Webhook-Secret', secret: short } },
		);

		await expect(publish).rejects.toMatchObject({
			message:
				"The Oho Trigger's credential cannot be used: the header value must have at least 16 characters to be hard to guess",
			description:
				'Open the credential and fix it (secrets need at least 16 characters). Until then every delivery is refused (401).',
		});
		await expect(publish).rejects.not.toHaveProperty('message', expect.stringContaining(short));
	});

	test('listening for a test event stops on an Authentication the node does not know', async () => {
		await expect(
			activateTrigger(
				new OhoTrigger(),
				{ authentication: 'headerauth' },
				{},
				{ activation: 'manual' },
			),
		).rejects.toMatchObject({
			message: 'The Oho Trigger\'s Authentication "headerauth" is not one it knows',
			description:
				'Choose None, Secret in URL, Header Auth or Basic Auth. Until then every delivery is refused (401).',
		});
	});
});

import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	CREDENTIAL_OF_MODE,
	credentialProblems,
	isSecretMode,
	MIN_SECRET_LENGTH,
} from './secretCheck';

const MODE_NAMES = 'None, Secret in URL, Header Auth or Basic Auth';

/** IPv4 addresses no server on the internet can call: loopback, private networks, link-local, "this host". */
function isPrivateIpv4(host: string): boolean {
	const parts = host.split('.').map(Number);
	if (parts.length !== 4 || parts.some((part) => !Number.isInteger(part) || part < 0 || part > 255))
		return false;
	const [a, b] = parts;
	return (
		a === 0 ||
		a === 10 ||
		a === 127 ||
		(a === 169 && b === 254) ||
		(a === 172 && b >= 16 && b <= 31) ||
		(a === 192 && b === 168)
	);
}

/** IPv6 loopback, unique-local (fc00::/7) and link-local (fe80::/10) addresses. */
const isPrivateIpv6 = (host: string): boolean =>
	host === '::1' ||
	host === '::' ||
	/^f[cd][0-9a-f]{2}:/.test(host) ||
	/^fe[89ab][0-9a-f]:/.test(host);

/**
 * Why Oho's servers cannot use this webhook URL, or undefined when they can. A host without a dot (localhost, a
 * Docker service name) is resolved only inside n8n's own network.
 */
export function unreachableReason(url: string): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return 'is not a URL';
	}
	const host = parsed.hostname.toLowerCase().replace(/^\[|\]$/g, '');
	if (
		host === 'localhost' ||
		host.endsWith('.localhost') ||
		(!host.includes('.') && !host.includes(':')) ||
		isPrivateIpv4(host) ||
		isPrivateIpv6(host)
	) {
		return 'names this computer or a private network, which Oho’s servers on the internet cannot reach';
	}
	if (parsed.protocol === 'http:')
		return 'is plain http://, so a delivery and its secret would travel unencrypted';
	return undefined;
}

/**
 * Runs when the workflow is published and when the editor listens for a test event: a setting that would refuse
 * every delivery stops it here, where the operator sees the message, instead of answering Oho 401 unseen. A URL Oho
 * cannot reach is only logged: the editor shows the same warning above the URLs, and a local sender (a sandbox, a
 * test) can still use it.
 */
export async function checkConnection(ctx: IHookFunctions): Promise<void> {
	const node = ctx.getNode();
	const mode = ctx.getNodeParameter('authentication', 'none');
	if (mode !== 'none' && !isSecretMode(mode)) {
		throw new NodeOperationError(
			node,
			`The Oho Trigger's Authentication ${JSON.stringify(mode)} is not one it knows`,
			{
				description: `Choose ${MODE_NAMES}. Until then every delivery is refused (401).`,
			},
		);
	}
	if (isSecretMode(mode)) {
		const type = CREDENTIAL_OF_MODE[mode];
		const problems = credentialProblems(type, await ctx.getCredentials(type));
		if (problems.length > 0) {
			throw new NodeOperationError(
				node,
				`The Oho Trigger's credential cannot be used: ${problems.join('; ')}`,
				{
					description: `Open the credential and fix it (secrets need at least ${MIN_SECRET_LENGTH} characters). Until then every delivery is refused (401).`,
				},
			);
		}
	}
	const url = ctx.getNodeWebhookUrl('default');
	const reason = url === undefined ? undefined : unreachableReason(url);
	if (url !== undefined && reason !== undefined) {
		ctx.logger.warn(
			`Oho Trigger "${node.name}": its webhook URL ${url} ${reason}. Set n8n's WEBHOOK_URL to its public https address so that Oho can deliver.`,
		);
	}
}

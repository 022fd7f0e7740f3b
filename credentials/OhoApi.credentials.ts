import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { accountCredentialProperties } from '../nodes/common/oho/account';
import { UNREACHABLE_HOST_HINT } from '../nodes/common/transport/errors';

/**
 * Oho's partner API authenticates every call with the `x-oho-api-key` header.
 * The test GETs a contact that cannot exist, on the LINE Bot User ID when one is configured: an accepted key
 * answers 404 `Not found contact`, a refused key 401, and a key of another business than the account's 403
 * `Invalid partner for this API key` (the contract). The 404 must count as success, so status errors are read
 * from the envelope instead of failing the request.
 */
export class OhoApi implements ICredentialType {
	name = 'ohoApi';

	displayName = 'Oho API';

	icon: Icon = { light: 'file:../icons/oho.svg', dark: 'file:../icons/oho.dark.svg' };

	documentationUrl =
		'https://github.com/oho-gofive/n8n-nodes-oho-gofive/blob/main/docs/oho-api-credential.md';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The partner API key Oho Chat issued to you (sent as the x-oho-api-key header)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.developer.oho.chat',
			required: true,
			description:
				'Oho partner API address. Change it only for a staging host or the local sandbox (npm run sandbox).',
			hint: UNREACHABLE_HOST_HINT,
		},
		...accountCredentialProperties,
	];

	// A function rather than a generic `={{$credentials.apiKey}}` header: n8n would evaluate that expression on
	// every request, which the benchmark's profile showed at ~11% of the node's CPU.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, 'x-oho-api-key': String(credentials.apiKey ?? '') },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			// The configured OA, so a key of another business fails (403); without one, an OA ID no business has.
			url: '=/contact/line/{{ encodeURIComponent(String($credentials.lineBotUserId || "").trim() || "n8n-credential-test") }}/user/n8n-credential-test',
			method: 'GET',
			// docs/api/oho.md § "Base URL and authentication": every call sends it.
			headers: { 'Content-Type': 'application/json' },
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'ok',
					value: undefined,
					message:
						'The Base URL did not answer like the Oho partner API. Check the Base URL (default https://api.developer.oho.chat).',
				},
			},
			{
				// Oho's answer for a route it does not have: the Base URL has a wrong path (the contact test answers "Not found contact").
				type: 'responseSuccessBody',
				properties: {
					key: 'message',
					value: 'Not found',
					message:
						'The Base URL reaches an Oho server but not its partner API. Remove any path after the host (default https://api.developer.oho.chat).',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status_code',
					value: 401,
					message: 'Oho refused this API key (401). Check the key Oho Chat issued to you.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status_code',
					value: 403,
					message:
						"Oho refused this API key for this business (403 Invalid partner for this API key). Check that the key belongs to your business, and that the LINE Bot User ID is your LINE OA's (the OA connected to this business in Oho).",
				},
			},
			...[429, 500, 502, 503, 504].map((statusCode) => ({
				type: 'responseSuccessBody' as const,
				properties: {
					key: 'status_code',
					value: statusCode,
					message: `Oho could not check the key right now (HTTP ${statusCode}). Try again in a minute.`,
				},
			})),
		],
	};
}

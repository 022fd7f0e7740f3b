import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import {
	accessTokenExpiry,
	fetchToken,
	subscriptionKeyHeader,
} from '../nodes/common/gofive/tokenClient';
import { UNREACHABLE_HOST_HINT } from '../nodes/common/transport/errors';
import { NEVER_SENT } from '../nodes/common/transport/responses';

const clientCredentialsOnly = { show: { authentication: ['clientCredentials'] } };

/** `2026-11-30 14:00 UTC`: the instant an operator compares with what Gofive's dashboard shows. */
function utcMinute(instant: Date): string {
	return `${instant.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A JWT access token past its `exp` is refused before it is sent: Gofive would answer 401 without saying why. */
function refuseExpiredAccessToken(credentials: ICredentialDataDecryptedObject): void {
	const expiry = accessTokenExpiry(String(credentials.accessToken ?? ''));
	if (expiry && expiry.getTime() <= Date.now()) {
		throw new UserError(
			`The Gofive access token expired on ${utcMinute(expiry)}. Paste a new token into the Gofive API credential, or switch its Authentication to Client Credentials so n8n fetches tokens itself.`,
		);
	}
}

/**
 * Gofive (Venio CRM) uses bearer tokens. With Client Credentials, n8n calls `preAuthentication` only when the
 * hidden, expirable `sessionToken` is empty or a request answered 401; n8n stores the token it returns, so one
 * token serves every request and execution until Gofive says it has expired. With an access token, n8n calls it
 * before every request (nothing is stored); it only refuses a JWT past its expiry.
 */
export class GofiveApi implements ICredentialType {
	name = 'gofiveApi';

	displayName = 'Gofive API';

	icon: Icon = { light: 'file:../icons/gofive.svg', dark: 'file:../icons/gofive.dark.svg' };

	documentationUrl =
		'https://github.com/oho-gofive/n8n-nodes-oho-gofive/blob/main/docs/nodes-chat.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'Access Token',
					value: 'accessToken',
					description: 'Paste a bearer token Gofive gave you',
				},
				{
					name: 'Client Credentials',
					value: 'clientCredentials',
					description:
						'n8n fetches a token with your client ID and secret, reuses it and fetches a new one when it expires',
				},
			],
			default: 'accessToken',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Sent as "Authorization: Bearer <token>" on every request',
			displayOptions: { show: { authentication: ['accessToken'] } },
		},
		{
			displayName:
				'Testing this credential sends no message: it sends the chat API an empty request, which Gofive refuses as incomplete (400) once it has accepted the token, and refuses with 401 when it does not accept the token. A JWT past its expiry date fails before anything is sent.',
			name: 'whatTheTestChecks',
			type: 'notice',
			default: '',
			displayOptions: { show: { authentication: ['accessToken'] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The client ID of your Gofive API application',
			displayOptions: clientCredentialsOnly,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The client secret of your Gofive API application',
			displayOptions: clientCredentialsOnly,
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: 'https://api.gofive.co.th/authorization/connect/token',
			required: true,
			description: 'Where n8n asks for a token (OAuth 2 client-credentials grant, form-encoded)',
			displayOptions: clientCredentialsOnly,
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		// The rule takes this for a plain identifier; it is Gofive's API-gateway (Ocp-Apim) subscription key, which by
		// itself grants calls on the account's APIs: a secret, so it stays masked in the editor.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Subscription Key',
			name: 'subscriptionKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Sent as the Ocp-Apim-Subscription-Key header (also to the token URL) when set. Required by the Gofive Customer node (Venio’s Customer API asks for it on every request); optional for Gofive Chat.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.gofive.co.th',
			required: true,
			description:
				'Gofive API address. Change it only for a staging host or the local sandbox (npm run sandbox).',
			hint: UNREACHABLE_HOST_HINT,
		},
		{
			displayName: 'Default Company ID',
			name: 'companyId',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			default: 0,
			description:
				'Optional. Your Gofive company ID, used by the Gofive Chat node when its own Company ID is left empty',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (credentials.authentication !== 'clientCredentials') {
			refuseExpiredAccessToken(credentials);
			return {};
		}
		const outcome = await fetchToken(this, credentials);
		if ('token' in outcome) return { sessionToken: outcome.token };
		const { status, headers } = outcome.retryLater ?? {};
		// Shaped like an HTTP client error (status, headers with Retry-After), so the node's transport retries a
		// busy token endpoint as it retries the API; the body it would report is this message, marked as the answer
		// of a request that never reached the API (so a message is resent after it).
		throw Object.assign(
			new UserError(outcome.failure),
			status === undefined
				? {}
				: { response: { status, headers, data: { message: outcome.failure, [NEVER_SENT]: true } } },
		);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token =
			credentials.authentication === 'clientCredentials'
				? credentials.sessionToken
				: credentials.accessToken;
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				Authorization: `Bearer ${String(token ?? '')}`,
				...subscriptionKeyHeader(credentials),
			},
		};
	}

	/**
	 * Never sends a message, and checks the token. Client Credentials fetch a token first (preAuthentication), so a
	 * wrong ID, secret, Token URL or subscription key fails there; an access token that is a JWT past its expiry fails
	 * before anything is sent. Then an empty POST to the chat API (n8n drops the empty body): the contract documents
	 * 401 for a token Gofive does not accept and 400 for a body without its required fields (roomId, content, type,
	 * platform, companyId), and the token is checked before the body is read, so a 400 proves the token without
	 * sending anything. 404 or 405 mean the Base URL is not Gofive's API (it documents POST on that path).
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/v1/chat/message',
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			ignoreHttpStatusErrors: {
				ignore: true,
				except: [401, 403, 404, 405, 429, 500, 502, 503, 504],
			},
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Gofive did not accept these credentials (401). Check the access token, or the client ID and secret, and the subscription key.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Gofive refused access (403). Check the subscription key and the token’s permissions.',
				},
			},
			...[404, 405].map((statusCode) => ({
				type: 'responseCode' as const,
				properties: {
					value: statusCode,
					message: `The Base URL did not answer like the Gofive API (HTTP ${statusCode} for POST /v1/chat/message). Check the Base URL (default https://api.gofive.co.th), without a path after the host.`,
				},
			})),
		],
	};
}

import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/** Gofive's API gateway wants the subscription key only when the account has one; never send it empty. */
function subscriptionKeyHeader(credentials: ICredentialDataDecryptedObject): Record<string, string> {
	const key = credentials.subscriptionKey as string | undefined;
	return key ? { 'Ocp-Apim-Subscription-Key': key } : {};
}

const clientCredentialsOnly = { show: { authentication: ['clientCredentials'] } };

/**
 * Gofive (Venio CRM) uses bearer tokens. With Client Credentials, n8n calls `preAuthentication`
 * only when the hidden, expirable `sessionToken` is empty or a request answered 401, so one token
 * serves every request until it expires.
 */
export class GofiveApi implements ICredentialType {
	name = 'gofiveApi';

	displayName = 'Gofive API';

	icon: Icon = { light: 'file:../icons/gofive.svg', dark: 'file:../icons/gofive.dark.svg' };

	documentationUrl = 'https://github.com/oho-gofive/n8n-nodes-oho-gofive#gofive-api-credential';

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
					description: 'n8n fetches a token with your client ID and secret and renews it when it expires',
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
			displayOptions: { show: { authentication: ['accessToken'] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: clientCredentialsOnly,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: clientCredentialsOnly,
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: 'https://api.gofive.co.th/authorization/connect/token',
			displayOptions: clientCredentialsOnly,
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Subscription Key',
			name: 'subscriptionKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. Sent as the Ocp-Apim-Subscription-Key header when set (Gofive asks for it on most of its APIs).',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.gofive.co.th',
			required: true,
			description: 'Gofive API address. Change it only for a staging host or the local sandbox (npm run sandbox).',
		},
		{
			displayName: 'Default Company ID',
			name: 'companyId',
			type: 'number',
			default: 0,
			description:
				'Optional. Your Gofive company ID, used by the Gofive Chat node when its own Company ID is left at 0',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (credentials.authentication !== 'clientCredentials') {
			return {};
		}
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: credentials.tokenUrl as string,
			headers: { ...subscriptionKeyHeader(credentials), 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_id: credentials.clientId as string,
				client_secret: credentials.clientSecret as string,
			}).toString(),
			json: true,
		})) as { access_token?: string };
		return { sessionToken: response.access_token ?? '' };
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
				Authorization: `Bearer ${token as string}`,
				...subscriptionKeyHeader(credentials),
			},
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/v1/chat/message',
			method: 'POST',
			body: {},
			// An accepted token gets a validation answer (400) for the empty message; only 401/403 fail.
			ignoreHttpStatusErrors: { ignore: true, except: [401, 403] },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Gofive refused these credentials (401). Check the token, or the client ID and secret.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'Gofive refused access (403). Check the subscription key and the token’s permissions.',
				},
			},
		],
	};
}

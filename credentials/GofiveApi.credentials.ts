import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

/** Gofive's API gateway wants the subscription key only when the account has one; never send it empty. */
function subscriptionKeyHeader(credentials: ICredentialDataDecryptedObject): Record<string, string> {
	const key = credentials.subscriptionKey as string | undefined;
	return key ? { 'Ocp-Apim-Subscription-Key': key } : {};
}

const clientCredentialsOnly = { show: { authentication: ['clientCredentials'] } };

/** Token endpoint answers that say it did not act and may answer differently soon: the node's transport retries these. */
const RETRY_LATER_STATUSES = [429, 503];

/**
 * How long the token endpoint may take (the nodes' default Timeout). Without a limit a token endpoint that never
 * answers held the item forever, and every later item of the same client too: they wait for the same pending request.
 */
const TOKEN_TIMEOUT_MS = 30_000;

interface TokenResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body?: unknown;
}

function bodyObject(body: unknown): IDataObject {
	if (typeof body === 'object' && body !== null) return body as IDataObject;
	if (typeof body === 'string') {
		try {
			const parsed: unknown = JSON.parse(body);
			if (typeof parsed === 'object' && parsed !== null) return parsed as IDataObject;
		} catch {
			// not JSON: described by its status alone
		}
	}
	return {};
}

/** OAuth's `error` and `error_description` (RFC 6749 5.2), or whatever message the answer carries. */
function describeTokenFailure(answer: IDataObject): string {
	const parts = [answer.error, answer.error_description ?? answer.message].filter(
		(part) => typeof part === 'string' && part !== '',
	);
	return parts.length ? ` ${parts.join(': ')}` : '';
}

/** Asks the token endpoint for a client-credentials token; the error names the cause, never the secret. */
async function fetchToken(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<string> {
	const tokenUrl = String(credentials.tokenUrl ?? '');
	let response: TokenResponse;
	try {
		response = (await helper.helpers.httpRequest({
			method: 'POST',
			url: tokenUrl,
			headers: {
				...subscriptionKeyHeader(credentials),
				'Content-Type': 'application/x-www-form-urlencoded',
				Accept: 'application/json',
			},
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_id: String(credentials.clientId ?? ''),
				client_secret: String(credentials.clientSecret ?? ''),
			}).toString(),
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			json: true,
			timeout: TOKEN_TIMEOUT_MS,
		})) as TokenResponse;
	} catch (error) {
		const code = (error as { code?: unknown; cause?: { code?: unknown } }).code ?? (error as { cause?: { code?: unknown } }).cause?.code;
		if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
			throw new UserError(
				`Gofive's token endpoint did not answer within ${TOKEN_TIMEOUT_MS / 1000} seconds. Try again later, or check the Token URL in the Gofive API credential.`,
			);
		}
		throw error;
	}

	const answer = bodyObject(response.body);
	const status = response.statusCode;
	if (status >= 200 && status < 300 && typeof answer.access_token === 'string' && answer.access_token !== '') {
		return answer.access_token;
	}
	const detail = `HTTP ${status}${describeTokenFailure(answer)}`;
	const unavailable = `Gofive's token endpoint is unavailable (${detail}). Try again later.`;
	if (RETRY_LATER_STATUSES.includes(status)) {
		// Shaped like an HTTP client error (status, headers with Retry-After), so the node's transport retries it
		// as it retries the API; the body it would report is this message.
		throw Object.assign(new UserError(unavailable), {
			response: { status, headers: response.headers ?? {}, data: { message: unavailable } },
		});
	}
	if (status >= 500) throw new UserError(unavailable);
	if (status >= 200 && status < 300) {
		throw new UserError(
			`Gofive's token endpoint answered without an access_token (${detail}). Check the Token URL in the Gofive API credential.`,
		);
	}
	throw new UserError(
		`Gofive refused the client credentials (${detail}). Check the Client ID, Client Secret, Token URL and Subscription Key in the Gofive API credential.`,
	);
}

/**
 * Token requests in flight, by client. Parallel items that all find no (or an expired) token wait for one
 * request instead of each fetching its own. Only the pending promise is kept, never the token.
 */
const tokenRequests = new Map<string, Promise<string>>();

/**
 * Gofive (Venio CRM) uses bearer tokens. With Client Credentials, n8n calls `preAuthentication` only when the
 * hidden, expirable `sessionToken` is empty or a request answered 401; n8n stores the token it returns, so one
 * token serves every request and execution until Gofive says it has expired.
 */
export class GofiveApi implements ICredentialType {
	name = 'gofiveApi';

	displayName = 'Gofive API';

	icon: Icon = { light: 'file:../icons/gofive.svg', dark: 'file:../icons/gofive.dark.svg' };

	documentationUrl =
		'https://github.com/oho-gofive/n8n-nodes-oho-gofive/blob/main/docs/nodes-chat.md#gofive-api-credential';

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
					description: 'n8n fetches a token with your client ID and secret, reuses it and fetches a new one when it expires',
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
				'Optional. Sent as the Ocp-Apim-Subscription-Key header (also to the token URL) when set; Gofive asks for it on most of its APIs.',
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
			typeOptions: { minValue: 0, numberPrecision: 0 },
			default: 0,
			description:
				'Optional. Your Gofive company ID, used by the Gofive Chat node when its own Company ID is left at 0',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (credentials.authentication !== 'clientCredentials') {
			return {};
		}
		const client = JSON.stringify([
			credentials.tokenUrl,
			credentials.clientId,
			credentials.clientSecret,
			credentials.subscriptionKey,
		]);
		let pending = tokenRequests.get(client);
		if (!pending) {
			pending = fetchToken(this, credentials).finally(() => tokenRequests.delete(client));
			tokenRequests.set(client, pending);
		}
		return { sessionToken: await pending };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token =
			credentials.authentication === 'clientCredentials' ? credentials.sessionToken : credentials.accessToken;
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
	 * Posts an empty message: accepted credentials get Gofive's validation answer (400), which passes; refused
	 * ones get 401/403. Client credentials fetch a token first, so a wrong ID or secret fails there. A wrong
	 * Base URL (404, 405) and an unavailable API (429, 5xx) fail too instead of passing as "ignored".
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/v1/chat/message',
			method: 'POST',
			body: {},
			ignoreHttpStatusErrors: { ignore: true, except: [401, 403, 404, 405, 429, 500, 502, 503, 504] },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Gofive refused these credentials (401). Check the access token, or the client ID and secret, and the subscription key.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'Gofive refused access (403). Check the subscription key and the token’s permissions.',
				},
			},
			...[404, 405].map((value) => ({
				type: 'responseCode' as const,
				properties: {
					value,
					message: `The Base URL did not answer like the Gofive API (HTTP ${value}). Check the Base URL (default https://api.gofive.co.th).`,
				},
			})),
		],
	};
}

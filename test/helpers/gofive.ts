/** Gofive API credentials pointing at the sandbox, Send Message run on it, and the Gofive requests that reached it. */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { GofiveChat } from '../../nodes/GofiveChat/GofiveChat.node';
import type { RecordedRequest, Sandbox } from '../../sandbox';
import { DEMO } from '../../sandbox';
import type { CredentialStore, OnError, RunNodeResult } from './n8n';
import { runNode } from './n8n';

/** The demo access token (the sandbox logs it as `Bearer gofi***`). */
export function accessToken(sb: Sandbox, extra: IDataObject = {}): ICredentialDataDecryptedObject {
	return {
		authentication: 'accessToken',
		accessToken: DEMO.gofiveAccessToken,
		baseUrl: sb.url,
		...extra,
	};
}

/** The demo client; tokens it gets are logged as `Bearer gft_***`. */
export function clientCredentials(
	sb: Sandbox,
	extra: IDataObject = {},
): ICredentialDataDecryptedObject {
	return {
		authentication: 'clientCredentials',
		clientId: DEMO.gofiveClientId,
		clientSecret: DEMO.gofiveClientSecret,
		tokenUrl: `${sb.url}/authorization/connect/token`,
		baseUrl: sb.url,
		...extra,
	};
}

/** Requests to the Gofive API (not the token endpoint), oldest first. */
export const messageRequests = (sb: Sandbox): RecordedRequest[] => sb.requests({ api: 'gofive' });

/** Requests to the token endpoint, oldest first. */
export const tokenRequests = (sb: Sandbox): RecordedRequest[] =>
	sb.requests({ api: 'gofive-token' });

export const statuses = (requests: RecordedRequest[]): Array<number | null> =>
	requests.map((request) => request.status);

export interface SendMessageRun {
	items?: IDataObject[];
	onError?: OnError;
	/** The demo access token unless given. */
	credential?: ICredentialDataDecryptedObject;
	/** Where the credential's refreshed token is kept between runs. */
	store?: CredentialStore;
}

/** Runs Gofive Chat's Send Message once, inside WorkflowExecute, with the given parameters. */
export async function runSendMessage(
	sb: Sandbox,
	parameters: IDataObject,
	run: SendMessageRun = {},
): Promise<RunNodeResult> {
	return await runNode(
		{
			node: new GofiveChat(),
			parameters: {
				resource: 'message',
				operation: 'sendMessage',
				...parameters,
			} as INodeParameters,
			credentials: { gofiveApi: run.credential ?? accessToken(sb) },
			items: run.items,
			onError: run.onError,
		},
		run.store,
	);
}

import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IExecuteFunctions,
} from 'n8n-workflow';

import type { ApiDialect } from './types';

/** A node run's credential of one API, read and decrypted once. */
export interface RunCredential {
	data: ICredentialDataDecryptedObject;
	/**
	 * The same data, as n8n's request helper takes it (`credentialsDecrypted`): every request of the run uses it
	 * instead of reading and decrypting the credential again. A token n8n fetches (preAuthentication) is written
	 * into it, so the requests after it carry the new token.
	 */
	decrypted: ICredentialsDecrypted;
	/** The API address, without a trailing slash. */
	baseUrl: string;
	/**
	 * The statuses after which n8n refreshes the credential and resends (its preAuthentication retry). n8n resends once
	 * after any 401 unless told otherwise (n8n 2.x); a key or a pasted token cannot change, so for those a 401 is
	 * answered once, and a client-credentials token is fetched anew. n8n 1.x ignores this and still resends once.
	 */
	retryAfterRefresh: number[];
}

/** Reads and decrypts the node's credential of one API, once per run (route() keeps it in the run's state). */
export async function readRunCredential(
	ctx: IExecuteFunctions,
	dialect: ApiDialect,
): Promise<RunCredential> {
	const reference = ctx.getNode().credentials?.[dialect.credentialType];
	const data = await ctx.getCredentials(dialect.credentialType);
	return {
		data,
		decrypted: {
			id: reference?.id ?? '',
			name: reference?.name ?? dialect.credentialType,
			type: dialect.credentialType,
			data,
		},
		baseUrl: String(data.baseUrl ?? '').replace(/\/+$/, ''),
		retryAfterRefresh: dialect.canRefresh(data) ? [401] : [],
	};
}

import type { ICredentialDataDecryptedObject, ICredentialsDecrypted, IExecuteFunctions } from 'n8n-workflow';

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

/** Per node run, per API (credential type). */
const perRun = new WeakMap<IExecuteFunctions, Map<string, Promise<RunCredential>>>();

export async function runCredential(ctx: IExecuteFunctions, dialect: ApiDialect): Promise<RunCredential> {
	let byApi = perRun.get(ctx);
	if (!byApi) {
		byApi = new Map();
		perRun.set(ctx, byApi);
	}
	let credential = byApi.get(dialect.credentialType);
	if (!credential) {
		const reference = ctx.getNode().credentials?.[dialect.credentialType];
		credential = ctx.getCredentials(dialect.credentialType).then((data) => ({
			data,
			decrypted: { id: reference?.id ?? '', name: reference?.name ?? dialect.credentialType, type: dialect.credentialType, data },
			baseUrl: String(data.baseUrl ?? '').replace(/\/+$/, ''),
			retryAfterRefresh: dialect.canRefresh(data) ? [401] : [],
		}));
		byApi.set(dialect.credentialType, credential);
	}
	return await credential;
}

import type { IExecuteFunctions } from 'n8n-workflow';

import type { ApiDialect } from './types';

/** Per node run: the statuses after which n8n refreshes the credential and resends (its preAuthentication retry). */
const refreshStatuses = new WeakMap<IExecuteFunctions, Promise<number[]>>();

/**
 * n8n resends once after any 401 (n8n 2.x lets the request say after which statuses). A key or a pasted token cannot
 * change, so for those a 401 is answered once; a client-credentials token is fetched anew. n8n 1.x ignores this
 * option and still resends once.
 */
export async function retryAfterRefresh(ctx: IExecuteFunctions, dialect: ApiDialect): Promise<number[]> {
	let statuses = refreshStatuses.get(ctx);
	if (!statuses) {
		statuses = ctx.getCredentials(dialect.credentialType).then((credentials) => (dialect.canRefresh(credentials) ? [401] : []));
		refreshStatuses.set(ctx, statuses);
	}
	return await statuses;
}

/** The API address from the node's credential of this dialect, read once per execution. */
export async function credentialBaseUrl(ctx: IExecuteFunctions, dialect: ApiDialect): Promise<string> {
	const credentials = await ctx.getCredentials(dialect.credentialType);
	return String(credentials.baseUrl ?? '').replace(/\/+$/, '');
}

/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * Requests to the sandbox as an API client sends them, for the sandbox's own tests (sandbox/test/): valid bodies,
 * paths and headers of the contract, and the envelope it answers with.
 */
import type { AxiosInstance, AxiosRequestConfig, AxiosResponse } from 'axios';
import { DEMO } from '../../sandbox';

export { DEMO };

export const LINE = DEMO.line;
export const FB = DEMO.facebook;

let counter = 0;
/** A fresh LINE user id (U + 32 hex) so tests never collide with the seed. */
export function freshUserId(): string {
	counter++;
	return `U${counter.toString(16).padStart(32, 'f')}`;
}

/** A valid create body (docs/api/oho.md § "Create contact") for the seeded LINE OA; `overrides` merged on top (undefined removes a field). */
export function validContact(
	overrides: Record<string, unknown> = {},
	social: Record<string, unknown> = {},
): Record<string, unknown> {
	return {
		social_profile: {
			platform: 'line',
			id: freshUserId(),
			platform_id: LINE.platformId,
			platform_name: LINE.platformName,
			line_basic_id: LINE.lineBasicId,
			...social,
		},
		profile_picture_url: 'https://profile.line-scdn.net/0h6si80NdTaVxUQX3tDp4WC2g',
		platform_display_name: 'Somsak',
		display_name: 'Somsak (VIP)',
		first_name: 'Somsak',
		...overrides,
	};
}

export function contactPath(platform: string, platformId: string, userId: string): string {
	return `/contact/${platform}/${encodeURIComponent(platformId)}/user/${encodeURIComponent(userId)}`;
}

export function chatPath(
	platform: string,
	platformId: string,
	userId: string,
	action: 'request-agent' | 'close-chat',
): string {
	return `/chat/${platform}/${encodeURIComponent(platformId)}/user/${encodeURIComponent(userId)}/${action}`;
}

export function ohoHeaders(key: string | null = DEMO.ohoApiKey): Record<string, string> {
	return key === null ? {} : { 'x-oho-api-key': key };
}

/** An Oho call with the demo key unless `key` is given (null = no key header). */
export function oho(
	http: AxiosInstance,
	method: string,
	url: string,
	data?: unknown,
	key: string | null = DEMO.ohoApiKey,
	config: AxiosRequestConfig = {},
): Promise<AxiosResponse> {
	return http.request({ method, url, data, headers: ohoHeaders(key), ...config });
}

export function validMessage(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		roomId: DEMO.gofiveRoomId,
		content: 'Hello, world',
		type: 'message',
		platform: 'line',
		companyId: DEMO.gofiveCompanyId,
		...overrides,
	};
}

/** null token = no Authorization header. */
export function sendMessage(
	http: AxiosInstance,
	data: unknown,
	token: string | null = DEMO.gofiveAccessToken,
	headers: Record<string, string> = {},
): Promise<AxiosResponse> {
	return http.post('/v1/chat/message', data, {
		headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...headers },
	});
}

export function tokenForm(fields: Record<string, string> = {}): string {
	return new URLSearchParams({
		grant_type: 'client_credentials',
		client_id: DEMO.gofiveClientId,
		client_secret: DEMO.gofiveClientSecret,
		...fields,
	}).toString();
}

export function requestToken(
	http: AxiosInstance,
	form: string = tokenForm(),
	headers: Record<string, string> = {},
): Promise<AxiosResponse> {
	return http.post('/authorization/connect/token', form, {
		headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
	});
}

/** The Oho envelope, exactly. */
export function envelope(status: number, message: string): Record<string, unknown> {
	return { ok: status >= 200 && status < 300, status_code: status, message };
}

export function expectEnvelope(res: AxiosResponse, status: number, message: string): void {
	expect({ status: res.status, body: res.data }).toEqual({
		status,
		body: envelope(status, message),
	});
}

/** Sends a string body as is (axios would JSON-encode a string that is not valid JSON). */
export const RAW: AxiosRequestConfig = { transformRequest: [(data: unknown) => data] };

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

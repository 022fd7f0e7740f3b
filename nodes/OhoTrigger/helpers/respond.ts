import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

export interface Refusal {
	status: number;
	message: string;
	headers?: Record<string, string>;
}

/**
 * Answers the delivery itself and starts nothing. Written on the plain Node response (status, headers, body), which
 * every n8n version hands a webhook; n8n sends nothing more after `noWebhookResponse`.
 */
export function refuse(ctx: IWebhookFunctions, refusal: Refusal): IWebhookResponseData {
	const res = ctx.getResponseObject();
	res.writeHead(refusal.status, {
		'content-type': 'application/json; charset=utf-8',
		...refusal.headers,
	});
	res.end(JSON.stringify({ message: refusal.message }));
	return { noWebhookResponse: true };
}

/** Answers 200 (the delivery was received and understood) without starting the workflow, and says why. */
export function notStarted(reason: string): IWebhookResponseData {
	return { webhookResponse: { message: `Received; no workflow started: ${reason}` } };
}

import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { authenticate } from './helpers/authentication';
import { readDelivery, type TriggerEvent } from './helpers/delivery';
import { filteredOut } from './helpers/filters';
import { outputItem } from './helpers/output';
import { isRepeat } from './helpers/repeats';
import { notStarted, refuse } from './helpers/respond';

/**
 * The life of one delivery: who sent it, whether it is one of Oho's, whether this trigger wants it, whether it
 * was just seen, then one item. Everything before the item is answered at once and starts no execution; with the
 * item, n8n answers 200 before the workflow runs (response mode "on received").
 */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const refusal = await authenticate(this, this.getNodeParameter('authentication', 'none'));
	if (refusal) return refuse(this, refusal);

	const options = this.getNodeParameter('options', {}) as IDataObject;
	const reading = readDelivery(this);
	if ('problem' in reading) {
		// An oversize body (413) is refused either way: ignoring it would still have read it.
		const ignore = options.invalidDeliveries === 'ignore' && reading.problem.status === 400;
		return ignore
			? notStarted(`not an Oho delivery. ${reading.problem.message}`)
			: refuse(this, reading.problem);
	}
	const { delivery } = reading;

	const skip = filteredOut(delivery, {
		events: this.getNodeParameter('events', []) as TriggerEvent[],
		changedFields: this.getNodeParameter('changedFields', []) as string[],
		platforms: this.getNodeParameter('platforms', []) as string[],
	});
	if (skip) return notStarted(skip);

	const windowSeconds = Number(options.repeatWindowSeconds ?? 0);
	// The test URL and the production URL remember apart: a test delivery must not swallow a real one.
	if (
		windowSeconds > 0 &&
		isRepeat(
			`${this.getWorkflow().id}\n${this.getNode().id}\n${this.getMode()}`,
			delivery,
			windowSeconds,
		)
	) {
		return notStarted(`the same delivery arrived within the last ${windowSeconds} seconds.`);
	}

	return {
		workflowData: [
			[{ json: outputItem(delivery, options.includeRawPayload === true, this.getTimezone()) }],
		],
	};
}

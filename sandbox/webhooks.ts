/**
 * Oho's customer-profile webhook, as the sandbox sends it (docs/api/oho.md § "Customer-profile webhook"): after a
 * contact is created or updated through the API, a JSON POST to the one registered URL with `event_code`, the
 * contact as Oho stores it and, for updates, `updated_field`. Oho documents no registration API (a person enters the
 * URL in Oho), so registering is a sandbox-only call: `PUT /__sandbox/webhooks` or `sandbox.registerWebhook()`.
 *
 * Knobs (`webhookDelivery`): extra duplicate copies, a delay, a body cut in half, wrong header values (and wrong
 * values in the URL's query string, where a receiver may keep its secret).
 */
import { maskSecret } from './log';
import { storedForm } from './storedForm';
import type { Store } from './store';
import type { Contact, Knobs, WebhookDeliveryRecord, WebhookRegistration } from './types';

/** What the write API calls a field → what Oho's stored contact (and `updated_field`) calls it. */
const STORED_FIELD: Record<string, string> = { tags: 'contact_tags', labels: 'chat_tags' };

const DELIVERY_TIMEOUT_MS = 30_000;

/** Deliveries remembered for inspection; older ones are dropped. */
const MAX_RECORDS = 10_000;

/** A header value the receiver must refuse, in the same form (a Basic Auth header stays Basic Auth). */
function wrongValue(value: string): string {
	const scheme = /^(\w+)\s/.exec(value)?.[1];
	if (scheme?.toLowerCase() === 'basic')
		return `Basic ${Buffer.from('wrong:wrong').toString('base64')}`;
	return `wrong-${maskSecret(value)}`;
}

/** The URL with each query value replaced: a sender without the secret does not know the URL's either. */
function withWrongQuery(url: string): string {
	const parsed = new URL(url);
	for (const [name, value] of [...parsed.searchParams])
		parsed.searchParams.set(name, `wrong-${maskSecret(value)}`);
	return parsed.toString();
}

/** The URL as the delivery records show it: a query value may be the receiver's secret. */
function maskedUrl(url: string): string {
	const parsed = new URL(url);
	for (const [name, value] of [...parsed.searchParams])
		parsed.searchParams.set(name, maskSecret(value));
	return parsed.search ? parsed.toString() : url;
}

export class WebhookSender {
	private registration: WebhookRegistration | null = null;
	private records: WebhookDeliveryRecord[] = [];
	private seq = 0;
	/** Deliveries go out one after another, in the order the API calls happened. */
	private queue: Promise<void> = Promise.resolve();

	/** Raised by reset(): deliveries scheduled before it are dropped. */
	private generation = 0;

	constructor(
		private readonly store: Store,
		private readonly knobs: () => Readonly<Knobs>,
		private readonly sleep: (ms: number) => Promise<void>,
	) {}

	register(registration: WebhookRegistration | null): void {
		if (registration !== null) new URL(registration.url);
		this.registration = registration && {
			url: registration.url,
			headers: { ...registration.headers },
		};
	}

	current(): WebhookRegistration | null {
		return (
			this.registration && { url: this.registration.url, headers: { ...this.registration.headers } }
		);
	}

	deliveries(): WebhookDeliveryRecord[] {
		return JSON.parse(JSON.stringify(this.records)) as WebhookDeliveryRecord[];
	}

	async settle(): Promise<void> {
		let seen: Promise<void>;
		do {
			seen = this.queue;
			await seen;
		} while (seen !== this.queue);
	}

	reset(): void {
		this.registration = null;
		this.records = [];
		this.generation++;
	}

	contactCreated(contact: Contact): void {
		this.schedule({ event_code: 'contact created', contact: this.webhookContact(contact) });
	}

	/** After an update: the fields whose stored value changed; nothing is sent when none did. */
	contactUpdated(before: Contact, after: Contact, written: string[]): void {
		const old = storedForm(before);
		const now = storedForm(after);
		const changed = written
			.map((field) => STORED_FIELD[field] ?? field)
			.filter((field) => JSON.stringify(old[field]) !== JSON.stringify(now[field]));
		if (changed.length === 0) return;
		this.schedule({
			event_code: 'contact updated',
			contact: this.webhookContact(after),
			updated_field: changed,
		});
	}

	/** The stored form; a LINE OA is named by its channel ID where the sandbox knows one (the webhook's wording). */
	private webhookContact(contact: Contact): Record<string, unknown> {
		const stored = storedForm(contact);
		const profile = contact.social_profile;
		const channelId = this.store.channelIdOf(profile.platform, profile.platform_id);
		return channelId
			? { ...stored, social_profile: { ...profile, platform_id: channelId } }
			: stored;
	}

	private schedule(payload: Record<string, unknown>): void {
		const registration = this.current();
		if (!registration) return;
		const knobs = { ...this.knobs().webhookDelivery };
		const copies = [false, ...Array.from({ length: knobs.duplicates }, () => true)];
		const generation = this.generation;
		this.queue = this.queue.then(async () => {
			if (knobs.delayMs > 0) await this.sleep(knobs.delayMs);
			for (const duplicate of copies) {
				if (generation !== this.generation) return;
				await this.deliver(registration, payload, knobs, duplicate);
			}
		});
	}

	private async deliver(
		registration: WebhookRegistration,
		payload: Record<string, unknown>,
		knobs: Knobs['webhookDelivery'],
		duplicate: boolean,
	): Promise<void> {
		const text = JSON.stringify(payload);
		const headers: Record<string, string> = { 'content-type': 'application/json' };
		for (const [name, value] of Object.entries(registration.headers ?? {})) {
			headers[name] = knobs.wrongSecret ? wrongValue(value) : value;
		}
		const record: WebhookDeliveryRecord = {
			seq: ++this.seq,
			time: Date.now(),
			event: payload.event_code as WebhookDeliveryRecord['event'],
			url: maskedUrl(registration.url),
			payload,
			duplicate,
			malformed: knobs.malformed,
			wrongSecret: knobs.wrongSecret,
			status: null,
		};
		this.records.push(record);
		if (this.records.length > MAX_RECORDS) this.records.shift();
		try {
			const response = await fetch(
				knobs.wrongSecret ? withWrongQuery(registration.url) : registration.url,
				{
					method: 'POST',
					headers,
					body: knobs.malformed ? text.slice(0, Math.floor(text.length / 2)) : text,
					signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
				},
			);
			await response.arrayBuffer();
			record.status = response.status;
		} catch (error) {
			record.error = (error as Error).message;
		}
	}
}

/** Public types of the sandbox (see sandbox/README.md). */

export type Platform = 'line' | 'facebook' | 'instagram';
export type Api = 'oho' | 'gofive' | 'gofive-token';
export type LoggedApi = Api | 'other';
export type Gender = 'male' | 'female' | 'not_say';
export type RoomState = 'bot' | 'agent_requested' | 'agent_active';

export interface SocialProfile {
	platform: Platform;
	id: string;
	platform_id: string;
	platform_name: string;
	line_basic_id?: string;
}

export interface ContactAttribute {
	display_name: string;
	value: { text: string };
}

/** A stored Oho contact: the fields as sent, plus `_id`, `created_at`, `updated_at`. */
export interface Contact {
	_id: string;
	social_profile: SocialProfile;
	profile_picture_url: string;
	platform_display_name: string;
	display_name: string;
	first_name: string;
	last_name?: string;
	phone?: string;
	email?: string;
	country?: string;
	city?: string;
	gender: Gender;
	age?: number;
	birth_date?: string;
	attributes: ContactAttribute[];
	tags: string[];
	labels: string[];
	created_at: string;
	updated_at: string;
}

export interface ChatRoom {
	_id: string;
	platform: Platform;
	platform_id: string;
	user_id: string;
	state: RoomState;
	updated_at: string;
}

export interface GofiveRoom {
	roomId: string;
	companyId: number;
	platform: 'line' | 'facebook';
	customerName: string;
}

/** A stored Venio customer: the fields of `POST /v3/customers` as last sent, plus Venio's id and audit dates. */
export interface GofiveCustomer {
	customerId: number;
	customerCode: string;
	customerName: string;
	customerState: number;
	/** `2025-01-29T15:38:43+0700`: Venio's answer form (an offset without a colon). */
	dateCreated: string;
	dateModified: string;
	[field: string]: unknown;
}

/** A stored customer event (`POST /v1/customerEvent`), as `GET /v1/customerEvent/filter` answers it. */
export interface GofiveCustomerEvent {
	eventId: number;
	eventName: string;
	eventDate: string;
	eventType: number;
	description?: string;
	customerId: number;
}

export interface GofiveMessage {
	vwId: string;
	id: string;
	roomId: string;
	companyId: number;
	platform: string;
	user: Record<string, string>;
	content: string;
	timestamp: number;
	type: string;
	deliveryStatus: string;
	traceId: string;
	isFirstCustomerMessage: boolean;
}

export type FaultKind =
	| 500
	| 502
	| 503
	| 429
	| 'reset'
	| 'hang'
	| 'malformed-json'
	| 'html'
	| 'ok-false';

export interface FaultRule {
	match?: { api?: Api; method?: string; path?: string /* substring or /regex/flags */ };
	kind?: FaultKind;
	/** 0..1; defaults to 1 when `kind` is given without it. */
	probability?: number;
	/** Scripted: one entry consumed per matching request; exhausted → rule inactive. */
	sequence?: Array<FaultKind | 'pass'>;
	/** Apply the fault after the request changed state. */
	afterHandling?: boolean;
}

export interface Knobs {
	latency: { fixedMs: number; jitterMs: number };
	rateLimit: { perSecond: number; burst?: number } | null;
	faults: FaultRule[];
	gofiveTokenTtlSeconds: number;
	gofiveRequireSubscriptionKey: boolean;
	/**
	 * Which reading of the contact person `POST /v3/customers` follows (docs/api/gofive-customer.md § "3.1 Create or Update customer", OPEN): `contacts` (an array, the
	 * contract's choice) or `contact` (one object), which refuses a body with `contacts` and writes nothing.
	 */
	gofiveCustomerContact: 'contacts' | 'contact';
	/**
	 * What an update (`POST /v3/customers` with a known code) does with the fields it leaves out (docs/api/gofive-customer.md
	 * § "3.1 Create or Update customer", OPEN): `keep` their values, or `clear` them (the body replaces the customer).
	 */
	gofiveCustomerUpdate: 'keep' | 'clear';
	/** How the Oho customer-profile webhook is delivered to the registered URL (see sandbox/webhooks.ts). */
	webhookDelivery: WebhookDeliveryKnobs;
	/** Which reading of the contract's OPEN points the sandbox follows (the first reading by default). */
	readings: ReadingKnobs;
}

/**
 * The other readings of the contract's OPEN points (API-CONTRACT.md), so tests can prove the node works under
 * each. The defaults are the contract's first reading.
 */
export interface ReadingKnobs {
	/** close-chat: `POST` (the method line) or `GET` (the curl example; POST then meets a framework's bare 404). */
	closeChatMethod: 'POST' | 'GET';
	/**
	 * `social_profile.line_basic_id` on Facebook and Instagram: `optional` (left out or `""`), `keyRequired` (the key
	 * must be present, `""` accepted) or `emptyRefused` (`""` refused, left out accepted).
	 */
	lineBasicIdNonLine: 'optional' | 'keyRequired' | 'emptyRefused';
	/** Gofive's send-message success: `true` carries the `status` block, `false` answers 201 with only `data`. */
	gofiveStatusBlock: boolean;
	/** Gofive's `type` and `platform`: `false` takes only the documented `message` / `line`, `true` any text. */
	gofiveOtherValues: boolean;
}

export interface WebhookDeliveryKnobs {
	/** Extra copies of every delivery, sent right after it (a sender that retries without an event id). */
	duplicates: number;
	/** Wait before each delivery. */
	delayMs: number;
	/** Send a body cut in half (not valid JSON), still labelled application/json. */
	malformed: boolean;
	/** Send every registered header with a wrong value (a sender that does not hold the secret). */
	wrongSecret: boolean;
}

/** Where the sandbox delivers Oho's customer-profile webhook (Oho has no API for this; a person enters it in Oho). */
export interface WebhookRegistration {
	url: string;
	/** Headers sent with every delivery, e.g. a secret header or `authorization: Basic …`. */
	headers?: Record<string, string>;
}

export interface WebhookDeliveryRecord {
	seq: number;
	time: number;
	event: 'contact created' | 'contact updated';
	url: string;
	/** The delivery's payload as meant (before a malformed knob cut it). */
	payload: Record<string, unknown>;
	duplicate: boolean;
	malformed: boolean;
	wrongSecret: boolean;
	/** The receiver's HTTP status; null when it could not be reached. */
	status: number | null;
	error?: string;
}

export interface KnobsPatch {
	latency?: Partial<Knobs['latency']>;
	rateLimit?: Knobs['rateLimit'];
	faults?: FaultRule[];
	gofiveTokenTtlSeconds?: number;
	gofiveRequireSubscriptionKey?: boolean;
	gofiveCustomerContact?: 'contacts' | 'contact';
	gofiveCustomerUpdate?: 'keep' | 'clear';
	webhookDelivery?: Partial<WebhookDeliveryKnobs>;
	readings?: Partial<ReadingKnobs>;
}

export interface SandboxOptions {
	/** 0 = a free port (default). The CLI defaults to 4010. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Seed the demo data (default true). */
	seed?: boolean;
	/** Loaded at start when it exists; saved on change (debounced) and on close. */
	dataFile?: string;
	knobs?: KnobsPatch;
	/** Ring buffer size of the request log (default 100000). */
	requestLogLimit?: number;
	/** Extra Oho API keys: key → business name (added to the demo keys). */
	ohoApiKeys?: Record<string, string>;
	/** Extra Gofive rooms, added to the seed (and kept by reset()). */
	gofiveRooms?: GofiveRoom[];
}

export interface RecordedRequest {
	seq: number;
	time: number;
	api: LoggedApi;
	method: string;
	path: string;
	/** Secrets (x-oho-api-key, authorization, ocp-apim-subscription-key, …) masked, e.g. `oho-***`. */
	headers: Record<string, string>;
	/** Parsed JSON or form object (secrets masked), else the raw string; undefined when empty. */
	body: unknown;
	status: number | null;
	fault?: FaultKind;
}

export interface RequestFilter {
	api?: string;
	method?: string;
	/** Substring of the path. */
	path?: string;
}

export interface SandboxStateSnapshot {
	contacts: Contact[];
	rooms: ChatRoom[];
	gofiveMessages: GofiveMessage[];
	tokensIssued: number;
	gofiveRooms: GofiveRoom[];
	gofiveCustomers: GofiveCustomer[];
	gofiveCustomerEvents: GofiveCustomerEvent[];
	/** `platform:platform_id` → business owning it. */
	platforms: Record<string, string>;
}

export interface Sandbox {
	url: string;
	port: number;
	requests(filter?: RequestFilter): RecordedRequest[];
	clearRequests(): void;
	/** Merges (JSON merge: objects merge, arrays and null replace). Throws on an invalid value. */
	setKnobs(k: KnobsPatch): void;
	knobs(): Knobs;
	/** State back to seed, knobs back to the start options, log cleared, issued tokens dropped. */
	reset(): void;
	state(): SandboxStateSnapshot;
	getContact(platform: string, platformId: string, userId: string): Contact | undefined;
	/** Puts a chat room in a state (e.g. 'agent_active', which only a human agent reaches in Oho). */
	setRoomState(platform: string, platformId: string, userId: string, state: RoomState): ChatRoom;
	/** All issued Gofive tokens expire now (the static demo token never expires). */
	expireGofiveTokens(): void;
	/** Where Oho's customer-profile webhook goes (null: nowhere, the default). */
	registerWebhook(registration: WebhookRegistration | null): void;
	webhookRegistration(): WebhookRegistration | null;
	/** Every delivery attempted since the last reset, oldest first (registered header values masked). */
	webhookDeliveries(): WebhookDeliveryRecord[];
	/** Resolves when every delivery scheduled so far has been answered or has failed. */
	settleWebhooks(): Promise<void>;
	/** Closes the server, ends hung connections and saves the data file. */
	close(): Promise<void>;
}

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestMethods,
} from 'n8n-workflow';

/** The shapes every API dialect and request share. */

/** What an API's answer means once its own conventions (envelope, status codes) are read. */
interface ApiOutcome {
	ok: boolean;
	/** The API's own message, in its words. */
	message: string;
	/** The API's code when it has one besides the HTTP status (Gofive's status.code). */
	apiCode?: string;
	/** Whether the answer is in the API's own form (Oho's envelope, Gofive's status), not a gateway's or anyone else's. */
	fromApi: boolean;
	/** The status the API's own envelope states (Oho's status_code); where present it wins over the HTTP status. */
	status?: number;
}

/** One API's conventions: which credential, how to read a parsed answer, what to tell the user. */
export interface ApiDialect {
	name: string;
	credentialType: string;
	/** Whether this credential can get a new token after a 401 (else n8n's resend after a 401 would only repeat it). */
	canRefresh(credentials: ICredentialDataDecryptedObject): boolean;
	interpret(httpStatus: number, body: unknown): ApiOutcome;
	hint(httpStatus: number, outcome: ApiOutcome): string | undefined;
}

export interface ApiRequest {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	/** A request that is safe to send twice. Non-idempotent ones are not resent after a timeout or a lost connection. */
	idempotent: boolean;
	/** Hints for this request that say more than the API-wide ones, by HTTP status. */
	hints?: Partial<Record<number, string>>;
	/**
	 * For a request that is not idempotent: what its error says when it was not resent because the API may have acted
	 * on it already (no answer, a gateway's page, a server fault), in the operation's words. Else a general sentence.
	 */
	notResentHint?: string;
	/**
	 * HTTP statuses the caller handles itself: answered as a response (outcome.ok false) instead of thrown; an error
	 * status (400 and above) whose answer is not a JSON object comes back with an empty `body` and its text, shortened,
	 * as the message.
	 */
	handledStatuses?: number[];
}

export interface ApiResponse {
	/** What the answer means: the envelope's status where it states one, else the HTTP status. */
	status: number;
	httpStatus: number;
	body: IDataObject;
	outcome: ApiOutcome;
	/** How many times the request was sent. */
	attempts: number;
	/**
	 * What an earlier attempt met that leaves open whether the API acted on it ("timed out", "met a gateway's HTTP 502"),
	 * in words that follow "an earlier attempt"; undefined when every earlier attempt was clearly not acted on.
	 */
	unclearAttempt?: string;
}

/**
 * Where the API documents can be read two ways (the OPEN points of docs/api/oho.md and docs/api/gofive.md), a node
 * sends the first reading; when the server's answer shows the other reading and wrote nothing, the node tries the
 * other reading once and keeps it for the rest of the run. One object per node run (in the run's state, created by
 * route(): runState.ts), never a module global: another workflow, or the next run, starts from the first reading again.
 */
export interface RunReadings {
	/** Oho's close-chat: POST (the method line) until a server answers that it has no such route for POST. */
	closeChatMethod?: 'POST' | 'GET';
	/** Oho's create on Facebook and Instagram without a LINE Basic ID: the key left out, or sent as "". */
	emptyLineBasicId?: 'omit' | 'empty';
	/** Gofive's create or update of a customer: the contact person as `contacts` (an array) or `contact`. */
	customerContactField?: 'contacts' | 'contact';
}

/**
 * A warning an output item carries about the reading the server followed, in the shape of Oho Contact's other
 * warnings: the field (or request part), the value the node sent, and what happened.
 */
export interface ReadingWarning {
	field: string;
	value: unknown;
	problem: string;
}

import type { IExecuteFunctions } from 'n8n-workflow';

import type { AdaptiveParallelism } from './parallelism';
import { RunParameters } from './parameters';
import type { RunReadings } from './readings';
import type { RunCredential } from './transport/credentials';
import { readRunCredential } from './transport/credentials';
import type { HoldOffs } from './transport/retry';
import type { ApiDialect } from './transport/types';

/**
 * What one run of a node keeps for all its items, in one object that route() creates and every operation gets in
 * its ItemContext (`item.run`), never in a module global: another workflow, or the next run of this one, starts
 * afresh. The trigger and the editor's methods (load options, list search, the credential tests) do not run items
 * and keep no run state.
 */
export interface RunState {
	/** The node's credential, read and decrypted once: every request of the run sends it (transport/request.ts). */
	readonly credential: RunCredential;
	/** The parameter values already read (parameters.ts). */
	readonly parameters: RunParameters;
	/** Until when each API asked the run to hold off (transport/retry.ts). */
	readonly holdOffs: HoldOffs;
	/** Requests in Parallel: Auto's window, which the transport tells of every answer; undefined for a fixed number. */
	parallelism?: AdaptiveParallelism;
	/** What the run has learned about the server's reading of an OPEN point of the API documents (readings.ts). */
	readonly readings: RunReadings;
	/**
	 * Answers an operation asks for once per run and shares between its items, by the operation's own key (Gofive
	 * Customer's event types). A failed answer is taken out, so the next item asks again.
	 */
	readonly askedOnce: Map<string, Promise<unknown>>;
}

/** The state of a new run of a node that sends its requests with `dialect`'s credential. */
export async function startRun(ctx: IExecuteFunctions, dialect: ApiDialect): Promise<RunState> {
	return {
		credential: await readRunCredential(ctx, dialect),
		parameters: new RunParameters(ctx),
		holdOffs: new Map(),
		readings: {},
		askedOnce: new Map(),
	};
}

/** The answer `ask` gives, asked once per run under `key` (see RunState.askedOnce). */
export async function askOnce<T>(run: RunState, key: string, ask: () => Promise<T>): Promise<T> {
	let answer = run.askedOnce.get(key) as Promise<T> | undefined;
	if (!answer) {
		answer = ask();
		answer.catch(() => run.askedOnce.delete(key));
		run.askedOnce.set(key, answer);
	}
	return await answer;
}

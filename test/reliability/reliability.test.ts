/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * Reliability, the parts that run in jest: bad input (property-based, fast-check), faults (every sandbox fault × every
 * operation × continue-on-fail on and off) and secrets (every failure path), through n8n-core's WorkflowExecute with
 * real HTTP against the sandbox. Summary: test-results/reliability-summary.json (inputs tried, faults injected and
 * survived, items lost, secrets leaked), printed too.
 *
 * One jest file on purpose: jest runs files one at a time on a 2-core machine, and in one file the fault and secret
 * runs (test.concurrent, mostly waiting: no answer within the timeout, Retry-After, a token endpoint that never
 * answers for its 30 s limit) go on while the generated-input properties run.
 */
import { describeFaultMatrix } from './faults';
import { describeChatInputs } from './inputs.chat';
import { describeContactInputs } from './inputs.contact';
import { describeSecrets } from './secrets';
import { readFileSync } from 'fs';

import type { SummaryTotals } from './support';
import { keepStacksShort, Sandboxes, SUMMARY_FILE } from './support';

keepStacksShort();

const sandboxes = new Sandboxes();
afterAll(async () => {
	await sandboxes.close();
	// Every suite above has written its part by now: the combined figures.
	const { totals } = JSON.parse(readFileSync(SUMMARY_FILE, 'utf8')) as { totals: SummaryTotals };
	console.log(
		`Reliability summary (${SUMMARY_FILE}): inputs tried ${totals.inputsTried}, faults injected ${totals.faultsInjected}, ` +
			`faults survived ${totals.faultsSurvived}, items lost ${totals.itemsLost}, items duplicated ${totals.itemsDuplicated}, ` +
			`secrets leaked ${totals.secretsLeaked}`,
	);
});

describeContactInputs();
describeChatInputs();
describeFaultMatrix(sandboxes);
describeSecrets(sandboxes);

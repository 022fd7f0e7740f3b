/**
 * Issue 7, the parts that run in jest: bad input (property-based, fast-check), faults (every sandbox fault × every
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
import { keepStacksShort, Sandboxes } from './support';

keepStacksShort();

const sandboxes = new Sandboxes();
afterAll(async () => await sandboxes.close());

describeContactInputs();
describeChatInputs();
describeFaultMatrix(sandboxes);
describeSecrets(sandboxes);

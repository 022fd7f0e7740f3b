/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
/**
 * What the browser check does in n8n's editor, one helper per gesture an operator makes (open a workflow, add a
 * node, pick from a dropdown, run, read a node's status). Selectors are n8n's own `data-test-id`s (n8n 2.41.1).
 */
import { mkdirSync } from 'fs';
import { join } from 'path';
import type { Locator, Page } from 'playwright-core';

import { REPO_ROOT } from '../lib/paths';

export const SCREENSHOTS = process.env.SCREENSHOT_DIR ?? join(REPO_ROOT, 'docs', 'screenshots');

/** Generous: CI runs this on a fresh, possibly busy 2-core machine. */
export const UI_TIMEOUT = 60_000;
export const PAGE_TIMEOUT = 180_000;
/** A whole workflow run in the editor (n8n starts the run, our nodes call the sandbox). */
export const RUN_TIMEOUT = 240_000;

const t0 = Date.now();
export const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(0)}s`;
export const log = (m: string) => console.log(`# [${elapsed()}] ${m}`);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function check(condition: unknown, message: string): asserts condition {
	if (!condition) throw new Error(message);
}

/** Runs `fn` up to `attempts` times (a flaky click or a slow render gets another chance). */
export async function retry<T>(what: string, fn: () => Promise<T>, attempts = 3): Promise<T> {
	let last: unknown;
	for (let i = 1; i <= attempts; i++) {
		try {
			return await fn();
		} catch (e) {
			last = e;
			if (i < attempts) {
				log(`retrying "${what}" (${i}/${attempts - 1}): ${(e as Error).message.split('\n')[0]}`);
				await sleep(2000 * i);
			}
		}
	}
	throw last;
}

/** Polls `probe` until it returns something other than undefined. */
export async function waitFor<T>(
	what: string,
	timeoutMs: number,
	probe: () => Promise<T | undefined>,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
		await sleep(500);
	}
}

export const byId = (page: Page | Locator, id: string) => page.locator(`[data-test-id="${id}"]`);

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function screenshot(page: Page, name: string): Promise<void> {
	mkdirSync(SCREENSHOTS, { recursive: true });
	await page.screenshot({ path: join(SCREENSHOTS, name) });
	log(`screenshot ${join(SCREENSHOTS, name).replace(REPO_ROOT + '/', '')}`);
}

/** A fresh workflow with its canvas ready. */
export async function openNewWorkflow(page: Page, baseUrl: string): Promise<void> {
	await retry('open a new workflow', async () => {
		await page.goto(`${baseUrl}/workflow/new`, { waitUntil: 'load', timeout: PAGE_TIMEOUT });
		await byId(page, 'canvas-add-button').waitFor({ state: 'visible', timeout: PAGE_TIMEOUT });
	});
}

/** A saved workflow, by id, with its canvas ready. */
export async function openWorkflow(page: Page, baseUrl: string, id: string): Promise<void> {
	await retry(`open workflow ${id}`, async () => {
		await page.goto(`${baseUrl}/workflow/${id}`, { waitUntil: 'load', timeout: PAGE_TIMEOUT });
		await byId(page, 'canvas-node').first().waitFor({ state: 'visible', timeout: PAGE_TIMEOUT });
	});
}

/** The visible options of the dropdown that is open (first line of each: the name, not the description). */
export async function openOptions(page: Page): Promise<string[]> {
	const options = page.locator('[role="option"]:visible');
	await options.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
	return (await options.allInnerTexts()).map((t) => t.split('\n')[0].trim());
}

/** Closes an open dropdown (Escape with none open would close the node's parameters). */
export async function closeDropdown(page: Page): Promise<void> {
	const open = page.locator('[role="option"]:visible').first();
	if (!(await open.isVisible())) return;
	await page.keyboard.press('Escape');
	await open.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
}

/** Opens the dropdown of a parameter (by its data-test-id) and returns its options. */
export async function parameterOptions(page: Page, testId: string): Promise<string[]> {
	return await retry(`open ${testId}`, async () => {
		await closeDropdown(page);
		const input = byId(page, testId);
		await input.scrollIntoViewIfNeeded();
		await input.click();
		return await openOptions(page);
	});
}

/** Picks `option` in the dropdown of a parameter (by its data-test-id). */
export async function selectOption(page: Page, testId: string, option: string): Promise<void> {
	await retry(`choose "${option}" in ${testId}`, async () => {
		await parameterOptions(page, testId);
		await page
			.locator('[role="option"]:visible')
			.filter({ hasText: new RegExp(`^\\s*${escapeRegExp(option)}\\s*(\\n|$)`) })
			.first()
			.click();
		await waitFor(`${testId} to show "${option}"`, UI_TIMEOUT, async () =>
			(await byId(page, testId).locator('input').first().inputValue()) === option
				? true
				: undefined,
		);
	});
}

/**
 * On an empty canvas: "Add first step", search the node panel, pick the node, pick one of its
 * actions; n8n adds the node (and a manual trigger before it) and opens its parameters.
 */
export async function addNodeBySearch(
	page: Page,
	search: string,
	nodeName: string,
	action: string,
	shotName?: string,
): Promise<string[]> {
	return await retry(`add ${nodeName} from the node panel`, async () => {
		if (await byId(page, 'ndv').isVisible()) await byId(page, 'ndv-close-button').click();
		await byId(page, 'canvas-add-button').click({ timeout: UI_TIMEOUT });
		const searchBar = byId(page, 'node-creator-search-bar');
		await searchBar.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
		await searchBar.fill(search);
		const item = byId(page, 'node-creator-item-name')
			.filter({ hasText: new RegExp(`^\\s*${nodeName}\\s*$`) })
			.first();
		await item.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
		if (shotName) await screenshot(page, shotName);
		await item.click();
		const actionItems = byId(page, 'node-creator').locator('[data-test-id="item-iterator-item"]');
		const actionItem = actionItems.filter({ hasText: action }).first();
		await actionItem.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
		const actions = (await actionItems.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
		await actionItem.click();
		await byId(page, 'ndv').waitFor({ state: 'visible', timeout: UI_TIMEOUT });
		await byId(page, 'parameter-input-operation').waitFor({
			state: 'visible',
			timeout: UI_TIMEOUT,
		});
		return actions;
	});
}

/** The credential the node's credential selector shows, and the choices it offers. */
export async function credentialSelector(
	page: Page,
	expected: string,
): Promise<{ selected: string; choices: string[] }> {
	return await retry('read the credential selector', async () => {
		await closeDropdown(page);
		const select = byId(page, 'node-credentials-select');
		await select.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
		const selected =
			(await select
				.locator('input')
				.first()
				.inputValue()
				.catch(() => '')) || (await select.innerText()).trim();
		await select.click();
		const items = page.locator('[data-test-id^="node-credentials-select-item-"]:visible');
		await items
			.filter({ hasText: expected })
			.first()
			.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
		const choices = (await items.allInnerTexts()).map((t) => t.trim());
		return { selected, choices };
	});
}

/** Adds a field from a collection's "Add Field" list (`nth`: which collection of the panel, Oho Contact's Additional Fields is the first). */
export async function addCollectionField(page: Page, field: string, nth = 0): Promise<void> {
	await retry(`add the field ${field}`, async () => {
		await closeDropdown(page);
		const add = byId(page, 'collection-parameter-add').nth(nth);
		await add.scrollIntoViewIfNeeded();
		await add.click();
		const option = page
			.locator('[data-test-id="collection-parameter-option"]:visible')
			.filter({ hasText: new RegExp(`^\\s*${escapeRegExp(field)}\\s*$`) });
		await option.first().click({ timeout: UI_TIMEOUT });
	});
}

/** Types `text` into a text parameter (by its data-test-id) as a person does, replacing what it held. */
export async function typeInto(page: Page, testId: string, text: string): Promise<void> {
	await retry(`type into ${testId}`, async () => {
		await closeDropdown(page);
		const field = byId(page, testId).locator('input, textarea').first();
		await field.scrollIntoViewIfNeeded();
		await field.click();
		await field.press('ControlOrMeta+a');
		await field.press('Backspace');
		await field.pressSequentially(text, { delay: 30 });
		await waitFor(`${testId} to hold "${text}"`, 10_000, async () =>
			(await field.inputValue()) === text ? true : undefined,
		);
		// Leaving the field, as a person clicks elsewhere: the focused field's "Tip" box would cover the next control.
		await field.evaluate((element) => (element as unknown as { blur(): void }).blur());
	});
}

export const canvasNode = (page: Page, name: string) =>
	page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);

/** Opens a node's parameters by double-clicking it on the canvas. */
export async function openNode(page: Page, name: string): Promise<Locator> {
	await retry(`open ${name}`, async () => {
		if (await byId(page, 'ndv').isVisible()) await byId(page, 'ndv-close-button').click();
		await canvasNode(page, name).dblclick();
		await byId(page, 'ndv').waitFor({ state: 'visible', timeout: UI_TIMEOUT });
	});
	return byId(page, 'ndv');
}

export async function closeNode(page: Page): Promise<void> {
	if (await byId(page, 'ndv').isVisible()) {
		await closeDropdown(page);
		await byId(page, 'ndv-close-button').click();
		await byId(page, 'ndv').waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
	}
}

export async function zoomToFit(page: Page): Promise<void> {
	await byId(page, 'zoom-to-fit')
		.click()
		.catch(() => undefined);
	await sleep(1000);
}

/** Imports a workflow file through the editor's own File > Import, into a new workflow; waits until its nodes are drawn. */
export async function importWorkflowFile(
	page: Page,
	baseUrl: string,
	file: string,
	nodeCount: number,
): Promise<string[]> {
	await openNewWorkflow(page, baseUrl);
	await retry('import the file', async () => {
		await byId(page, 'workflow-import-input').setInputFiles(file);
		await byId(page, 'canvas-node').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
	});
	const canvasNodes = byId(page, 'canvas-node');
	const deadline = Date.now() + UI_TIMEOUT;
	while ((await canvasNodes.count()) < nodeCount && Date.now() < deadline) await sleep(500);
	return await canvasNodes.evaluateAll((els) =>
		els.map((e) => e.getAttribute('data-node-name') ?? ''),
	);
}

/** Saves the open workflow (Ctrl+S) and returns its id, from the address n8n moves to. */
export async function saveWorkflow(page: Page): Promise<string> {
	return await retry('save the workflow', async () => {
		await byId(page, 'canvas-background')
			.click({ position: { x: 5, y: 5 } })
			.catch(() => undefined);
		await page.keyboard.press('ControlOrMeta+s');
		return await waitFor(
			"the saved workflow's address",
			UI_TIMEOUT,
			async () => /\/workflow\/(?!new)([\w-]+)/.exec(new URL(page.url()).pathname)?.[1],
		);
	});
}

/** Starts a run from one trigger of the workflow: the ⚡ button n8n shows beside each trigger on the canvas. */
export async function runFromTrigger(page: Page, trigger: string): Promise<void> {
	await retry(`run from ${trigger}`, async () => {
		await canvasNode(page, trigger).hover();
		await byId(page, `execute-workflow-button-${trigger}`).click({ timeout: UI_TIMEOUT });
	});
}

/** The texts of the notifications the editor shows (e.g. "Workflow execution cannot start" and why). */
export async function notifications(page: Page): Promise<string[]> {
	return (
		await page
			.locator('.el-notification:visible')
			.allInnerTexts()
			.catch(() => [] as string[])
	).map((t) => t.replace(/\s+/g, ' ').trim());
}

export type NodeStatus = 'success' | 'error' | 'none';

/** What the canvas shows on a node after a run: the green check, the red error mark, or neither. */
export async function nodeStatus(page: Page, name: string): Promise<NodeStatus> {
	const node = canvasNode(page, name);
	if ((await byId(node, 'canvas-node-status-success').count()) > 0) return 'success';
	if ((await byId(node, 'node-issues').count()) > 0) return 'error';
	return 'none';
}

/** The text box of an n8n input component (the element itself when it is one). */
const inputIn = (locator: Locator) =>
	locator.locator('xpath=self::input|descendant::input').first();

/** The names a searchable list shows (n8n's resource locator, "From List"), visible ones only. */
async function listedItems(page: Page): Promise<string[]> {
	return (await page.locator('[data-test-id="rlc-item"]:visible').allInnerTexts()).map((t) =>
		t.split('\n')[0].trim(),
	);
}

/**
 * Opens a searchable list parameter (a resource locator in its "From List" mode), types `text` into its search as a
 * person does, waits until `expectFirst` is listed first and returns every name listed.
 */
export async function searchList(
	page: Page,
	param: string,
	text: string,
	expectFirst: string,
): Promise<string[]> {
	return await retry(`search "${text}" in ${param}`, async () => {
		await closeDropdown(page);
		const locator = byId(page, `resource-locator-${param}`);
		await locator.scrollIntoViewIfNeeded();
		const search = page.locator('[data-test-id="rlc-search"]:visible');
		if (!(await search.isVisible())) await byId(locator, 'rlc-input').click();
		await search.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
		const box = inputIn(search.first());
		await box.fill('');
		if (text) await box.pressSequentially(text, { delay: 50 });
		return await waitFor(
			`"${expectFirst}" listed first after typing "${text}"`,
			UI_TIMEOUT,
			async () => {
				const names = await listedItems(page);
				return names[0] === expectFirst ? names : undefined;
			},
		);
	});
}

/** Picks a name in the open searchable list and waits for the parameter to show it. */
export async function pickListItem(page: Page, param: string, name: string): Promise<void> {
	await page
		.locator('[data-test-id="rlc-item"]:visible')
		.filter({ hasText: new RegExp(`^\\s*${escapeRegExp(name)}\\s*$`) })
		.first()
		.click();
	await waitFor(`${param} to show "${name}"`, UI_TIMEOUT, async () => {
		const shown = await inputIn(byId(byId(page, `resource-locator-${param}`), 'rlc-input'))
			.inputValue()
			.catch(() => '');
		return shown === name ? true : undefined;
	});
}

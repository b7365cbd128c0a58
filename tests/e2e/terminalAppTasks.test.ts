import type { BrowserContext, Page } from 'playwright-core';
import {
  bindDevice, caseAction, deviceIdOf, eventCounts, events, live, openCaseFor, phoneContext, shot, signIn, TERMINAL_URL, until,
  useTerminalBrowser, type OpenedCase,
} from '../support/terminalBrowser';

// The terminal app's other ways through a task: a decline with its reason, a custom audit started from a customer
// search, and a conflict — the case reassigned by the supervisor while the terminal was offline with a queued step,
// which the app explains in words when the network returns, nothing applied.

const b = useTerminalBrowser();
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  context = await phoneContext(b.browser, { lat: 29.8556, lon: 114.319 });
  page = await context.newPage();
  await signIn(page, 'inspector');
  await page.getByTestId('device-gate').waitFor({ timeout: 30_000 });
  await bindDevice(await deviceIdOf(page), 'inspector');
  await page.getByTestId('task-list').waitFor({ timeout: 30_000 });
}, 120_000);

afterAll(async () => {
  await context?.close();
});

async function openTask(c: OpenedCase): Promise<void> {
  await page.goto(`${TERMINAL_URL}#/tasks/${c.id}`);
  await page.getByTestId('task-page').waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('task-customer').textContent()).toContain(c.customer.name);
}

test('a decline with a reason: the case goes to the next inspector with the reason in its log', async () => {
  const c = await openCaseFor('4210000015', 'terminal e2e: decline');
  await openTask(c);
  await page.getByTestId('task-decline').click();
  const reason = '本人休假，无法在期限内到达现场';
  await page.getByTestId('decline-reason').fill(reason);
  await shot(page, 'decline');
  await page.getByTestId('decline-submit').click();

  const declined = await until('declined', async () => (await events(c.id)).find((e) => e.type === 'declined'), 30_000);
  expect(declined.actor).toBe('inspector');
  expect(declined.payload.reason).toBe(reason);
  const s = await live(c.id);
  expect(s.declinedBy).toEqual(['inspector']);
  expect(s.assignee).not.toBe('inspector');
  // the app leaves the task: it is no longer this inspector's
  await page.getByTestId('task-list').waitFor({ timeout: 30_000 });
  expect(await page.locator(`[data-case-id="${c.id}"]`).count()).toBe(0);
}, 90_000);

test('a custom audit (自定义稽查): search a customer, start, it appears as a task', async () => {
  await page.goto(`${TERMINAL_URL}#/custom`);
  await page.getByTestId('customer-search').fill('杨红梅');
  const hit = page.getByTestId('customer-result').filter({ hasText: '4210000017' });
  await hit.waitFor({ timeout: 30_000 });
  await hit.click();
  await page.getByTestId('custom-note').fill('现场巡视发现疑似用电性质不符');
  await shot(page, 'custom-audit');
  await page.getByTestId('custom-start').click();

  // the app opens the new task
  await page.waitForURL(/#\/tasks\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const id = /#\/tasks\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
  await page.getByTestId('task-page').waitFor();
  const s = await until('custom case at field evidence', async () => {
    const l = await live(id);
    return l.stage === 'field_evidence' && l.assignee === 'inspector' ? l : null;
  }, 30_000);
  expect(s.origin).toBe('custom');
  expect(s.customer?.accountNo).toBe('4210000017');
  // … and it is in 我的任务
  await page.goto(`${TERMINAL_URL}#/tasks`);
  await page.locator(`[data-case-id="${id}"]`).waitFor({ timeout: 30_000 });
  await shot(page, 'custom-audit-task');
}, 90_000);

test('a conflict: reassigned while the terminal was offline with a queued accept → explained in Chinese, nothing applied', async () => {
  const c = await openCaseFor('4210000016', 'terminal e2e: conflict');
  await openTask(c);
  await context.setOffline(true);
  await page.getByTestId('task-accept').click();
  await page.getByTestId('unsynced-badge').waitFor();

  // meanwhile the supervisor hands the case to a colleague
  const r = await caseAction(c.id, 'assign', { inspector: 'inspector2' });
  expect(r.status).toBe(200);

  await context.setOffline(false);
  const conflict = page.getByTestId('outbox-conflict').first();
  await conflict.waitFor({ timeout: 60_000 });
  const text = (await conflict.textContent()) ?? '';
  expect(text).toMatch(/[\u4e00-\u9fff]{4,}/); // words, in Chinese
  expect(text).not.toMatch(/status \d{3}|Error:|undefined/);
  await shot(page, 'conflict');

  const s = await live(c.id);
  expect(s.assignee).toBe('inspector2');
  expect(s.assignment).toBe('offered');
  expect((await eventCounts(c.id)).accepted).toBeUndefined();
}, 90_000);

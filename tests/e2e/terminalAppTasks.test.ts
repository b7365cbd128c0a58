import type { BrowserContext, Page } from 'playwright-core';
import {
  openTask, bindDevice, caseAction, deviceIdOf, eventCounts, events, live, openCaseFor, orShot, phoneContext, setOffline, shot, signIn, TERMINAL_URL,
  until, useTerminalBrowser,
} from '../support/terminalBrowser';

// The terminal app's other ways through a task: a decline with its reason, a custom audit started from a customer
// search, and a conflict — the case taken away by the supervisor while the terminal was offline with a queued step,
// which the app explains in words when the network returns, nothing applied. This checkout's build and API, as in
// terminalAppVisit.test.ts (tests/support/terminalBrowser.ts); the terminal registers its own key and the admin binds it.

const b = useTerminalBrowser();
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  context = await phoneContext(b.browser, { lat: 29.8556, lon: 114.319 });
  page = await context.newPage();
  await signIn(page, 'inspector');
  await page.locator('[data-testid="device-gate"][data-state="waiting"]').waitFor({ timeout: 30_000 });
  await bindDevice(await deviceIdOf(page), 'inspector');
  await page.getByTestId('device-refresh').click();
  await page.locator('[data-testid="task-list"], [data-testid="tasks-empty"]').first().waitFor({ timeout: 30_000 });
}, 90_000);

afterAll(async () => {
  await context?.close();
});

test('a decline with a reason: the case goes to the next inspector with the reason in its log', async () => {
  const c = await openCaseFor('4210000015', 'terminal e2e: decline');
  await openTask(page, c);
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
  // the page says it was sent, and offers nothing more on a task that is no longer mine
  await page.locator('[data-testid="decline-notice"][data-state="sent"]').waitFor({ timeout: 30_000 });
  await page.getByTestId('task-actions').waitFor({ state: 'detached', timeout: 30_000 });
  await shot(page, 'declined');
}, 90_000);

test('a custom audit (自定义稽查): search a customer, start, it appears as a task', async () => {
  await page.goto(`${TERMINAL_URL}#/custom`);
  await page.getByTestId('custom-search-input').fill('杨红梅');
  const hit = page.getByTestId('custom-search-hit-4210000017');
  await hit.waitFor({ timeout: 30_000 });
  await hit.click();
  await page.getByTestId('custom-form').waitFor();
  // earlier runs left open cases for this customer: the app makes the inspector acknowledge them
  if (await page.getByTestId('custom-ack-open').count()) await page.getByTestId('custom-ack-open').check();
  await page.getByTestId('custom-note').fill('现场巡视发现疑似用电性质不符');
  await shot(page, 'custom-audit');
  await page.getByTestId('custom-submit').click();

  // the app opens the new task
  await page.waitForURL(/#\/tasks\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const id = /#\/tasks\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
  // the new task opens: the page must not give up while the workflow is still judging the case and offering it
  await orShot(page, 'custom-audit-task', () => page.getByTestId('task-summary').waitFor({ timeout: 20_000 }));
  expect(await page.getByTestId('task-customer').textContent()).toContain('杨红梅');
  const s = await until('custom case at field evidence', async () => {
    const l = await live(id);
    return l.stage === 'field_evidence' && l.assignee === 'inspector' ? l : null;
  }, 30_000);
  expect(s.origin).toBe('custom');
  expect(s.customer?.accountNo).toBe('4210000017');
  // … and it is in 我的任务
  await page.goto(`${TERMINAL_URL}#/tasks`);
  // the list comes 50 at a time by deadline, and earlier runs leave the test inspector many open tasks: page on
  const item = page.locator(`[data-testid="task-item"][data-case-id="${id}"]`);
  await page.locator('[data-testid="task-list"]').waitFor({ timeout: 30_000 });
  await until('the new task in 我的任务', async () => {
    if (await item.count()) return true;
    const more = page.getByTestId('tasks-more');
    if ((await more.count()) && (await more.isEnabled())) await more.click();
    return null;
  }, 30_000);
  await shot(page, 'custom-audit-task');
}, 90_000);

// The demo realm has one inspector per station (温泉供电所: `inspector`; `inspector2` works at 鱼岳供电所), and the
// workflow hands a field step only to an inspector of the customer's station, so no case of a demo customer can be
// reassigned to a colleague (assign → 422 "inspector2 is not an inspector of station HB.XN.XA.WQ"). The other way a
// case leaves an offline inspector — the supervisor cancels it — is the conflict played here.
test('a conflict: the case cancelled while the terminal was offline with a queued accept → explained in Chinese, nothing applied', async () => {
  const c = await openCaseFor('4210000016', 'terminal e2e: conflict');
  await openTask(page, c);
  await setOffline(context, true);
  await page.getByTestId('task-accept').click();
  await page.getByTestId('accept-notice').waitFor();
  await page.getByTestId('unsynced-badge').waitFor();
  await shot(page, 'conflict-queued');

  // meanwhile the supervisor takes the case back
  const assign = await caseAction(c.id, 'assign', { inspector: 'inspector2' });
  expect(assign.status).toBe(422); // see above: nobody else to hand it to
  const r = await caseAction(c.id, 'cancel', { reason: '客户已销户，工单撤销' });
  expect(r.status).toBe(200);

  await setOffline(context, false);
  // the accept comes back refused; the page says why, in words
  const refused = page.locator('[data-testid="outbox-item"][data-status="conflict"] [data-testid="outbox-problem"]').first();
  await refused.waitFor({ timeout: 60_000 });
  await shot(page, 'conflict');
  const text = (await refused.textContent()) ?? '';
  expect(text).toMatch(/任务已结束/);
  expect(text).toMatch(/^[^a-zA-Z]*[\u4e00-\u9fff]{4,}/); // Chinese first
  expect(text).not.toMatch(/undefined|\[object|[{}]/); // no placeholder left unfilled
  expect(await page.getByTestId('accept-notice').getAttribute('data-state')).toBe('refused');

  const s = await live(c.id);
  expect(s.stage).toBe('cancelled');
  expect(s.assignment).toBe('offered');
  expect((await eventCounts(c.id)).accepted).toBeUndefined();
}, 90_000);

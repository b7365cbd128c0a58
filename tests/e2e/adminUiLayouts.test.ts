import path from 'node:path';
import type { Page } from 'playwright-core';
import { useBrowser, SHOTS, E2E_BASE, loggedIn, clickUntilShown } from '../support/browser';
import { api } from '../support/harness';
import { tokenFor } from '../support/keycloak';

// The supervision cockpit's layouts and states (#16): on a 390 px phone and a 768 px tablet the case list and the case
// page never scroll sideways (tables scroll inside their own box); the engine's details (Temporal link, workflow id)
// are an admin's, never a supervisor's; a failed list load shows an error panel with the reason in Chinese, not an
// empty list. Screenshots land in SHOTS (.stack/logs, git-ignored).
const base = E2E_BASE;
const ACCOUNT_NO = '4210000011'; // a demo customer of 温泉供电所 (HB.XN.XA.WQ)
const PHONE = { width: 390, height: 844 };
const TABLET = { width: 768, height: 1024 };
const DESKTOP = { width: 1280, height: 900 };
const b = useBrowser();
let c: { id: string; caseNo: string; workflowId: string };

beforeAll(async () => {
  const supervisor = await tokenFor('supervisor');
  const created = await api(base, '/api/cases', {
    token: supervisor, body: { customerAccountNo: ACCOUNT_NO, origin: 'special', note: 'admin UI layouts e2e', duplicateReason: '测试：版式检查单独立案' },
  });
  expect(created.status).toBe(201);
  c = created.body as typeof c;
}, 60_000);

afterAll(async () => {
  // leave no open case behind in the demo station's lists
  if (c) await api(base, `/api/cases/${c.id}/actions/cancel`, { token: await tokenFor('supervisor'), body: { reason: '版式检查结束' } });
});

/**
 * The page's width against the viewport's (a page that scrolls sideways has scrollWidth > clientWidth), and the
 * innermost elements reaching past the right edge, named in a failure message.
 */
async function widths(page: Page): Promise<{ scroll: number; client: number; culprits: string[] }> {
  // a string: the root project type-checks without the DOM library
  return page.evaluate(`(() => {
    const root = document.documentElement;
    const past = (el) => el.getBoundingClientRect().right > root.clientWidth + 0.5;
    const culprits = Array.from(document.body.querySelectorAll('*'))
      .filter((el) => past(el) && !Array.from(el.children).some(past))
      .slice(0, 6)
      .map((el) => el.tagName.toLowerCase() + '.' + String(el.className).split(' ').slice(0, 2).join('.') + ' (' + Math.round(el.getBoundingClientRect().right) + ' px)');
    return { scroll: root.scrollWidth, client: root.clientWidth, culprits };
  })()`);
}

/** Screenshot first (kept either way), then the width check. */
async function expectNoSideScroll(page: Page, what: string, name: string): Promise<void> {
  await shot(page, name);
  const w = await widths(page);
  if (w.scroll > w.client) throw new Error(`${what}: scrollWidth ${w.scroll} > clientWidth ${w.client}; past the edge: ${w.culprits.join('; ')}`);
  expect(w.scroll).toBeLessThanOrEqual(w.client);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `e2e-layouts-${name}.png`), fullPage: true });
}

test.each([
  ['phone', PHONE, 'supervisor'],
  ['tablet', TABLET, 'lead'],
] as const)('%s (%j, %s): the case list and the case page do not scroll sideways', async (name, viewport, user) => {
  const { context, page } = await loggedIn(b.browser, user, '#/cases', viewport);
  try {
    await page.getByTestId('case-views').waitFor({ timeout: 30_000 });
    // the case of this run is open, in the default list (open cases)
    await page.getByText(c.caseNo).first().waitFor({ timeout: 30_000 });
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expectNoSideScroll(page, `${name} case list`, `${name}-case-list`);

    await page.getByText(c.caseNo).first().click();
    await page.getByTestId('case-header').waitFor({ timeout: 30_000 });
    await page.getByTestId('case-live-panel').waitFor({ timeout: 30_000 });
    await expectNoSideScroll(page, `${name} case page`, `${name}-case-page`);
    for (const tab of ['timeline', 'evidence', 'rectification', 'assessment']) {
      await clickUntilShown(page.getByTestId(`case-tab-${tab}`), page.getByTestId(`case-panel-${tab}`));
      await page.getByTestId(`case-panel-${tab}`).locator('.MuiCard-root').first().waitFor({ timeout: 30_000 });
      await expectNoSideScroll(page, `${name} case page, tab ${tab}`, `${name}-case-page-${tab}`);
    }

    await page.goto(`${base}/#/my-tasks`);
    await page.getByTestId('tasks-waiting').waitFor({ timeout: 30_000 });
    await page.getByTestId('tasks-inbox').waitFor({ timeout: 30_000 });
    await expectNoSideScroll(page, `${name} 我的待办`, `${name}-my-tasks`);
  } finally {
    await context.close();
  }
}, 180_000);

test('a supervisor sees business words (no Temporal link, no workflow id); an admin sees the engine details', async () => {
  const sup = await loggedIn(b.browser, 'supervisor', `#/cases/${c.id}/show`, DESKTOP);
  try {
    await sup.page.getByTestId('case-header').getByText(c.caseNo).waitFor({ timeout: 30_000 });
    // the identity is read (the unit chip comes from it) before the engine details are decided
    await sup.page.getByTestId('org-unit-chip').waitFor({ timeout: 30_000 });
    const policy = sup.page.getByTestId('policy-version');
    await policy.waitFor({ timeout: 30_000 });
    await sup.page.getByText(/时限与取证规则（.+起施行）/).waitFor({ timeout: 15_000 });
    expect(await policy.textContent()).not.toMatch(/policy-|[A-Za-z]/);
    expect(await sup.page.getByTestId('open-in-temporal').count()).toBe(0);
    expect(await sup.page.getByTestId('case-workflow-id').count()).toBe(0);
    const text = (await sup.page.locator('body').textContent()) ?? '';
    expect(text).not.toContain('Temporal');
    expect(text).not.toContain(c.workflowId);
    await shot(sup.page, 'supervisor-case-business-words');
  } finally {
    await sup.context.close();
  }

  const adm = await loggedIn(b.browser, 'admin', `#/cases/${c.id}/show`, DESKTOP);
  try {
    await adm.page.getByTestId('case-header').getByText(c.caseNo).waitFor({ timeout: 30_000 });
    const link = adm.page.getByTestId('open-in-temporal');
    await link.waitFor({ timeout: 30_000 });
    expect(await link.getAttribute('href')).toContain(`/workflows/${encodeURIComponent(c.workflowId)}`);
    expect(await adm.page.getByTestId('case-workflow-id').textContent()).toBe(c.workflowId);
    await adm.page.getByTestId('policy-version').getByText(/policy-/).waitFor({ timeout: 15_000 });
    await shot(adm.page, 'admin-case-engine-details');
  } finally {
    await adm.context.close();
  }
}, 180_000);

test('a failed list load shows the error panel with the reason in Chinese and a retry, not an empty list', async () => {
  const { context, page } = await loggedIn(b.browser, 'supervisor', '#/', DESKTOP);
  try {
    await page.getByTestId('dashboard-figures').waitFor({ timeout: 30_000 });
    await context.route((url) => url.pathname === '/api/cases', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'upstream unavailable' }),
      }));
    await page.goto(`${base}/#/cases`);
    const panel = page.getByTestId('load-error');
    await panel.waitFor({ timeout: 30_000 });
    expect(await panel.textContent()).toContain('稽查工单读取失败');
    expect(await page.getByTestId('load-error-reason').textContent()).toBe('服务暂时不可用（503），请稍后重试。');
    expect(await panel.textContent()).toContain('这不表示没有数据');
    expect(await page.getByTestId('case-list-empty').count()).toBe(0);
    expect(await page.getByText('没有稽查工单').count()).toBe(0);
    await shot(page, 'case-list-error');

    await context.unrouteAll({ behavior: 'ignoreErrors' });
    await page.getByTestId('load-error-retry').click();
    await page.getByTestId('case-views').waitFor({ timeout: 30_000 });
    await page.getByTestId('case-total').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('load-error').count()).toBe(0);

    // the case page: its read fails → the panel on the page (not a toast and a jump back to the list)
    await context.route((url) => url.pathname === `/api/cases/${c.id}`, (route) => route.fulfill({ status: 503, contentType: 'application/problem+json', body: '{"title":"Service Unavailable","status":503}' }));
    await page.goto(`${base}/#/cases/${c.id}/show`);
    await page.getByTestId('load-error').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('load-error').textContent()).toContain('工单读取失败');
    expect(await page.getByTestId('load-error-reason').textContent()).toBe('服务暂时不可用（503），请稍后重试。');
    expect(page.url()).toContain(`/cases/${c.id}/show`);
    await shot(page, 'case-page-error');
    await context.unrouteAll({ behavior: 'ignoreErrors' });
    await page.getByTestId('load-error-retry').click();
    await page.getByTestId('case-header').waitFor({ timeout: 30_000 });
  } finally {
    await context.unrouteAll({ behavior: 'ignoreErrors' });
    await context.close();
  }
}, 180_000);

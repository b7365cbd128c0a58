import fs from 'node:fs';
import path from 'node:path';
import { demoCustomers } from '../../db/seed/demoOrg';
import { useBrowser, SHOTS, E2E_BASE } from '../support/browser';
import { api, startHarness, type Harness } from '../support/harness';
import { DEMO_PASSWORD, tokenFor } from '../support/keycloak';
import { bindDevice, newDeviceId, openFieldCase, waitFor } from '../support/mobile';
import { fakedVisit, submitWeakFindings, JUSTIFICATION } from '../support/presenceReview';

// The 疑似虚假工单 queue in the admin UI: a supervisor opens the queue, sees why a visit is doubted, looks at the photo's
// metadata and clears it. The UI under test is this checkout's build (admin-ui/dist, `npm run build` in admin-ui) served
// by an in-process API with its own worker: the page still loads from the address Keycloak redirects to
// (E2E_BASE, http://localhost:3000), and every request to it is answered by that API (Playwright routing), so the
// running stack's own build and API are not what is tested.
const DIST = path.resolve(__dirname, '..', '..', 'admin-ui', 'dist');
const CUSTOMER = demoCustomers().find((c) => c.accountNo === '4210000005')!;
const base = new URL(E2E_BASE).origin;

const b = useBrowser();
let h: Harness;
let c: { id: string; caseNo: string; workflowId: string };

beforeAll(async () => {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) throw new Error(`${DIST}/index.html is missing: build the admin UI first (cd admin-ui && npm run build).`);
  h = await startHarness({ adminUiDir: DIST });
  const [supervisor, inspector, admin] = await Promise.all([tokenFor('supervisor'), tokenFor('inspector'), tokenFor('admin')]);
  const device = newDeviceId('e2e-review');
  await bindDevice(h.baseUrl, admin, device, 'inspector');
  c = await openFieldCase(h, supervisor, CUSTOMER.accountNo, 'special');
  await waitFor('offered to inspector', async () => (await h.pool.query("select 1 from cases where id = $1 and assignee = 'inspector'", [c.id])).rowCount);
  await fakedVisit(h.baseUrl, inspector, device, c.id, CUSTOMER);
  await submitWeakFindings(h.client, h.pool, c.workflowId);
}, 240_000);

afterAll(async () => {
  if (c) await api(h.baseUrl, `/api/cases/${c.id}/actions/cancel`, { token: await tokenFor('supervisor'), body: { reason: 'e2e presence review: test data' } }).catch(() => undefined);
  await h?.stop();
});

test('a supervisor opens the 疑似虚假工单 queue, sees the reasons and the photo\'s metadata, and clears the visit', async () => {
  // A page Playwright answers has no address of its own: Chromium then treats it as public and blocks its calls to the
  // loopback Keycloak unless local-network access is granted (the real server's pages are loopback themselves).
  const context = await b.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Shanghai', permissions: ['local-network-access'] });
  // everything the page asks of E2E_BASE goes to this test's API (the UI build of this checkout, /api of this checkout)
  await context.route(`${base}/**`, async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch({ url: `${h.baseUrl}${url.pathname}${url.search}` });
    await route.fulfill({ response });
  });
  // Playwright does not route the request a redirect leads to: Keycloak's 302 back to the app after the login becomes
  // a page that goes there itself, so the app's page is asked for anew (and routed above).
  await context.route('**/login-actions/authenticate**', async (route) => {
    const response = await route.fetch({ maxRedirects: 0 });
    const location = response.headers().location;
    if (response.status() >= 300 && response.status() < 400 && location?.startsWith(base)) {
      await route.fulfill({ status: 200, contentType: 'text/html', body: `<!doctype html><script>location.replace(${JSON.stringify(location)})</script>` });
    } else {
      await route.fulfill({ response });
    }
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.warn(`[admin UI page error] ${e.message}`));
  try {
    await page.goto(`${base}/#/presence-reviews`);
    await page.waitForSelector('#username', { timeout: 30_000 });
    await page.fill('#username', 'supervisor');
    await page.fill('#password', DEMO_PASSWORD);
    await page.click('#kc-login');
    await page.waitForURL((u) => u.toString().startsWith(base), { timeout: 30_000 });

    // the menu entry, and the case in the queue with its reasons as short labels
    await page.getByRole('menuitem', { name: '疑似虚假工单' }).waitFor({ timeout: 30_000 });
    await page.getByPlaceholder('搜索').fill(c.caseNo);
    // the search is applied after a pause (and written to the address): click the row of the searched list, not one
    // about to be replaced
    await page.waitForURL((u) => decodeURIComponent(u.toString()).includes(c.caseNo), { timeout: 15_000 });
    const row = page.locator('tr', { hasText: c.caseNo });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getByTestId('reason-chips').textContent()).toContain('签到超出范围');
    expect(await row.getByTestId('reason-chips').textContent()).toContain('轨迹跳变');
    await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-presence-queue.png'), fullPage: true });

    // the review: reasons in words, the justification, the check-in outside the fence, the photo's metadata
    await row.click();
    const reasons = page.getByTestId('review-reasons');
    await reasons.waitFor({ timeout: 30_000 });
    expect(await reasons.textContent()).toContain('签到位置距客户 2300 米，超出 200 米范围');
    expect(await page.getByTestId('review-justification').textContent()).toContain(JUSTIFICATION);
    expect(await page.getByTestId('map-checkin').getAttribute('data-inside')).toBe('false');
    const photo = page.getByTestId('evidence-compare');
    expect(await photo.locator('[data-row="toCustomer"]').textContent()).toMatch(/申报 2\d{3} 米/);
    // the photo opens at full size from the presigned URL
    await photo.getByTestId('photo-open').click();
    const full = page.getByTestId('photo-full');
    await full.waitFor();
    // the bytes arrived and decoded (a refused or expired URL leaves naturalWidth at 0)
    await waitFor('the full-size photo decoded', async () => (await full.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)) > 0, 15_000);
    await page.getByRole('button', { name: '关闭' }).click();
    await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-presence-review.png'), fullPage: true });

    // 核实通过: a note, a confirmation, and the outcome
    await page.getByRole('button', { name: '核实通过' }).click();
    await page.getByRole('textbox', { name: /核实意见/ }).fill('已电话联系客户，确认稽查员到场');
    await page.getByRole('button', { name: '下一步' }).click();
    expect(await page.getByTestId('review-decision-question').textContent()).toBe(`确认将工单 ${c.caseNo} 核实通过？`);
    await page.getByRole('button', { name: '确认提交' }).click();
    await page.locator('[data-testid="review-status"][data-status="cleared"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('review-outcome').textContent()).toContain('已电话联系客户，确认稽查员到场');
    await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-presence-cleared.png'), fullPage: true });

    // the case page tells the outcome too
    await page.getByRole('link', { name: '打开工单' }).click();
    const banner = page.getByTestId('presence-review-banner');
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.getAttribute('data-status')).toBe('cleared');
  } catch (e) {
    // the screen as it was when a wait failed is the first thing to read
    await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-presence-failed.png'), fullPage: true }).catch(() => undefined);
    throw e;
  } finally {
    // the case page polls /live: a poll in flight when the test ends must not fail it (it did once, on a fresh clone)
    await context.unrouteAll({ behavior: 'ignoreErrors' });
    await context.close();
  }
}, 180_000);

import path from 'node:path';
import type { Page } from 'playwright-core';
import { useBrowser, SHOTS, E2E_BASE, loggedIn } from '../support/browser';
import { api } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { driveCase, type DrivenCase } from '../support/fieldVisit';
import { waitFor } from '../support/mobile';

// The back office by role, in a real browser through the real Keycloak login page: each role's menu, the supervisor's
// dashboard, a case with terminal evidence (photos through S3) and a GPS track, a verification rejected then passed,
// and the English switch. Screenshots land in SHOTS (.stack/logs, git-ignored).
const base = E2E_BASE;
const b = useBrowser();
const VIEWPORT = { width: 1180, height: 820 };
let c: DrivenCase;

beforeAll(async () => {
  // a customer of 温泉供电所 (the demo inspector's and lead's station), visited by the terminal simulator
  c = await driveCase(base, '4210000016', 'verification', 'admin UI roles e2e');
}, 180_000);

/** Waits until `read()` answers `expected` (the page updates after a refetch). */
async function until<T>(what: string, read: () => Promise<T>, expected: T, ms = 15_000): Promise<void> {
  let last: T | undefined;
  await waitFor(what, async () => {
    last = await read().catch(() => undefined); // not on the page yet
    return last === expected;
  }, ms).catch(() => {
    throw new Error(`${what}: expected ${String(expected)}, still ${String(last)}`);
  });
}

async function menuLabels(page: Page): Promise<string[]> {
  await page.getByRole('menuitem').first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500); // every entry's access check has answered
  return (await page.getByRole('menuitem').allTextContents()).map((s) => s.trim());
}

test('each role sees the menus of its role; the inspector gets no statistics but their open cases and the terminal app', async () => {
  const seen: Record<string, string[]> = {};
  for (const user of ['supervisor', 'manager', 'inspector']) {
    const { context, page } = await loggedIn(b.browser, user, '#/', VIEWPORT);
    try {
      seen[user] = await menuLabels(page);
      if (user === 'inspector') {
        await page.getByTestId('home-inspector').waitFor({ timeout: 15_000 });
        expect(await page.getByTestId('home-terminal-link').getAttribute('href')).toBe('/terminal/');
        expect(await page.getByTestId('dashboard-figures').count()).toBe(0);
      } else {
        await page.getByTestId('dashboard-figures').waitFor({ timeout: 30_000 });
      }
    } finally {
      await context.close();
    }
  }
  expect(seen.supervisor).toEqual(expect.arrayContaining(['首页', '稽查工单', '升级督办', '工作日历', '电价目录', '四必查项目']));
  expect(seen.manager).toEqual(expect.arrayContaining(['首页', '稽查工单', '升级督办', '工作日历', '电价目录', '四必查项目']));
  // every role reads the tariff catalogue and the must-check items (only managers and admins change them)
  expect(seen.inspector).toEqual(expect.arrayContaining(['稽查工单', '电价目录', '四必查项目']));
  expect(seen.inspector).not.toContain('首页');
  expect(seen.inspector).not.toContain('升级督办');
  expect(seen.inspector).not.toContain('工作日历');
}, 180_000);

test('the supervisor\'s dashboard: figures of this month include the driven case; a county, then English', async () => {
  const { context, page } = await loggedIn(b.browser, 'supervisor', '#/', VIEWPORT);
  try {
    const figures = page.getByTestId('dashboard-figures');
    await figures.waitFor({ timeout: 30_000 });
    const value = async (id: string) => Number((await figures.getByTestId(`figure-${id}`).getByTestId('figure-value').textContent())!.replace(/[^\d.]/g, ''));
    expect(await value('suspected')).toBeGreaterThanOrEqual(1);
    expect(await value('checkedOnSite')).toBeGreaterThanOrEqual(1);
    expect(await value('confirmed')).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('dashboard-unit').textContent()).toBe('国网咸宁供电公司');
    await page.getByTestId('trend-chart').waitFor();
    expect(await page.getByTestId('trend-month').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-dashboard.png'), fullPage: true });

    // one sub-unit: the county holding the demo station
    const county = page.locator('[data-testid="unit-row"][data-unit-id="HB.XN.XA"]');
    await county.click();
    await page.getByTestId('dashboard-unit').getByText('咸安区供电公司', { exact: false }).waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="unit-row"][data-unit-id="HB.XN.XA.WQ"]').waitFor({ timeout: 15_000 });

    // English: labels, enums and menu change; money stays in the zh-CN format
    // react-admin's app bar slides away while the page is scrolled down
    await page.evaluate('window.scrollTo(0, 0)'); // runs in the page (the test's tsconfig has no DOM types)
    await page.locator('button[aria-controls="simple-menu"]', { hasText: '简体中文' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByText('Audit statistics').first().waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('figure-confirmationRate').textContent()).toContain('Confirmation rate');
    expect(await page.getByTestId('dashboard-unit').textContent()).toBe('Xian\'an District Power Supply Co.'); // the chosen unit is kept
    expect(await page.getByTestId('figure-recovered').getByTestId('figure-value').textContent()).toMatch(/^¥[\d,]+\.\d{2}$/);
    expect(await menuLabels(page)).toEqual(expect.arrayContaining(['Dashboard']));
    await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-dashboard-en.png'), fullPage: true });
  } finally {
    await context.close();
  }
}, 120_000);

test('the supervisor opens the case: map with the GPS track and replay, photos from S3; rejects, then passes the verification', async () => {
  const { context, page } = await loggedIn(b.browser, 'supervisor', `#/cases/${c.id}/show`, VIEWPORT);
  try {
    await page.getByTestId('case-live-panel').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('live-stage').textContent()).toBe('复核');

    // evidence: the map draws the terminal's track (not just the check-in), the gallery the photos themselves
    await page.getByTestId('case-tab-evidence').click();
    const summary = page.getByTestId('map-track-summary');
    await summary.waitFor({ timeout: 30_000 });
    // Until the track query answers, the map replays what the case holds (check-in, photos): wait for the track
    // (a loaded machine answered it after the summary was first drawn), then read the count.
    await page.waitForFunction(
      `(/共 (\\d+) 个定位点/.exec(document.querySelector('[data-testid="map-track-summary"]')?.textContent ?? '')?.[1] ?? 0) > 5`,
      undefined, { timeout: 30_000 },
    ).catch(() => undefined); // the assertion below says what was shown
    expect(Number(/共 (\d+) 个定位点/.exec((await summary.textContent()) ?? '')?.[1])).toBeGreaterThan(5);
    const gallery = page.getByTestId('evidence-gallery');
    await gallery.waitFor();
    expect(await gallery.getByTestId('evidence-item').count()).toBe(c.evidenceIds.length);
    expect(await gallery.getByTestId('evidence-verified').count()).toBe(c.evidenceIds.length);
    const images = gallery.locator('img');
    await until('photos shown', () => images.count(), c.evidenceIds.length);
    const src = await images.first().getAttribute('src');
    expect(new URL(src!).searchParams.get('X-Amz-Expires')).toBe('300');
    // the browser really loaded the bytes from the store
    await until('photos loaded', () => images.evaluateAll((imgs) => (imgs as unknown as { complete: boolean; naturalWidth: number }[]).every((i) => i.complete && i.naturalWidth > 0)), true);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-case-evidence.png'), fullPage: true });
    // replay: the walk is played again along its fixes' own times (the label follows the marker)
    const startLabel = await page.getByTestId('map-replay-label').textContent();
    await page.getByTestId('map-replay-play').click();
    await until('replay under way', async () => (await page.getByTestId('map-replay-label').textContent()) !== startLabel, true);

    // reject: back to rectification, the timeline shows the round
    await page.getByRole('button', { name: '退回整改' }).click();
    await page.getByRole('textbox', { name: /原因/ }).fill('e2e：违约使用电费尚未到账');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByTestId('case-tab-overview').click();
    await until('stage after reject', () => page.getByTestId('live-stage').textContent(), '督办整改');
    await page.getByTestId('case-tab-timeline').click();
    await page.locator('[data-event-type="verified"]').getByText('e2e：违约使用电费尚未到账', { exact: false }).waitFor({ timeout: 15_000 });

    // the station lead reports again (terminal or API); the supervisor passes it in the page
    const lead = await tokenFor('lead');
    const reported = await api(base, `/api/cases/${c.id}/actions/rectification-report`, { token: lead, body: { summary: '违约使用电费已到账', collectedYuan: 6750, receiptNo: 'E2E-0002' } });
    expect(reported.status).toBe(200);
    await page.reload();
    await until('stage after the report', () => page.getByTestId('live-stage').textContent(), '复核', 30_000);
    await page.getByRole('button', { name: '复核通过' }).click();
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByTestId('case-tab-timeline').click();
    await until('two verification rounds in the timeline', () => page.locator('[data-event-type="verified"]').count(), 2);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-case-verified.png'), fullPage: true });
  } finally {
    await context.close();
  }
  const events = (await api(base, `/api/cases/${c.id}/events`, { token: await tokenFor('supervisor') })).body as { type: string; payload: { outcome?: string } }[];
  expect(events.filter((e) => e.type === 'verified').map((e) => e.payload.outcome)).toEqual(['reject', 'pass']);
}, 180_000);

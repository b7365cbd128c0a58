import path from 'node:path';
import { useBrowser, loggedIn, SHOTS, E2E_BASE } from '../support/browser';
import { api } from '../support/harness';
import { tokenFor } from '../support/keycloak';

// 工作日历 in the back office, in a real browser against the running stack: the years and 2026's grids for a manager,
// the coverage banner exactly when the API says the next 90 days are not covered, and the admin's editor — its checks
// and its confirmation (cancelled: publishing a year would change every other test's deadlines).
const base = E2E_BASE;
const b = useBrowser();
const VIEWPORT = { width: 1180, height: 820 };

interface Coverage { knownThrough: string | null; coversNext90Days: boolean; provisionalOpenCases: number }

test('a manager reads the years and 2026\'s grids; the banner shows exactly when the next 90 days are not covered', async () => {
  const years = await api(base, '/api/calendar/years', { token: await tokenFor('manager') });
  expect(years.status).toBe(200);
  const coverage = years.body.coverage as Coverage;
  const { context, page } = await loggedIn(b.browser, 'manager', '#/calendar', VIEWPORT);
  try {
    await page.getByTestId('calendar-years').waitFor({ timeout: 30_000 });
    const shown = await page.getByTestId('calendar-year-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-year'))));
    expect(shown).toEqual((years.body.items as { year: number }[]).map((y) => y.year));
    expect(shown).toContain(2026);
    expect(await page.getByTestId('calendar-publish-new').count()).toBe(0); // managers read only

    if (coverage.coversNext90Days) {
      expect(await page.getByTestId('calendar-coverage-banner').count()).toBe(0);
    } else {
      const banner = page.getByTestId('calendar-coverage-banner');
      await banner.waitFor({ timeout: 15_000 });
      expect(await banner.textContent()).toContain(coverage.knownThrough ? `工作日历只覆盖到 ${coverage.knownThrough}` : '尚未发布工作日历');
    }

    await page.locator('[data-testid="calendar-year-row"][data-year="2026"] a').click();
    await page.locator('[data-testid="month-grid"][data-month="10"]').waitFor({ timeout: 15_000 });
    const kind = (date: string) => page.locator(`[data-testid="day-cell"][data-date="${date}"]`).getAttribute('data-kind');
    for (const d of ['01', '02', '03', '04', '05', '06', '07']) expect(await kind(`2026-10-${d}`)).toBe('holiday');
    expect(await kind('2026-10-10')).toBe('makeup');
    expect(await page.locator('[data-testid="day-cell"][data-date="2026-10-10"] [data-testid="makeup-mark"]').textContent()).toBe('班');
    expect(await page.getByTestId('day-run').filter({ hasText: '国庆节放假' }).count()).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-calendar-2026.png'), fullPage: true });
  } finally {
    await context.close();
  }
}, 120_000);

test('the admin\'s editor checks a make-up day on a weekday, previews the year and confirms with the provisional count', async () => {
  const coverage = (await api(base, '/api/calendar/years', { token: await tokenFor('admin') })).body.coverage as Coverage;
  const { context, page } = await loggedIn(b.browser, 'admin', '#/calendar/create?year=2099', VIEWPORT);
  try {
    await page.getByTestId('calendar-editor').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('calendar-year-input').inputValue()).toBe('2099');
    await page.getByTestId('holiday-name').first().fill('春节');
    await page.getByTestId('holiday-from').first().fill('2099-01-21');
    await page.getByTestId('holiday-to').first().fill('2099-01-27');
    await page.getByTestId('add-makeup').click();
    await page.getByTestId('makeup-date').first().fill('2099-01-20'); // a Tuesday
    await page.getByTestId('calendar-publish').click();
    expect(await page.getByTestId('makeup-row').first().getByTestId('row-errors').textContent()).toBe('2099-01-20 不是周六或周日：调休上班日只能是周末。');
    expect(await page.locator('[data-testid="calendar-preview"] [data-testid="day-cell"][data-kind="holiday"]').count()).toBe(7);

    await page.getByTestId('makeup-date').first().fill('2099-01-31'); // a Saturday
    await page.getByTestId('calendar-publish').click();
    const recompute = page.getByTestId('calendar-confirm-recompute');
    await recompute.waitFor({ timeout: 15_000 });
    expect(await recompute.textContent()).toContain(coverage.provisionalOpenCases > 0 ? `${coverage.provisionalOpenCases} 件未结工单` : '没有期限为暂定的未结工单');
    await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-calendar-editor.png'), fullPage: true });
    await page.getByRole('button', { name: '取消' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 15_000 });
  } finally {
    await context.close();
  }
  // nothing was published
  expect((await api(base, '/api/calendar/years/2099', { token: await tokenFor('admin') })).status).toBe(404);
}, 120_000);

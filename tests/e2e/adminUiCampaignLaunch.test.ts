import path from 'node:path';
import type pg from 'pg';
import { createPool } from '../../db/pool';
import { lastClosedMonth } from '../../domain/billingMonths';
import type { PopulationSpec } from '../../db/synthetic/generator';
import { upsertPopulation } from '../../db/synthetic/loadPopulation';
import { useBrowser, loggedIn, SHOTS, E2E_BASE } from '../support/browser';
import { api } from '../support/harness';
import { tokenFor } from '../support/keycloak';

// 专项稽查 in the back office, as a manager works it: the scope chosen in the org-unit picker by typing a unit's
// Chinese name, rules ticked by their Chinese texts, the live count; the saved draft's preview; 启动 asks first with
// the cases it opens — cancelled once (nothing runs), then confirmed — and the run's progress to completion.
// The campaign runs over this file's own generated county, so its cases never meet another test's customers (one
// open case per customer); afterAll cancels the cases it opened.
const base = E2E_BASE;
const b = useBrowser();

const COUNTY = '专项演练县供电公司';
const spec: PopulationSpec = {
  name: 'e2e-campaign-launch', seed: 73_040, customers: 400, endMonth: lastClosedMonth(new Date()),
  root: { id: 'HB.XN.ZL', parentId: 'HB.XN', level: 'county', nameZh: COUNTY, nameEn: 'Campaign Drill County' }, accountPrefix: '7304',
};
const CAP = 2;

let pool: pg.Pool;
let campaignId: string | undefined;

interface Rule { code: string; textZh: string; weight: number }
interface Preview { matched: number; byRule: Record<string, number> }
interface DraftPreview { matched: number; selected: number; wouldOpen: number; skipped: number; byRule: Record<string, number> }

beforeAll(async () => {
  pool = createPool(process.env.DATABASE_URL as string, 2);
  await upsertPopulation(pool, spec);
  // an earlier run's cases in this county would still count as open cases and be skipped
  await pool.query(
    "update cases set stage = 'cancelled', closed_at = now() where customer_account_no like $1 and stage not in ('closed', 'dismissed', 'cancelled')",
    [`${spec.accountPrefix}%`],
  );
}, 120_000);

afterAll(async () => {
  try {
    if (campaignId) {
      const [manager, supervisor] = await Promise.all([tokenFor('manager'), tokenFor('supervisor')]);
      const selections = (await api(base, `/api/campaigns/${campaignId}/selections`, { token: manager })).body as { caseId: string | null }[];
      for (const s of selections ?? []) {
        if (s.caseId) await api(base, `/api/cases/${s.caseId}/actions/cancel`, { token: supervisor, body: { reason: '测试结束' } });
      }
    }
  } finally {
    await pool?.end();
  }
}, 60_000);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Rules of the rule set in force that select customers of the county on their own, best first (asked of the API). */
async function rulesThatMatch(manager: string): Promise<{ rules: Rule[]; matched: number }> {
  const sets = (await api(base, '/api/judgement-rule-sets', { token: manager })).body as { active: boolean; document: { rules: Rule[] } }[];
  const active = sets.find((s) => s.active);
  if (!active) throw new Error('no judgement rule set in force');
  const preview = (rules?: Rule[]) =>
    api(base, '/api/campaigns/preview', {
      token: manager,
      body: { name: '预估', scope: [spec.root.id], caseCap: CAP, asOfMonth: spec.endMonth, ...(rules ? { rules: rules.map((r) => ({ code: r.code })) } : {}) },
    }).then((r) => {
      expect(r.status).toBe(200);
      return r.body as Preview;
    });
  const all = await preview();
  const firing = active.document.rules.filter((r) => (all.byRule[r.code] ?? 0) > 0).sort((x, y) => all.byRule[y.code] - all.byRule[x.code]);
  for (const rules of [firing.slice(0, 2), firing]) {
    if (rules.length === 0) continue;
    const p = await preview(rules);
    if (p.matched > 0) return { rules, matched: p.matched };
  }
  throw new Error(`no rule selects a customer of ${spec.root.id} (${JSON.stringify(all)})`);
}

test('a manager defines a campaign by unit name and rule texts, sees the counts, cancels 启动 once, then runs it', async () => {
  const manager = await tokenFor('manager');
  const { rules, matched } = await rulesThatMatch(manager);
  const name = `专项演练-${Date.now().toString(36)}`;

  const { context, page } = await loggedIn(b.browser, 'manager', '#/campaigns/create');
  try {
    // scope: the manager's own unit is the default; replace it with the county found by typing its Chinese name
    const scope = page.getByTestId('org-unit-input-scope');
    await scope.waitFor({ timeout: 30_000 });
    const scopeInput = scope.getByRole('combobox');
    await scope.getByRole('button', { name: /HB\.XN\)/ }).waitFor({ timeout: 15_000 });
    await scopeInput.click();
    await scopeInput.press('Backspace'); // removes the last chosen unit
    await scopeInput.fill('专项演练');
    const option = page.getByRole('option').filter({ hasText: `(${spec.root.id})` });
    await option.waitFor({ timeout: 15_000 });
    expect(await option.textContent()).toContain(COUNTY);
    expect(await page.getByRole('option').filter({ hasText: '咸安' }).count()).toBe(0); // the search narrows by name
    await option.click();
    await scopeInput.press('Escape');
    expect(await scope.getByRole('button').filter({ hasText: /\(HB\./ }).allTextContents()).toEqual([`${COUNTY} (${spec.root.id})`]);

    await page.locator('input[name="name"]').fill(name);
    for (const r of rules) await page.getByRole('checkbox', { name: new RegExp(`^${escape(r.textZh)} \\(\\+${r.weight}\\)`) }).check();
    await page.locator('input[name="caseCap"]').fill(String(CAP));
    await page.locator('input[name="asOfMonth"]').fill(spec.endMonth);

    // the live count is the API's count for this definition
    const live = page.getByTestId('campaign-preview');
    await live.getByTestId('preview-count').filter({ hasText: `命中 ${matched} 户` }).waitFor({ timeout: 30_000 });
    expect(await live.textContent()).toContain(`将生成 ${Math.min(CAP, matched)} 张工单`);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-campaign-create.png'), fullPage: true });

    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/#\/campaigns\/[0-9a-f-]{36}\/show/, { timeout: 30_000 });
    campaignId = /#\/campaigns\/([0-9a-f-]{36})\/show/.exec(page.url())![1];
    const stored = (await api(base, `/api/campaigns/${campaignId}`, { token: manager })).body;
    expect(stored).toMatchObject({ name, status: 'draft', scope: [spec.root.id], caseCap: CAP, asOfMonth: spec.endMonth });
    expect((stored.rules as { code: string }[]).map((r) => r.code).sort()).toEqual(rules.map((r) => r.code).sort());

    // the draft's page: what 启动 would do, recomputed on opening
    const draft = (await api(base, `/api/campaigns/${campaignId}/preview`, { token: manager })).body as DraftPreview;
    expect(draft).toMatchObject({ matched, selected: Math.min(CAP, matched), skipped: 0, wouldOpen: Math.min(CAP, matched) });
    expect(await page.getByTestId('campaign-status').textContent()).toBe('草稿');
    await page.getByTestId('draft-preview-count').filter({ hasText: `命中 ${matched} 户` }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('draft-preview-opens').textContent()).toBe(`启动后将新建 ${draft.wouldOpen} 张工单，跳过 0 户（已有在办工单）`);
    const draftText = await page.getByTestId('campaign-draft-preview').textContent();
    for (const r of rules) if (r.code in draft.byRule) expect(draftText).toContain(`${r.textZh}: ${draft.byRule[r.code]}`);
    expect(draftText).not.toContain(`${rules[0].code}:`); // the rules by their texts, not their codes
    await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-campaign-draft.png'), fullPage: true });

    // 启动 asks first; cancelling runs nothing
    const confirmation = page.getByTestId('campaign-launch-confirmation');
    const opensLine = `将新建 ${draft.wouldOpen} 张稽查工单（入选 ${draft.selected} 户，命中 ${matched} 户）。`;
    await page.getByTestId('campaign-run').click();
    await confirmation.getByText(opensLine).waitFor({ timeout: 30_000 });
    expect(await confirmation.textContent()).toContain('入选客户均无在办工单，不跳过任何客户。');
    if (matched > CAP) expect(await confirmation.textContent()).toContain(`工单上限 ${CAP}：其余 ${matched - CAP} 户命中但不入选。`);
    expect(await page.getByRole('dialog').textContent()).toContain(`启动专项稽查“${name}”？`);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-campaign-confirm.png'), fullPage: true });
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 15_000 });
    expect(await page.getByTestId('campaign-status').textContent()).toBe('草稿');
    expect((await api(base, `/api/campaigns/${campaignId}`, { token: manager })).body.status).toBe('draft');
    expect((await api(base, `/api/campaigns/${campaignId}/selections`, { token: manager })).body).toEqual([]);

    // confirmed: it runs, and the page follows its progress to the end
    await page.getByTestId('campaign-run').click();
    await confirmation.getByText(opensLine).waitFor({ timeout: 30_000 });
    await page.getByRole('dialog').getByRole('button', { name: '确认启动' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByTestId('campaign-status').filter({ hasText: /^(运行中|已完成)$/ }).waitFor({ timeout: 30_000 });
    await page.getByTestId('campaign-progress').waitFor({ timeout: 15_000 });
    await page.getByTestId('campaign-status').filter({ hasText: /^已完成$/ }).waitFor({ timeout: 90_000 });
    const n = draft.wouldOpen;
    await page.getByTestId('campaign-counts').filter({ hasText: `已建单 ${n}，失败 0，待派发 0（共 ${n} 户）` }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('campaign-percent').textContent()).toBe('100%');
    await page.getByTestId('campaign-selections').getByText('已建单').nth(n - 1).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('campaign-run').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-campaign-completed.png'), fullPage: true });

    const selections = (await api(base, `/api/campaigns/${campaignId}/selections`, { token: manager })).body as { status: string; caseId: string | null }[];
    expect(selections.map((s) => s.status)).toEqual(Array(n).fill('created'));
    expect(selections.every((s) => s.caseId)).toBe(true);
  } catch (e) {
    await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-campaign-failure.png'), fullPage: true }).catch(() => undefined);
    throw e;
  } finally {
    await context.close();
  }
}, 240_000);

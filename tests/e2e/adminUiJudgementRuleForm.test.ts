import crypto from 'node:crypto';
import path from 'node:path';
import type pg from 'pg';
import type { Locator, Page } from 'playwright-core';
import { createPool } from '../../db/pool';
import { lastClosedMonth } from '../../domain/billingMonths';
import { prepareRuleSet, type JudgementRuleSet } from '../../domain/judgementRules';
import { generateCustomer, populationDays, type GeneratedCustomer, type PopulationSpec } from '../../db/synthetic/generator';
import { judgeGenerated } from '../../db/synthetic/inMemoryJudgement';
import { upsertPopulation } from '../../db/synthetic/loadPopulation';
import { round2 } from '../../db/synthetic/random';
import { useBrowser, loggedIn, SHOTS, E2E_BASE } from '../support/browser';
import { api } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { waitFor } from '../support/mobile';

// 初判规则 in the back office, as the manager, in a real browser through the Keycloak login: a new draft from the
// version in force, the capacity rule's threshold lowered in the rule's form (a share entered as a percentage), the
// live preview's row for this file's own county moving by exactly the customers planted between the two thresholds,
// a value out of range refused in Chinese on its field, the draft saved and published through the dialog.
//
// The preview counts the manager's whole unit (HB.XN), which other tests fill as they run; only this file's own
// generated county (HB.XN.ZR, accounts 7305…) is counted exactly, the whole unit only as far as a lowered threshold
// must move it (never down, at least by the planted customers).
//
// Publishing: a judgement rule set has no org scope — the one in force is the published version with the latest
// effective date reached, for everyone. So it is published from a random day of 2099: judgement looks up the version
// in force at the real "today" only, and no test's today reaches 2099. afterAll deletes the version (the
// frozen-version trigger blocks updates only: db/migrations/048).
const base = E2E_BASE;
const b = useBrowser();

const COUNTY = '规则演练县供电公司';
const populationOf = (endMonth: string): PopulationSpec => ({
  name: 'e2e-judgement-rule-form', seed: 73_050, customers: 40, endMonth,
  root: { id: 'HB.XN.ZR', parentId: 'HB.XN', level: 'county', nameZh: COUNTY, nameEn: 'Rule Drill County' }, accountPrefix: '7305',
});
/** Customers given a day at a share of their capacity between the old and the new threshold. */
const PLANTED = 3;

// 超容量 (OVER_CAPACITY): a customer whose daily consumption reached that share of the contract capacity running flat out.
const RULE = 'OVER_CAPACITY';
const PARAM = 'maxUtilisation';
const PARAM_LABEL = '日电量达到合同容量满载的';
const OUT_OF_RANGE = '1001';
const RANGE_MESSAGE = '应大于 0%，且不超过 1000%';

const suffix = crypto.randomBytes(3).toString('hex');
const VERSION = `e2e-rules-${suffix}`;
// one version per effective day: a random day of 2099 keeps parallel or earlier runs apart
const EFFECTIVE = (() => {
  const n = crypto.randomInt(0, 28 * 12);
  return `2099-${String(Math.floor(n / 28) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`;
})();

interface Counts { version: string; total: number; byRule: { code: string; count: number }[]; byUnit: { unitId: string; count: number }[] }
interface Preview { asOfMonth: string; scope: string; draft: Counts; inForce: Counts }
type Rule = JudgementRuleSet['rules'][number];
interface RuleSet { version: string; status: 'draft' | 'published'; active: boolean; effectiveFrom: string | null; document: JudgementRuleSet }

let pool: pg.Pool;
let spec: PopulationSpec;
let inForce: RuleSet;
let ruleIndex: number;
let oldPercent: number;
let newPercent: number;
/** The county's selected customers under the version in force, and under the draft with the lowered threshold. */
let before: number;
let after: number;

const withShare = (rs: JudgementRuleSet, share: number): JudgementRuleSet =>
  ({ ...rs, rules: rs.rules.map((r, i) => (i === ruleIndex ? ({ ...r, params: { ...r.params, [PARAM]: share } } as Rule) : r)) });
const selected = (rs: JudgementRuleSet, customers: GeneratedCustomer[]) =>
  judgeGenerated(prepareRuleSet(rs, spec.endMonth), spec, customers).filter((e) => e.score >= rs.campaignMinScore);

beforeAll(async () => {
  pool = createPool(process.env.DATABASE_URL as string, 2);
  const token = await tokenFor('manager');
  const list = await api(base, '/api/judgement-rule-sets', { token });
  expect(list.status).toBe(200);
  const active = (list.body as RuleSet[]).find((r) => r.active);
  if (!active) throw new Error('no judgement rule set is in force in the test database');
  inForce = active;
  ruleIndex = inForce.document.rules.findIndex((r) => r.code === RULE);
  if (ruleIndex < 0) throw new Error(`the version in force ${inForce.version} has no ${RULE} rule`);
  oldPercent = Math.round((inForce.document.rules[ruleIndex]!.params as Record<string, number>)[PARAM]! * 100);
  newPercent = oldPercent - 20;
  if (newPercent <= 0) throw new Error(`${RULE}.${PARAM} in force is ${oldPercent}%: too low to lower by 20 points`);

  // The preview judges the latest billed month: the county's bills end there.
  const latest = (await pool.query<{ m: string | null }>("select to_char(max(month), 'YYYY-MM') as m from billing_periods")).rows[0]?.m;
  const closed = lastClosedMonth(new Date());
  spec = populationOf(latest && latest > closed ? latest : closed);
  await upsertPopulation(pool, spec);

  // Planted: the first customers no rule in force selects get, on the last day, a day's consumption halfway between
  // the two thresholds. Every customer's last day is rewritten (generated or planted), so an earlier run's plants
  // with other thresholds leave nothing behind.
  const customers = Array.from({ length: spec.customers }, (_, i) => generateCustomer(spec, i));
  const unselected = judgeGenerated(prepareRuleSet(inForce.document, spec.endMonth), spec, customers).filter((e) => e.score === 0).map((e) => e.accountNo);
  const last = populationDays(spec).length - 1;
  const share = (oldPercent + newPercent) / 200;
  for (const c of customers.filter((x) => unselected.slice(0, PLANTED).includes(x.accountNo))) c.dayKwh[last] = round2(c.contractCapacityKva * 24 * share);
  await pool.query(
    `update daily_readings d set day_kwh = x.kwh from unnest($1::text[], $2::numeric[]) as x(account_no, kwh)
      where d.account_no = x.account_no and d.reading_date = $3`,
    [customers.map((c) => c.accountNo), customers.map((c) => c.dayKwh[last]), populationDays(spec)[last]],
  );

  before = selected(inForce.document, customers).length;
  after = selected(withShare(inForce.document, newPercent / 100), customers).length;
  // the test's premise: the planted customers, and only they, move
  if (after - before !== PLANTED) throw new Error(`lowering ${RULE} from ${oldPercent}% to ${newPercent}% moves ${before} → ${after} customers of ${spec.root.id}, not by ${PLANTED}`);

  // the API judges the month the county was generated for
  const r = await api(base, `/api/judgement-rule-sets/${inForce.version}/preview`, { token, body: {} });
  expect(r.status).toBe(200);
  expect((r.body as Preview).asOfMonth).toBe(spec.endMonth);
}, 120_000);

afterAll(async () => {
  try {
    await pool?.query('delete from judgement_rule_sets where version = $1', [VERSION]);
  } finally {
    await pool?.end();
  }
});

/** Waits until `read()` answers `expected` (the preview is recomputed a moment after the last change). */
async function until<T>(what: string, read: () => Promise<T>, expected: T, ms = 20_000): Promise<void> {
  let last: T | undefined;
  await waitFor(what, async () => {
    last = await read().catch(() => undefined);
    return last === expected;
  }, ms).catch(() => {
    throw new Error(`${what}: expected ${String(expected)}, still ${String(last)}`);
  });
}

/** The helper line under an input (its error once refused). */
async function helperOf(page: Page, input: Locator): Promise<string> {
  const id = await input.getAttribute('aria-describedby');
  return id ? ((await page.locator(`[id="${id}"]`).textContent()) ?? '') : '';
}

/** A row of a preview table as its cells read (a count of no one is shown as —), or absent when both counts are 0. */
const rowText = (name: string, draft: number, inForceCount: number) =>
  (draft || inForceCount ? `${name}|${draft || '—'}|${inForceCount || '—'}` : 'absent');
const cellsOf = async (row: Locator) => ((await row.count()) ? (await row.getByRole('cell').allTextContents()).join('|') : 'absent');
const numberOf = (cell: string) => (cell === '—' ? 0 : Number(cell));

test('the manager drafts from the version in force, lowers a percentage in the rule\'s form, sees the county\'s planted customers join the preview, is refused in Chinese, saves and publishes from a day in 2099', async () => {
  const { context, page } = await loggedIn(b.browser, 'manager', '#/judgement-rule-sets');
  const rule = inForce.document.rules[ruleIndex]!;
  try {
    // the list: the version in force marked; a new version starts from it
    const rowOf = (v: string) => page.getByRole('row').filter({ has: page.getByRole('cell', { name: v, exact: true }) });
    const activeRow = rowOf(inForce.version);
    await activeRow.getByText('现行', { exact: true }).waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: '新建' }).click();
    await page.getByTestId('judgement-preview').waitFor({ timeout: 30_000 });

    // the rules as forms: no JSON switch for a manager, the share shown as a percentage
    const version = page.getByRole('textbox', { name: /^版本/ });
    expect(await version.inputValue()).not.toBe(inForce.version); // a new version name is proposed
    await version.fill(VERSION);
    await page.getByRole('button', { name: '保存' }).waitFor();
    expect(await page.getByRole('switch', { name: /专家模式/ }).count()).toBe(0);
    expect(await page.getByText('参数（JSON）').count()).toBe(0);
    const share = page.locator(`input[name="rules.${ruleIndex}.params.${PARAM}"]`);
    expect(await page.locator(`input[name="rules.${ruleIndex}.code"]`).inputValue()).toBe(RULE);
    expect(await page.locator(`label[for="${await share.getAttribute('id')}"]`).textContent()).toContain(PARAM_LABEL);
    expect(await share.inputValue()).toBe(String(Math.round((rule.params as Record<string, number>)[PARAM]! * 1e6) / 1e4));
    expect(Number(await share.inputValue())).toBe(oldPercent);

    // the live preview: the draft as taken over selects what the version in force selects; the county row exactly
    const preview = page.getByTestId('judgement-preview');
    const countyRow = preview.getByRole('table', { name: '按单位' }).getByRole('row').filter({ hasText: COUNTY });
    const ruleRow = preview.getByRole('table', { name: '按规则' }).getByRole('row').filter({ hasText: `${RULE}（` });
    /** The whole unit's totals and the rule's row: [draft, in force] — what else is in the database moves them too. */
    const unitCounts = async () => {
      const m = /^草稿选中 (\d+) 户，现行规则选中 (\d+) 户（HB\.XN）$/.exec((await preview.getByTestId('preview-totals').textContent()) ?? '');
      expect(m).not.toBeNull();
      const cells = (await cellsOf(ruleRow)).split('|');
      expect(cells[0]).toBe(`${RULE}（${rule.textZh}）`);
      return { total: [Number(m![1]), Number(m![2])], rule: [numberOf(cells[1]!), numberOf(cells[2]!)] };
    };
    await until('the county in the preview of the unchanged draft', () => cellsOf(countyRow), rowText(COUNTY, before, before));
    const unchanged = await unitCounts();
    expect(unchanged.total[0]).toBe(unchanged.total[1]);
    expect(unchanged.rule[0]).toBe(unchanged.rule[1]);

    // the threshold lowered, as a percentage: the county's planted customers, and only they, are selected besides
    await share.fill(String(newPercent));
    await until('the county in the preview after the change', () => cellsOf(countyRow), rowText(COUNTY, after, before));
    const changed = await unitCounts();
    // a lower threshold selects no one less, anywhere in the unit
    expect(changed.total[0] - changed.total[1]).toBeGreaterThanOrEqual(PLANTED);
    expect(changed.rule[0] - changed.rule[1]).toBeGreaterThanOrEqual(PLANTED);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-judgement-rule-preview.png'), fullPage: true });

    // out of range: refused on the field, in Chinese, and nothing is saved; the preview says the draft is not valid
    await share.fill(OUT_OF_RANGE);
    await page.getByRole('button', { name: '保存' }).click();
    await until('the field\'s message', () => helperOf(page, share), RANGE_MESSAGE);
    await page.getByTestId('judgement-preview').getByText('草稿有不符合要求的字段', { exact: false }).waitFor({ timeout: 20_000 });
    expect(page.url()).toContain('#/judgement-rule-sets/create');
    const stored = await api(base, `/api/judgement-rule-sets/${VERSION}`, { token: await tokenFor('manager') });
    expect(stored.status).toBe(404);

    // corrected and saved: the draft's page
    await share.fill(String(newPercent));
    await until('the field\'s message cleared', () => helperOf(page, share).then((t) => t === RANGE_MESSAGE), false);
    await until('the county in the preview after the correction', () => cellsOf(countyRow), rowText(COUNTY, after, before));
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL((u) => u.hash === `#/judgement-rule-sets/${VERSION}/show`, { timeout: 20_000 });
    await page.getByTestId('publish-version').waitFor({ timeout: 20_000 });
    await page.getByText('草稿', { exact: true }).first().waitFor();
    expect(await page.getByRole('switch', { name: '显示 JSON' }).count()).toBe(0); // the JSON view is the admin's
    await page.getByText(`${PARAM_LABEL} ${newPercent}%`, { exact: false }).first().waitFor(); // the parameters in words
    const draft = (await api(base, `/api/judgement-rule-sets/${VERSION}`, { token: await tokenFor('manager') })).body as RuleSet;
    expect(draft.status).toBe('draft');
    expect(draft.document).toEqual(withShare({ ...inForce.document, version: VERSION }, newPercent / 100));

    // published from a day in 2099: published, not in force, frozen
    await page.getByTestId('publish-version').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`发布 ${VERSION}`).waitFor();
    await dialog.getByTestId('publish-effective-from').locator('input').fill(EFFECTIVE);
    await dialog.getByRole('button', { name: '确认发布' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 20_000 });
    await page.getByText(`已发布 ${VERSION}`).waitFor({ timeout: 15_000 });
    await page.getByText('已发布的版本不可修改', { exact: false }).waitFor({ timeout: 15_000 });
    await page.getByText(EFFECTIVE, { exact: true }).waitFor();
    expect(await page.getByTestId('publish-version').count()).toBe(0);
    expect(await page.getByText('现行', { exact: true }).count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-judgement-rule-published.png'), fullPage: true });

    // the list: published, the version in force unchanged
    await page.goto(`${base}/#/judgement-rule-sets`);
    const row = rowOf(VERSION);
    await row.getByText('已发布', { exact: true }).waitFor({ timeout: 20_000 });
    expect(await row.getByText('现行', { exact: true }).count()).toBe(0);
    await rowOf(inForce.version).getByText('现行', { exact: true }).waitFor();
  } catch (e) {
    await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-judgement-rule-failed.png'), fullPage: true }).catch(() => undefined);
    throw e;
  } finally {
    await context.close();
  }
  const published = (await api(base, `/api/judgement-rule-sets/${VERSION}`, { token: await tokenFor('manager') })).body as RuleSet;
  expect(published).toMatchObject({ status: 'published', effectiveFrom: EFFECTIVE, active: false });
}, 180_000);

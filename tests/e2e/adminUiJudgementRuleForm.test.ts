import crypto from 'node:crypto';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { loadConfig } from '../../config/env';
import { createPool } from '../../db/pool';
import { useBrowser, SHOTS, E2E_BASE } from '../support/browser';
import { api } from '../support/harness';
import { tokenFor, DEMO_PASSWORD } from '../support/keycloak';
import { waitFor } from '../support/mobile';

// 初判规则 in the back office, as the manager, in a real browser through the Keycloak login: a new draft from the
// version in force, a threshold changed in the rule's form (a share entered as a percentage), the live preview's
// counts moving exactly as the API says they should, a value out of range refused in Chinese on its field, the draft
// saved and published through the dialog from a day in 2099 (so it is never in force while other tests run). The
// version is deleted in afterAll (the frozen-version trigger blocks updates only: db/migrations/048).
const base = E2E_BASE;
const b = useBrowser();

/**
 * The change made in the form, a share entered as a percentage: the first of these that moves the count on the
 * test database's customers (the demo customers plus whatever other tests imported). 超容量 (OVER_CAPACITY) counts a
 * customer whose daily consumption reached that share of the contract capacity running flat out (on the test
 * database 90 % → 50 % selected 7 → 10 customers of 咸宁); 电量突降 (THEFT_DROP) one whose every month stayed under that share of the same
 * month last year.
 */
interface Change { rule: string; param: string; percent: number; label: string; outOfRange: string; message: string }
const UTILISATION = { rule: 'OVER_CAPACITY', param: 'maxUtilisation', label: '日电量达到合同容量满载的', outOfRange: '1001', message: '应大于 0%，且不超过 1000%' };
const CHANGES: Change[] = [
  { ...UTILISATION, percent: 50 },
  { ...UTILISATION, percent: 20 },
  { rule: 'THEFT_DROP', param: 'maxOwnRatio', percent: 90, label: '每月电量不超过上年同月的', outOfRange: '120', message: '应大于 0%，且不超过 100%' },
];

const suffix = crypto.randomBytes(3).toString('hex');
const VERSION = `e2e-rules-${suffix}`;
// one version per effective day: a random day of 2099 keeps parallel or earlier runs apart
const EFFECTIVE = (() => {
  const n = crypto.randomInt(0, 28 * 12);
  return `2099-${String(Math.floor(n / 28) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`;
})();

interface Counts { version: string; total: number; byRule: { code: string; count: number }[] }
interface Preview { scope: string; draft: Counts; inForce: Counts }
interface Rule { code: string; kind: string; textZh: string; params: Record<string, unknown> }
interface RuleSet { version: string; status: 'draft' | 'published'; active: boolean; effectiveFrom: string | null; document: { version: string; rules: Rule[] } & Record<string, unknown> }

let inForce: RuleSet;
let change: Change | undefined;
let ruleIndex: number;
let before: Preview; // the version in force, previewed as a draft of itself
let after: Preview; // the same with the changed threshold

const countOf = (c: Counts, code: string) => c.byRule.find((r) => r.code === code)?.count ?? 0;
/** A count as the preview table shows it: a rule that selected no one is absent (—). */
const cellOf = (c: Counts, code: string) => String(c.byRule.find((r) => r.code === code)?.count ?? '—');

beforeAll(async () => {
  const token = await tokenFor('manager');
  const list = await api(base, '/api/judgement-rule-sets', { token });
  expect(list.status).toBe(200);
  const active = (list.body as RuleSet[]).find((r) => r.active);
  if (!active) throw new Error('no judgement rule set is in force in the test database');
  inForce = active;

  // What the preview must show, from the API itself: the version in force under the new name, then with the change.
  const preview = async (rules: Rule[]) => {
    const r = await api(base, `/api/judgement-rule-sets/${VERSION}/preview`, { token, body: { document: { ...inForce.document, version: VERSION, rules } } });
    expect(r.status).toBe(200);
    return r.body as Preview;
  };
  before = await preview(inForce.document.rules);
  expect(before.draft.total).toBe(before.inForce.total);
  for (const c of CHANGES) {
    const i = inForce.document.rules.findIndex((r) => r.code === c.rule);
    if (i < 0) continue;
    const p = await preview(inForce.document.rules.map((r, j) => (j === i ? { ...r, params: { ...r.params, [c.param]: c.percent / 100 } } : r)));
    if (p.draft.total !== before.draft.total && countOf(p.draft, c.rule) !== countOf(before.draft, c.rule)) {
      [change, ruleIndex, after] = [c, i, p];
      break;
    }
  }
  // the test's premise: a change in the form moves the count (else add a parameter to CHANGES)
  if (!change) throw new Error(`none of the changes moves the count of ${inForce.version} (${before.draft.total}) on the test database`);
}, 60_000);

afterAll(async () => {
  const pool = createPool(loadConfig().DATABASE_URL, 1);
  try {
    await pool.query('delete from judgement_rule_sets where version = $1', [VERSION]);
  } finally {
    await pool.end();
  }
});

async function loggedIn(username: string, hash: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await b.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.goto(`${base}/${hash}`);
  await page.waitForSelector('#username', { timeout: 30_000 });
  await page.fill('#username', username);
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('#kc-login');
  await page.waitForURL((u) => u.toString().startsWith(base), { timeout: 60_000 });
  return { context, page };
}

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

const totals = (p: Preview, draft: number) => `草稿选中 ${draft} 户，现行规则选中 ${p.inForce.total} 户（${p.scope}）`;

test('the manager drafts from the version in force, changes a percentage in the rule\'s form, watches the preview move, is refused in Chinese, saves and publishes from a day in 2099', async () => {
  const { context, page } = await loggedIn('manager', '#/judgement-rule-sets');
  const rule = inForce.document.rules[ruleIndex]!;
  const { rule: RULE, param: PARAM, percent: NEW_PERCENT, label: PARAM_LABEL, outOfRange: OUT_OF_RANGE, message: RANGE_MESSAGE } = change!;
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
    expect(await share.inputValue()).toBe(String(Math.round((rule.params[PARAM] as number) * 1e6) / 1e4));

    // the live preview: the draft as taken over selects what the version in force selects
    const totalsLine = page.getByTestId('preview-totals');
    await until('preview of the unchanged draft', () => totalsLine.textContent(), totals(before, before.draft.total));
    const ruleRow = page.getByRole('table', { name: '按规则' }).getByRole('row').filter({ hasText: RULE });
    const ruleCells = async () => (await ruleRow.getByRole('cell').allTextContents()).join('|');
    expect(await ruleCells()).toBe(`${RULE}（${rule.textZh}）|${cellOf(before.draft, RULE)}|${cellOf(before.inForce, RULE)}`);
    expect(await page.getByRole('table', { name: '按单位' }).getByRole('row').count()).toBeGreaterThan(1);

    // the threshold raised, as a percentage: the draft's counts move to what the API computes for it
    await share.fill(String(NEW_PERCENT));
    await until('preview after the change', () => totalsLine.textContent(), totals(after, after.draft.total));
    expect(await ruleCells()).toBe(`${RULE}（${rule.textZh}）|${cellOf(after.draft, RULE)}|${cellOf(after.inForce, RULE)}`);
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
    await share.fill(String(NEW_PERCENT));
    await until('the field\'s message cleared', () => helperOf(page, share).then((t) => t === RANGE_MESSAGE), false);
    await until('preview after the correction', () => totalsLine.textContent(), totals(after, after.draft.total));
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL((u) => u.hash === `#/judgement-rule-sets/${VERSION}/show`, { timeout: 20_000 });
    await page.getByTestId('publish-version').waitFor({ timeout: 20_000 });
    await page.getByText('草稿', { exact: true }).first().waitFor();
    expect(await page.getByRole('switch', { name: '显示 JSON' }).count()).toBe(0); // the JSON view is the admin's
    await page.getByText(`${PARAM_LABEL} ${NEW_PERCENT}%`, { exact: false }).first().waitFor(); // the parameters in words
    const draft = (await api(base, `/api/judgement-rule-sets/${VERSION}`, { token: await tokenFor('manager') })).body as RuleSet;
    expect(draft.status).toBe('draft');
    expect(draft.document.rules[ruleIndex]!.params[PARAM]).toBe(NEW_PERCENT / 100);
    expect(draft.document.rules.filter((_, i) => i !== ruleIndex)).toEqual(inForce.document.rules.filter((_, i) => i !== ruleIndex));

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

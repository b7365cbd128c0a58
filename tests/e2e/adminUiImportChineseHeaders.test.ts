import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { routineCaseId } from '../../domain/caseIds';
import { useBrowser, SHOTS, E2E_BASE, loggedIn } from '../support/browser';
import { api } from '../support/harness';
import { tokenFor } from '../support/keycloak';

// 数据导入 in the back office, as a manager works with the monitoring system's exports: the routine work orders' columns
// in Chinese and English, the Chinese template (UTF-8 with a BOM, Chinese header row), an export with Chinese headers
// (a BOM, a full-width space in a header, the anomaly type as its Chinese name) that opens a case whose note reads in
// Chinese, a header row with an unknown column refused in Chinese, naming the column, and the marketing system's
// metering work orders (计量工单) imported and shown on the customer's 采集 tab beside the meter events they explain.
const base = E2E_BASE;
const b = useBrowser();
const run = String(crypto.randomInt(0, 100_000)).padStart(5, '0');
// a customer of its own, so "one open routine case per customer and anomaly type" starts from nothing
const ACCOUNT = `87${run}001`;
const ORDER = `E2E-JK${run}-${crypto.randomUUID().slice(0, 8)}`;
const REFUSED_ORDER = `${ORDER}-X`;
const CASE_ID = routineCaseId(ORDER);

beforeAll(async () => {
  const customers = ['户号,户名,用电地址,电价类别,供电所编码', `${ACCOUNT},导入测试户,咸宁市咸安区温泉路 87 号,residential,HB.XN.XA.WQ`].join('\r\n');
  const res = await api(base, '/api/imports/customers', { token: await tokenFor('manager'), body: customers, headers: { 'content-type': 'text/csv' } });
  expect(res.body).toMatchObject({ rejected: [] });
  expect(res.body.inserted + res.body.updated + res.body.unchanged).toBe(1);
}, 60_000);

afterAll(async () => {
  // the case this test opened must not stay open: the one-open-case rule would refuse the next import for this customer
  const res = await api(base, `/api/cases/${CASE_ID}/actions/cancel`, { token: await tokenFor('supervisor'), body: { reason: 'e2e 导入测试结束' } }).catch((e: unknown) => ({ status: 0, body: String(e) }));
  if (res.status !== 200 && res.status !== 404) console.warn(`cancelling the imported case ${CASE_ID} answered ${res.status}: ${JSON.stringify(res.body)}`);
}, 60_000);

async function chooseKind(page: Page, label: string): Promise<void> {
  await page.getByTestId('import-kind').getByRole('combobox').click();
  await page.getByRole('option', { name: label, exact: true }).click();
  await page.getByRole('listbox').waitFor({ state: 'detached', timeout: 15_000 });
  expect(await page.getByTestId('import-kind').getByRole('combobox').textContent()).toBe(label);
}

async function upload(page: Page, name: string, text: string): Promise<void> {
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
  await page.getByText(name).waitFor({ timeout: 15_000 });
  await page.getByTestId('import-start').click();
}

/** On failure, what the page looked like. */
async function shot(page: Page, name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    await page.screenshot({ path: path.join(SHOTS, `e2e-${name}-failed.png`), fullPage: true }).catch(() => undefined);
    throw e;
  }
}

test('a manager reads the routine orders\' columns, downloads the Chinese template and imports an export with Chinese headers', async () => {
  const { context, page } = await loggedIn(b.browser, 'manager', '#/imports/create');
  try {
    await shot(page, 'import-chinese-headers', async () => {
      await page.getByRole('menuitem', { name: '数据导入' }).waitFor({ timeout: 30_000 });
      await page.getByTestId('import-kind').waitFor({ timeout: 30_000 });
      // the table follows the kind chosen
      await chooseKind(page, '客户档案');
      const table = page.getByTestId('import-headers');
      await table.getByTestId('import-header-contract_capacity_kva').waitFor({ timeout: 30_000 });
      await chooseKind(page, '常态稽查异常工单');

      // the columns, as the file may name them
      await table.getByTestId('import-header-anomaly_type').waitFor({ timeout: 30_000 });
      const heads = (await table.locator('thead th').allTextContents()).map((s) => s.trim());
      expect(heads.slice(0, 3)).toEqual(['字段', '中文表头', 'English header']);
      const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid')));
      expect(rows).toEqual(['order_no', 'account_no', 'anomaly_type', 'detected_on', 'description'].map((f) => `import-header-${f}`));
      const anomaly = (await table.getByTestId('import-header-anomaly_type').locator('td').allTextContents()).map((s) => s.trim());
      expect(anomaly[0]).toBe('异常类型');
      expect(anomaly[1]).toContain('异常类型');
      expect(anomaly[2]).toBe('anomaly_type');
      expect(anomaly[3]).toBe('必填');
      expect(anomaly[4]).toBe('零电量'); // the example names the anomaly in Chinese

      // the Chinese template: UTF-8 with a BOM (Excel on a zh-CN Windows), the Chinese header row, the example row
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.getByTestId('template-zh').click()]);
      expect(download.suggestedFilename()).toBe('routine-work-orders-中文表头-template.csv');
      const file = await download.path();
      const bytes = fs.readFileSync(file);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').split('\r\n');
      expect(lines[0]).toBe('工单编号,户号,异常类型,发现日期,问题描述');
      expect(lines[1]).toContain('零电量');

      // an export of the monitoring system: a BOM, its own header words, a full-width space, the anomaly's Chinese name
      const csv = ['\ufeff工单编号,用户编号,异常类型,\u3000发现日期\u3000,问题描述', `${ORDER},${ACCOUNT},零电量,2026-04-02,连续三个月零电量`].join('\r\n') + '\r\n';
      await upload(page, `监控系统导出-${run}.csv`, csv);
      const report = page.getByTestId('import-report');
      await report.waitFor({ timeout: 60_000 });
      const chips = (await report.locator('.MuiChip-label').allTextContents()).map((s) => s.trim());
      expect(chips).toEqual(['常态稽查异常工单', '共 1 行', '建单 1', '重复 0', '拒收 0']);
      const opened = report.locator('tr', { hasText: ORDER });
      await opened.waitFor({ timeout: 15_000 });
      await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-import-chinese-headers.png'), fullPage: true });

      // the case it opened, with the monitoring system's note in Chinese
      await opened.getByRole('link', { name: '查看' }).click();
      await page.waitForURL((u) => u.hash === `#/cases/${CASE_ID}/show`, { timeout: 15_000 });
      const header = page.getByTestId('case-header');
      await header.getByText('零电量：连续三个月零电量').waitFor({ timeout: 30_000 });
      expect(await header.textContent()).not.toContain('zero_consumption');
    });
  } finally {
    await context.close();
  }
}, 180_000);

test('a header row with an unknown column is refused in Chinese, naming the column', async () => {
  const { context, page } = await loggedIn(b.browser, 'manager', '#/imports/create');
  try {
    await shot(page, 'import-unknown-header', async () => {
      await page.getByTestId('import-kind').waitFor({ timeout: 30_000 });
      await chooseKind(page, '常态稽查异常工单');
      const csv = ['\ufeff工单编号,户号,异常类型,稽查人员,发现日期', `${REFUSED_ORDER},${ACCOUNT},窃电,张三,2026-04-03`].join('\r\n');
      await upload(page, `未知表头-${run}.csv`, csv);
      const error = page.getByTestId('upload-error');
      await error.waitFor({ timeout: 30_000 });
      const text = await error.textContent();
      expect(text).toContain('导入失败');
      expect(text).toContain('表头与所选数据类型的列不符');
      expect(text).toContain('第 4 列表头“稽查人员”无法识别');
      expect(await page.getByTestId('import-report').count()).toBe(0);
    });
  } finally {
    await context.close();
  }
  // refused whole: the row's order opened nothing
  const c = await api(base, `/api/cases/${routineCaseId(REFUSED_ORDER)}`, { token: await tokenFor('manager') });
  expect(c.status).toBe(404);
}, 120_000);

test('a manager imports the marketing system\'s metering work orders; the customer\'s 采集 tab lists the completed visit', async () => {
  const { context, page } = await loggedIn(b.browser, 'manager', '#/imports/create');
  const orderNo = `E2E-JL${run}-${crypto.randomUUID().slice(0, 8)}`;
  // inside the year the customer view shows (it ends with the latest billing month), as the file writes it: China
  // time with its offset
  const asOf = (await api(base, `/api/customers/${ACCOUNT}`, { token: await tokenFor('manager') })).body.asOfMonth as string;
  const local = `${asOf}-15T10:30:00`;
  try {
    await shot(page, 'import-metering-work-orders', async () => {
      await page.getByTestId('import-kind').waitFor({ timeout: 30_000 });
      await chooseKind(page, '计量工单');
      const csv = ['\ufeff工单编号,户号,工单类型,工单状态,申请日期,完成时间,表号', `${orderNo},${ACCOUNT},换表,已完成,${local.slice(0, 10)},${local}+08:00,M${run}`].join('\r\n');
      await upload(page, `计量工单-${run}.csv`, csv);
      const report = page.getByTestId('import-report');
      await report.waitFor({ timeout: 60_000 });
      const chips = (await report.locator('.MuiChip-label').allTextContents()).map((t) => t.trim());
      expect(chips).toEqual(expect.arrayContaining(['计量工单', '共 1 行', '拒收 0']));

      await page.goto(`${base}/#/customers/${ACCOUNT}/show`);
      await page.getByTestId('customer-tab-collection').click();
      const visits = page.getByTestId('metering-visits');
      await visits.locator('tbody tr', { hasText: orderNo }).waitFor({ timeout: 30_000 });
      const row = await visits.locator('tbody tr', { hasText: orderNo }).textContent();
      expect(row).toContain('换表');
      await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-customer-metering-visits.png'), fullPage: true });
    });
  } finally {
    await context.close();
  }
}, 180_000);

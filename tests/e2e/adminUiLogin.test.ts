import path from 'node:path';
import { useBrowser, SHOTS, E2E_BASE } from '../support/browser';
import { api } from '../support/harness';
import { tokenFor, DEMO_PASSWORD } from '../support/keycloak';

// A real browser, the real Keycloak login page and the admin UI served by the running `npm start`.
const base = E2E_BASE;

const b = useBrowser();

test('the demo supervisor logs in through Keycloak and sees a case created through the API', async () => {
  const token = await tokenFor('supervisor');
  const created = await api(base, '/api/cases', { token, body: { duplicateReason: '测试：每个测试单独立案', customerAccountNo: '4210000008', origin: 'custom', note: 'browser e2e' } });
  expect(created.status).toBe(201);
  const { caseNo } = created.body as { caseNo: string };

  const page = await b.browser.newPage({ locale: 'zh-CN' });
  try {
    await page.goto(`${base}/#/cases`);
    await page.waitForSelector('#username', { timeout: 30_000 });
    expect(page.url()).toContain('/realms/jicha/protocol/openid-connect/auth');
    await page.fill('#username', 'supervisor');
    await page.fill('#password', DEMO_PASSWORD);
    await page.click('#kc-login');
    await page.waitForURL((u) => u.toString().startsWith(base), { timeout: 30_000 });
    await page.getByText(caseNo).first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-cases.png'), fullPage: true });
    // zh-CN first: the list's column labels are Chinese
    expect(await page.content()).toContain('工单编号');
    await page.getByText(caseNo).first().click();
    await page.getByText('4210000008').first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-case-show.png'), fullPage: true });
  } finally {
    await page.close();
  }
}, 120_000);

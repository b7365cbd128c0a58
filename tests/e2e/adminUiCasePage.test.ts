import path from 'node:path';
import { loggedIn, useBrowser, SHOTS, E2E_BASE } from '../support/browser';
import { api } from '../support/harness';
import { tokenFor, DEMO_PASSWORD } from '../support/keycloak';

// The case page of the admin UI against the running `npm start`: read model, live state (Query), case log,
// the map of the check-ins, and two steps sent from the page — one accepted, one refused by the workflow.
const base = E2E_BASE;
const ACCOUNT_NO = '4210000010'; // a demo customer of 温泉供电所 (HB.XN.XA.WQ), where the demo inspector works

const b = useBrowser();

/** A case at field evidence, accepted by the demo inspector, with one check-in next to the customer. */
async function caseWithCheckIn(): Promise<{ id: string; caseNo: string }> {
  const supervisor = await tokenFor('supervisor');
  const inspector = await tokenFor('inspector');
  const created = await api(base, '/api/cases', { token: supervisor, body: { duplicateReason: '测试：每个测试单独立案', customerAccountNo: ACCOUNT_NO, origin: 'routine', note: 'admin UI case page e2e' } });
  expect(created.status).toBe(201);
  const { id, caseNo } = created.body as { id: string; caseNo: string };
  // Wait for the field-evidence offer to be logged: the stage is set before its inspector is picked.
  const offered = async () => ((await api(base, `/api/cases/${id}/events`, { token: supervisor })).body ?? []).some((e: { type: string }) => e.type === 'stage_entered');
  for (let i = 0; i < 50 && !(await offered()); i += 1) await new Promise((r) => setTimeout(r, 200));
  const live = await api(base, `/api/cases/${id}/live`, { token: supervisor });
  expect(live.body.stage).toBe('field_evidence');
  if (live.body.assignee !== 'inspector') {
    expect((await api(base, `/api/cases/${id}/actions/assign`, { token: supervisor, body: { inspector: 'inspector' } })).status).toBe(200);
  }
  expect((await api(base, `/api/cases/${id}/actions/accept`, { token: inspector, body: {} })).status).toBe(200);
  const { lat, lon } = live.body.customer as { lat: number; lon: number };
  const checkIn = await api(base, `/api/cases/${id}/actions/check-in`, {
    token: inspector,
    body: { lat: lat + 0.0002, lon, accuracyM: 8, deviceTime: new Date().toISOString() },
  });
  expect(checkIn.status).toBe(200);
  return { id, caseNo };
}

test('a supervisor opens a case: live state, timeline and map render; a note is added and a refused step shows the workflow\'s reason', async () => {
  const { id, caseNo } = await caseWithCheckIn();

  const page = await b.browser.newPage({ locale: 'zh-CN', viewport: { width: 1024, height: 768 }, timezoneId: 'Asia/Shanghai' });
  try {
    await page.goto(`${base}/#/cases/${id}/show`);
    await page.waitForSelector('#username', { timeout: 30_000 });
    await page.fill('#username', 'supervisor');
    await page.fill('#password', DEMO_PASSWORD);
    await page.click('#kc-login');
    await page.waitForURL((u) => u.toString().startsWith(base), { timeout: 30_000 });

    // read model + live state
    const header = page.getByTestId('case-header');
    await header.getByText(caseNo).waitFor({ timeout: 30_000 });
    const livePanel = page.getByTestId('case-live-panel');
    await livePanel.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('live-stage').textContent()).toBe('现场取证');
    expect(await livePanel.textContent()).toContain('李稽查（温泉供电所） · 已接单');
    await page.getByTestId('deadline-countdown').first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-case-live.png'), fullPage: true });

    // timeline from the case log
    await page.getByTestId('case-tab-timeline').click();
    await page.getByTestId('case-timeline').waitFor();
    const types = await page.getByTestId('timeline-event').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-event-type')));
    expect(types.slice(0, 3)).toEqual(['opened', 'judged', 'stage_entered']);
    expect(types).toEqual(expect.arrayContaining(['accepted', 'checked_in']));
    expect(await page.getByTestId('stage-progress').locator('[data-stage="field_evidence"]').getAttribute('data-status')).toBe('current');

    // the map: the customer and the check-in inside the geofence
    await page.getByTestId('case-tab-evidence').click();
    await page.getByTestId('case-map').waitFor();
    expect(await page.getByTestId('map-checkin').getAttribute('data-inside')).toBe('true');
    // the geofence radius the case used (drawn by MapLibre, or by the SVG fallback without WebGL), named in the legend
    await page.getByTestId('case-map').getByText('签到范围 200 米').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-case-map.png'), fullPage: true });

    // a step the workflow accepts: the note appears in the log
    await page.getByRole('button', { name: '添加备注' }).click();
    await page.getByRole('textbox', { name: /备注内容/ }).fill('e2e：已电话联系客户');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByTestId('case-tab-timeline').click();
    await page.locator('[data-event-type="note_added"]').getByText('e2e：已电话联系客户').waitFor({ timeout: 15_000 });

    // a step the workflow refuses: its validator's reason is shown in the dialog
    // (the person picker offers only the station's inspectors: handing the step to the one who holds it is refused)
    await page.getByRole('button', { name: '改派' }).click();
    const picker = page.getByTestId('person-picker-to');
    await picker.click();
    await picker.fill('李稽');
    await page.getByRole('option', { name: /^李稽查（温泉供电所）/ }).click();
    await page.getByRole('button', { name: '提交' }).click();
    const error = page.getByTestId('case-action-error');
    await error.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('case-action-reason').textContent()).toBe('inspector 已是当前处理人。');
    await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-case-refused.png'), fullPage: true });
  } finally {
    await page.close();
  }
}, 120_000);

// A demo customer of 温泉 whose bills stop after months of use: the rules in force flag it zero_unexplained (#21).
const ZERO_ACCOUNT = '4210000004';

test('the initial judgement: each flag in words with its chart of the months compared against the peer median, at phone width', async () => {
  const supervisor = await tokenFor('supervisor');
  const created = await api(base, '/api/cases', { token: supervisor, body: { duplicateReason: '测试：初判图表', customerAccountNo: ZERO_ACCOUNT, origin: 'routine', note: 'admin UI flag chart e2e' } });
  expect(created.status).toBe(201);
  const { id } = created.body as { id: string };
  const { context, page } = await loggedIn(b.browser, 'supervisor', `#/cases/${id}/show`, { width: 390, height: 844 });
  try {
    let live = await api(base, `/api/cases/${id}/live`, { token: supervisor });
    for (let i = 0; i < 50 && !live.body.judgement; i += 1) {
      await new Promise((r) => setTimeout(r, 200));
      live = await api(base, `/api/cases/${id}/live`, { token: supervisor });
    }
    const reason = (live.body.judgement?.reasons ?? []).find((r: { reasonCode?: string }) => r.reasonCode === 'judgement.reason.zero-unexplained') as
      { params: { from: string; to: string } } | undefined;
    if (!reason) throw new Error(`the case of ${ZERO_ACCOUNT} was not flagged zero_unexplained: ${JSON.stringify(live.body.judgement)}`);

    const panel = page.getByTestId('case-judgement');
    await panel.waitFor({ timeout: 30_000 });
    expect(await panel.getByTestId('reason-explanation').first().textContent()).toContain(`${reason.params.from} 至 ${reason.params.to} 零电量`);
    const chart = panel.getByTestId('flag-chart-months').first();
    await chart.waitFor({ timeout: 30_000 });
    const summary = await chart.getByRole('img').getAttribute('aria-label');
    expect(summary).toContain(`${reason.params.from} 至 ${reason.params.to}：比较月份月均 0 千瓦时`);
    // the months compared are the zero months; the peer median is drawn through them
    const compared = await chart.locator('[data-testid="flag-bar"][data-tone="compared"]').evaluateAll((bars) => bars.map((b) => b.getAttribute('data-value')));
    expect(compared).toEqual(['0', '0']);
    expect(await chart.locator('[data-testid="flag-line"][data-tone="peer"]').count()).toBe(1);
    // it fits the phone's width
    const box = await chart.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);
    expect(box!.width).toBeGreaterThan(200);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-case-flag-chart-390.png'), fullPage: true });
  } finally {
    await context.close();
    await api(base, `/api/cases/${id}/actions/cancel`, { token: supervisor, body: { reason: '测试结束' } });
  }
}, 120_000);

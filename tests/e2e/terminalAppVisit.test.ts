import type { BrowserContext, Page } from 'playwright-core';
import {
  bindDevice, deviceIdOf, drawSignature, eventCounts, evidenceList, live, moveTo, north, openCaseFor, phoneContext, shot, signIn,
  TERMINAL_URL, trackOf, until, useTerminalBrowser, type OpenedCase,
} from '../support/terminalBrowser';

// The terminal app against the running stack, as the demo inspector's phone: first start (login on Keycloak's page,
// the device waiting for its binding, bound by the admin), then a whole field visit online, and the same visit with
// the network cut right after accepting — queued, reloaded, restored — with one effect per step on the server.

const b = useTerminalBrowser();
let context: BrowserContext;
let page: Page;

// 温泉供电所 customers (demo data), one per test so the cases never meet
const ONLINE_CUSTOMER = '4210000013';
const OFFLINE_CUSTOMER = '4210000014';

beforeAll(async () => {
  context = await phoneContext(b.browser, { lat: 29.8545, lon: 114.3231 });
  page = await context.newPage();
  await signIn(page, 'inspector');

  // first run: the app made its device id and waits for the admin to bind it
  const gate = page.getByTestId('device-gate');
  await gate.waitFor({ timeout: 30_000 });
  expect(await gate.textContent()).toContain('等待管理员绑定终端');
  const deviceId = await deviceIdOf(page);
  expect(await page.getByTestId('device-code').textContent()).toContain(deviceId);
  await shot(page, 'device-gate');

  await bindDevice(deviceId, 'inspector');
  // the gate notices the binding by itself (it polls /me)
  await gate.waitFor({ state: 'detached', timeout: 30_000 });
  await page.getByTestId('task-list').waitFor({ timeout: 30_000 });
  await shot(page, 'tasks');
}, 120_000);

afterAll(async () => {
  await context?.close();
});

async function openTask(c: OpenedCase): Promise<void> {
  await page.goto(`${TERMINAL_URL}#/tasks/${c.id}`);
  await page.getByTestId('task-page').waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('task-customer').textContent()).toContain(c.customer.name);
}

/** Two photos from the fake camera: opened, shot, kept. */
async function takePhotos(n: number): Promise<void> {
  for (let i = 0; i < n; i += 1) {
    await page.getByTestId('capture-photo').click();
    const shutter = page.getByTestId('camera-shutter');
    await shutter.waitFor();
    await page.waitForTimeout(400); // the block in the test pattern moves: each photo is another picture
    await shutter.click();
  }
}

async function fillFindings(): Promise<void> {
  await page.getByTestId('findings-result-confirmed').click();
  await page.getByTestId('findings-problem-type').selectOption('wrong_tariff');
  await page.getByTestId('findings-summary').fill('现场为餐馆经营，执行居民电价，应改为一般工商业电价');
  await drawSignature(page, page.getByTestId('signature-pad'));
}

test('a whole visit online: accept, track, check-in, photos and a clip from the camera, findings signed by the customer → rectification', async () => {
  const c = await openCaseFor(ONLINE_CUSTOMER, 'terminal e2e: online visit');
  await moveTo(context, north(c.customer, 300));
  await openTask(c);
  await shot(page, 'task');
  await page.getByTestId('task-accept').click();
  await until('accepted', async () => (await live(c.id)).assignment === 'accepted');

  await page.getByTestId('task-start-visit').click();
  await page.getByTestId('visit-page').waitFor();
  await page.getByTestId('track-start').click();
  // walk up to the customer: the recorder sends what watchPosition reports
  for (const m of [200, 120, 60, 15]) {
    await moveTo(context, north(c.customer, m));
    await page.waitForTimeout(700);
  }
  await page.getByTestId('visit-check-in').click();
  await page.getByTestId('check-in-result').waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('check-in-result').textContent()).toMatch(/范围内|围栏内/);

  await takePhotos(2);
  await page.getByTestId('record-audio').click();
  await page.waitForTimeout(1500);
  await page.getByTestId('record-stop').click();
  await until('evidence uploaded', async () => (await evidenceList(c.id)).filter((e) => e.verified).length >= 3, 60_000);
  await shot(page, 'visit');
  await page.getByTestId('track-stop').click();

  await page.getByTestId('visit-findings').click();
  await page.getByTestId('findings-page').waitFor();
  await fillFindings();
  await shot(page, 'findings');
  await page.getByTestId('findings-submit').click();

  const s = await until('rectification', async () => {
    const l = await live(c.id);
    return l.stage === 'rectification' ? l : null;
  }, 60_000);
  expect(s.findings).toEqual(expect.objectContaining({ result: 'confirmed', problemType: 'wrong_tariff' }));
  expect(s.checkIns).toEqual([expect.objectContaining({ insideGeofence: true })]);
  const ev = await evidenceList(c.id);
  const kinds = ev.filter((e) => e.verified).map((e) => e.kind).sort();
  expect(kinds.filter((k) => k === 'photo')).toHaveLength(2);
  expect(kinds).toEqual(expect.arrayContaining(['audio']));
  expect(ev.find((e) => e.kind === 'photo')!.contentType).toBe('image/jpeg');
  // the customer's signature on the 用电检查工作单 is kept as evidence too
  expect(ev.some((e) => e.kind === 'signature' || (e.contentType === 'image/png' && e.kind === 'photo'))).toBe(true);
  const counts = await eventCounts(c.id);
  expect(counts).toEqual(expect.objectContaining({ accepted: 1, checked_in: 1, findings_submitted: 1 }));
  const track = await trackOf(c.id);
  expect(track.tracks.reduce((n, t) => n + t.pointCount, 0)).toBeGreaterThanOrEqual(3);
  await shot(page, 'visit-done');
}, 150_000);

test('the same visit with the network cut right after accepting: queued, reloaded, restored — one effect per step', async () => {
  const c = await openCaseFor(OFFLINE_CUSTOMER, 'terminal e2e: offline visit');
  await moveTo(context, north(c.customer, 20));
  await openTask(c);
  await page.getByTestId('task-accept').click();
  await context.setOffline(true);

  await page.getByTestId('task-start-visit').click();
  await page.getByTestId('visit-page').waitFor();
  await page.getByTestId('visit-check-in').click();
  await takePhotos(2);
  await page.getByTestId('visit-findings').click();
  await page.getByTestId('findings-page').waitFor();
  await fillFindings();
  await page.getByTestId('findings-submit').click();
  // nothing reached the server but (perhaps) the accept; the app counts what waits
  const badge = page.getByTestId('unsynced-badge');
  await badge.waitFor();
  const queued = Number(await badge.textContent());
  expect(queued).toBeGreaterThanOrEqual(5); // check-in, 2 photos, signature, findings (+ accept if it was cut)
  await shot(page, 'offline-queued');

  // the app restarted without network: the queue survives
  await page.reload();
  await badge.waitFor({ timeout: 30_000 });
  expect(Number(await badge.textContent())).toBe(queued);
  await shot(page, 'offline-reloaded');

  await context.setOffline(false);
  const s = await until('rectification after sync', async () => {
    const l = await live(c.id);
    return l.stage === 'rectification' ? l : null;
  }, 90_000);
  await badge.waitFor({ state: 'detached', timeout: 30_000 });
  const counts = await eventCounts(c.id);
  expect(counts.accepted).toBe(1);
  expect(counts.checked_in).toBe(1);
  expect(counts.findings_submitted).toBe(1);
  const ev = (await evidenceList(c.id)).filter((e) => e.verified);
  expect(ev.filter((e) => e.kind === 'photo' && e.contentType === 'image/jpeg')).toHaveLength(2);
  expect(counts.evidence_attached).toBe(ev.length);
  expect(s.checkIns).toHaveLength(1);
  expect(new Set(s.evidence.map((e) => e.sha256)).size).toBe(s.evidence.length);
  await shot(page, 'offline-synced');
}, 180_000);

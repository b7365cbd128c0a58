import type { BrowserContext, Page } from 'playwright-core';
import {
  openTask, bindDevice, deviceIdOf, drawSignature, eventCounts, evidenceList, live, moveTo, north, openCaseFor, orShot, phoneContext, shot, signIn,
  trackOf, until, useTerminalBrowser,
} from '../support/terminalBrowser';

// The terminal app against the running stack, as the demo inspector's phone: first start (login on Keycloak's page,
// the device waiting for its binding, bound by the admin), then a whole field visit online, and the same visit with
// the network cut right after accepting — queued, reloaded, restored — with one effect per step on the server.
// The tests run in order on one phone: the first signs in and binds it, the others use that session and binding
// (and the reload without network is served by the app's service worker, installed on that first start).

const b = useTerminalBrowser();
let context: BrowserContext;
let page: Page;

// 温泉供电所 customers (demo data), one per test so the cases never meet
const ONLINE_CUSTOMER = '4210000013';
const OFFLINE_CUSTOMER = '4210000014';

beforeAll(async () => {
  context = await phoneContext(b.browser, { lat: 29.8545, lon: 114.3231 });
  page = await context.newPage();
}, 60_000);

afterAll(async () => {
  await context?.close();
});

/** Photos from the fake camera's live preview: the camera opened, the shutter pressed `n` times, closed. */
async function takePhotos(n: number): Promise<void> {
  await page.getByTestId('capture-photo').click();
  const shutter = page.getByTestId('camera-shutter');
  await shutter.waitFor({ timeout: 15_000 });
  for (let i = 0; i < n; i += 1) {
    await page.waitForTimeout(400); // the block in the test pattern moves: each photo is another picture
    await shutter.click();
  }
  await until(`${n} photos queued`, async () => (await page.locator('[data-testid="capture-item"][data-kind="photo"]').count()) >= n, 15_000);
  await page.getByTestId('camera-close').click();
}

/** A clip from the fake microphone (audio) or camera and microphone (video), by MediaRecorder: ~1.5 s, stopped, closed. */
async function record(kind: 'audio' | 'video'): Promise<void> {
  await page.getByTestId(`capture-${kind}`).click();
  await page.getByTestId(`recorder-${kind}`).waitFor();
  const toggle = page.getByTestId('recorder-toggle');
  await toggle.waitFor({ timeout: 15_000 });
  await toggle.click();
  await page.waitForTimeout(1500);
  await toggle.click();
  await until(`${kind} queued`, async () => (await page.locator(`[data-testid="capture-item"][data-kind="${kind}"]`).count()) >= 1, 15_000);
  await page.getByTestId('recorder-close').click();
}

/** Checks in with a fresh fix from the (emulated) GPS: the accuracy is shown before the check-in is queued. */
async function checkIn(): Promise<void> {
  await page.getByTestId('checkin-locate').click();
  await page.getByTestId('checkin-fix').waitFor({ timeout: 15_000 });
  expect(await page.getByTestId('checkin-accuracy').textContent()).toMatch(/8\s*米|8\s*m/);
  await page.getByTestId('checkin-submit').click();
  await page.getByTestId('checkin-result').first().waitFor();
}

/** Confirmed wrong tariff, every must-check item answered, a summary, and the customer's signature on the pad. */
async function fillFindings(): Promise<void> {
  await page.getByTestId('findings-result-confirmed').click();
  await page.getByTestId('findings-problem-wrong_tariff').click();
  const passes = page.getByTestId('findings-checklist').locator('[data-testid$="-pass"]');
  const n = await passes.count();
  for (let i = 0; i < n; i += 1) await passes.nth(i).click();
  await page.getByTestId('findings-summary').fill('现场为餐馆经营，执行居民电价，应改为一般工商业电价');
  // Offline the app cannot know that the photos will be verified and the check-in found inside the geofence, so it
  // asks for a justification, as the workflow would if the evidence fell short.
  if ((await page.getByTestId('findings-justification').getAttribute('data-required')) === 'yes') {
    await page.getByTestId('findings-justification').fill('离线取证，照片与签到待联网后上传');
  }
  await drawSignature(page, page.getByTestId('signature-pad'));
}

/** What the app still has to send (the badge on 我的任务; absent when nothing waits). */
async function unsynced(): Promise<number> {
  const badge = page.getByTestId('unsynced-badge');
  return (await badge.count()) ? Number(await badge.textContent()) : 0;
}

test('first start: login on Keycloak\'s page (PKCE), the terminal waits for its binding, the admin binds it, 我的任务 opens', async () => {
  await signIn(page, 'inspector');
  const gate = page.locator('[data-testid="device-gate"][data-state="waiting"]');
  await gate.waitFor({ timeout: 30_000 });
  expect(await page.locator('body').textContent()).toContain('等待管理员绑定终端');
  const deviceId = await deviceIdOf(page);
  expect(await page.getByTestId('device-code').textContent()).toBe(deviceId);
  await page.getByTestId('device-qr').waitFor();
  await shot(page, 'device-gate');

  await bindDevice(deviceId, 'inspector');
  // the inspector taps 刷新 (the gate also asks by itself every 15 s)
  await page.getByTestId('device-refresh').click();
  await gate.waitFor({ state: 'detached', timeout: 30_000 });
  await page.locator('[data-testid="task-list"], [data-testid="tasks-empty"]').first().waitFor({ timeout: 30_000 });
  await shot(page, 'tasks');
}, 90_000);

test('a whole visit online: accept, track, check-in, photos and a clip from the camera, findings signed by the customer → rectification', async () => {
  const c = await openCaseFor(ONLINE_CUSTOMER, 'terminal e2e: online visit');
  await moveTo(context, north(c.customer, 300));
  await openTask(page, c);
  await shot(page, 'task');
  await page.getByTestId('task-accept').click();
  await until('accepted', async () => (await live(c.id)).assignment === 'accepted', 30_000);

  await page.getByTestId('task-visit').click();
  await page.getByTestId('visit-customer').waitFor();
  await page.getByTestId('track-toggle').click();
  await page.locator('[data-testid="track-state"][data-recording="yes"]').waitFor();
  // walk up to the customer: the recorder keeps what watchPosition reports
  for (const m of [200, 120, 60, 15]) {
    await moveTo(context, north(c.customer, m));
    await page.waitForTimeout(800);
  }
  expect(Number(await page.getByTestId('track-points').textContent())).toBeGreaterThanOrEqual(2);
  // Arrived: the approach is recorded. (Stopped before the check-in: while a high-accuracy watchPosition runs,
  // Chromium's emulated GPS answers a getCurrentPosition with maximumAge 0 by POSITION_UNAVAILABLE.)
  await page.getByTestId('track-toggle').click(); // stop: the last fixes are sent
  await page.locator('[data-testid="track-state"][data-recording="no"]').waitFor();

  await checkIn();
  await page.locator('[data-testid="checkin-result"][data-status="done"][data-inside="true"]').waitFor({ timeout: 30_000 });
  await takePhotos(2);
  await record('audio');
  await record('video');
  await until('photos and clips confirmed', async () => (await evidenceList(c.id)).filter((e) => e.verified).length >= 4, 60_000);
  await shot(page, 'visit');

  await page.getByTestId('visit-to-findings').click();
  await page.getByTestId('findings-evidence').waitFor();
  await fillFindings();
  await shot(page, 'findings');
  await page.getByTestId('findings-submit').click();
  await page.getByTestId('task-summary').waitFor();

  const s = await orShot(page, 'visit-done', () => until('rectification', async () => {
    const l = await live(c.id);
    return l.stage === 'rectification' ? l : null;
  }, 60_000));
  expect(s.findings).toEqual(expect.objectContaining({ result: 'confirmed', problemType: 'wrong_tariff' }));
  expect(s.checkIns).toEqual([expect.objectContaining({ insideGeofence: true })]);
  const ev = (await evidenceList(c.id)).filter((e) => e.verified);
  expect(ev.filter((e) => e.kind === 'photo' && e.contentType === 'image/jpeg')).toHaveLength(2);
  expect(ev.filter((e) => e.kind === 'audio' && e.contentType.startsWith('audio/'))).toHaveLength(1);
  expect(ev.filter((e) => e.kind === 'video' && e.contentType.startsWith('video/'))).toHaveLength(1);
  // the customer's signature on the 用电检查工作单 is kept as evidence too (a PNG)
  expect(ev.filter((e) => e.kind === 'signature' && e.contentType === 'image/png')).toHaveLength(1);
  const counts = await eventCounts(c.id);
  expect(counts).toEqual(expect.objectContaining({ accepted: 1, checked_in: 1, findings_submitted: 1, evidence_attached: ev.length }));
  const track = await trackOf(c.id);
  expect(track.tracks.reduce((n, t) => n + t.pointCount, 0)).toBeGreaterThanOrEqual(2);
  await page.getByTestId('task-findings').waitFor({ timeout: 30_000 });
  await shot(page, 'visit-done');
}, 150_000);

test('the same visit with the network cut right after accepting: queued, reloaded, restored — one effect per step', async () => {
  const c = await openCaseFor(OFFLINE_CUSTOMER, 'terminal e2e: offline visit');
  await moveTo(context, north(c.customer, 20));
  await openTask(page, c);
  const before = await unsynced();
  await page.getByTestId('task-accept').click();
  await context.setOffline(true);

  await page.getByTestId('task-visit').click();
  await page.getByTestId('visit-customer').waitFor();
  await checkIn();
  await takePhotos(2);
  await page.getByTestId('visit-to-findings').click();
  await page.getByTestId('findings-evidence').waitFor();
  await fillFindings();
  await page.getByTestId('findings-submit').click();
  await page.getByTestId('task-summary').waitFor();
  // check-in, 2 photos, the signature and the findings wait (and the accept, if the cut came before its answer)
  const queued = (await unsynced()) - before;
  expect(queued).toBeGreaterThanOrEqual(5);
  expect(queued).toBeLessThanOrEqual(6);
  expect((await live(c.id)).checkIns).toHaveLength(0);
  await shot(page, 'offline-queued');

  // the app restarts without network: the queue and the task are still there
  await page.reload();
  await page.getByTestId('task-summary').getByText(c.caseNo).waitFor({ timeout: 30_000 });
  // the page can draw the task (from its copy) before the outbox has read the queue back from IndexedDB
  await until('the queue read back after the reload', async () => ((await unsynced()) - before === queued ? true : null), 15_000);
  expect((await unsynced()) - before).toBe(queued);
  expect(await page.locator('[data-testid="outbox-item"]:not([data-status="done"])').count()).toBeGreaterThanOrEqual(5);
  await shot(page, 'offline-reloaded');

  await context.setOffline(false);
  const s = await orShot(page, 'offline-synced', () => until('rectification after sync', async () => {
    const l = await live(c.id);
    return l.stage === 'rectification' ? l : null;
  }, 90_000));
  await until('outbox drained', async () => (await unsynced()) === before, 30_000);
  const counts = await eventCounts(c.id);
  expect(counts.accepted).toBe(1);
  expect(counts.checked_in).toBe(1);
  expect(counts.findings_submitted).toBe(1);
  const ev = (await evidenceList(c.id)).filter((e) => e.verified);
  expect(ev.filter((e) => e.kind === 'photo' && e.contentType === 'image/jpeg')).toHaveLength(2);
  expect(ev.filter((e) => e.kind === 'signature' && e.contentType === 'image/png')).toHaveLength(1);
  expect(counts.evidence_attached).toBe(3);
  expect(s.checkIns).toEqual([expect.objectContaining({ insideGeofence: true })]);
  expect(new Set(s.evidence.map((e) => e.sha256)).size).toBe(3);
  await shot(page, 'offline-synced');
}, 180_000);

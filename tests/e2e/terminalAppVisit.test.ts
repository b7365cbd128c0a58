import type { BrowserContext, Page } from 'playwright-core';
import {
  openTask, bindDevice, deviceIdOf, drawSignature, driveUp, eventCounts, evidenceList, live, moveTo, newFilm, north, openCaseFor, orShot, phoneContext,
  photoForensics, setOffline, shot, signIn, trackOf, until, useTerminalBrowser, type LiveCase, type OpenedCase,
} from '../support/terminalBrowser';

// The terminal app of this checkout (an in-process API serves its build: tests/support/terminalBrowser.ts), as the demo
// inspector's phone: first start (login on Keycloak's page, the device registering its own key and waiting for its
// binding, bound by the admin), then a whole honest field visit online — an approach recorded by the track recorder,
// a check-in at the door, photos with EXIF from the camera — that the server's proof of presence judges sound (no
// justification, straight to rectification); the same visit with the network cut right after accepting — queued,
// reloaded, restored — with one effect per step on the server; and a visit checked in with a fix whose accuracy is
// wider than the geofence, which the findings page explains and sends to a supervisor's review (待督查复核) with the
// inspector's justification. The tests run in order on one phone: the first signs in and binds it, the others use that
// session and binding (and the reload without network is served by the app's service worker, installed on the first
// start).

const b = useTerminalBrowser();
let context: BrowserContext;
let page: Page;

// 温泉供电所 customers (demo data), one per test so the cases never meet
const ONLINE_CUSTOMER = '4210000013';
const OFFLINE_CUSTOMER = '4210000014';
const WEAK_CUSTOMER = '4210000018';
const REFUSED_CUSTOMER = '4210000003';

beforeAll(async () => {
  context = await phoneContext(b.browser, { lat: 29.8545, lon: 114.3231 });
  page = await context.newPage();
}, 60_000);

afterAll(async () => {
  await context?.close();
});

/**
 * Photos from the fake camera's live preview: the camera opened on a new film of random scenes, the shutter pressed
 * `n` times, closed. The film changes scene every 250 ms, so shots 600 ms apart are different pictures; the film is new
 * for every camera session, so no photo is a near copy of one taken on another case (in this run or an earlier one).
 */
async function takePhotos(n: number): Promise<void> {
  newFilm();
  await page.getByTestId('capture-photo').click();
  const shutter = page.getByTestId('camera-shutter');
  await shutter.waitFor({ timeout: 15_000 });
  for (let i = 0; i < n; i += 1) {
    await page.waitForTimeout(600);
    await shutter.click();
  }
  await until(`${n} photos queued`, async () => (await page.locator('[data-testid="capture-item"][data-kind="photo"]').count()) >= n, 15_000);
  await page.getByTestId('camera-close').click();
}

/** A clip from the fake microphone (audio) or camera and microphone (video), by MediaRecorder: ~1.5 s, stopped, closed. */
async function record(kind: 'audio' | 'video'): Promise<void> {
  if (kind === 'video') newFilm();
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

/** Checks in with a fresh fix from the (emulated) GPS: the accuracy (`accuracyM`) is shown before the check-in is queued. */
async function checkIn(accuracyM: number): Promise<void> {
  await page.getByTestId('checkin-locate').click();
  await page.getByTestId('checkin-fix').waitFor({ timeout: 15_000 });
  expect(await page.getByTestId('checkin-accuracy').textContent()).toMatch(new RegExp(`(^|\\D)${accuracyM}\\s*(米|m)`));
  await page.getByTestId('checkin-submit').click();
  await page.getByTestId('checkin-result').first().waitFor();
}

/**
 * Confirmed wrong tariff, every must-check item answered, a summary, and the customer's signature on the pad; a
 * justification only when the page asks for one.
 */
async function fillFindings(justification = '离线取证，照片与签到待联网后上传'): Promise<void> {
  await page.getByTestId('findings-result-confirmed').click();
  await page.getByTestId('findings-problem-wrong_tariff').click();
  const passes = page.getByTestId('findings-checklist').locator('[data-testid$="-pass"]');
  const n = await passes.count();
  for (let i = 0; i < n; i += 1) await passes.nth(i).click();
  await page.getByTestId('findings-summary').fill('现场为餐馆经营，执行居民电价，应改为一般工商业电价');
  // Offline the app cannot know that the photos will be verified and the check-in found inside the geofence, so it
  // asks for a justification, as the workflow would if the evidence fell short.
  if ((await page.getByTestId('findings-justification').getAttribute('data-required')) === 'yes') {
    await page.getByTestId('findings-justification').fill(justification);
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

/**
 * Accepts the task, then records the approach: the recorder started, the drive up to the customer (driveUp), stopped
 * at the door so its last fixes are queued. (Stopped before the check-in: while a high-accuracy watchPosition runs,
 * Chromium's emulated GPS answers a getCurrentPosition with maximumAge 0 by POSITION_UNAVAILABLE.)
 */
async function recordApproach(c: OpenedCase, drive: Parameters<typeof driveUp>[3] = {}): Promise<number> {
  await page.getByTestId('task-visit').click();
  await page.getByTestId('visit-customer').waitFor();
  await page.getByTestId('track-toggle').click();
  await page.locator('[data-testid="track-state"][data-recording="yes"]').waitFor();
  const fixes = await driveUp(context, page, c.customer, drive);
  await until('the recorder kept the fixes', async () => Number(await page.getByTestId('track-points').textContent()) >= fixes - 1, 15_000);
  await page.getByTestId('track-toggle').click(); // stop: the last fixes are queued
  await page.locator('[data-testid="track-state"][data-recording="no"]').waitFor();
  return fixes;
}

/** The case once the findings are in: at rectification (a weak visit waits there for the supervisor's review too). */
async function afterFindings(c: OpenedCase, name: string, ms = 60_000): Promise<LiveCase> {
  return orShot(page, name, () => until('findings applied', async () => {
    const l = await live(c.id);
    return l.stage === 'rectification' && l.findings ? l : null;
  }, ms));
}

/** What the server found about the visit's photos: EXIF time and place, a perceptual hash each, nothing to doubt. */
async function expectHonestPhotos(c: OpenedCase, n: number): Promise<void> {
  const photos = await photoForensics(c.id);
  expect(photos).toHaveLength(n);
  for (const p of photos) {
    expect(p.exifTakenAt).toBeInstanceOf(Date); // the app wrote DateTimeOriginal (a canvas writes no EXIF)
    expect(p.exifLat).toBeCloseTo(c.customer.lat, 3); // and the fix at the door
    expect(p.exifLon).toBeCloseTo(c.customer.lon, 3);
    expect(p.phash).toMatch(/^[01]{64}$/);
    expect(p.reasons).toEqual([]);
  }
  expect(new Set(photos.map((p) => p.phash)).size).toBe(n); // n different pictures
}

test('a whole visit online: accept, track, check-in, photos and a clip from the camera, findings signed by the customer → rectification', async () => {
  const c = await openCaseFor(ONLINE_CUSTOMER, 'terminal e2e: online visit');
  await moveTo(context, north(c.customer, 400));
  await openTask(page, c);
  await shot(page, 'task');
  await page.getByTestId('task-accept').click();
  await until('accepted', async () => (await live(c.id)).assignment === 'accepted', 30_000);

  // drive up to the customer: the recorder keeps what watchPosition reports
  const fixes = await recordApproach(c);
  expect(fixes).toBeGreaterThanOrEqual(8);

  // at the meter box, 15 m from the customer's GIS point, a 12 m fix: 27 m of 200
  await moveTo(context, north(c.customer, 15), 12);
  await checkIn(12);
  await page.locator('[data-testid="checkin-result"][data-status="done"][data-inside="true"]').waitFor({ timeout: 30_000 });
  await takePhotos(2);
  await record('audio');
  await record('video');
  await until('photos and clips confirmed', async () => (await evidenceList(c.id)).filter((e) => e.verified).length >= 4, 60_000);
  await shot(page, 'visit');

  await page.getByTestId('visit-to-findings').click();
  await page.locator('[data-testid="findings-evidence"][data-state="complete"]').waitFor({ timeout: 30_000 });
  // two verified photos and a check-in inside the fence: nothing to justify
  expect(await page.getByTestId('findings-justification').getAttribute('data-required')).toBe('no');
  await fillFindings();
  await shot(page, 'findings');
  await page.getByTestId('findings-submit').click();
  await page.getByTestId('task-summary').waitFor();

  const s = await afterFindings(c, 'visit-done');
  expect(s.findings).toEqual(expect.objectContaining({ result: 'confirmed', problemType: 'wrong_tariff' }));
  expect(s.findings?.justification).toBeUndefined();
  // the server's proof of presence found nothing to doubt: no reason, no review
  expect(s.findings?.presence).toEqual(expect.objectContaining({ weak: false, reasons: [] }));
  expect(s.review).toBeNull();
  expect(s.needsSupervisorReview).toBe(false);
  expect(s.checkIns).toEqual([expect.objectContaining({ insideGeofence: true })]);
  const ev = (await evidenceList(c.id)).filter((e) => e.verified);
  expect(ev.filter((e) => e.kind === 'photo' && e.contentType === 'image/jpeg')).toHaveLength(2);
  expect(ev.filter((e) => e.kind === 'audio' && e.contentType.startsWith('audio/'))).toHaveLength(1);
  expect(ev.filter((e) => e.kind === 'video' && e.contentType.startsWith('video/'))).toHaveLength(1);
  // the customer's signature on the 用电检查工作单 is kept as evidence too (a PNG)
  expect(ev.filter((e) => e.kind === 'signature' && e.contentType === 'image/png')).toHaveLength(1);
  await expectHonestPhotos(c, 2);
  const counts = await eventCounts(c.id);
  expect(counts).toEqual(expect.objectContaining({ accepted: 1, checked_in: 1, findings_submitted: 1, evidence_attached: ev.length }));
  const track = await trackOf(c.id);
  expect(track.tracks.reduce((n, t) => n + t.pointCount, 0)).toBeGreaterThanOrEqual(fixes - 1);
  await page.getByTestId('task-findings').waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('findings-review').count()).toBe(0);
  await shot(page, 'visit-done');
}, 240_000);

test('the same visit with the network cut right after accepting: queued, reloaded, restored — one effect per step', async () => {
  const c = await openCaseFor(OFFLINE_CUSTOMER, 'terminal e2e: offline visit');
  await moveTo(context, north(c.customer, 400));
  await openTask(page, c);
  const before = await unsynced();
  await page.getByTestId('task-accept').click();
  await setOffline(context, true);

  // the approach, the check-in, the photos and the findings, all without network
  await recordApproach(c);
  await moveTo(context, north(c.customer, 20), 10);
  await checkIn(10);
  await takePhotos(2);
  await page.getByTestId('visit-to-findings').click();
  await page.getByTestId('findings-evidence').waitFor();
  // offline the app cannot know that the photos will be verified and the check-in found inside: it asks for a reason
  expect(await page.getByTestId('findings-justification').getAttribute('data-required')).toBe('yes');
  await fillFindings();
  await page.getByTestId('findings-submit').click();
  await page.getByTestId('task-summary').waitFor();
  // the track (one batch at the stop, another if the minute's flush came first), the check-in, 2 photos, the signature
  // and the findings wait (and the accept, if the cut came before its answer)
  const queued = (await unsynced()) - before;
  expect(queued).toBeGreaterThanOrEqual(6);
  expect(queued).toBeLessThanOrEqual(8);
  expect((await live(c.id)).checkIns).toHaveLength(0);
  await shot(page, 'offline-queued');

  // the app restarts without network: the queue and the task are still there
  await page.reload();
  await page.getByTestId('task-summary').getByText(c.caseNo).waitFor({ timeout: 30_000 });
  // the page can draw the task (from its copy) before the outbox has read the queue back from IndexedDB
  await until('the queue read back after the reload', async () => ((await unsynced()) - before === queued ? true : null), 15_000);
  expect((await unsynced()) - before).toBe(queued);
  expect(await page.locator('[data-testid="outbox-item"]:not([data-status="done"])').count()).toBeGreaterThanOrEqual(6);
  await shot(page, 'offline-reloaded');

  await setOffline(context, false);
  const s = await afterFindings(c, 'offline-synced', 90_000);
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
  // the track, recorded offline, went before the findings: the visit is sound, the justification given offline is kept
  // and no review is asked for
  expect(s.findings?.presence).toEqual(expect.objectContaining({ weak: false, reasons: [] }));
  expect(s.review).toBeNull();
  expect(s.needsSupervisorReview).toBe(false);
  await expectHonestPhotos(c, 2);
  await shot(page, 'offline-synced');
}, 240_000);

test('a check-in whose accuracy is wider than the fence: the findings page says why in Chinese, asks for a justification, and the task waits for 督查复核', async () => {
  const c = await openCaseFor(WEAK_CUSTOMER, 'terminal e2e: weak visit');
  await moveTo(context, north(c.customer, 400));
  await openTask(page, c);
  await page.getByTestId('task-accept').click();
  await until('accepted', async () => (await live(c.id)).assignment === 'accepted', 30_000);
  await recordApproach(c);

  // at the door, but the phone's fix is a cell-tower one: ±250 m, wider than the 200 m fence
  await moveTo(context, north(c.customer, 15), 250);
  await checkIn(250);
  await page.locator('[data-testid="checkin-result"][data-status="done"][data-inside="false"]').waitFor({ timeout: 30_000 });
  await takePhotos(2);
  await until('photos confirmed', async () => (await evidenceList(c.id)).filter((e) => e.kind === 'photo' && e.verified).length >= 2, 60_000);

  await page.getByTestId('visit-to-findings').click();
  const evidence = page.getByTestId('findings-evidence');
  await page.locator('[data-testid="findings-evidence"][data-state="short"]').waitFor({ timeout: 30_000 });
  // (the page shows the device's last copy of the task first — no check-in, no photos yet — until the fresh one loads)
  await evidence.getByText('签到定位精度 250 米', { exact: false }).waitFor({ timeout: 30_000 });
  // why, in the inspector's words: not "too far" (15 m) but a fix too imprecise to show it lies within the fence
  const why = (await evidence.textContent()) ?? '';
  expect(why).toContain('签到定位精度 250 米，无法证明在 200 米范围内');
  expect(why).not.toMatch(/undefined|\{\w+\}/);
  expect(await page.getByTestId('findings-justification').getAttribute('data-required')).toBe('yes');

  // without a justification the form does not go
  await fillFindings('');
  await page.getByTestId('findings-submit').click();
  await page.getByTestId('findings-error-justification').waitFor();
  await shot(page, 'weak-findings');
  const justification = '客户家在地下室配电间，手机只有基站定位，已现场拍照为证';
  await page.getByTestId('findings-justification').fill(justification);
  await page.getByTestId('findings-submit').click();
  await page.getByTestId('task-summary').waitFor();

  // the task says it waits for the supervisor's review
  const review = page.getByTestId('findings-review');
  await orShot(page, 'weak-review', () => review.waitFor({ timeout: 60_000 }));
  expect(await review.textContent()).toContain('待督查复核');
  await shot(page, 'weak-review');

  const s = await afterFindings(c, 'weak-review');
  expect(s.review).toEqual(expect.objectContaining({ status: 'pending', justification }));
  expect(s.review?.reasons).toEqual([expect.objectContaining({ code: 'checkin.imprecise', params: expect.objectContaining({ accuracyM: 250, radiusM: 200 }) })]);
  expect(s.findings?.presence?.weak).toBe(true);
  expect(s.checkIns).toEqual([expect.objectContaining({ insideGeofence: false, accuracyM: 250 })]);
}, 240_000);

test('findings refused for a weak proof of presence (a track that never approached): the reasons in Chinese with their figures, a justification, 待督查复核', async () => {
  const c = await openCaseFor(REFUSED_CUSTOMER, 'terminal e2e: presence refused');
  // the inspector starts recording only at the door: a few fixes, none from afar
  await moveTo(context, north(c.customer, 20));
  await openTask(page, c);
  await page.getByTestId('task-accept').click();
  await until('accepted', async () => (await live(c.id)).assignment === 'accepted', 30_000);
  await recordApproach(c, { fromM: 20, toM: 12, stepM: 4 });
  await moveTo(context, north(c.customer, 12), 10);
  await checkIn(10);
  await page.locator('[data-testid="checkin-result"][data-status="done"][data-inside="true"]').waitFor({ timeout: 30_000 });
  await takePhotos(2);
  await until('photos confirmed', async () => (await evidenceList(c.id)).filter((e) => e.kind === 'photo' && e.verified).length >= 2, 60_000);

  // the evidence rule is met, so the form asks for nothing more …
  await page.getByTestId('visit-to-findings').click();
  await page.locator('[data-testid="findings-evidence"][data-state="complete"]').waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('findings-justification').getAttribute('data-required')).toBe('no');
  await fillFindings();
  await page.getByTestId('findings-submit').click();

  // … but the server's proof of presence finds the visit weak: refused (422 case-step:PresenceWeak), the reasons shown
  // on the page in the app's words with the server's figures, the form kept, a justification now required
  const box = page.getByTestId('findings-presence');
  await orShot(page, 'presence-refused', () => box.waitFor({ timeout: 30_000 }));
  const reasons = page.getByTestId('findings-presence-reasons');
  await expect(reasons.locator('li[data-code="track.no-approach"]').textContent()).resolves.toMatch(/^签到前的轨迹没有接近客户（最近 \d+ 米，起点 \d+ 米）$/);
  await expect(reasons.locator('li[data-code="track.sparse"]').textContent()).resolves.toMatch(/^签到前后轨迹点只有 \d 个（至少 5 个）$/);
  expect(await box.textContent()).not.toMatch(/undefined|\{\w+\}|track\./);
  expect(await page.getByTestId('findings-justification').getAttribute('data-required')).toBe('yes');
  expect(await page.getByTestId('findings-summary').inputValue()).toBe('现场为餐馆经营，执行居民电价，应改为一般工商业电价');
  await shot(page, 'presence-refused');
  expect((await live(c.id)).stage).toBe('field_evidence');

  const justification = '到达后才想起开启轨迹记录，途中未记录；现场照片与签到为证';
  await page.getByTestId('findings-justification').fill(justification);
  await page.getByTestId('findings-submit').click();
  await page.getByTestId('task-summary').waitFor();
  const review = page.getByTestId('findings-review');
  await orShot(page, 'presence-review', () => review.waitFor({ timeout: 60_000 }));
  expect(await review.textContent()).toContain('待督查复核');

  const s = await afterFindings(c, 'presence-review');
  expect(s.review).toEqual(expect.objectContaining({ status: 'pending', justification }));
  expect(s.review?.reasons.map((r) => r.code).sort()).toEqual(['track.no-approach', 'track.sparse']);
  expect((await eventCounts(c.id)).findings_submitted).toBe(1);
  await shot(page, 'presence-review');
}, 240_000);

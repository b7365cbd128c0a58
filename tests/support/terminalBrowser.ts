import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { loadConfig } from '../../config/env';
import { migrateAsOwner } from '../../db/migrate';
import { createPool } from '../../db/pool';
import { seedReferenceData } from '../../db/seed/seedReference';
import { TerminalClient } from '../../scripts/terminal/client';
import { writeCameraFilm } from '../fixtures/terminal/cameraFilm';
import { SHOTS } from './browser';
import { api, startHarness, type Harness } from './harness';
import { DEMO_PASSWORD, tokenFor } from './keycloak';
import { waitFor } from './mobile';

// The terminal app (/terminal/) as an inspector's phone runs it: Chromium at 390×844 with touch, GPS (emulated
// geolocation), a camera and microphone (Chromium's fake media devices, the camera playing a film of random scenes),
// and a network the test can cut (`setOffline`). Cases are opened and checked through the back-office API with a
// supervisor's token, the terminal is bound through the admin API: what the app does is judged by the server.
//
// What is tested is this checkout: its terminal app build (terminal-app/dist, `npx vite build` in terminal-app) served
// by an in-process API with its own worker (tests/support/harness.ts), not the running stack's build and API. The page
// still loads from the address Keycloak redirects to (http://localhost:3000, the jicha-terminal client's redirect URI)
// but every request to that origin — the page's, its service worker's — is answered by the in-process API (Playwright
// routing), as tests/e2e/adminUiPresenceReview.test.ts does for the admin UI: the demo served there sees none of it.
// The app's DPoP proofs name http://localhost:3000/mobile/v1/…, which the API accepts (a loopback origin outside production).

const ORIGIN = 'http://localhost:3000';
export const TERMINAL_URL = `${ORIGIN}/terminal/`;
const DIST = path.resolve(__dirname, '..', '..', 'terminal-app', 'dist');
export const PHONE = { width: 390, height: 844 };
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// tests/support/browser.ts's flags for this closed network, plus the fake media devices.
const BASE_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** This test file's in-process API (set in useTerminalBrowser's beforeAll). */
let harness: Harness | null = null;
/** Where the back-office helpers below send their requests: the in-process API. */
function apiBase(): string {
  if (!harness) throw new Error('useTerminalBrowser() starts the in-process API: call it at the top of the test file');
  return harness.baseUrl;
}

/** The fake camera's film of this test file (a temporary folder: 5 MB of frames need not be committed). */
const FILM = path.join(os.tmpdir(), 'jicha-e2e', `terminal-camera-${process.pid}-${crypto.randomUUID().slice(0, 8)}.y4m`);

/**
 * A new film of random scenes for the next camera session (see tests/fixtures/terminal/cameraFilm.ts: Chromium reads
 * the file again each time the camera starts, from its first frame). Call before opening the camera or the recorder.
 */
export function newFilm(): void {
  writeCameraFilm(FILM);
}

/** One Chromium and one in-process API per test file, the fake camera and microphone granted without a prompt. */
export function useTerminalBrowser(): { readonly browser: Browser; readonly harness: Harness } {
  const ctx = {} as { browser: Browser; harness: Harness };
  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: \`npm test\` installs Debian's chromium (or set CHROMIUM_PATH).`);
    if (!fs.existsSync(path.join(DIST, 'index.html'))) throw new Error(`${DIST}/index.html is missing: build the terminal app first (cd terminal-app && npx vite build).`);
    // the test database at this checkout's schema with its reference data (the e2e project has no global setup)
    const config = loadConfig();
    await migrateAsOwner(config.DATABASE_URL, process.env.DATABASE_OWNER_URL);
    const pool = createPool(config.DATABASE_URL, 2);
    await seedReferenceData(pool).finally(() => pool.end());
    ctx.harness = harness = await startHarness({ terminalAppDir: DIST });
    newFilm();
    ctx.browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [...BASE_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${FILM}`],
    });
  }, 180_000);
  afterAll(async () => {
    await ctx.browser?.close();
    await harness?.stop();
    harness = null;
    fs.rmSync(FILM, { force: true });
  });
  return ctx;
}

export interface Position {
  lat: number;
  lon: number;
}

/** Whether a context's network is cut (setOffline): its routed requests fail as a phone's would. */
const offline = new WeakMap<BrowserContext, boolean>();

/** Cuts or restores the phone's network: Chromium's offline mode, and the routing below refuses while it is cut. */
export async function setOffline(context: BrowserContext, off: boolean): Promise<void> {
  offline.set(context, off);
  await context.setOffline(off);
}

/**
 * A phone: portrait 390×844, touch, zh-CN, China time, GPS at `at` (accuracy `accuracyM`, 8 m unless told),
 * camera/microphone/GPS allowed for the app, and the app's origin answered by this file's in-process API.
 */
export async function phoneContext(browser: Browser, at: Position, accuracyM = 8): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: PHONE,
    hasTouch: true,
    isMobile: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    geolocation: { latitude: at.lat, longitude: at.lon, accuracy: accuracyM },
    // A page Playwright answers has no address of its own: Chromium then treats it as public and blocks its calls to
    // the loopback Keycloak unless local-network access is granted (the real server's pages are loopback themselves).
    permissions: ['geolocation', 'camera', 'microphone', 'local-network-access'],
  });
  const base = apiBase();
  await context.route(`${ORIGIN}/**`, async (route) => {
    if (offline.get(context)) {
      await route.abort('internetdisconnected');
      return;
    }
    const url = new URL(route.request().url());
    // the page's own Host is kept out: the API reads the path, and the proofs' htu names ORIGIN, which it accepts
    const response = await route.fetch({ url: `${base}${url.pathname}${url.search}` });
    await route.fulfill({ response });
  });
  // Playwright does not route the request a redirect leads to: Keycloak's 302 back to the app after the login becomes
  // a page that goes there itself, so the app's page is asked for anew (and routed above).
  await context.route('**/login-actions/authenticate**', async (route) => {
    const response = await route.fetch({ maxRedirects: 0 });
    const location = response.headers().location;
    if (response.status() >= 300 && response.status() < 400 && location?.startsWith(ORIGIN)) {
      await route.fulfill({ status: 200, contentType: 'text/html', body: `<!doctype html><script>location.replace(${JSON.stringify(location)})</script>` });
    } else {
      await route.fulfill({ response });
    }
  });
  // Errors the app logs are the first thing to read when a flow fails: keep them in the test's output.
  context.on('weberror', (e) => console.warn(`[terminal page error] ${e.error().message}`));
  return context;
}

/** The point `north` and `east` metres from `p`. */
export function offset(p: Position, north: number, east = 0): Position {
  return { lat: p.lat + north / 111_320, lon: p.lon + east / (111_320 * Math.cos((p.lat * Math.PI) / 180)) };
}

/** `metres` north of `p` (a GPS fix next to a customer, inside the 200 m geofence). */
export function north(p: Position, metres: number): Position {
  return offset(p, metres);
}

/** Moves the phone's GPS: `context.setGeolocation` changes what watchPosition reports next. */
export async function moveTo(context: BrowserContext, p: Position, accuracyM = 8): Promise<void> {
  await context.setGeolocation({ latitude: p.lat, longitude: p.lon, accuracy: accuracyM });
}

/**
 * The approach to the customer as the track recorder sees it: a drive up the road from `fromM` metres to `toM`
 * metres, a fix every `everyMs` of real time.
 *
 * Chromium stamps an emulated fix with the moment it is set (GeolocationPosition.timestamp is the browser's clock,
 * not the page's), so the positions must move at a speed the real time between the fixes allows: the server finds a
 * jump above 150 km/h (domain/presence.ts). Here 30 m every 2.5 s, about 43 km/h, with an accuracy of 8–25 m and a few
 * metres of GPS wander per fix — the shape of a phone's fixes from a car arriving at a village house. 250 m → 15 m
 * closes in by more than the fence radius with every fix nearer than the last, which the server takes as an approach;
 * nine fixes are more than the five it wants in the half hour before the check-in.
 */
export async function driveUp(context: BrowserContext, page: Page, customer: Position, o: { fromM?: number; toM?: number; stepM?: number; everyMs?: number } = {}): Promise<number> {
  const { fromM = 250, toM = 15, stepM = 30, everyMs = 2500 } = o;
  const bearing = Math.random() * 2 * Math.PI;
  let fixes = 0;
  for (let d = fromM; ; d = Math.max(toM, d - stepM)) {
    const wander = () => (Math.random() - 0.5) * 6;
    const at = offset(customer, d * Math.cos(bearing) + wander(), d * Math.sin(bearing) + wander());
    await moveTo(context, at, 8 + Math.round(Math.random() * 17));
    fixes += 1;
    await page.waitForTimeout(everyMs);
    if (d === toM) return fixes;
  }
}

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `terminal-${name}.png`), fullPage: true });
}

/** Runs `check`; when it fails, the screen is kept as terminal-<name>-failed.png before the failure goes on. */
export async function orShot<T>(page: Page, name: string, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (e) {
    await shot(page, `${name}-failed`).catch(() => undefined);
    throw e;
  }
}

/** Opens the app and signs in on the real Keycloak page (client jicha-terminal, authorization code + PKCE). */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(TERMINAL_URL);
  await page.waitForSelector('#username', { timeout: 30_000 });
  // the app sent the browser to Keycloak with a PKCE challenge, for its own client
  const login = new URL(page.url());
  expect(login.searchParams.get('client_id')).toBe('jicha-terminal');
  expect(login.searchParams.get('code_challenge_method')).toBe('S256');
  await page.fill('#username', username);
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('#kc-login');
  await page.waitForURL((u) => u.toString().startsWith(TERMINAL_URL), { timeout: 30_000 });
}

const DEVICE_ID_KEY = 'jicha.terminal.deviceId';

/** The device code the app made on its first start (kept in localStorage; the gate shows the same code). */
export async function deviceIdOf(page: Page): Promise<string> {
  const read = () => page.evaluate<string | null>(`localStorage.getItem(${JSON.stringify(DEVICE_ID_KEY)})`);
  return waitFor(`the terminal app's device id in localStorage["${DEVICE_ID_KEY}"]`, read, 30_000);
}

/**
 * The admin binds the terminal to `username`. The app registered itself with its own public key (the device gate,
 * POST /mobile/v1/devices) and signs every request with it; the admin only binds — a device registered without a key,
 * or not at all, is a failure here, not something to paper over with another key.
 */
export async function bindDevice(deviceId: string, username: string): Promise<void> {
  const admin = new TerminalClient(apiBase(), await tokenFor('admin'), null);
  const cur = await admin.api.GET('/mobile/v1/admin/devices/{deviceId}', { params: { path: { deviceId } } });
  if (cur.response.status !== 200) throw new Error(`the terminal ${deviceId} did not register itself: GET admin device → ${cur.response.status}`);
  if (!cur.data?.publicKeyThumbprint) throw new Error(`the terminal ${deviceId} registered without its public key`);
  const bind = await admin.api.POST('/mobile/v1/admin/devices/{deviceId}/bind', { params: { path: { deviceId } }, body: { username } });
  if (bind.response.status !== 200) throw new Error(`bind ${deviceId} to ${username}: ${bind.response.status} ${JSON.stringify(bind.error)}`);
}

// ------------------------------------------------------------------------------------------- the back office

let supervisorToken: { token: string; at: number } | null = null;
/** A supervisor token, renewed every minute (the realm's access tokens live a few minutes; the suite runs longer). */
export async function supervisor(): Promise<string> {
  if (!supervisorToken || Date.now() - supervisorToken.at > 60_000) supervisorToken = { token: await tokenFor('supervisor'), at: Date.now() };
  return supervisorToken.token;
}

async function get<T>(p: string): Promise<T> {
  const r = await api(apiBase(), p, { token: await supervisor() });
  if (r.status !== 200) throw new Error(`GET ${p}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as T;
}

export interface LiveCase {
  caseId: string;
  caseNo: string | null;
  stage: string;
  assignee: string | null;
  assignment: 'none' | 'offered' | 'accepted';
  declinedBy: string[];
  origin: string;
  customer: { accountNo: string; name: string; lat: number | null; lon: number | null } | null;
  checkIns: { distanceM: number | null; insideGeofence: boolean }[];
  evidence: { evidenceId: string; kind: string; verified: boolean; sha256: string }[];
  findings: { result: string; problemType?: string; summary: string; justification?: string; presence?: { weak: boolean; confidence: number; reasons: { code: string; params: Record<string, unknown> }[] } } | null;
  needsSupervisorReview: boolean;
  /** The supervisors' review of a weak visit (疑似虚假工单); null when the visit needs none. */
  review: { status: 'pending' | 'cleared' | 'returned'; reasons: { code: string; params: Record<string, unknown> }[]; justification: string | null } | null;
}
export interface CaseEvent {
  seq: number;
  type: string;
  stage: string;
  actor: string | null;
  payload: Record<string, unknown>;
}

export const live = (id: string) => get<LiveCase>(`/api/cases/${id}/live`);
export const events = (id: string) => get<CaseEvent[]>(`/api/cases/${id}/events`);
export interface EvidenceRow {
  evidenceId: string;
  kind: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  status: string;
  verified: boolean;
  by: string;
}
export const evidenceList = (id: string) => get<EvidenceRow[]>(`/api/cases/${id}/evidence`);
/** What the confirm step found in a case's photos (evidence forensics), from the in-process API's database. */
export async function photoForensics(caseId: string): Promise<{ exifTakenAt: Date | null; exifLat: number | null; exifLon: number | null; phash: string | null; reasons: { code: string }[] }[]> {
  const r = await harness!.pool.query(
    `select exif_taken_at, exif_lat, exif_lon, phash::text as phash, forensic_reasons from evidence_uploads where case_id = $1 and kind = 'photo' and status = 'confirmed' order by created_at`,
    [caseId],
  );
  return r.rows.map((x) => ({ exifTakenAt: x.exif_taken_at, exifLat: x.exif_lat, exifLon: x.exif_lon, phash: x.phash, reasons: x.forensic_reasons ?? [] }));
}
export const trackOf = (id: string) => get<{ tracks: { deviceId: string; username: string; pointCount: number }[] }>(`/api/cases/${id}/track`);

/** How many events of each type the case log holds. */
export async function eventCounts(id: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const e of await events(id)) out[e.type] = (out[e.type] ?? 0) + 1;
  return out;
}

export async function caseAction(id: string, action: string, body: object, token?: string): Promise<{ status: number; body: any }> {
  return api(apiBase(), `/api/cases/${id}/actions/${action}`, { token: token ?? (await supervisor()), body });
}

export interface OpenedCase {
  id: string;
  caseNo: string;
  customer: Position & { accountNo: string; name: string };
}

/**
 * A case for a customer of 温泉供电所 (where the demo inspector works), opened by the supervisor, offered for field
 * evidence and assigned to `inspector` (tests/support/fieldVisit.ts does the same).
 */
export async function openCaseFor(accountNo: string, note: string, inspector = 'inspector'): Promise<OpenedCase> {
  const created = await api(apiBase(), '/api/cases', { token: await supervisor(), body: { duplicateReason: '测试：每个测试单独立案', customerAccountNo: accountNo, origin: 'special', note } });
  if (created.status !== 201) throw new Error(`open case: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  const offered = await waitFor('field evidence offer', async () => {
    const s = await live(id);
    return s.stage === 'field_evidence' && s.assignee !== null ? s : null;
  });
  if (offered.assignee !== inspector) {
    const r = await caseAction(id, 'assign', { inspector });
    if (r.status !== 200) throw new Error(`assign to ${inspector}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  // the terminal's access rule reads the case list (the read model), which the workflow's recording updates a moment
  // after its state: a task page opened before would be refused (不可见) and waits for the inspector's 重试
  await waitFor(`case handled by ${inspector} in the case list`, async () => (await get<{ handler: string | null }>(`/api/cases/${id}`)).handler === inspector);
  const c = offered.customer!;
  return { id, caseNo: created.body.caseNo as string, customer: { accountNo: c.accountNo, name: c.name, lat: c.lat!, lon: c.lon! } };
}

// ------------------------------------------------------------------------------------------- on the page

/** Opens a task's page on the phone and checks it shows the case and its customer. */
export async function openTask(page: Page, c: OpenedCase): Promise<void> {
  await page.goto(`${TERMINAL_URL}#/tasks/${c.id}`);
  await page.getByTestId('task-summary').getByText(c.caseNo).waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('task-customer').textContent()).toContain(c.customer.name);
}

/** Draws a signature with touch-like strokes (pointer events from the mouse, which a canvas pad handles alike). */
export async function drawSignature(page: Page, canvas: Locator): Promise<void> {
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the signature pad is not visible');
  const strokes: [number, number][][] = [
    [[0.1, 0.6], [0.2, 0.3], [0.3, 0.7], [0.4, 0.35], [0.5, 0.65]],
    [[0.55, 0.5], [0.7, 0.3], [0.8, 0.6], [0.9, 0.4]],
  ];
  for (const s of strokes) {
    const [x0, y0] = s[0]!;
    await page.mouse.move(box.x + box.width * x0, box.y + box.height * y0);
    await page.mouse.down();
    for (const [x, y] of s.slice(1)) await page.mouse.move(box.x + box.width * x, box.y + box.height * y, { steps: 6 });
    await page.mouse.up();
  }
}

/** Polls `fn` until it gives something truthy (the server catching up with the app). */
export const until = waitFor;

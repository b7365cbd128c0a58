import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { TerminalClient, ensureBoundDevice } from '../../scripts/terminal/client';
import { writeTestPattern } from '../fixtures/terminal/testPattern';
import { E2E_BASE, SHOTS } from './browser';
import { api } from './harness';
import { DEMO_PASSWORD, tokenFor } from './keycloak';
import { waitFor } from './mobile';

// The terminal app (/terminal/) as an inspector's phone runs it: Chromium at 390×844 with touch, GPS (emulated
// geolocation), a camera and microphone (Chromium's fake media devices, the camera playing a test pattern), and a
// network the test can cut (`context.setOffline`). Cases are opened and checked through the back-office API with a
// supervisor's token, the terminal is bound through the admin API: what the app does is judged by the server.

export const TERMINAL_URL = `${E2E_BASE}/terminal/`;
export const PHONE = { width: 390, height: 844 };
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// tests/support/browser.ts's flags for this closed network, plus the fake media devices.
const BASE_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Where the fake camera's Y4M is written at start (a temporary folder: 2.8 MB of frames need not be committed). */
export const TEST_PATTERN = path.join(os.tmpdir(), 'jicha-e2e', 'terminal-test-pattern.y4m');

/** One Chromium per test file, with the fake camera and microphone granted without a prompt. */
export function useTerminalBrowser(): { readonly browser: Browser } {
  const ctx = {} as { browser: Browser };
  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: \`npm test\` installs Debian's chromium (or set CHROMIUM_PATH).`);
    const film = writeTestPattern(TEST_PATTERN);
    ctx.browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [...BASE_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${film}`],
    });
  }, 60_000);
  afterAll(async () => {
    await ctx.browser?.close();
  });
  return ctx;
}

export interface Position {
  lat: number;
  lon: number;
}

/** A phone: portrait 390×844, touch, zh-CN, China time, GPS at `at`, camera/microphone/GPS allowed for the app. */
export async function phoneContext(browser: Browser, at: Position): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: PHONE,
    hasTouch: true,
    isMobile: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    geolocation: { latitude: at.lat, longitude: at.lon, accuracy: 8 },
    permissions: ['geolocation', 'camera', 'microphone'],
  });
  // Errors the app logs are the first thing to read when a flow fails: keep them in the test's output.
  context.on('weberror', (e) => console.warn(`[terminal page error] ${e.error().message}`));
  return context;
}

/** `metres` north of `p` (a GPS fix next to a customer, inside the 200 m geofence). */
export function north(p: Position, metres: number): Position {
  return { lat: p.lat + metres / 111_320, lon: p.lon };
}

/** Moves the phone's GPS: `context.setGeolocation` changes what watchPosition reports next. */
export async function moveTo(context: BrowserContext, p: Position): Promise<void> {
  await context.setGeolocation({ latitude: p.lat, longitude: p.lon, accuracy: 8 });
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

/** The admin binds the terminal to `username` (registering it first when the app has not announced itself). */
export async function bindDevice(deviceId: string, username: string): Promise<void> {
  const admin = new TerminalClient(E2E_BASE, await tokenFor('admin'), null);
  await ensureBoundDevice(admin, deviceId, username, `e2e 终端 (${username})`);
}

// ------------------------------------------------------------------------------------------- the back office

let supervisorToken: { token: string; at: number } | null = null;
/** A supervisor token, renewed every minute (the realm's access tokens live a few minutes; the suite runs longer). */
export async function supervisor(): Promise<string> {
  if (!supervisorToken || Date.now() - supervisorToken.at > 60_000) supervisorToken = { token: await tokenFor('supervisor'), at: Date.now() };
  return supervisorToken.token;
}

async function get<T>(p: string): Promise<T> {
  const r = await api(E2E_BASE, p, { token: await supervisor() });
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
  findings: { result: string; problemType?: string; summary: string } | null;
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
export const trackOf = (id: string) => get<{ tracks: { deviceId: string; username: string; pointCount: number }[] }>(`/api/cases/${id}/track`);

/** How many events of each type the case log holds. */
export async function eventCounts(id: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const e of await events(id)) out[e.type] = (out[e.type] ?? 0) + 1;
  return out;
}

export async function caseAction(id: string, action: string, body: object, token?: string): Promise<{ status: number; body: any }> {
  return api(E2E_BASE, `/api/cases/${id}/actions/${action}`, { token: token ?? (await supervisor()), body });
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
  const created = await api(E2E_BASE, '/api/cases', { token: await supervisor(), body: { customerAccountNo: accountNo, origin: 'special', note } });
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

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { E2E_BASE, SHOTS, loggedIn, useBrowser } from '../support/browser';
import { driveCase, type DrivenCase } from '../support/fieldVisit';
import { api } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { waitFor } from '../support/mobile';

// The evidence viewer and the case map in Chromium, against this checkout's API and admin UI build (e2eSetup.ts): a
// case visited by the terminal simulator (GPS track, check-in, photos with EXIF through the real S3 store) is opened by
// the supervisor; a photo opens in the viewer, is zoomed, rotated and downloaded (the original bytes, through a freshly
// signed URL), its capture time is shown; the map draws without any basemap configured (MapLibre's vector fallback, or
// the SVG drawing without WebGL) and the replay scrubber moves the marker along the track.
const ACCOUNT_NO = '4210000003'; // a demo customer of 温泉供电所, where the demo inspector works

const b = useBrowser();
let c: DrivenCase;
let context: BrowserContext | undefined;

interface StoredItem { evidenceId: string; sha256: string; capturedAt: string }

/** "2026/04/02 09:15" in Beijing time, as the back office writes every time. */
const beijing = (iso: string) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));

async function boxOf(page: Page, testId: string) {
  const box = await page.getByTestId(testId).boundingBox();
  if (!box) throw new Error(`${testId} is not on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

beforeAll(async () => {
  // the e2e worker has just started (its workflow bundle is built first): give the first case's judgement time
  c = await driveCase(E2E_BASE, ACCOUNT_NO, 'rectification', 'e2e evidence viewer and map', { offerWithinMs: 180_000 });
}, 360_000);

afterAll(async () => {
  await context?.unrouteAll({ behavior: 'ignoreErrors' }).catch(() => undefined);
  await context?.close().catch(() => undefined);
  // the case leaves every open list: cancelled, as a supervisor may
  if (c) await api(E2E_BASE, `/api/cases/${c.id}/actions/cancel`, { token: await tokenFor('supervisor'), body: { reason: 'e2e 证据查看与地图：测试数据' } }).catch(() => undefined);
});

test('a supervisor zooms, rotates and downloads a photo with its capture time, and replays the track on the map without a basemap', async () => {
  const stored = (await api(E2E_BASE, `/api/cases/${c.id}/evidence`, { token: await tokenFor('supervisor') })).body as StoredItem[];
  const ordered = [...stored].sort((a, b) => Date.parse(a.capturedAt) - Date.parse(b.capturedAt));
  expect(ordered.length).toBeGreaterThanOrEqual(2);

  ({ context } = await loggedIn(b.browser, 'supervisor', `#/cases/${c.id}/show`));
  const page = context.pages()[0]!;
  try {
    await page.getByTestId('case-header').getByText(c.caseNo).waitFor({ timeout: 30_000 });
    await page.getByTestId('case-tab-evidence').click();
    await page.getByTestId('evidence-gallery').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('evidence-item').count()).toBe(ordered.length);

    // ---- the viewer: the first photo (oldest first, as the gallery orders them) at full size
    await page.getByTestId('evidence-open').first().click();
    const viewer = page.getByTestId('evidence-viewer');
    await viewer.waitFor({ timeout: 15_000 });
    expect(await viewer.getByTestId('viewer-title').textContent()).toBe(`证据 1 / ${ordered.length}`);
    const img = viewer.getByTestId('viewer-image');
    // the bytes arrived from the presigned URL and decoded (a refused or expired URL leaves naturalWidth at 0)
    await waitFor('the photo decoded', async () => (await img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)) > 0, 15_000);
    expect(await viewer.getByTestId('viewer-captured-at').textContent()).toContain(beijing(ordered[0]!.capturedAt));
    // the simulator's photo carries EXIF that agrees with the declaration: its own time is shown, and nothing is doubted
    await viewer.getByTestId('viewer-exif-taken-at').waitFor();
    expect(await viewer.getByTestId('viewer-warnings').textContent()).toContain('未发现异常');
    expect(await viewer.getByTestId('viewer-position').textContent()).toMatch(/距客户 \d+ 米/);

    // zoom with the button and the wheel, rotate; the photo on screen grows and turns
    const before = await img.boundingBox();
    await viewer.getByTestId('viewer-zoom-in').click();
    expect(await img.getAttribute('data-zoom')).toBe('1.500');
    await viewer.getByTestId('viewer-stage').hover();
    await page.mouse.wheel(0, -100);
    await waitFor('wheel zoom', async () => (await img.getAttribute('data-zoom')) === '2.250', 5_000);
    expect(await viewer.getByTestId('viewer-zoom').textContent()).toBe('缩放 225%');
    await viewer.getByTestId('viewer-rotate').click();
    expect(await img.getAttribute('data-rotation')).toBe('90');
    await waitFor('the photo drawn larger', async () => ((await img.boundingBox())?.width ?? 0) > (before?.width ?? Infinity) * 1.5, 5_000);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-evidence-viewer.png'), fullPage: false });

    // download: the original bytes, under a name made of the case number, the kind and the item
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), viewer.getByTestId('viewer-download').click()]);
    expect(download.suggestedFilename()).toBe(`${c.caseNo.replace(/[^A-Za-z0-9_-]/g, '')}-photo-${ordered[0]!.evidenceId.slice(0, 8)}.jpg`);
    const file = await download.path();
    expect(crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')).toBe(ordered[0]!.sha256);

    // the keyboard: → to the next item (the view starts fitted again), Esc closes
    await viewer.getByTestId('viewer-title').click();
    await page.keyboard.press('ArrowRight');
    await waitFor('the second item', async () => (await viewer.getByTestId('viewer-title').textContent()) === `证据 2 / ${ordered.length}`, 5_000);
    await waitFor('the next item fitted again', async () => (await img.getAttribute('data-zoom')) === '1.000', 5_000);
    expect(await viewer.getByTestId('viewer-captured-at').textContent()).toContain(beijing(ordered[1]!.capturedAt));
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached', timeout: 10_000 });

    // ---- the map: no tile source is configured, so it says so and draws to scale on its own
    const map = page.getByTestId('case-map');
    await waitFor('the map drawn', async () => ['gl', 'svg'].includes((await map.getAttribute('data-map-mode')) ?? ''), 30_000);
    expect(await map.getAttribute('data-basemap')).toBe('none');
    expect(await map.getByTestId('map-note').first().textContent()).toMatch(/未配置底图|WebGL/);
    await map.getByTestId('map-checkin').first().waitFor({ timeout: 30_000 });
    expect(await map.getByTestId('map-checkin').first().getAttribute('data-inside')).toBe('true');
    expect(await map.getByTestId('map-track-summary').textContent()).toMatch(/^轨迹全长 .+，共 \d+ 个定位点$/);

    // the replay starts where the walk started; the scrubber moved to its end takes the marker to the customer
    await map.getByTestId('map-replay').waitFor({ timeout: 30_000 });
    const start = await boxOf(page, 'map-replay');
    const startLabel = await map.getByTestId('map-replay-label').textContent();
    expect(startLabel).toContain('已走 0 米');
    await map.getByRole('slider', { name: '回放时间' }).focus();
    await page.keyboard.press('End');
    await waitFor('the label at the end', async () => (await map.getByTestId('map-replay-label').textContent()) !== startLabel, 10_000);
    const end = await boxOf(page, 'map-replay');
    const customer = await boxOf(page, 'map-customer');
    // the simulated walk starts 400 m from the customer and ends a few metres away: the marker moved, to the customer
    expect(Math.hypot(end.x - start.x, end.y - start.y)).toBeGreaterThan(20);
    expect(Math.hypot(end.x - customer.x, end.y - customer.y)).toBeLessThan(Math.hypot(start.x - customer.x, start.y - customer.y));
    expect(await map.getByTestId('map-replay-label').textContent()).toMatch(/距客户 \d+ 米/);
    // halfway by the keyboard's Page Down from the end: between the two
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await waitFor('the marker back along the track', async () => {
      const mid = await boxOf(page, 'map-replay');
      return Math.hypot(mid.x - end.x, mid.y - end.y) > 5;
    }, 10_000);
    await map.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-case-map-replay.png'), fullPage: true });
  } catch (e) {
    await page.screenshot({ path: path.join(SHOTS, 'e2e-admin-evidence-map-failed.png'), fullPage: true }).catch(() => undefined);
    throw e;
  }
}, 180_000);

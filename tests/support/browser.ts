import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from './keycloak';

/** The e2e project's own API + worker (tests/support/e2eSetup.ts sets it), never the demo that `npm start` serves. */
export const E2E_BASE = process.env.E2E_BASE_URL ?? 'http://localhost:5173';
export const SHOTS = path.resolve(__dirname, '..', '..', '.stack', 'logs');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags this closed network needs; one browser per test file. */
export function useBrowser(): { readonly browser: Browser } {
  const ctx = {} as { browser: Browser };
  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: \`npm test\` installs Debian's chromium (or set CHROMIUM_PATH).`);
    ctx.browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);
  afterAll(async () => {
    await ctx.browser?.close();
  });
  return ctx;
}

/**
 * A new zh-CN context (China time) logged in as a demo user through the Keycloak login page, landed on the back
 * office at `hash`. The caller closes the context.
 */
export async function loggedIn(
  browser: Browser, username: string, hash: string, viewport: { width: number; height: number } = { width: 1280, height: 900 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport, timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  const page = await context.newPage();
  // a script error of the page shows in the test's output, next to the assertion it explains
  page.on('pageerror', (e) => console.warn(`[admin UI page error] ${e.message}`));
  await page.goto(`${E2E_BASE}/${hash}`);
  await page.waitForSelector('#username', { timeout: 30_000 });
  await page.fill('#username', username);
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('#kc-login');
  try {
    await page.waitForURL((u) => u.toString().startsWith(E2E_BASE), { timeout: 60_000 });
  } catch (e) {
    await page.screenshot({ path: path.join(SHOTS, `e2e-admin-login-failed-${username}.png`), fullPage: true });
    throw new Error(`${username} did not come back from Keycloak (at ${page.url()}): ${(e as Error).message}`);
  }
  return { context, page };
}

/**
 * Clicks `target` until `shown` is visible (within `timeoutMs`). On a phone the case page's scrollable tab bar still
 * moves while its labels gain their counts, so a click can land beside the tab: a user taps again, and so does this.
 */
export async function clickUntilShown(target: Locator, shown: Locator, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await target.click();
    try {
      await shown.waitFor({ timeout: 3_000 });
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
    }
  }
}

import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

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

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../config/env';
import { tokenFor } from '../support/keycloak';

// Keycloak's brute-force detection as the realm file sets it: temporary lockouts with growing waits, never a permanent
// one (anyone who knows an inspector's user name could otherwise lock them out for good). Run against the real Keycloak
// in a scratch realm of this test, made from the realm file's settings with the waits cut to seconds — the demo realm's
// users, which every other test signs in as, are never locked, and the shared realm is not changed.
const c = loadConfig();
const realmFile = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'docker', 'keycloak', 'jicha-realm.json'), 'utf8'));
const BRUTE_FORCE_KEYS = ['bruteForceProtected', 'permanentLockout', 'maxTemporaryLockouts', 'bruteForceStrategy', 'failureFactor', 'waitIncrementSeconds', 'maxFailureWaitSeconds', 'maxDeltaTimeSeconds', 'quickLoginCheckMilliSeconds', 'minimumQuickLoginWaitSeconds'];
const REALM = `jicha-bf-${crypto.randomUUID().slice(0, 8)}`;
const USER = 'bf-inspector';
const PASSWORD = crypto.randomBytes(12).toString('base64url');
const WAIT_S = 3;

let admin: string;
const adminApi = async (p: string, init: { method?: string; body?: unknown } = {}) => {
  const r = await fetch(`${c.KEYCLOAK_URL}/admin/realms${p}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { authorization: `Bearer ${admin}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
};
const login = async (password: string) => {
  const r = await fetch(`${c.KEYCLOAK_URL}/realms/${REALM}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'bf-test', username: USER, password }),
  });
  return { status: r.status, body: (await r.json()) as { access_token?: string; error?: string } };
};
let userId: string;
const status = async () => (await adminApi(`/${REALM}/attack-detection/brute-force/users/${userId}`)).body as { disabled: boolean; numFailures: number; numTemporaryLockouts: number; failedLoginNotBefore: number; lastFailure: number };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits until Keycloak reports the user locked (or not); returns how long that took, ms. */
async function until(disabled: boolean, limitMs: number): Promise<number> {
  const t0 = Date.now();
  while ((await status()).disabled !== disabled) {
    if (Date.now() - t0 > limitMs) throw new Error(`the user's lockout did not become ${disabled} within ${limitMs} ms: ${JSON.stringify(await status())}`);
    await sleep(200);
  }
  return Date.now() - t0;
}
/** `failureFactor` wrong passwords, spaced so the quick-login check (if any) does not take over; when the last was answered. */
async function failures(n: number): Promise<void> {
  for (let i = 0; i < n; i += 1) {
    const r = await login(`${PASSWORD}-wrong`);
    expect({ status: r.status, error: r.body.error }).toEqual({ status: 400, error: 'invalid_grant' }); // Keycloak 26's answer to a wrong password
    await sleep(50);
  }
}

beforeAll(async () => {
  admin = await tokenFor('admin', { realm: 'master', clientId: 'admin-cli', password: 'admin' });
  const settings = Object.fromEntries(BRUTE_FORCE_KEYS.map((k) => [k, realmFile[k]]));
  const created = await adminApi('', {
    body: {
      realm: REALM, enabled: true, ...settings,
      // the file's waits in seconds instead of minutes; the quick-login check off, so the failure factor is what locks
      waitIncrementSeconds: WAIT_S, maxFailureWaitSeconds: 4 * WAIT_S, minimumQuickLoginWaitSeconds: WAIT_S, quickLoginCheckMilliSeconds: 1,
      clients: [{ clientId: 'bf-test', publicClient: true, directAccessGrantsEnabled: true, standardFlowEnabled: false }],
      users: [{ username: USER, enabled: true, firstName: 'BF', lastName: 'Test', email: 'bf@example.invalid', emailVerified: true, credentials: [{ type: 'password', value: PASSWORD, temporary: false }] }],
    },
  });
  expect(created.status).toBe(201);
  userId = (await adminApi(`/${REALM}/users?username=${USER}&exact=true`)).body[0].id;
}, 60_000);

afterAll(async () => {
  if (admin) await adminApi(`/${REALM}`, { method: 'DELETE' });
});

test('the realm file: brute-force detection on, temporary lockouts only, each failure past the factor waits longer, up to 15 min', () => {
  expect(realmFile).toMatchObject({ bruteForceProtected: true, permanentLockout: false, bruteForceStrategy: 'LINEAR', failureFactor: 5, waitIncrementSeconds: 60, maxFailureWaitSeconds: 900 });
  expect(realmFile.maxFailureWaitSeconds).toBeGreaterThan(realmFile.waitIncrementSeconds);
});

/** The lockout Keycloak set: its length in seconds (from the failure that caused it to its end). */
const lockout = (s: { failedLoginNotBefore: number; lastFailure: number }) => s.failedLoginNotBefore - Math.floor(s.lastFailure / 1000);

test('after the failure factor the right password is refused for the wait, then works; the next failure waits longer; never permanent', async () => {
  const factor = realmFile.failureFactor as number;
  expect((await login(PASSWORD)).status).toBe(200);

  await failures(factor);
  await until(true, 15_000); // Keycloak may record failures a moment after answering
  const first = await status();
  expect(lockout(first)).toBe(WAIT_S);
  const locked = await login(PASSWORD);
  expect(locked.status).toBe(400); // the right password, refused while the account is temporarily disabled
  expect(locked.body.access_token).toBeUndefined();
  await until(false, 30_000);

  // the count is kept until a successful login: the next wrong password locks again, for one increment more
  await failures(1);
  await until(true, 15_000);
  const second = await status();
  expect(second).toMatchObject({ numFailures: factor + 1, numTemporaryLockouts: 2 });
  expect(lockout(second)).toBe(2 * WAIT_S);
  expect((await login(PASSWORD)).status).toBe(400);
  await until(false, 30_000);

  // released, and the account itself was never disabled
  const ok = await login(PASSWORD);
  expect(ok.status).toBe(200);
  expect(ok.body.access_token).toEqual(expect.any(String));
  expect((await adminApi(`/${REALM}/users/${userId}`)).body.enabled).toBe(true);
}, 120_000);

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../config/env';
import e2eTeardown from './e2eTeardown';
import integrationSetup from './integrationSetup';
import { reachable } from './stackCheck';
import { EXIT_WITH_PARENT, startWorkerProcess } from './workerProcess';

// The e2e project's own API + worker: the processes `npm start` runs (server/main.ts, worker/main.ts, this checkout's
// admin UI and terminal app builds), but on the test database and the tests' Temporal namespace, so a browser test's
// cases, devices and tasks never show up in the demo that `npm start` serves on :3000. Port 5173 is one of the
// jicha-admin client's redirect URIs (docker/keycloak/jicha-realm.json), so the Keycloak login comes back here.
export const E2E_PORT = 5173;
const ROOT = path.resolve(__dirname, '..', '..');
const LOGS = path.join(ROOT, '.stack', 'logs');

export interface E2eServers {
  api: ChildProcess;
  worker: ChildProcess;
}
declare global {
  var jichaE2eServers: E2eServers | undefined;
}

export default async function e2eSetup(): Promise<void> {
  await integrationSetup(); // the stack is up; the test database migrated and seeded; the tests' namespace exists
  if (await reachable('127.0.0.1', E2E_PORT)) throw new Error(`port ${E2E_PORT} is in use (a vite dev server?): the e2e tests serve the back office there; stop it and run again.`);
  const base = `http://localhost:${E2E_PORT}`;
  // METRICS_PORT 0: no metrics listener (npm start's API holds the default port)
  const env = { ...process.env, PORT: String(E2E_PORT), PUBLIC_URL: base, LOG_LEVEL: 'warn', METRICS_PORT: '0' } as Record<string, string>;
  const config = loadConfig(env);
  const worker = (await startWorkerProcess({ ...env, TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE })).child;
  fs.mkdirSync(LOGS, { recursive: true });
  const log = fs.openSync(path.join(LOGS, 'e2e-api.log'), 'w');
  const api = spawn(process.execPath, ['--require', EXIT_WITH_PARENT, '--import', 'tsx', path.join(ROOT, 'server', 'main.ts')], { cwd: ROOT, env, stdio: ['ignore', log, log, 'ipc'] });
  fs.closeSync(log);
  globalThis.jichaE2eServers = { api, worker };
  try {
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (api.exitCode !== null) throw new Error(`the e2e API exited (${api.exitCode}): see .stack/logs/e2e-api.log`);
      const ready = await fetch(`${base}/readyz`).then((r) => r.status === 200, () => false);
      if (ready) break;
      if (Date.now() > deadline) throw new Error('the e2e API was not ready in 90 s: see .stack/logs/e2e-api.log');
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (e) {
    // jest skips the global teardown when the setup fails
    await e2eTeardown();
    throw e;
  }
  // what the tests read (tests/support/browser.ts): the test workers are started after this and inherit it
  process.env.E2E_BASE_URL = base;
}

import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import type pg from 'pg';
import { loadConfig, type Config } from '../../config/env';
import { createLogger } from '../../config/logger';
import { createPool } from '../../db/pool';
import { createS3Client } from '../../config/s3';
import { createApp } from '../../server/app';
import { createLifecycle, flushLifecycle } from '../../ops/readiness';
import { problemOnClientError } from '../../http/clientError';
import { createTokenVerifier, type TokenVerifier } from '../../http/tokenVerifier';
import { sessionRevocations } from '../../services/access/sessionRevocations';
import { createWorker } from '../../worker/createWorker';
import { bundleWorkflows } from './timeSkipping';
import { tokenForPath } from './keycloak';

/** Real API + real worker against the real stack, on a task queue of this test file's own. */
export interface Harness {
  config: Config;
  pool: pg.Pool;
  client: Client;
  /** Absent when the test runs its own worker processes (`inProcessWorker: false`). */
  worker: Worker | null;
  baseUrl: string;
  stop(): Promise<void>;
  /** Writes what the API's audit writer holds (chained rows, refused-request counts) now instead of within seconds. */
  flushAudit(): Promise<void>;
}

let runtimeInstalled = false;
function quietRuntime() {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger('WARN') });
}

/** `env`: settings of this harness only (e.g. S3_BUCKET of a scratch bucket), over the test environment's. */
export async function startHarness(opts: { verify?: TokenVerifier; inProcessWorker?: boolean; adminUiDir?: string; terminalAppDir?: string; env?: Record<string, string>; readPool?: pg.Pool } = {}): Promise<Harness> {
  quietRuntime();
  const taskQueue = `test-${crypto.randomUUID()}`;
  const config = loadConfig({ ...process.env, ...opts.env, TEMPORAL_TASK_QUEUE: taskQueue });
  const pool = createPool(config.DATABASE_URL, 5);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const nativeConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  let worker: Worker | null = null;
  let running: Promise<void> = Promise.resolve();
  if (opts.inProcessWorker !== false) {
    const workflowBundle = await bundleWorkflows();
    const objectStore = { s3: createS3Client(config), bucket: config.S3_BUCKET };
    worker = await createWorker({ connection: nativeConnection, namespace: config.TEMPORAL_NAMESPACE, taskQueue, pool, objectStore, workflowBundle });
    running = worker.run();
  }
  const verify = opts.verify ?? createTokenVerifier({ issuer: config.oidcIssuer, audience: config.OIDC_AUDIENCE, clients: config.oidcClients, revoked: (sid) => sessionRevocations(pool).isRevoked(sid) });
  const lifecycle = createLifecycle();
  const app = createApp({ config, pool, lifecycle, readPool: opts.readPool, temporal: client, s3: createS3Client(config), verify, log: createLogger(config, 'api-test'), adminUiDir: opts.adminUiDir, terminalAppDir: opts.terminalAppDir });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  problemOnClientError(server);
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    config, pool, client, worker, baseUrl,
    flushAudit: () => flushLifecycle(lifecycle),
    async stop() {
      await new Promise((r) => server.close(r));
      await flushLifecycle(lifecycle);
      worker?.shutdown();
      await running;
      await nativeConnection.close();
      await connection.close();
      await pool.end();
    },
  };
}

export async function api(baseUrl: string, path: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  // a user's token goes to /mobile/v1 as that user's terminal token (tests/support/keycloak.ts)
  const token = init.token ? await tokenForPath(init.token, path) : undefined;
  const res = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, body: json };
}

/** The audit row of a request (the trail is written after the answer: polled for up to 5 s). */
export async function auditRowFor(pool: pg.Pool, requestId: string) {
  for (let i = 0; i < 100; i += 1) {
    const r = await pool.query('select * from audit_log where request_id = $1', [requestId]);
    if (r.rowCount) return r.rows[0];
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`no audit row for request ${requestId}`);
}

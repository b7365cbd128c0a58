import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net, { type AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import pino from 'pino';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../../config/env';
import { createPool } from '../../db/pool';
import { createS3Client } from '../../config/s3';
import { createApp } from '../../server/app';
import { listenMetrics } from '../../server/metricsServer';
import { createRegistry } from '../../ops/metrics';
import { createTokenVerifier } from '../../http/tokenVerifier';
import { INSPECTION_CASE_WORKFLOW, caseWorkflowId, type InspectionCaseInput } from '../../domain/inspectionCaseContract';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';

// Operability: readiness follows its dependencies, metrics carry the named series, logs carry request id, user
// and case id, and both processes shut down gracefully. The shared stack's Postgres is never stopped: the
// readiness test runs its own throwaway cluster.

const ROOT = path.resolve(__dirname, '..', '..');
const PG_BIN = '/usr/lib/postgresql/15/bin';
const CUSTOMER = '4210000001'; // seeded reference data, station HB.XN.XA.WQ (inside the supervisor's HB.XN)

// ------------------------------------------------------------------------------------------------ helpers

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

async function portFree(port: number): Promise<boolean> {
  const s = net.createServer();
  return new Promise((resolve) => {
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

async function listenLocal(app: ReturnType<typeof createApp>): Promise<{ server: Server; baseUrl: string }> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface Sample { name: string; labels: Record<string, string>; value: number }

/** Prometheus text exposition → samples (enough of the format for these assertions). */
function parseMetrics(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
    out.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return out;
}

const pick = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

async function scrape(url: string): Promise<{ text: string; samples: Sample[] }> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  const text = await res.text();
  return { text, samples: parseMetrics(text) };
}

/** A throwaway PostgreSQL cluster (Debian binaries), run as the `postgres` user when we are root. */
class PrivatePostgres {
  private proc: ChildProcess | null = null;
  private constructor(readonly dir: string, readonly port: number, private readonly ids: { uid?: number; gid?: number }) {}

  static async create(): Promise<PrivatePostgres> {
    const ids: { uid?: number; gid?: number } = {};
    if (process.getuid?.() === 0) {
      ids.uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
      ids.gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jicha-readyz-pg-'));
    fs.mkdirSync(path.join(dir, 'run'));
    if (ids.uid) for (const p of [dir, path.join(dir, 'run')]) fs.chownSync(p, ids.uid, ids.gid!);
    const init = spawnSync(path.join(PG_BIN, 'initdb'), ['-D', path.join(dir, 'data'), '-U', 'jicha', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'], { encoding: 'utf8', ...ids });
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.error}`);
    return new PrivatePostgres(dir, await freePort(), ids);
  }

  get url(): string {
    return `postgres://jicha@127.0.0.1:${this.port}/postgres`;
  }

  async start(): Promise<void> {
    const logFd = fs.openSync(path.join(this.dir, 'postgres.log'), 'a');
    if (this.ids.uid) fs.fchownSync(logFd, this.ids.uid, this.ids.gid!);
    this.proc = spawn(path.join(PG_BIN, 'postgres'), ['-D', path.join(this.dir, 'data'), '-p', String(this.port), '-k', path.join(this.dir, 'run'), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=20', '-c', 'shared_buffers=16MB', '-c', 'fsync=off'], { stdio: ['ignore', logFd, logFd], ...this.ids });
    fs.closeSync(logFd);
    await until('private postgres to accept connections', async () => spawnSync(path.join(PG_BIN, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(this.port), '-q']).status === 0);
  }

  /** Fast shutdown (SIGINT), waiting until the postmaster has exited. */
  async stop(): Promise<void> {
    const p = this.proc;
    this.proc = null;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill('SIGINT');
    });
  }

  async destroy(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A child process of this test (the real server/main.ts or worker/main.ts), output captured. */
function startProcess(entry: string, env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
  child.stderr!.on('data', (c: Buffer) => { out += c.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

function jsonLines(text: string): Record<string, any>[] {
  return text.split('\n').filter((l) => l.startsWith('{')).map((l) => { try { return JSON.parse(l); } catch { return {}; } });
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

// ------------------------------------------------------------------------------------------------ readiness

test('/readyz turns unready when Postgres stops and ready again when it returns', async () => {
  const pg = await PrivatePostgres.create();
  const config = loadConfig({ ...process.env, DATABASE_URL: pg.url });
  const pool = createPool(config.DATABASE_URL, 2);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const verify = createTokenVerifier({ issuer: config.oidcIssuer, audience: config.OIDC_AUDIENCE, clients: config.oidcClients });
  const app = createApp({ config, pool, temporal, s3: createS3Client(config), verify, log: pino({ level: 'silent' }) });
  const { server, baseUrl } = await listenLocal(app);
  try {
    await pg.start();
    const ready = await api(baseUrl, '/readyz');
    expect(ready).toMatchObject({ status: 200, body: { status: 'ready', checks: { postgres: true, temporal: true, s3: true, jwks: true } } });

    await pg.stop();
    const down = await api(baseUrl, '/readyz');
    expect(down).toMatchObject({ status: 503, body: { status: 'unready', checks: { postgres: false, temporal: true, s3: true, jwks: true } } });
    expect((await api(baseUrl, '/healthz')).status).toBe(200); // the process is still up

    await pg.start();
    const back = await until('readyz to recover', async () => {
      const r = await api(baseUrl, '/readyz');
      return r.status === 200 ? r : undefined;
    }, 15_000);
    // an empty database has no published calendar: degraded, not unready
    expect(back.body).toEqual({ status: 'ready', checks: { postgres: true, temporal: true, s3: true, jwks: true }, advisories: { calendar: 'degraded' } });
  } finally {
    await new Promise((r) => server.close(r));
    await pool.end().catch(() => undefined);
    await connection.close();
    await pg.destroy();
  }
}, 90_000);

// ------------------------------------------------------------------------------------------------ metrics and logs

describe('API metrics and request logs after a case runs', () => {
  let h: Harness;
  let server: Server;
  let baseUrl: string;
  let metrics: { server: Server; url: string };
  const lines: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
    const sink = new Writable({ write(chunk, _enc, cb) { lines.push(...chunk.toString().split('\n').filter(Boolean)); cb(); } });
    const log = pino({ name: 'api', level: 'info' }, sink);
    const verify = createTokenVerifier({ issuer: h.config.oidcIssuer, audience: h.config.OIDC_AUDIENCE, clients: h.config.oidcClients });
    const registry = createRegistry('api');
    const app = createApp({ config: h.config, pool: h.pool, temporal: h.client, s3: createS3Client(h.config), verify, log, registry });
    ({ server, baseUrl } = await listenLocal(app));
    metrics = await listenMetrics(registry, '127.0.0.1', 0);
  }, 120_000);

  afterAll(async () => {
    await new Promise((r) => metrics?.server.close(r));
    await new Promise((r) => server?.close(r));
    await h?.stop();
  });

  test('the named series are exposed with sensible values, and each request line names request, user and case', async () => {
    const token = await tokenFor('supervisor');
    const requestId = `ops-test-${crypto.randomUUID()}`;
    const created = await api(baseUrl, '/api/cases', { token, body: { duplicateReason: '测试：每个测试单独立案', customerAccountNo: CUSTOMER, origin: 'routine', note: 'operability test' }, headers: { 'x-request-id': requestId } });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-request-id')).toBe(requestId);
    const caseId: string = created.body.id;
    const one = await api(baseUrl, `/api/cases/${caseId}`, { token });
    expect(one.status).toBe(200);
    const generatedId = one.headers.get('x-request-id');
    expect(generatedId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await api(baseUrl, '/api/no-such-route', { token })).status).toBe(404);

    // An open tier-2 escalation on this test's own case (removed again below), when the table exists.
    const hasTable = (await h.pool.query(`select to_regclass('escalations') is not null as present`)).rows[0].present as boolean;
    if (hasTable) await h.pool.query(`insert into escalations (case_id, stage, stage_round, tier, raised_at) values ($1, 'ops-test', 1, 2, now())`, [caseId]);
    let scraped: { text: string; samples: Sample[] };
    let open: { tier: string; n: number }[] = [];
    try {
      scraped = await scrape(metrics.url);
      if (hasTable) open = (await h.pool.query<{ tier: string; n: number }>('select tier::text as tier, count(*)::int as n from escalations where resolved_at is null group by tier')).rows;
    } finally {
      if (hasTable) await h.pool.query(`delete from escalations where case_id = $1 and stage = 'ops-test'`, [caseId]);
    }
    const { text, samples } = scraped;

    // HTTP latency histogram, labelled by route template.
    const postCount = pick(samples, 'jicha_http_request_duration_seconds_count', { method: 'POST', route: '/api/cases', status_code: '201' });
    expect(postCount).toHaveLength(1);
    expect(postCount[0].value).toBeGreaterThanOrEqual(1);
    expect(pick(samples, 'jicha_http_request_duration_seconds_sum', { method: 'POST', route: '/api/cases' })[0].value).toBeGreaterThan(0);
    expect(pick(samples, 'jicha_http_request_duration_seconds_bucket', { route: '/api/cases/:id', status_code: '200', le: '+Inf' })[0].value).toBeGreaterThanOrEqual(1);
    expect(pick(samples, 'jicha_http_request_duration_seconds_count', { route: '(unmatched)', status_code: '404' })[0].value).toBeGreaterThanOrEqual(1);
    expect(samples.some((s) => s.name.startsWith('jicha_http') && s.labels.route?.includes(caseId))).toBe(false);

    // Cases by stage: read from the read model at scrape time; the new case is counted in its stage.
    const byStage = pick(samples, 'jicha_cases');
    expect(byStage.length).toBeGreaterThanOrEqual(1);
    const stageNow = (await h.pool.query<{ stage: string }>('select stage from cases where id = $1', [caseId])).rows[0].stage;
    expect(pick(samples, 'jicha_cases', { stage: stageNow })[0].value).toBeGreaterThanOrEqual(1);
    const total = (await h.pool.query<{ n: number }>('select count(*)::int as n from cases')).rows[0].n;
    expect(byStage.reduce((a, s) => a + s.value, 0)).toBeLessThanOrEqual(total); // other tests may add cases after the scrape
    expect(byStage.reduce((a, s) => a + s.value, 0)).toBeGreaterThanOrEqual(1);

    // Escalations by tier: declared always; samples only once the escalations table exists, matching it.
    expect(text).toMatch(/^# TYPE jicha_escalations_open gauge$/m);
    if (hasTable) {
      expect(pick(samples, 'jicha_escalations_open', { tier: '2' })[0].value).toBeGreaterThanOrEqual(1);
      for (const r of open) expect(pick(samples, 'jicha_escalations_open', { tier: r.tier })).toHaveLength(1);
      expect(pick(samples, 'jicha_escalations_open').every((x) => ['1', '2', '3'].includes(x.labels.tier))).toBe(true);
    } else {
      expect(pick(samples, 'jicha_escalations_open')).toEqual([]);
    }
    expect(pick(samples, 'jicha_metrics_scrape_errors_total')).toEqual([]);
    expect(pick(samples, 'process_cpu_user_seconds_total')).toHaveLength(1);

    // Structured logs: one JSON line per request with request id, user and case id; never a token.
    const logs = lines.map((l) => JSON.parse(l));
    const postLine = logs.find((l) => l.requestId === requestId);
    expect(postLine).toMatchObject({ name: 'api', level: 30, user: 'supervisor', org: 'HB.XN', caseId, req: { method: 'POST', url: '/api/cases' }, res: { statusCode: 201 } });
    expect(postLine.durationMs).toBeGreaterThanOrEqual(0);
    expect(logs.find((l) => l.requestId === generatedId)).toMatchObject({ user: 'supervisor', caseId, res: { statusCode: 200 } });
    expect(logs.find((l) => l.req?.url === '/api/no-such-route')).toMatchObject({ level: 30, res: { statusCode: 404 } });
    expect(lines.join('\n')).not.toContain(token);
    expect(logs.some((l) => l.req?.url === '/metrics')).toBe(false); // scrapes never reach the public app's log
  }, 60_000);

  test('/metrics is not on the public port: 404 problem+json there, with or without a token; its own listener answers', async () => {
    for (const token of [undefined, await tokenFor('admin')]) {
      const r = await api(baseUrl, '/metrics', { token });
      expect(r.status).toBe(404);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(r.body).toMatchObject({ code: 'route.unknown' });
      expect(JSON.stringify(r.body)).not.toContain('jicha_http_request_duration_seconds');
    }
    const own = await fetch(metrics.url);
    expect(own.status).toBe(200);
    expect(await own.text()).toMatch(/^# TYPE jicha_http_request_duration_seconds histogram$/m);
    expect((await fetch(metrics.url.replace(/\/metrics$/, '/readyz'))).status).toBe(404); // nothing else there
  });
});

// ------------------------------------------------------------------------------------------------ processes

test('worker process: health, readiness, SDK metrics and activity failures; SIGTERM drains and exits 0', async () => {
  let port = await freePort();
  while (!(await portFree(port + 1))) port = await freePort();
  const taskQueue = `ops-worker-${crypto.randomUUID()}`;
  const w = startProcess('worker/main.ts', { TEMPORAL_TASK_QUEUE: taskQueue, WORKER_HEALTH_PORT: String(port), LOG_LEVEL: 'info' });
  children.push(w.child);
  const base = `http://127.0.0.1:${port}`;
  const config = loadConfig();
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const caseId = crypto.randomUUID();
  try {
    await until('worker /readyz', async () => (await fetch(`${base}/readyz`)).status === 200, 90_000);
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok', worker: 'RUNNING' });
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready', checks: { postgres: true, temporal: true, worker: true }, worker: 'RUNNING' });

    // A case whose customer does not exist: its first activity fails (non-retryable UnknownCustomer).
    const input: InspectionCaseInput = { caseId, customerAccountNo: '0000000000', origin: 'custom', createdBy: 'ops-test', requestedAt: new Date().toISOString() };
    await client.workflow.start(INSPECTION_CASE_WORKFLOW, { taskQueue, workflowId: caseWorkflowId(caseId), args: [input] });
    const failures = await until('the activity failure to be counted', async () => {
      const { samples } = await scrape(`${base}/metrics`);
      const f = pick(samples, 'jicha_activity_failures_total', { activity_type: 'recordCaseOpened', failure_type: 'UnknownCustomer' });
      return f.length ? samples : undefined;
    });
    expect(pick(failures, 'jicha_activity_failures_total', { activity_type: 'recordCaseOpened' })[0].value).toBe(1);
    // Temporal SDK (Core) metrics, bridged into the same endpoint.
    expect(pick(failures, 'temporal_num_pollers', { task_queue: taskQueue }).length).toBeGreaterThan(0);
    expect(pick(failures, 'temporal_activity_execution_failed', { activity_type: 'recordCaseOpened' })[0]?.value).toBeGreaterThanOrEqual(1);
    // SDK logs about this case carry its id (the workflow's failure is logged a moment after the activity's)
    expect(await until('a worker log line with the case id', async () => jsonLines(w.output()).some((l) => l.caseId === caseId) || undefined)).toBe(true);

    w.child.kill('SIGTERM');
    expect(await w.exited).toBe(0);
    const logs = jsonLines(w.output());
    expect(logs.map((l) => l.state).filter(Boolean)).toEqual(expect.arrayContaining(['STOPPING', 'DRAINED', 'STOPPED']));
    expect(logs.at(-1)).toMatchObject({ name: 'worker', msg: 'worker stopped' });
    expect(await portFree(port)).toBe(true);
    expect(await portFree(port + 1)).toBe(true);
  } finally {
    await client.workflow.getHandle(caseWorkflowId(caseId)).terminate('operability test cleanup').catch(() => undefined);
    await connection.close();
  }
}, 150_000);

test('API process: SIGTERM stops accepting, lets a slow in-flight request finish, then exits 0', async () => {
  const port = await freePort();
  // No worker polls this queue, so POST /api/cases waits its full 10 s for the read model and answers 202.
  const taskQueue = `ops-nobody-${crypto.randomUUID()}`;
  let metricsPort = await freePort();
  while (metricsPort === port) metricsPort = await freePort();
  const a = startProcess('server/main.ts', { TEMPORAL_TASK_QUEUE: taskQueue, PORT: String(port), METRICS_PORT: String(metricsPort), LOG_LEVEL: 'info' });
  children.push(a.child);
  const base = `http://127.0.0.1:${port}`;
  const config = loadConfig();
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  let workflowId: string | undefined;
  try {
    await until('api /readyz', async () => (await fetch(`${base}/readyz`)).status === 200, 60_000);
    // the real process: /metrics on METRICS_HOST:METRICS_PORT (loopback by default), not on PORT
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    const scraped = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(/^process_cpu_user_seconds_total\{service="jicha-api"\} /m);
    const token = await tokenFor('supervisor');
    const started = Date.now();
    const inFlight = api(base, '/api/cases', { token, body: { duplicateReason: '测试：每个测试单独立案', customerAccountNo: CUSTOMER, origin: 'routine', note: 'slow request during shutdown' } });
    await until('the workflow to start', async () => {
      for await (const wf of client.workflow.list({ query: `TaskQueue = '${taskQueue}'` })) return wf.workflowId;
      return undefined;
    }, 8_000).then((id) => { workflowId = id; });

    a.child.kill('SIGTERM');
    await until('the listener to close', async () => !(await fetch(`${base}/healthz`).then(() => true, () => false)), 5_000);

    const res = await inFlight; // the in-flight request still gets its answer
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'recording', workflowId });
    expect(Date.now() - started).toBeGreaterThanOrEqual(9_000);
    expect(await a.exited).toBe(0);
    const logs = jsonLines(a.output());
    expect(logs.find((l) => l.msg === 'shutting down api: finishing in-flight requests')).toMatchObject({ signal: 'SIGTERM' });
    expect(logs.find((l) => l.res?.statusCode === 202)).toMatchObject({ user: 'supervisor', req: { method: 'POST', url: '/api/cases' } });
    expect(logs.at(-1)).toMatchObject({ msg: 'api stopped', clean: true });
  } finally {
    if (workflowId) await client.workflow.getHandle(workflowId).terminate('operability test cleanup').catch(() => undefined);
    await connection.close();
  }
}, 90_000);

// npm run bench:audit-burst [-- --legit 300 --burst 300 --rounds 20]
//
// A legitimate back-office request (GET /api/cases, a supervisor's real Keycloak token) against the real API app and a
// bench database (jicha_bench): its latency quiet, and while bursts of anonymous POSTs (no token: 401, then 429 once
// the address's budget of failed logins is used) arrive from another thread. Before #18 every one of those POSTs took
// a pool connection and waited on the audit chain's lock, so the legitimate request waited for a connection.
// Last line: during-burst p99 / quiet p99 (goal ≤ 2), the quiet p99 being the floor measured in the same run.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Worker } from 'node:worker_threads';
import pino from 'pino';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../config/env';
import { createPool } from '../db/pool';
import { migrate } from '../db/migrate';
import { seedReferenceData } from '../db/seed/seedReference';
import { createS3Client } from '../config/s3';
import { createApp } from '../server/app';
import { createLifecycle, flushLifecycle } from '../ops/readiness';
import { createTokenVerifier } from '../http/tokenVerifier';
import { numberArg } from './args';
import { ensureBenchDb } from './benchDb';
import { demoBackOfficeToken } from './demoToken';

const LEGIT = numberArg('legit', 300);
const BURST = numberArg('burst', 300);
const ROUNDS = numberArg('rounds', 20);

// One burst per message: BURST anonymous POSTs at once; answers the statuses when all are answered.
const BURSTER = `
const { parentPort, workerData } = require('node:worker_threads');
parentPort.on('message', async () => {
  const statuses = {};
  await Promise.all(Array.from({ length: workerData.burst }, () =>
    fetch(workerData.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"customerAccountNo":"4210000001"}' })
      .then((r) => { statuses[r.status] = (statuses[r.status] ?? 0) + 1; return r.arrayBuffer(); })
      .catch(() => { statuses.error = (statuses.error ?? 0) + 1; })));
  parentPort.postMessage(statuses);
});
`;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function timedRequests(url: string, headers: Record<string, string>, n: number): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const t = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`legitimate request answered ${res.status}`);
    ms.push(performance.now() - t);
  }
  return ms;
}

async function main() {
  const base = loadConfig();
  const url = await ensureBenchDb(base.DATABASE_URL);
  await migrate(url);
  const config = loadConfig({ ...process.env, DATABASE_URL: url });
  const pool = createPool(url, config.DATABASE_POOL_MAX);
  await seedReferenceData(pool);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const verify = createTokenVerifier({ issuer: config.oidcIssuer, audience: config.OIDC_AUDIENCE, clients: config.oidcClients });
  const log = pino({ name: 'api-bench', level: 'info' }, pino.destination('/dev/null'));
  const lifecycle = createLifecycle();
  const app = createApp({ config, pool, temporal, s3: createS3Client(config), verify, log, lifecycle });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const headers = { authorization: `Bearer ${await demoBackOfficeToken(config.KEYCLOAK_URL, config.KEYCLOAK_REALM, 'supervisor')}` };
  const legitUrl = `${api}/api/cases?range=${encodeURIComponent('[0,9]')}`;
  const auditBefore = Number((await pool.query<{ n: string }>('select count(*) as n from audit_log')).rows[0].n);

  await timedRequests(legitUrl, headers, 30); // warm-up
  const quiet = await timedRequests(legitUrl, headers, LEGIT);

  // ROUNDS bursts, one after the other; during each, legitimate requests one after the other until it is answered.
  const burster = new Worker(BURSTER, { eval: true, workerData: { url: `${api}/api/cases`, burst: BURST } });
  const answered: Record<string, number> = {};
  const during: number[] = [];
  // The API's event loop (this thread; the bursts come from another): how long it was busy, per anonymous POST.
  const eluBefore = performance.eventLoopUtilization();
  const burstMs: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const t = performance.now();
    const done = new Promise<Record<string, number>>((resolve) => burster.once('message', resolve));
    let over = false;
    void done.then(() => {
      over = true;
    });
    burster.postMessage('go');
    await new Promise((r) => setTimeout(r, 5)); // the burst's requests are on their way
    while (!over) during.push(...(await timedRequests(legitUrl, headers, 1)));
    for (const [status, n] of Object.entries(await done)) answered[status] = (answered[status] ?? 0) + n;
    burstMs.push(performance.now() - t);
  }
  const elu = performance.eventLoopUtilization(eluBefore);
  await burster.terminate();
  await flushLifecycle(lifecycle);
  const auditRows = Number((await pool.query<{ n: string }>('select count(*) as n from audit_log')).rows[0].n) - auditBefore;

  const row = (name: string, xs: number[]) => console.log(`${name.padEnd(34)} p50 ${pct(xs, 50).toFixed(1).padStart(7)} ms   p99 ${pct(xs, 99).toFixed(1).padStart(7)} ms`);
  console.log(`bench:audit-burst — GET /api/cases as a supervisor: ${LEGIT} quiet, ${during.length} during ${ROUNDS} bursts of ${BURST} anonymous POSTs /api/cases`);
  row('quiet (floor)', quiet);
  row('during the bursts', during);
  row('a burst, until all answered', burstMs);
  const posts = ROUNDS * BURST;
  console.log(`API event loop busy during the bursts: ${(elu.active / 1000).toFixed(2)} s of ${(elu.idle / 1000 + elu.active / 1000).toFixed(2)} s (${((elu.active * 1000) / posts).toFixed(0)} µs per anonymous POST, legitimate requests included)`);
  console.log(`anonymous POSTs answered: ${Object.entries(answered).map(([s, n]) => `${s} × ${n}`).join(', ')}; audit rows they wrote: ${auditRows}`);
  console.log(`burst p99 / quiet p99: ${(pct(during, 99) / pct(quiet, 99)).toFixed(2)} (goal ≤ 2)`);

  await new Promise((r) => server.close(r));
  await connection.close();
  await pool.end();
}

main().catch((e: Error) => {
  console.error(`[bench:audit-burst] ${e.stack ?? e.message}`);
  process.exit(1);
});

// npm run bench:audit-burst [-- --legit 300 --burst 300 --rounds 20 --fresh --profile --direct]
//
// A legitimate back-office request (GET /api/cases, a supervisor's real Keycloak token) against the real API app and a
// bench database (jicha_bench): its latency quiet, and while bursts of anonymous POSTs (no token: 401, then 429 once
// the address's budget is used) arrive. As in production, through the edge: the local stack's nginx with the
// generated config (http/edgeConfig.ts) in front of the API, which refuses the burst past its first few requests;
// --direct: straight to the API, whose own gate (http/anonymousChangeGate.ts) then answers every one. Three Node
// processes, so that no load generator shares the API's event loop: the API (bench/auditBurstApi.ts), the burst
// (bench/burstClient.ts, raw sockets) and this one, which sends the legitimate requests one after the other. Bursts go
// on until at least --legit requests were timed during them (and at least --rounds bursts). --fresh: each burst on new
// connections (closed after), else kept ones. --profile: the API process writes a V8 CPU profile (bench/.profiles/).
// Last line: during-burst p99 / quiet p99 (goal ≤ 2), the quiet p99 being the floor measured in the same run.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/env';
import { createPool } from '../db/pool';
import { migrate } from '../db/migrate';
import { seedReferenceData } from '../db/seed/seedReference';
import { flagArg, numberArg } from './args';
import { ensureBenchDb } from './benchDb';
import { demoBackOfficeToken } from './demoToken';
import type { ApiUsage } from './auditBurstApi';
import { startEdge } from '../tests/support/edge';

const LEGIT = numberArg('legit', 300);
const BURST = numberArg('burst', 300);
const ROUNDS = numberArg('rounds', 20);
const FRESH = flagArg('fresh');
const PROFILE = flagArg('profile');
const DIRECT = flagArg('direct');

/** CPU time (µs) of a process and its children (nginx's master and workers), from /proc. */
function processTreeCpuUs(pid: number): number {
  const ticks = (p: number) => {
    const fields = fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime, stime
  };
  const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  return [pid, ...children].reduce((us, p) => us + ticks(p), 0) * (1e6 / 100); // USER_HZ: 100 on Linux
}

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

/** The next message of `child` that `pick` accepts. */
function nextMessage<T>(child: ChildProcess, pick: (m: unknown) => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: unknown) => {
      const v = pick(m);
      if (v === undefined) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(v);
    };
    const onExit = (code: number | null) => reject(new Error(`child exited (${code}) before answering`));
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

const here = (file: string) => path.join(__dirname, file);

async function main() {
  const base = loadConfig();
  const url = await ensureBenchDb(base.DATABASE_URL);
  await migrate(url);
  const config = loadConfig({ ...process.env, DATABASE_URL: url });
  const pool = createPool(url, 2);
  await seedReferenceData(pool);

  const api = fork(here('auditBurstApi.ts'), [], {
    env: { ...process.env, DATABASE_URL: url },
    execArgv: ['--import', 'tsx', ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${here('.profiles')}`] : [])],
  });
  const apiPort = await nextMessage(api, (m) => (m as { port?: number }).port);
  const edge = DIRECT ? null : await startEdge(`http://127.0.0.1:${apiPort}`);
  const port = edge?.port ?? apiPort;
  const edgeCpu = () => (edge ? processTreeCpuUs(edge.pid) : 0);
  const usage = async () => {
    const u = nextMessage(api, (m) => (m as { usage?: ApiUsage }).usage);
    api.send('usage');
    return u;
  };
  const burster = fork(here('burstClient.ts'), [String(port), String(BURST), FRESH ? 'fresh' : 'kept'], { execArgv: ['--import', 'tsx'] });
  await nextMessage(burster, (m) => (m === 'ready' ? true : undefined));

  const apiUrl = `http://127.0.0.1:${port}`;
  const headers = { authorization: `Bearer ${await demoBackOfficeToken(config.KEYCLOAK_URL, config.KEYCLOAK_REALM, 'supervisor')}` };
  const legitUrl = `${apiUrl}/api/cases?range=${encodeURIComponent('[0,9]')}`;
  const auditBefore = Number((await pool.query<{ n: string }>('select count(*) as n from audit_log')).rows[0].n);

  await timedRequests(legitUrl, headers, 30); // warm-up
  const quietFrom = await usage();
  const quiet = await timedRequests(legitUrl, headers, LEGIT);
  const quietTo = await usage();

  // Bursts one after the other; during each, legitimate requests one after the other until it is answered.
  const answered: Record<string, number> = {};
  const during: number[] = [];
  const burstMs: number[] = [];
  let rounds = 0;
  const from = await usage();
  const edgeFrom = edgeCpu();
  while (rounds < ROUNDS || during.length < LEGIT) {
    const t = performance.now();
    const done = nextMessage(burster, (m) => (m as { statuses?: Record<string, number> }).statuses);
    let over = false;
    void done.then(() => {
      over = true;
    });
    burster.send('go');
    await new Promise((r) => setTimeout(r, 2)); // the burst's requests are on their way
    while (!over) during.push(...(await timedRequests(legitUrl, headers, 1)));
    for (const [status, n] of Object.entries(await done)) answered[status] = (answered[status] ?? 0) + n;
    burstMs.push(performance.now() - t);
    rounds += 1;
  }
  const to = await usage();
  const edgeTo = edgeCpu();
  burster.kill();
  await edge?.stop();
  api.send('stop');
  await new Promise((r) => api.once('exit', r));
  const auditRows = Number((await pool.query<{ n: string }>('select count(*) as n from audit_log')).rows[0].n) - auditBefore;
  await pool.end();

  const row = (name: string, xs: number[]) => console.log(`${name.padEnd(34)} p50 ${pct(xs, 50).toFixed(1).padStart(7)} ms   p99 ${pct(xs, 99).toFixed(1).padStart(7)} ms   max ${Math.max(...xs).toFixed(1).padStart(7)} ms`);
  const posts = rounds * BURST;
  // CPU of the API process per request: the quiet legitimate one, and per anonymous POST once the legitimate
  // requests sent during the bursts are taken out at their quiet cost.
  const legitCpuUs = (quietTo.cpuUs - quietFrom.cpuUs) / quiet.length;
  const burstCpuUs = to.cpuUs - from.cpuUs;
  const busy = to.elu.active - from.elu.active;
  const span = busy + to.elu.idle - from.elu.idle;
  console.log(`bench:audit-burst — GET /api/cases as a supervisor: ${quiet.length} quiet, ${during.length} during ${rounds} bursts of ${BURST} anonymous POSTs /api/cases on ${FRESH ? 'new' : 'kept'} connections, ${edge ? 'all through the edge (nginx)' : 'straight to the API (--direct)'}`);
  row('quiet (floor)', quiet);
  row('during the bursts', during);
  row('a burst, until all answered', burstMs);
  const legitSystemUs = (quietTo.systemUs - quietFrom.systemUs) / quiet.length;
  const postSystemUs = (to.systemUs - from.systemUs - legitSystemUs * during.length) / posts;
  console.log(`API process CPU: ${legitCpuUs.toFixed(0)} µs per quiet legitimate request; ${((burstCpuUs - legitCpuUs * during.length) / posts).toFixed(0)} µs per anonymous POST (${postSystemUs.toFixed(0)} µs of it in the kernel)`);
  if (edge) console.log(`edge (nginx) CPU during the bursts: ${((edgeTo - edgeFrom) / (posts + during.length)).toFixed(0)} µs per request it handled (at 10 ms resolution)`);
  console.log(`API event loop busy during the bursts: ${(busy / 1000).toFixed(2)} s of ${(span / 1000).toFixed(2)} s`);
  console.log(`anonymous POSTs answered: ${Object.entries(answered).map(([s, n]) => `${s} × ${n}`).join(', ')}; audit rows they wrote: ${auditRows}`);
  console.log(`burst p99 / quiet p99: ${(pct(during, 99) / pct(quiet, 99)).toFixed(2)} (goal ≤ 2)`);
}

main().catch((e: Error) => {
  console.error(`[bench:audit-burst] ${e.stack ?? e.message}`);
  process.exit(1);
});

// npm run bench:mobile [-- --terminals 200 --seconds 8 --uploads 20 --upload-kb 2048]
//
// 1. "My tasks" (GET /mobile/v1/tasks) of the real API app — real Keycloak tokens verified against the realm's JWKS,
//    a DPoP proof per request (signed by the load generator with the terminal's device key, as a terminal does, and
//    verified by the API: signature, thumbprint, replay cache), bound-device check, request log (pino at info, to
//    /dev/null), metrics, zod — under N concurrent terminals, each with its own bound device and key, against a bench
//    database (jicha_bench) holding a few thousand cases. In the same
//    run, the floor: a bare Express endpoint (no middleware, no auth) that runs the same my-tasks query on the same
//    pool. Both servers run in this process; the load comes from a worker thread over keep-alive HTTP.
// 2. Evidence upload: a presigned PUT (signed size, type and SHA-256, as the API issues it) vs a direct S3 PUT of the
//    same bytes by the S3 client, to the same store.
// Last line: mytasks/floor throughput ratio (target ≥ 0.5, with p99 < 50 ms).
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Worker } from 'node:worker_threads';
import express from 'express';
import pino from 'pino';
import pg from 'pg';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../config/env';
import { createPool } from '../db/pool';
import { migrate } from '../db/migrate';
import { seedReferenceData } from '../db/seed/seedReference';
import { demoCustomers } from '../db/seed/demoOrg';
import { myTasks } from '../db/mobileTasks';
import { createS3Client, ensureEvidenceBucket, evidenceBucketPolicy } from '../config/s3';
import { createApp } from '../server/app';
import { createTokenVerifier } from '../http/tokenVerifier';
import { checksumHeader, presignUrl } from '../services/evidence/presign';
import { storedObjectDigest } from '../services/evidence/evidenceService';
import { cameraPhotoOfAbout } from '../scripts/terminal/photos';
import { numberArg } from './args';
import { signDpopProof } from '../client/dpop';
import { ensureBenchDb } from './benchDb';
import { demoToken } from './demoToken';

const TERMINALS = numberArg('terminals', 200);
const SECONDS = numberArg('seconds', 8);
const WARMUP_S = numberArg('warmup', 2);
const UPLOADS = numberArg('uploads', 20);
const UPLOAD_KB = numberArg('upload-kb', 2048);
const BENCH_CASES = 3000;
const INSPECTOR_CASES = 240;


/** A case state of realistic size (the read model's snapshot column) for the bench rows. */
function snapshotFor(caseId: string, i: number, assignee: string | null): Record<string, unknown> {
  return {
    caseId, caseNo: `BENCH-${i}`, stage: 'field_evidence', priority: 'normal', recorded: true, eventSeq: 3, origin: 'routine',
    customer: { accountNo: '4210000001', name: '咸安区金桂农民专业合作社', stationId: 'HB.XN.XA.WQ', countyId: 'HB.XN.XA', lat: 29.8413, lon: 114.3223 },
    policyVersion: 'policy-1',
    judgement: {
      ruleSetVersion: 'builtin-1', score: 72, priority: 'normal',
      reasons: Array.from({ length: 4 }, (_, k) => ({ code: `R${k}`, weight: 10 + k, textZh: '月用电量显著高于同类居民用户的中位数'.repeat(2), textEn: 'Monthly consumption far above the peer median of residential customers' })),
      checkItems: Array.from({ length: 4 }, (_, k) => ({ code: `C${k}`, textZh: '核对用电性质与执行电价', textEn: 'Check the nature of use against the applied tariff' })),
    },
    assignee, assignment: i % 3 === 0 ? 'accepted' : 'offered', declinedBy: [], pendingActor: assignee ? { role: 'inspector', username: assignee, orgUnit: 'HB.XN.XA.WQ' } : null,
    stageStartedAt: new Date().toISOString(), reminderAt: null, deadlineAt: null, remindedForStage: false, escalationTier: 0, escalations: [],
    checkIns: [], evidence: [], findings: null, needsSupervisorReview: false, rectification: null, verifications: [], score: null, closure: null, notes: [],
  };
}

async function seedBench(db: pg.Pool, terminals: number, keys: { x: string; y: string }[]): Promise<void> {
  const have = (await db.query<{ n: number }>("select count(*)::int as n from cases where case_no like 'BENCH-%'")).rows[0].n;
  if (have < BENCH_CASES) {
    const customers = demoCustomers();
    const rows: unknown[][] = [];
    const now = Date.now();
    for (let i = have; i < BENCH_CASES; i += 1) {
      const id = crypto.randomUUID();
      const cu = customers[i % customers.length];
      // 240 pending on the inspector by name, the rest on others, on roles, or closed
      const kind = i < INSPECTOR_CASES ? 'mine' : ['other', 'lead', 'supervisor', 'closed', 'closed'][i % 5];
      const pendingUser = kind === 'mine' ? 'inspector' : kind === 'other' ? 'inspector2' : null;
      const pendingRole = kind === 'mine' || kind === 'other' ? 'inspector' : kind === 'lead' ? 'station_lead' : kind === 'supervisor' ? 'supervisor' : null;
      const deadline = kind === 'closed' ? null : new Date(now + ((i * 7919) % (20 * 24)) * 3600_000).toISOString();
      rows.push([id, `BENCH-${String(i).padStart(6, '0')}`, `bench-${id}`, cu.accountNo, cu.name, cu.stationId, kind === 'closed' ? 'closed' : 'field_evidence', pendingUser,
        pendingRole, deadline, i % 11 === 0 ? 1 : 0, JSON.stringify(snapshotFor(id, i, pendingUser))]);
    }
    for (let k = 0; k < rows.length; k += 500) {
      const chunk = rows.slice(k, k + 500);
      const col = (j: number) => chunk.map((r) => r[j]);
      await db.query(
        `insert into cases (id, case_no, workflow_id, customer_account_no, customer_name, org_unit_id, customer_station_id, origin, stage, priority, created_by, created_at,
                            updated_at, last_event_seq, assignee, pending_user, pending_role, deadline_at, escalation_tier, snapshot)
         select t.id, t.no, t.wf, t.acc, t.name, t.org, t.org, 'routine', t.stage, 'normal', 'bench', now(), now(), 3, t.pu, t.pu, t.pr, t.dl, t.tier, t.snap
           from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::timestamptz[], $11::int[], $12::jsonb[])
             as t(id, no, wf, acc, name, org, stage, pu, pr, dl, tier, snap)`,
        [col(0), col(1), col(2), col(3), col(4), col(5), col(6), col(7), col(8), col(9), col(10), col(11)],
      );
    }
    await db.query('analyze cases');
  }
  // each terminal with this run's key (the database keeps its thumbprint, migration 052)
  await db.query(
    `insert into devices (id, label, platform, registered_by, bound_user, bound_at, bound_by, public_key_jwk)
     select 'bench-' || lpad(g::text, 4, '0'), 'bench terminal ' || g, 'simulator', 'bench', 'inspector', now(), 'bench',
            jsonb_build_object('kty', 'EC', 'crv', 'P-256', 'x', ($2::text[])[g + 1], 'y', ($3::text[])[g + 1])
       from generate_series(0, $1 - 1) g
     on conflict (id) do update set bound_user = 'inspector', public_key_jwk = excluded.public_key_jwk`,
    [terminals, keys.map((k) => k.x), keys.map((k) => k.y)],
  );
}

// The load generator: a worker thread, so the servers' event loop is not shared with it. Two modes: 'closed' — every
// terminal sends its next request as soon as the last one answered (saturation throughput); 'rate' — the terminals
// together send `rate` requests per second on a fixed schedule, and a request's latency counts from when it was due
// (so a slow answer that delays the next request is not hidden: no coordinated omission).
//
// With \`signers\` (one per terminal: its private key as PKCS#8 PEM, its public JWK, its access token), every request
// carries a new DPoP proof, signed here just before it is sent, as the terminal app signs it.
const LOAD = `
const { workerData, parentPort } = require('node:worker_threads');
const http = require('node:http');
const crypto = require('node:crypto');
const { url, terminals, warmupMs, measureMs, headersFor, rate, signers } = workerData;
const u = new URL(url);
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const keys = (signers || []).map((s) => ({
  key: crypto.createPrivateKey(s.pem),
  header: b64({ typ: 'dpop+jwt', alg: 'ES256', jwk: s.jwk }),
  ath: crypto.createHash('sha256').update(s.token).digest('base64url'),
}));
const htu = u.origin + u.pathname;
function proof(i) {
  const k = keys[i % keys.length];
  const input = k.header + '.' + b64({ jti: crypto.randomUUID(), htm: 'GET', htu, iat: Math.floor(Date.now() / 1000), ath: k.ath });
  return input + '.' + crypto.sign('sha256', Buffer.from(input), { key: k.key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
}
const agent = new http.Agent({ keepAlive: true, maxSockets: terminals });
const lat = [];
let errors = 0, statuses = {};
let measuring = false, stop = false;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function once(i, dueNs) {
  return new Promise((resolve) => {
    const t0 = dueNs ?? process.hrtime.bigint();
    const headers = keys.length ? { ...headersFor[i % headersFor.length], dpop: proof(i) } : headersFor[i % headersFor.length];
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => {
        if (measuring) {
          lat.push(Number(process.hrtime.bigint() - t0) / 1e6);
          statuses[res.statusCode] = (statuses[res.statusCode] || 0) + 1;
          if (res.statusCode !== 200) errors++;
        }
        resolve();
      });
    });
    req.on('error', () => { if (measuring) errors++; resolve(); });
    req.end();
  });
}
async function closedLoop(i) { while (!stop) await once(i); }
async function scheduled(i) {
  const periodNs = BigInt(Math.round((terminals / rate) * 1e9));
  let due = process.hrtime.bigint() + (periodNs * BigInt(i)) / BigInt(terminals);
  while (!stop) {
    const waitMs = Number(due - process.hrtime.bigint()) / 1e6;
    if (waitMs > 0) await sleep(waitMs);
    await once(i, due);
    due += periodNs;
  }
}
(async () => {
  const all = Array.from({ length: terminals }, (_, i) => (rate ? scheduled(i) : closedLoop(i)));
  await sleep(warmupMs);
  measuring = true;
  const t0 = Date.now();
  await sleep(measureMs);
  measuring = false;
  const seconds = (Date.now() - t0) / 1000;
  stop = true;
  await Promise.all(all);
  agent.destroy();
  parentPort.postMessage({ lat, errors, statuses, seconds });
})();
`;

interface LoadResult { rps: number; p50: number; p99: number; n: number; errors: number; statuses: Record<string, number> }

interface Signer { pem: string; jwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string }; token: string }

function runLoad(url: string, headersFor: Record<string, string>[], rate = 0, signers: Signer[] = []): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(LOAD, { eval: true, workerData: { url, terminals: TERMINALS, warmupMs: WARMUP_S * 1000, measureMs: SECONDS * 1000, headersFor, rate, signers } });
    w.once('error', reject);
    w.once('message', (m: { lat: number[]; errors: number; statuses: Record<string, number>; seconds: number }) => {
      const lat = Float64Array.from(m.lat).sort();
      const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? NaN;
      resolve({ rps: lat.length / m.seconds, p50: q(0.5), p99: q(0.99), n: lat.length, errors: m.errors, statuses: m.statuses });
      void w.terminate();
    });
  });
}

const fmt = (name: string, r: LoadResult) =>
  `${name.padEnd(34)} ${String(r.n).padStart(6)} requests: ${r.rps.toFixed(0).padStart(5)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms${r.errors ? `, ${r.errors} errors ${JSON.stringify(r.statuses)}` : ''}`;

async function listen(app: express.Express): Promise<{ server: Server; base: string }> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  server.keepAliveTimeout = 65_000;
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function benchUploads(config: ReturnType<typeof loadConfig>): Promise<{ presigned: number; direct: number; digestMs: number }> {
  const s3 = createS3Client(config);
  await ensureEvidenceBucket(s3, evidenceBucketPolicy(config));
  const bytes = await cameraPhotoOfAbout(UPLOAD_KB); // a real JPEG, as the terminals upload
  const sha = crypto.createHash('sha256').update(bytes).digest('hex');
  const keys: string[] = [];
  const presignedPut = async () => {
    const key = `bench/${crypto.randomUUID()}`;
    keys.push(key);
    const headers = { 'content-type': 'image/jpeg', 'x-amz-checksum-sha256': checksumHeader(sha) };
    const url = presignUrl({
      method: 'PUT', endpoint: config.S3_ENDPOINT, bucket: config.S3_BUCKET, key, region: config.S3_REGION, accessKey: config.S3_ACCESS_KEY,
      secretKey: config.S3_SECRET_KEY, expiresSeconds: 300, signedHeaders: { ...headers, 'content-length': String(bytes.length) },
    });
    const res = await fetch(url, { method: 'PUT', headers, body: bytes });
    if (res.status !== 200) throw new Error(`presigned PUT: ${res.status} ${await res.text()}`);
  };
  const directPut = async () => {
    const key = `bench/${crypto.randomUUID()}`;
    keys.push(key);
    await s3.putObject(config.S3_BUCKET, key, bytes, bytes.length, { 'Content-Type': 'image/jpeg' });
  };
  const timed = async (fn: () => Promise<void>) => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < UPLOADS; i += 1) await fn();
    return (UPLOADS * bytes.length) / (Number(process.hrtime.bigint() - t0) / 1e9) / 1024 / 1024; // MiB/s
  };
  await presignedPut();
  await directPut(); // warm both paths
  // alternate the order so neither path always runs on a warmer store
  const p1 = await timed(presignedPut);
  const d1 = await timed(directPut);
  const d2 = await timed(directPut);
  const p2 = await timed(presignedPut);
  const t0 = process.hrtime.bigint();
  const digest = await storedObjectDigest(s3, config.S3_BUCKET, keys[0]);
  const digestMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (digest?.sha256 !== sha) throw new Error('stored object digest differs');
  for (const k of keys) await s3.removeObject(config.S3_BUCKET, k);
  return { presigned: (p1 + p2) / 2, direct: (d1 + d2) / 2, digestMs };
}

async function main() {
  const base = loadConfig();
  const url = await ensureBenchDb(base.DATABASE_URL);
  await migrate(url);
  const config = loadConfig({ ...process.env, DATABASE_URL: url });
  const db = createPool(url, config.DATABASE_POOL_MAX);
  await seedReferenceData(db);
  // one device key per terminal, new each run
  const deviceKeys = Array.from({ length: TERMINALS }, () => crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }));
  const publicJwks = deviceKeys.map((k) => k.publicKey.export({ format: 'jwk' }) as { kty: 'EC'; crv: 'P-256'; x: string; y: string });
  await seedBench(db, TERMINALS, publicJwks);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const verify = createTokenVerifier({ issuer: config.oidcIssuer, audience: config.OIDC_AUDIENCE, clients: config.oidcClients });
  const log = pino({ name: 'api-bench', level: 'info' }, pino.destination('/dev/null'));
  const app = createApp({ config, pool: db, temporal, s3: createS3Client(config), verify, log });
  const api = await listen(app);

  // the floor: bare Express, the same query and pool, nothing else
  const floorDb = createPool(url, config.DATABASE_POOL_MAX);
  const floorApp = express();
  floorApp.get('/tasks', async (_req, res) => {
    const r = await myTasks(floorDb, { username: 'inspector', roles: ['inspector'], orgUnit: 'HB.XN.XA.WQ' }, 20, 0);
    res.json({ items: r.items, page: 1, pageSize: 20, total: r.total });
  });
  floorApp.get('/hello', (_req, res) => void res.json({ ok: true }));
  const floor = await listen(floorApp);

  const tokens: string[] = []; // one after the other: Keycloak refuses concurrent logins of one user now and then
  for (let i = 0; i < 4; i += 1) tokens.push(await demoToken(config.KEYCLOAK_URL, config.KEYCLOAK_REALM, 'inspector'));
  const terminalHeaders = Array.from({ length: TERMINALS }, (_, i) => ({ authorization: `Bearer ${tokens[i % tokens.length]}`, 'x-device-id': `bench-${String(i).padStart(4, '0')}` }));
  const signers: Signer[] = deviceKeys.map((k, i) => ({ pem: k.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, jwk: { kty: 'EC', crv: 'P-256', x: publicJwks[i].x, y: publicJwks[i].y }, token: tokens[i % tokens.length] }));
  const tasksUrl = `${api.base}/mobile/v1/tasks?pageSize=20`;
  const probeProof = await signDpopProof(
    { privateKey: await crypto.webcrypto.subtle.importKey('jwk', deviceKeys[0].privateKey.export({ format: 'jwk' }), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']), publicJwk: signers[0].jwk },
    { method: 'GET', url: tasksUrl, accessToken: tokens[0] },
  );
  const probe = await fetch(tasksUrl, { headers: { ...terminalHeaders[0], dpop: probeProof } });
  const page = (await probe.json()) as { items: unknown[]; total: number };
  if (probe.status !== 200 || page.items.length !== 20) throw new Error(`my tasks probe: ${probe.status} ${JSON.stringify(page).slice(0, 300)}`);
  console.log(`bench db: ${BENCH_CASES} bench cases, ${page.total} pending on the inspector; ${TERMINALS} bound devices; page of 20, ${JSON.stringify(page).length} bytes`);

  console.log(`saturation: ${TERMINALS} terminals, each sending its next request when the last one answered (${SECONDS} s after ${WARMUP_S} s warm-up)`);
  const floorRes = await runLoad(`${floor.base}/tasks`, [{}]);
  console.log(fmt('  floor (bare express + query)', floorRes));
  const mine = await runLoad(tasksUrl, terminalHeaders, 0, signers);
  console.log(fmt('  mytasks (/mobile/v1/tasks)', mine));
  const hello = await runLoad(`${floor.base}/hello`, [{}]);
  console.log(fmt('  bare express, constant answer', hello));
  // latency at a fixed load both sustain: half the floor's saturation throughput, spread over the terminals
  const rate = Math.max(1, Math.round(floorRes.rps / 2));
  console.log(`fixed load: ${rate} req/s from ${TERMINALS} terminals (one request every ${((TERMINALS / rate) * 1000).toFixed(0)} ms each), latency from when each request was due`);
  const floorAt = await runLoad(`${floor.base}/tasks`, [{}], rate);
  console.log(fmt('  floor (bare express + query)', floorAt));
  const mineAt = await runLoad(tasksUrl, terminalHeaders, rate, signers);
  console.log(fmt('  mytasks (/mobile/v1/tasks)', mineAt));

  const up = await benchUploads(config);
  console.log(`evidence upload ${UPLOADS}× ~${UPLOAD_KB} KiB JPEG each way: presigned PUT ${up.presigned.toFixed(1)} MiB/s, direct S3 PUT ${up.direct.toFixed(1)} MiB/s; presigned/direct ${(up.presigned / up.direct).toFixed(2)} (target ≥ 0.9)`);
  console.log(`confirm-step verification of one ~${UPLOAD_KB} KiB object (stat + streamed SHA-256): ${up.digestMs.toFixed(1)} ms`);

  await new Promise((r) => api.server.close(r));
  await new Promise((r) => floor.server.close(r));
  await connection.close();
  await db.end();
  await floorDb.end();
  const errors = mine.errors + mineAt.errors;
  console.log(`mytasks/floor ${(mine.rps / floorRes.rps).toFixed(2)} (p99 ${mineAt.p99.toFixed(1)} ms at ${rate} req/s${errors ? `; ${errors} errors` : ''})`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

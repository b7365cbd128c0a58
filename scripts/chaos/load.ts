// The chaos run's load (scripts/chaos.mjs runs it with the chaos stack's env): N cases opened in the back office and
// taken through every stage — the terminal simulator's field visit (GPS track, check-in, photos, findings), the
// station lead's rectification order and report, the supervisor's verification (every fifth rejected once) — a
// bounded number in flight. Clients retry as a terminal does (same Idempotency-Key, backoff) on lost connections and
// 5xx; a step that still fails is taken again from the case's live state. At least --cases cases, more while faults are
// still to come (--until names the file that says they are over). Writes what it did and every 5xx and lost
// connection it saw to --out for scripts/chaos/checks.ts; `@progress {done, inFlight}` lines tell the fault schedule.
import fs from 'node:fs';
import path from 'node:path';
import { ok } from '../../client';
import { loadConfig } from '../../config/env';
import { createPool } from '../../db/pool';
import { seedReferenceData } from '../../db/seed/seedReference';
import { DEMO_LIVE_ACCOUNTS, liveCaseDriver, type LiveCase } from '../seed/demoLiveCases';
import { deviceKeyOnDisk, type RetryPolicy } from '../terminal/client';

export interface ChaosCase {
  index: number;
  openKey: string;
  caseId: string | null;
  accountNo: string;
  rejectOnce: boolean;
  order: 'wrong_tariff' | 'meter';
  driveAttempts: number;
  errors: string[];
  ms: number;
}

export interface ClientEvent { at: number; method: string; url: string; status: number | null; attempt: number }

/**
 * What a terminal retries with the same Idempotency-Key (terminal-app/src/outbox/explain.ts): a 5xx, and a 409 for a
 * request still in progress — the first try's claim, left by an API killed mid-request, is taken over once its lease
 * runs out (mobile-api/idempotency.ts).
 */
async function retriedAnswer(res: Response): Promise<boolean> {
  if (res.status >= 500) return true;
  if (res.status !== 409) return false;
  const body = (await res.clone().json().catch(() => ({}))) as { type?: string };
  return body.type === 'urn:jicha:idempotency:in-progress';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? process.argv[i + 1] : fallback;
  if (v === undefined) throw new Error(`${name} is required`);
  return v;
}

// Customers of 温泉供电所 (the demo's inspector and station lead): each takes many cases (opened with a duplicate reason).
const ACCOUNTS = Object.values(DEMO_LIVE_ACCOUNTS);
/** How long one case may keep failing before it counts as lost. */
const CASE_DEADLINE_MS = 15 * 60_000;

async function main() {
  const cases = Number(arg('--cases'));
  const concurrency = Number(arg('--concurrency', '8'));
  const out = arg('--out');
  const baseUrl = arg('--base-url');
  const untilFile = arg('--until');
  const config = loadConfig();
  const pool = createPool(config.DATABASE_URL, 4);
  pool.on('error', () => undefined); // an idle client's connection cut by the Postgres fault
  const ref = await seedReferenceData(pool);
  console.log(`[load] reference data: ${ref.orgUnits} org units, ${ref.customers} customers`);

  const events: ClientEvent[] = [];
  let requests = 0;
  const retry: RetryPolicy = {
    attempts: 60,
    retryAnswer: retriedAnswer,
    delayMs: (attempt) => Math.min(250 * 2 ** (attempt - 2), 3000), // 3 min in all: longer than any outage
    observe: (e) => {
      requests += 1;
      if (e.status === null || e.status >= 500) events.push(e);
    },
  };
  for (const deadline = Date.now() + 300_000; ;) {
    const r = await fetch(`${baseUrl}/readyz`).catch(() => null);
    if (r?.status === 200) break;
    if (Date.now() > deadline) throw new Error(`the APIs behind ${baseUrl} were not ready in 5 min`);
    await sleep(1000);
  }
  const driver = await liveCaseDriver({
    pool, baseUrl, keycloak: { url: config.KEYCLOAK_URL, realm: config.KEYCLOAK_REALM }, password: 'jicha-demo',
    deviceKey: await deviceKeyOnDisk('chaos-terminal'), retry,
  });
  const run = new Date().toISOString().replace(/[-:.TZ]/g, '').slice(0, 14);
  console.log(`[load] run ${run}: ${cases} cases, ${concurrency} in flight, through ${baseUrl}`);

  const results: ChaosCase[] = [];
  let inFlight = 0;
  let done = 0;
  const progress = () => process.stdout.write(`@progress ${JSON.stringify({ done, inFlight })}\n`);

  async function one(index: number): Promise<ChaosCase> {
    const started = Date.now();
    const order = index % 2 === 0 ? 'wrong_tariff' : 'meter';
    const c: ChaosCase = {
      index, openKey: `chaos-${run}-${index}`, caseId: null, accountNo: ACCOUNTS[index % ACCOUNTS.length], rejectOnce: index % 5 === 4, order,
      driveAttempts: 0, errors: [], ms: 0,
    };
    const deadline = started + CASE_DEADLINE_MS;
    const note = (e: unknown) => c.errors.push(`${new Date().toISOString()} ${e instanceof Error ? e.message : String(e)}`.slice(0, 300));
    // opened by the supervisor: a retry (here or in the client) sends the same Idempotency-Key, so one case at most
    while (!c.caseId && Date.now() < deadline) {
      try {
        const created = ok(await driver.supervisor.POST('/api/cases', {
          body: { customerAccountNo: c.accountNo, origin: 'routine', note: `混沌测试 chaos run ${run} #${index}`, duplicateReason: '混沌测试：同一用户多张工单 / chaos run' },
          headers: { 'Idempotency-Key': c.openKey },
        })) as { id: string };
        c.caseId = created.id;
      } catch (e) {
        note(e);
        await sleep(2000);
      }
    }
    if (c.caseId) {
      const live: LiveCase = {
        key: c.openKey, caseId: c.caseId, accountNo: c.accountNo, origin: 'routine', note: '', target: 'closed', rejectOnce: c.rejectOnce, order,
        problemType: order === 'meter' ? 'meter_fault' : 'wrong_tariff',
        summary: order === 'meter' ? '混沌测试：电能表示数停走，需换表' : '混沌测试：经营性用电执行居民电价',
      };
      // each call resumes from the case's live state: only the steps it still lacks are taken
      while (Date.now() < deadline) {
        c.driveAttempts += 1;
        try {
          const r = await driver.drive(live);
          if (r.stage === 'closed') break;
          note(`drive ended at ${r.stage}`);
        } catch (e) {
          note(e);
        }
        await sleep(2000);
      }
    }
    c.ms = Date.now() - started;
    return c;
  }

  // Cases keep starting until every fault has run (chaos.mjs writes the file): a fault must land on cases in flight,
  // and a short run's dozen cases may be done before a worker has restarted.
  const faultsOver = () => fs.existsSync(untilFile);
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < cases || !faultsOver()) {
      const i = next;
      next += 1;
      inFlight += 1;
      progress();
      const r = await one(i);
      results.push(r);
      inFlight -= 1;
      done += 1;
      progress();
      if (r.errors.length) console.log(`[load] case #${i} (${r.caseId ?? 'not opened'}): ${r.driveAttempts} drive(s), ${r.errors.length} error(s), last: ${r.errors[r.errors.length - 1]}`);
      if (done % Math.max(1, Math.floor(cases / 10)) === 0) console.log(`[load] ${done}/${Math.max(cases, next)} cases done`);
    }
  }));
  results.sort((a, b) => a.index - b.index);
  fs.writeFileSync(path.join(out, 'cases.json'), JSON.stringify({ run, cases: results }, null, 2));
  fs.writeFileSync(path.join(out, 'responses.json'), JSON.stringify({ requests, events }, null, 2));
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  console.log(`[load] ${results.length} cases driven, ${driver.steps()} steps, ${requests} requests (${events.filter((e) => e.status === null).length} lost connections, ${events.filter((e) => e.status !== null).length} 5xx seen and retried); case time median ${(ms[Math.floor(ms.length / 2)] / 1000).toFixed(1)} s, max ${(ms[ms.length - 1] / 1000).toFixed(1)} s`);
  await pool.end();
}

main().catch((e: Error) => {
  console.error(`[load] failed: ${e.stack ?? e.message}`);
  process.exit(1);
});

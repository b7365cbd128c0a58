// What the chaos run checks once its load is over (scripts/chaos.mjs runs it with the chaos stack's env, after the
// last fault): every case where it should be (read model and workflow), every submission applied once, every evidence
// object re-hashed, the case logs' and the audit trail's chains, no workflow stuck retrying an activity, and no 5xx
// answered outside the outage windows. Each check prints its counts; summary.json holds the figures of the last line.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../../config/env';
import { createPool } from '../../db/pool';
import { caseWorkflowId } from '../../domain/inspectionCaseContract';
import { VISIT_PHOTOS } from '../terminal/visit';
import type { ChaosCase, ClientEvent } from './load';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A closed case's log: each effect once; a rejected verification adds one report and one verification. */
function expectedEvents(c: ChaosCase): Record<string, number> {
  return {
    opened: 1, judged: 1, accepted: 1, checked_in: 1, evidence_attached: VISIT_PHOTOS, findings_submitted: 1, rectification_issued: 1,
    rectification_reported: c.rejectOnce ? 2 : 1, verified: c.rejectOnce ? 2 : 1, scored: 1, closed: 1,
  };
}
/** The GPS fixes of one visit (scripts/terminal/visit.ts approachTrack): re-sent fixes are stored once. */
const TRACK_POINTS = 30;
/** A pending activity on this attempt or later is stuck retrying. */
const STUCK_ATTEMPT = 3;

function script(file: string, args: string[]): { code: number; out: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', file), ...args], { encoding: 'utf8', env: process.env, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? 2, out: `${r.stdout}\n${r.stderr}`.trim() };
}

async function main() {
  const out = process.argv[process.argv.indexOf('--out') + 1];
  const read = <T>(f: string): T => JSON.parse(fs.readFileSync(path.join(out, f), 'utf8')) as T;
  const { run, cases } = read<{ run: string; cases: ChaosCase[] }>('cases.json');
  const { requests, events } = read<{ requests: number; events: ClientEvent[] }>('responses.json');
  const { graceMs, windows } = read<{ graceMs: number; windows: { name: string; start: number; end: number }[] }>('windows.json');
  const config = loadConfig();
  const pool = createPool(config.DATABASE_URL, 4);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const failed: string[] = [];
  const report = (ok: boolean, line: string) => {
    console.log(`[check] ${ok ? 'ok  ' : 'FAIL'} ${line}`);
    if (!ok) failed.push(line);
  };
  const ids = cases.flatMap((c) => (c.caseId ? [c.caseId] : []));

  // 1. Every case closed, in the read model (which follows the workflow's recording activity: given a minute to settle)
  //    and in Temporal (its workflow completed).
  let stages = new Map<string, string>();
  for (const until = Date.now() + 60_000; ;) {
    const r = await pool.query<{ id: string; stage: string }>('select id, stage from cases where id = any($1)', [ids]);
    stages = new Map(r.rows.map((x) => [x.id, x.stage]));
    if (ids.every((id) => stages.get(id) === 'closed') || Date.now() > until) break;
    await sleep(2000);
  }
  const workflowStatus = new Map<string, string>();
  for (const id of ids) {
    const d = await temporal.workflow.getHandle(caseWorkflowId(id)).describe().catch((e: Error) => ({ status: { name: `not found: ${e.message}` } }));
    workflowStatus.set(id, d.status.name);
  }
  const lostCases = cases.filter((c) => !c.caseId || stages.get(c.caseId) !== 'closed' || workflowStatus.get(c.caseId) !== 'COMPLETED');
  for (const c of lostCases) console.log(`  lost: case #${c.index} ${c.caseId ?? '(never opened)'}: read model ${c.caseId ? stages.get(c.caseId) ?? 'missing' : '-'}, workflow ${c.caseId ? workflowStatus.get(c.caseId) : '-'}; ${c.errors.slice(-1)[0] ?? ''}`);
  report(lostCases.length === 0, `${cases.length - lostCases.length}/${cases.length} cases closed in the read model with their workflow completed`);

  // 2. Exactly one effect per submission: one case per open (its Idempotency-Key), each event of the case log as often
  //    as the steps taken, one evidence row per photo, the track's fixes once, no terminal request left half-done.
  const opened = await pool.query<{ n: number }>('select count(*)::int as n from cases where note like $1', [`混沌测试 chaos run ${run} #%`]);
  const extraCases = opened.rows[0].n - ids.length;
  report(extraCases === 0, `${opened.rows[0].n} cases opened for ${cases.length} opens (one per Idempotency-Key)`);
  const ev = await pool.query<{ case_id: string; type: string; n: number }>('select case_id, type, count(*)::int as n from case_events where case_id = any($1) group by 1, 2', [ids]);
  const up = await pool.query<{ case_id: string; n: number; confirmed: number }>("select case_id, count(*)::int as n, count(*) filter (where status = 'confirmed')::int as confirmed from evidence_uploads where case_id = any($1) group by 1", [ids]);
  const gps = await pool.query<{ case_id: string; n: number }>('select case_id, count(*)::int as n from gps_points where case_id = any($1) group by 1', [ids]);
  const duplicatedCases = new Set<string>();
  let extraEffects = 0;
  for (const c of cases) {
    if (!c.caseId) continue;
    const want = expectedEvents(c);
    for (const [type, n] of Object.entries(want)) {
      const got = ev.rows.find((r) => r.case_id === c.caseId && r.type === type)?.n ?? 0;
      if (got > n) {
        extraEffects += got - n;
        duplicatedCases.add(c.caseId);
        console.log(`  duplicated: case #${c.index} ${c.caseId}: ${got} × ${type}, expected ${n}`);
      }
    }
    const u = up.rows.find((r) => r.case_id === c.caseId);
    if ((u?.n ?? 0) > VISIT_PHOTOS) {
      extraEffects += (u?.n ?? 0) - VISIT_PHOTOS;
      duplicatedCases.add(c.caseId);
      console.log(`  duplicated: case #${c.index} ${c.caseId}: ${u?.n} evidence uploads (${u?.confirmed} confirmed), expected ${VISIT_PHOTOS}`);
    }
    const g = gps.rows.find((r) => r.case_id === c.caseId)?.n ?? 0;
    if (g > TRACK_POINTS) {
      extraEffects += g - TRACK_POINTS;
      duplicatedCases.add(c.caseId);
      console.log(`  duplicated: case #${c.index} ${c.caseId}: ${g} GPS fixes, expected ${TRACK_POINTS}`);
    }
  }
  const eventRows = ev.rows.reduce((a, r) => a + r.n, 0);
  const evidenceRows = up.rows.reduce((a, r) => a + r.n, 0);
  const gpsRows = gps.rows.reduce((a, r) => a + r.n, 0);
  report(duplicatedCases.size === 0, `${eventRows} case events, ${evidenceRows} evidence uploads, ${gpsRows} GPS fixes: ${extraEffects} effects beyond one per submission`);
  const halfDone = await pool.query<{ n: number }>('select count(*)::int as n from mobile_idempotency where status is null');
  const keys = await pool.query<{ n: number }>('select count(*)::int as n from mobile_idempotency');
  report(halfDone.rows[0].n === 0, `${keys.rows[0].n} terminal Idempotency-Keys, ${halfDone.rows[0].n} left in progress`);

  // 3. Every evidence object re-hashes (npm run verify:evidence -- --all).
  const evidence = script('verify-evidence.ts', ['--all']);
  const sweep = /(\d+) checked — (\d+) ok, (\d+) mismatch, (\d+) missing, (\d+) newer-version/.exec(evidence.out);
  const checked = sweep ? Number(sweep[1]) : 0;
  const evidenceBad = sweep ? Number(sweep[3]) + Number(sweep[4]) + Number(sweep[5]) : 0;
  const confirmed = up.rows.reduce((a, r) => a + r.confirmed, 0);
  report(evidence.code === 0 && sweep !== null && checked === confirmed, `verify:evidence: ${sweep ? sweep[0] : `no summary (exit ${evidence.code}): ${evidence.out.slice(-300)}`}; ${confirmed} confirmed`);

  // 4. The case logs' and the audit trail's hash chains (npm run verify:case-log, verify:audit-log).
  const caseLog = script('verify-case-log.ts', []);
  const chains = /(\d+) case\(s\) checked, (\d+) tampered/.exec(caseLog.out);
  const tampered = chains ? Number(chains[2]) : 0;
  report(caseLog.code === 0 && chains !== null, `verify:case-log: ${chains ? chains[0] : `exit ${caseLog.code}: ${caseLog.out.slice(-300)}`}`);
  const audit = script('verify-audit-log.ts', []);
  const auditLine = /ok: \d+ audit rows, chain intact/.exec(audit.out);
  report(audit.code === 0 && auditLine !== null, `verify:audit-log: ${auditLine ? auditLine[0] : `exit ${audit.code}: ${audit.out.slice(-300)}`}`);

  // 5. No workflow stuck retrying: every running workflow's pending activities are on an early attempt.
  let running = 0;
  const stuck: string[] = [];
  for await (const w of temporal.workflow.list({ query: 'ExecutionStatus="Running"' })) {
    running += 1;
    const d = await temporal.workflow.getHandle(w.workflowId, w.runId).describe();
    for (const a of d.raw.pendingActivities ?? []) {
      if ((a.attempt ?? 0) >= STUCK_ATTEMPT) stuck.push(`${w.workflowId}: ${a.activityType?.name} attempt ${a.attempt}: ${a.lastFailure?.message ?? ''}`);
    }
  }
  for (const s of stuck) console.log(`  stuck: ${s}`);
  report(stuck.length === 0, `${running} workflows running, ${stuck.length} activities on attempt ≥ ${STUCK_ATTEMPT}`);

  // 6. No 5xx outside the outage windows (each window's end plus a grace for the restarted part to be found again).
  const inWindow = (at: number) => windows.some((w) => at >= w.start && at <= w.end + graceMs);
  const fives = events.filter((e) => e.status !== null);
  const outside = fives.filter((e) => !inWindow(e.at));
  for (const e of outside.slice(0, 20)) console.log(`  5xx outside the windows: ${new Date(e.at).toISOString()} ${e.status} ${e.method} ${e.url}`);
  report(outside.length === 0, `${requests} responses and lost connections seen: ${fives.length} 5xx, ${outside.length} outside the ${windows.length} outage windows (+${graceMs / 1000} s); ${events.length - fives.length} lost connections`);

  const summary = { cases: cases.length, lost: lostCases.length, duplicated: duplicatedCases.size + Math.max(0, extraCases), unverified: evidenceBad + tampered + (auditLine ? 0 : 1), failed };
  fs.writeFileSync(path.join(out, 'summary.json'), JSON.stringify(summary, null, 2));
  await connection.close();
  await pool.end();
  process.exitCode = failed.length ? 1 : 0;
}

main().catch((e: Error) => {
  console.error(`[check] failed: ${e.stack ?? e.message}`);
  process.exit(2);
});

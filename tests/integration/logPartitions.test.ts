import crypto from 'node:crypto';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../../config/env';
import { createPool } from '../../db/pool';
import { appendCaseEvent, verifyCaseChain } from '../../db/caseLog';
import { appendAudit, verifyAuditChain } from '../../db/auditLog';
import { appendTrackPoints } from '../../db/mobileTrack';
import { ensureLogPartitions } from '../../db/logPartitions';
import { refusedValue } from '../../db/refusedValue';
import type { CaseEvent } from '../../domain/caseEvents';
import { ownerUrl } from '../support/ownerDb';
import { BEIJING_MS, beijingMonthStart, partitionOf } from '../support/beijingMonths';

// #19: the append-only logs partitioned by Beijing month (061_log_partitions.sql) against real Postgres.
const config = loadConfig();
const pool = createPool(config.DATABASE_URL, 3);
// The app role (pool) may not update, delete or drop at all (databaseRoles.test.ts): the triggers are proved against the
// owner, who could otherwise; the owner also drops this file's scratch partitions.
const owner = createPool(ownerUrl(config.DATABASE_URL), 2);
afterAll(() => Promise.all([pool.end(), owner.end()]));

const minutes = (d: Date, n: number) => new Date(d.getTime() + n * 60_000).toISOString();

async function openCase(occurredAt: string) {
  const id = crypto.randomUUID();
  const ev = (seq: number, at: string, type = 'stage_entered'): CaseEvent => ({ caseId: id, seq, type, stage: 'field_evidence', actor: 'test', payload: { seq }, occurredAt: at });
  await appendCaseEvent(pool, { ...ev(1, occurredAt, 'opened'), stage: 'judgement' }, undefined, {
    id, workflowId: `case-${id}`, customerAccountNo: '4210000010', origin: 'custom', priority: 'normal', note: null, createdBy: 'test', createdAt: occurredAt, campaignId: null,
  });
  return { id, ev };
}

async function partitionsOfCase(id: string): Promise<string[]> {
  const r = await pool.query<{ seq: number; part: string }>('select seq, tableoid::regclass::text as part from case_events where case_id = $1 order by seq', [id]);
  return r.rows.map((x) => x.part);
}

async function runScript(name: string, args: string[] = []) {
  const root = path.resolve(__dirname, '..', '..');
  return promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', name), ...args], { cwd: root, env: { ...process.env, DATABASE_URL: config.DATABASE_URL } }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );
}

beforeAll(async () => {
  await ensureLogPartitions(pool, 3);
});

test('rows land in the partition of their Beijing month (half an hour either side of a month boundary)', async () => {
  const next = beijingMonthStart(1);
  const { id, ev } = await openCase(minutes(next, -30)); // 23:30 Beijing on the last day of this month
  await appendCaseEvent(pool, ev(2, minutes(next, 30))); // 00:30 Beijing on the 1st of next month
  expect(await partitionsOfCase(id)).toEqual([partitionOf('case_events', beijingMonthStart(0)), partitionOf('case_events', next)]);
  expect(await verifyCaseChain(pool, id)).toEqual({ caseId: id, rows: 2, ok: true });

  const requestId = `t19-${crypto.randomUUID()}`;
  await appendAudit(pool, { at: minutes(next, 1), username: 'test', roles: ['admin'], orgUnit: null, device: null, method: 'POST', route: '/t19', path: '/t19', status: 200, requestId, caseId: id });
  const audit = await pool.query('select tableoid::regclass::text as part from audit_log where request_id = $1', [requestId]);
  expect(audit.rows).toEqual([{ part: partitionOf('audit_log', next) }]);
});

test('a row far ahead lands in DEFAULT; maintenance creates its month and moves it, keeping the chain and the track whole (DEFAULT is append-only too)', async () => {
  // a month no other test writes to (the time-skipping worlds sit in 2534 and 2624): far beyond the daily horizon
  const offset = 12 * (300 + crypto.randomInt(150)) + crypto.randomInt(12);
  const far = beijingMonthStart(offset);
  const { id, ev } = await openCase(new Date().toISOString());
  await appendCaseEvent(pool, ev(2, minutes(far, 60)));
  const device = `T19-${crypto.randomUUID()}`;
  await pool.query(`insert into devices (id, label, platform, registered_by) values ($1, 't19', 'simulator', 'test')`, [device]);
  expect(await appendTrackPoints(pool, device, 'inspector', id, [{ lat: 30.1, lon: 114.3, at: minutes(far, 5) }, { lat: 30.2, lon: 114.4, at: minutes(far, 6) }])).toBe(2);
  expect((await partitionsOfCase(id))[1]).toBe('case_events_default');
  await expect(owner.query('delete from case_events_default where case_id = $1', [id])).rejects.toThrow(/append-only/);

  // the daily run leaves it (beyond its horizon) and says so
  const daily = await ensureLogPartitions(pool, 3);
  expect(daily.find((r) => r.table === 'case_events')!.leftInDefault).toBeGreaterThanOrEqual(1);
  expect((await partitionsOfCase(id))[1]).toBe('case_events_default');

  try {
    const run = await ensureLogPartitions(pool, 3, offset);
    expect(run.find((r) => r.table === 'case_events')!.rowsMoved).toBeGreaterThanOrEqual(1);
    expect(run.find((r) => r.table === 'gps_points')!.rowsMoved).toBeGreaterThanOrEqual(2);
    expect(await partitionsOfCase(id)).toEqual([partitionOf('case_events', beijingMonthStart(0)), partitionOf('case_events', far)]);
    expect(await verifyCaseChain(pool, id)).toEqual({ caseId: id, rows: 2, ok: true });
    const track = await pool.query('select tableoid::regclass::text as part, lat from gps_points where device_id = $1 order by recorded_at', [device]);
    expect(track.rows).toEqual([{ part: partitionOf('gps_points', far), lat: 30.1 }, { part: partitionOf('gps_points', far), lat: 30.2 }]);
    // a re-sent batch into the new partition changes nothing
    expect(await appendTrackPoints(pool, device, 'inspector', id, [{ lat: 30.1, lon: 114.3, at: minutes(far, 5) }])).toBe(0);
  } finally {
    // the shared test database keeps no partition per run; these hold only this test's rows
    for (const t of ['case_events', 'gps_points']) await owner.query(`drop table if exists ${partitionOf(t, far)}`);
  }
});

test('append-only holds on the parent and on a month partition addressed by name', async () => {
  const { id, ev } = await openCase(new Date().toISOString());
  await appendCaseEvent(pool, ev(2, new Date().toISOString()));
  const part = partitionOf('case_events', beijingMonthStart(0));
  await expect(owner.query("update case_events set payload = '{}' where case_id = $1", [id])).rejects.toThrow(/append-only/);
  await expect(owner.query(`update ${part} set payload = '{}' where case_id = $1`, [id])).rejects.toThrow(/append-only/);
  await expect(owner.query(`delete from ${part} where case_id = $1`, [id])).rejects.toThrow(/append-only/);
  expect(await partitionsOfCase(id)).toHaveLength(2);

  const requestId = `t19-${crypto.randomUUID()}`;
  await appendAudit(pool, { at: new Date().toISOString(), username: 'test', roles: [], orgUnit: null, device: null, method: 'POST', route: '/t19', path: '/t19', status: 200, requestId, caseId: null });
  await expect(owner.query(`update ${partitionOf('audit_log', beijingMonthStart(0))} set status = 500 where request_id = $1`, [requestId])).rejects.toThrow(/append-only/);
  await expect(owner.query('delete from audit_log where request_id = $1', [requestId])).rejects.toThrow(/append-only/);
});

test('(case, seq) stays unique across partitions: a retry is skipped, a second row with another time is refused as a duplicate', async () => {
  const now = new Date();
  const { id, ev } = await openCase(now.toISOString());
  expect((await appendCaseEvent(pool, ev(2, now.toISOString()))).inserted).toBe(true);
  expect((await appendCaseEvent(pool, ev(2, now.toISOString()))).inserted).toBe(false); // activity retry
  // a row for seq 2 with a time in another month would fit the (case_id, seq, occurred_at) key: the trigger refuses it
  const err = await pool.query(
    `insert into case_events (case_id, seq, type, stage, payload, occurred_at, prev_hash, hash) values ($1, 2, 'x', 'field_evidence', '{}', $2, 'a', 'b')`,
    [id, minutes(beijingMonthStart(1), 10)],
  ).then(() => null, (e: unknown) => e);
  expect(err).toMatchObject({ code: '23505', constraint: 'case_events_pkey' });
  expect(refusedValue(err)).toBeNull(); // read as "already recorded", as with the unpartitioned primary key
  expect(await partitionsOfCase(id)).toHaveLength(2);
});

test('verify:case-log and verify:audit-log pass on the partitioned logs', async () => {
  const next = beijingMonthStart(1);
  const { id, ev } = await openCase(minutes(next, -5));
  await appendCaseEvent(pool, ev(2, minutes(next, 5)));
  const caseLog = await runScript('verify-case-log.ts', [id]);
  expect(caseLog).toEqual({ code: 0, stdout: `ok: case ${id}, 2 rows\n1 case(s) checked, 0 tampered\n` });
  expect((await verifyAuditChain(pool)).ok).toBe(true);
  const audit = await runScript('verify-audit-log.ts');
  expect(audit.code).toBe(0);
  expect(audit.stdout).toMatch(/^ok: \d+ audit rows, chain intact\n$/);
});

test('a sealed month detached and dropped: the chains resume at its anchors, writers link to them, the verifiers pass', async () => {
  // a past month only this test writes to
  const offset = -12 * (80 + crypto.randomInt(100)) - crypto.randomInt(12);
  const old = beijingMonthStart(offset);
  const live = await openCase(minutes(old, 10));
  await appendCaseEvent(pool, live.ev(2, minutes(old, 20)));
  await appendCaseEvent(pool, live.ev(3, new Date().toISOString()));
  const dormant = await openCase(minutes(old, 30)); // its last event is in the archived month
  await appendCaseEvent(pool, dormant.ev(2, minutes(old, 40)));
  const requestId = `t19-${crypto.randomUUID()}`;
  for (const n of [1, 2]) {
    await appendAudit(pool, { at: minutes(old, n), username: 'test', roles: [], orgUnit: null, device: null, method: 'POST', route: '/t19', path: '/t19', status: 200, requestId, caseId: null });
  }
  await ensureLogPartitions(pool, 3); // past months in DEFAULT get their partition
  expect((await partitionsOfCase(live.id))[0]).toBe(partitionOf('case_events', old));

  const month = new Date(old.getTime() + BEIJING_MS).toISOString().slice(0, 10);
  // sealing, detaching and dropping are the DBA's steps (docs/retention.md), as the owner
  const sealed = await owner.query('select * from log_partition_seal($1, $2)', ['case_events', month]);
  expect(sealed.rows[0]).toMatchObject({ partition_name: partitionOf('case_events', old), row_count: 4, anchors: 2 });
  expect((await owner.query('select * from log_partition_seal($1, $2)', ['audit_log', month])).rows[0]).toMatchObject({ row_count: 2 });
  await expect(owner.query(`update log_chain_anchors set hash = 'x' where partition_name = $1`, [partitionOf('case_events', old)])).rejects.toThrow(/append-only/);
  for (const t of ['case_events', 'audit_log']) {
    await owner.query(`alter table ${t} detach partition ${partitionOf(t, old)}`);
    await owner.query(`drop table ${partitionOf(t, old)}`);
  }

  expect(await verifyCaseChain(pool, live.id)).toEqual({ caseId: live.id, rows: 1, ok: true });
  expect((await appendCaseEvent(pool, dormant.ev(3, new Date().toISOString()))).inserted).toBe(true);
  expect(await verifyCaseChain(pool, dormant.id)).toEqual({ caseId: dormant.id, rows: 1, ok: true });
  const anchor = await pool.query(`select hash from log_chain_anchors where log_table = 'case_events' and chain_key = $1 and position = 2`, [dormant.id]);
  expect((await pool.query('select prev_hash from case_events where case_id = $1 and seq = 3', [dormant.id])).rows[0].prev_hash).toBe(anchor.rows[0].hash);

  await appendAudit(pool, { at: new Date().toISOString(), username: 'test', roles: [], orgUnit: null, device: null, method: 'POST', route: '/t19', path: '/t19', status: 200, requestId, caseId: null });
  expect(await verifyAuditChain(pool)).toMatchObject({ ok: true });
  expect(await runScript('verify-case-log.ts', [dormant.id])).toEqual({ code: 0, stdout: `ok: case ${dormant.id}, 1 rows\n1 case(s) checked, 0 tampered\n` });
  expect((await runScript('verify-audit-log.ts')).code).toBe(0);
});

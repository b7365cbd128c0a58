import crypto from 'node:crypto';
import { loadConfig } from '../../config/env';
import { appendAudit } from '../../db/auditLog';
import { appendCaseEvent } from '../../db/caseLog';
import { ensureLogPartitions } from '../../db/logPartitions';
import { createPool } from '../../db/pool';
import type { CaseEvent } from '../../domain/caseEvents';
import { startHarness, type Harness } from '../support/harness';
import { ownerUrl } from '../support/ownerDb';
import { killHard, startWorkerProcess } from '../support/workerProcess';
import { beijingMonthStart, partitionOf } from '../support/beijingMonths';

// #18 item 1: the application's database role (DATABASE_URL) may read the append-only logs and add rows to them, and
// nothing else: no UPDATE, DELETE or TRUNCATE, no ALTER TABLE … DISABLE TRIGGER, no DROP or CREATE TRIGGER, on each log
// and on a partition addressed by name (073_database_roles.sql). The owner (DATABASE_OWNER_URL) migrates.
const config = loadConfig();
const app = createPool(config.DATABASE_URL, 3);
const owner = createPool(ownerUrl(config.DATABASE_URL), 2);
const appRole = decodeURIComponent(new URL(config.DATABASE_URL).username);
afterAll(() => Promise.all([app.end(), owner.end()]));

const LOGS = ['case_events', 'audit_log', 'gps_points', 'evidence_integrity_checks', 'log_anchor_case_heads', 'log_chain_anchors', 'log_archives'];

async function openCase(occurredAt: string) {
  const id = crypto.randomUUID();
  const ev = (seq: number, at: string): CaseEvent => ({ caseId: id, seq, type: seq === 1 ? 'opened' : 'stage_entered', stage: seq === 1 ? 'judgement' : 'field_evidence', actor: 'test', payload: { seq }, occurredAt: at });
  await appendCaseEvent(app, ev(1, occurredAt), undefined, {
    id, workflowId: `case-${id}`, customerAccountNo: '4210000010', origin: 'custom', priority: 'normal', note: null, createdBy: 'test', createdAt: occurredAt, campaignId: null,
  });
  return { id, ev };
}

/** Runs each statement as the app role in a transaction that is rolled back; what each was refused with. */
async function refusals(statements: string[]): Promise<{ sql: string; code: string | null }[]> {
  const c = await app.connect();
  try {
    const out = [];
    for (const sql of statements) {
      await c.query('begin');
      const code = await c.query(sql).then(() => null, (e: { code?: string }) => e.code ?? 'no code');
      await c.query('rollback');
      out.push({ sql, code });
    }
    return out;
  } finally {
    c.release();
  }
}

test('the app role is neither the owner nor privileged, and owns nothing', async () => {
  expect(process.env.DATABASE_OWNER_URL).toBeTruthy(); // the split needs the owner's URL: the stack sets it
  const me = await app.query('select current_user, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls from pg_roles where rolname = current_user');
  expect(me.rows).toEqual([{ current_user: appRole, rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false }]);
  const owners = await app.query<{ owner: string }>(`select distinct pg_get_userbyid(relowner) as owner from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public'`);
  expect(owners.rows.map((r) => r.owner)).toEqual([decodeURIComponent(new URL(ownerUrl()).username)]);
  expect(appRole).not.toBe(owners.rows[0].owner);
  expect((await app.query('select unnest(append_only_logs()) as t')).rows.map((r) => r.t)).toEqual(LOGS);
});

test('the app role appends to audit_log and case_events', async () => {
  const now = new Date().toISOString();
  const { id, ev } = await openCase(now);
  expect((await appendCaseEvent(app, ev(2, now))).inserted).toBe(true);
  const requestId = `roles-${crypto.randomUUID()}`;
  await appendAudit(app, { at: now, username: 'test', roles: [], orgUnit: null, device: null, method: 'POST', route: '/roles', path: '/roles', status: 200, requestId, caseId: id });
  expect((await app.query('select count(*)::int as n from case_events where case_id = $1', [id])).rows[0].n).toBe(2);
  expect((await app.query('select count(*)::int as n from audit_log where request_id = $1', [requestId])).rows[0].n).toBe(1);
});

test('UPDATE, DELETE, TRUNCATE, disabling, dropping or adding a trigger: refused (42501) on every log and on partitions by name', async () => {
  const month = beijingMonthStart(0);
  const relations = [...LOGS, partitionOf('case_events', month), partitionOf('audit_log', month), partitionOf('gps_points', month), 'case_events_default', 'audit_log_default'];
  const statements: string[] = [];
  for (const t of relations) {
    const col = (await owner.query<{ attname: string }>('select attname from pg_attribute where attrelid = $1::regclass and attnum = 1', [t])).rows[0].attname;
    statements.push(
      `update ${t} set ${col} = ${col} where false`,
      `delete from ${t} where false`,
      `truncate ${t}`,
      `alter table ${t} disable trigger all`,
      `drop table ${t}`,
      `create trigger roles_test before insert on ${t} for each row execute function case_events_unique_seq()`,
    );
    const triggers = await owner.query<{ tgname: string }>('select tgname from pg_trigger where tgrelid = $1::regclass and not tgisinternal', [t]);
    for (const { tgname } of triggers.rows) statements.push(`alter table ${t} disable trigger ${tgname}`, `drop trigger ${tgname} on ${t}`);
  }
  statements.push(`alter table case_events detach partition ${partitionOf('case_events', month)}`, `insert into log_chain_anchors select * from log_chain_anchors limit 0`, `insert into log_archives select * from log_archives limit 0`);
  // the append-only triggers are among them, on the parents and on the partitions
  for (const s of ['drop trigger case_events_no_update on case_events', `drop trigger audit_log_no_update on ${partitionOf('audit_log', month)}`, 'drop trigger log_anchor_case_heads_no_update on log_anchor_case_heads']) {
    expect(statements).toContain(s);
  }
  const got = await refusals(statements);
  expect(got).toEqual(statements.map((sql) => ({ sql, code: '42501' })));
});

test("the housekeeping's partition maintenance works as the app role; new partitions are as closed as their log", async () => {
  // a month far ahead that only this test writes to: its row waits in DEFAULT until maintenance reaches that far
  const offset = 12 * (500 + crypto.randomInt(200)) + crypto.randomInt(12);
  const far = beijingMonthStart(offset);
  const part = partitionOf('case_events', far);
  const { id, ev } = await openCase(new Date().toISOString());
  await appendCaseEvent(app, ev(2, new Date(far.getTime() + 3600_000).toISOString()));
  try {
    const run = await ensureLogPartitions(app, 3, offset); // db/logPartitions.ts: what the housekeeping activity runs
    expect(run.find((r) => r.table === 'case_events')!.rowsMoved).toBeGreaterThanOrEqual(1);
    const rows = await app.query('select seq, tableoid::regclass::text as part from case_events where case_id = $1 order by seq', [id]);
    expect(rows.rows).toEqual([{ seq: 1, part: partitionOf('case_events', beijingMonthStart(0)) }, { seq: 2, part }]);
    const privileges = (t: string) => owner.query(
      `select pg_get_userbyid(c.relowner) = current_user as owned, has_table_privilege($2, c.oid, 'SELECT') as sel, has_table_privilege($2, c.oid, 'INSERT') as ins,
              has_table_privilege($2, c.oid, 'UPDATE') as upd, has_table_privilege($2, c.oid, 'DELETE') as del, has_table_privilege($2, c.oid, 'TRUNCATE') as trunc
         from pg_class c where c.oid = $1::regclass`, [t, appRole]).then((r) => r.rows[0]);
    const closed = { owned: true, sel: true, ins: true, upd: false, del: false, trunc: false };
    expect(await privileges(part)).toEqual(closed);
    expect(await privileges('case_events_default')).toEqual(closed); // recreated when its rows moved out
    expect(await refusals([`delete from ${part} where case_id = '${id}'`])).toEqual([{ sql: `delete from ${part} where case_id = '${id}'`, code: '42501' }]);
    // it runs with the owner's rights, so how far ahead it may create partitions is bounded
    expect(await refusals(['select * from log_partitions_ensure(100000, 24)'])).toEqual([{ sql: 'select * from log_partitions_ensure(100000, 24)', code: '22023' }]);
  } finally {
    // the shared test database keeps no partition per run; it holds only this test's row
    await owner.query(`drop table if exists ${part}`);
  }
});

describe('the API and the worker connect as the app role', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ inProcessWorker: false });
  }, 120_000);
  afterAll(() => h?.stop());

  test("the API's pool (the one handed to services) and a worker process: current_user is the app role", async () => {
    expect((await h.pool.query('select current_user as u')).rows[0].u).toBe(appRole);

    // worker/main.ts, as `npm start` and compose run it, names its pool 'jicha-worker' in pg_stat_activity
    const worker = await startWorkerProcess({ TEMPORAL_TASK_QUEUE: `roles-${crypto.randomUUID()}` });
    try {
      expect((await fetch(`http://127.0.0.1:${worker.healthPort}/readyz`)).status).toBe(200); // its pool connects
      const seen = await app.query<{ usename: string; n: number }>(
        `select usename, count(*)::int as n from pg_stat_activity where application_name = 'jicha-worker' and datname = current_database() group by usename`,
      );
      expect(seen.rows).toEqual([{ usename: appRole, n: expect.any(Number) }]);
    } finally {
      await killHard(worker.child);
    }
  }, 120_000);

  test('the running stack (`npm start`): its API and worker connect as the app role', async () => {
    // their readiness checks query Postgres, so each holds a connection for a while after. A stack started from a
    // checkout before these roles shows none of these names: restart `npm start`.
    expect((await fetch(`http://127.0.0.1:${new URL(config.PUBLIC_URL).port || 80}/readyz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${config.WORKER_HEALTH_PORT}/readyz`)).status).toBe(200);
    const seen = await app.query<{ application_name: string; usename: string }>(
      `select distinct application_name, usename from pg_stat_activity where application_name in ('jicha-api', 'jicha-worker') order by 1, 2`,
    );
    expect(seen.rows).toEqual([{ application_name: 'jicha-api', usename: appRole }, { application_name: 'jicha-worker', usename: appRole }]);
  });
});

// npm run bench:dashboard [-- --cases 200000 --reps 15]
//
// The dashboard's period figures from the aggregate (case_stats_monthly) against the per-request SQL it replaced
// (db/dashboardStatsReference.ts), on a generated province in its own database (jicha_bench_dashboard): 17 cities,
// 102 counties, 1020 stations, N cases over 24 months with their findings, rectification orders and verifications
// (about 4 events a case). Per unit level and period: p50 of dashboardStats with either source, and whether both give
// the same figures; the floor is a primary-key lookup on cases in the same run. Also: the rebuild's time, the rows a
// query reads with ancestor roll-up versus a station-only table, what the projection's statement costs per event, and
// the projection's throughput when every transaction adds to the same province rows.
import crypto from 'node:crypto';
import type pg from 'pg';
import { createPool } from '../db/pool';
import { migrate } from '../db/migrate';
import { projectCaseStats, rebuildCaseStats } from '../db/caseStatsProjection';
import { aggregatePeriod, dashboardStats, type DashboardQuery, type PeriodSource } from '../db/dashboardStats';
import { referencePeriod } from '../db/dashboardStatsReference';
import { numberArg } from './args';
import { ensureBenchDb } from './benchDb';

const CASES = numberArg('cases', 200_000);
const REPS = numberArg('reps', 15);
const REFERENCE_REPS = Math.max(1, Math.min(REPS, numberArg('reference-reps', 3)));
const EVENT_SLICE = 2_000;

async function generate(pool: pg.Pool): Promise<void> {
  const have = (await pool.query<{ n: number }>('select count(*)::int as n from cases')).rows[0].n;
  if (have === CASES) return;
  console.log(`generating ${CASES} cases …`);
  const t0 = Date.now();
  await pool.query('truncate case_events, cases, customers, org_units, case_stats_monthly cascade');
  await pool.query(`insert into org_units (id, parent_id, level, name_zh, name_en) values ('BP', null, 'province', '省', 'Province')`);
  await pool.query(`insert into org_units (id, parent_id, level, name_zh, name_en)
    select 'BP.C' || lpad(c::text, 2, '0'), 'BP', 'city', '市' || c, 'City ' || c from generate_series(1, 17) c`);
  await pool.query(`insert into org_units (id, parent_id, level, name_zh, name_en)
    select 'BP.C' || lpad(c::text, 2, '0') || '.K' || k, 'BP.C' || lpad(c::text, 2, '0'), 'county', '县' || k, 'County ' || k
      from generate_series(1, 17) c, generate_series(1, 6) k`);
  await pool.query(`insert into org_units (id, parent_id, level, name_zh, name_en)
    select o.id || '.S' || lpad(s::text, 2, '0'), o.id, 'station', '所' || s, 'Station ' || s from org_units o, generate_series(1, 10) s where o.level = 'county'`);
  await pool.query(`insert into customers (account_no, name, address, tariff_category, station_id)
    select '5' || lpad(i::text, 9, '0'), '客户' || i, '地址' || i, 'residential', st.ids[1 + (hashint4(i) & 2147483647) % cardinality(st.ids)]
      from generate_series(1, $1) i, (select array_agg(id order by id) as ids from org_units where level = 'station') st`, [CASES]);
  await pool.query(`insert into cases (id, case_no, workflow_id, customer_account_no, customer_name, org_unit_id, customer_station_id, origin, stage, priority, created_by, created_at, updated_at, last_event_seq)
    select md5('case' || i)::uuid, 'B-' || i, 'bench-' || i, cu.account_no, cu.name, cu.station_id, cu.station_id,
           (array['routine', 'special', 'custom'])[1 + i % 3], 'closed', 'normal', 'bench',
           timestamptz '2025-01-01 00:00+08' + (hashint4(i * 7) & 2147483647) % (730 * 86400) * interval '1 second', now(), 0
      from generate_series(1, $1) i join customers cu on cu.account_no = '5' || lpad(i::text, 9, '0')`, [CASES]);
  // events: opened; 80 % assigned, accepted and findings (half confirmed, 1 in 10 weak presence); a confirmed case
  // gets its order, a verification rejected (1 in 5) and one passed, 3 in 10 with a confirmed collected amount
  // In slices of cases: the log's insert trigger (061) takes a lock per case until the transaction ends, so one
  // statement over every case runs out of the lock table (max_locks_per_transaction).
  for (let lo = 1; lo <= CASES; lo += EVENT_SLICE) await pool.query(`insert into case_events (case_id, seq, type, stage, actor, payload, occurred_at, prev_hash, hash)
    with c as (
      select id, created_at, hashint4(hashtext(id::text)) & 2147483647 as h from cases where substr(case_no, 3)::int between $1 and $2
    ), plan as (
      select id, created_at, h, h % 10 < 8 as visited, (h / 10) % 2 = 0 as confirmed, (h / 20) % 10 = 0 as weak, (h / 200) % 5 = 0 as rejected,
             (h / 1000) % 10 < 3 as collected, (array['wrong_tariff', 'theft', 'capacity_overuse', 'meter_fault', 'billing_error', 'other'])[1 + (h / 10000) % 6] as problem,
             ((h / 60000) % 200000) / 100.0 as back_billing, ((h / 7) % 400000) / 100.0 as penalty
        from c
    ), ev as (
      select id, 1 as n, 'opened' as type, '{}'::jsonb as payload, created_at as at from plan
      union all select id, 2, 'assigned', '{}'::jsonb, created_at + interval '1 day' from plan where visited
      union all select id, 3, 'accepted', '{}'::jsonb, created_at + interval '2 days' from plan where visited
      union all select id, 4, 'findings_submitted', jsonb_build_object('result', case when confirmed then 'confirmed' else 'not_confirmed' end,
                       'problemType', case when confirmed then problem end, 'presence', jsonb_build_object('weak', weak, 'confidence', 0.5)), created_at + interval '6 days'
                  from plan where visited
      union all select id, 5, 'rectification_issued', jsonb_build_object('computations', jsonb_build_array(jsonb_build_object('backBillingYuan', back_billing, 'penaltyYuan', penalty))),
                       created_at + interval '8 days' from plan where visited and confirmed
      union all select id, 6, 'verified', jsonb_build_object('round', 1, 'outcome', 'reject', 'reason', '未整改'), created_at + interval '20 days' from plan where visited and confirmed and rejected
      union all select id, 7, 'verified', jsonb_build_object('round', 2, 'outcome', 'pass', 'reason', null)
                       || case when collected then jsonb_build_object('confirmedCollectedYuan', round((back_billing + penalty) * 0.8, 2)) else '{}'::jsonb end,
                       created_at + interval '35 days' from plan where visited and confirmed
    )
    select id, row_number() over (partition by id order by n), type, 'closed', 'bench', payload, at, 'x', 'y' from ev`, [lo, lo + EVENT_SLICE - 1]);
  await pool.query('update cases c set last_event_seq = e.n from (select case_id, max(seq) as n from case_events group by 1) e where e.case_id = c.id');
  await pool.query('analyze');
  console.log(`generated in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

async function p50(reps: number, fn: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  await fn(); // warm
  for (let i = 0; i < reps; i += 1) {
    const t = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)];
}

const stats = (pool: pg.Pool, q: DashboardQuery, source: PeriodSource) => dashboardStats(pool, q, source).then((s) => s && { ...s, asOf: '' });

async function main(): Promise<void> {
  const url = await ensureBenchDb(process.env.DATABASE_URL ?? 'postgres://jicha:jicha@127.0.0.1:54329/jicha', 'jicha_bench_dashboard');
  await migrate(url);
  const pool = createPool(url, 8);
  try {
    await generate(pool);
    const counts = (await pool.query<{ cases: number; events: number }>('select (select count(*) from cases)::int as cases, (select count(*) from case_events)::int as events')).rows[0];
    const t = Date.now();
    await rebuildCaseStats(pool);
    const rebuildMs = Date.now() - t;
    await pool.query('analyze case_stats_monthly');
    const depth = (await pool.query<{ level: number; rows: number }>(
      `select cardinality(string_to_array(org_unit_id, '.')) as level, count(*)::int as rows from case_stats_monthly group by 1 order by 1`)).rows;
    console.log(`${counts.cases} cases, ${counts.events} events; rebuild ${(rebuildMs / 1000).toFixed(1)} s; aggregate rows by depth: ${depth.map((d) => `${d.level}:${d.rows}`).join(' ')}`);

    const floor = await p50(REPS * 5, () => pool.query('select * from cases where id = $1', [crypto.randomUUID()]));
    console.log(`floor (primary-key lookup on cases) p50 ${floor.toFixed(2)} ms`);
    const units = [['province', 'BP'], ['city', 'BP.C07'], ['county', 'BP.C07.K3'], ['station', 'BP.C07.K3.S05']];
    for (const months of [6, 24]) {
      const from = months === 6 ? '2026-07' : '2025-01';
      const to = '2026-12';
      for (const [level, unit] of units) {
        const q: DashboardQuery = { unit, scope: unit, from, to };
        const same = JSON.stringify(await stats(pool, q, aggregatePeriod)) === JSON.stringify(await stats(pool, q, referencePeriod));
        const before = await p50(REFERENCE_REPS, () => dashboardStats(pool, q, referencePeriod));
        const after = await p50(REPS, () => dashboardStats(pool, q, aggregatePeriod));
        console.log(`dashboard ${level} ${months} months: per-request SQL p50 ${before.toFixed(1)} ms, aggregate p50 ${after.toFixed(1)} ms (floor ${floor.toFixed(2)} ms)${same ? '' : '  FIGURES DIFFER'}`);
      }
    }

    // Roll-up versus station-only: the rows the province's 24-month figures read either way.
    await pool.query(`drop table if exists bench_station_stats`);
    await pool.query(`create table bench_station_stats as select * from case_stats_monthly where cardinality(string_to_array(org_unit_id, '.')) = 4`);
    await pool.query(`create index on bench_station_stats (org_unit_id text_pattern_ops, month)`);
    await pool.query('analyze bench_station_stats');
    const rolled = (await pool.query<{ n: number }>(`select count(*)::int as n from case_stats_monthly where org_unit_id = any($1) and month between '2025-01-01' and '2026-12-01'`,
      [['BP', ...Array.from({ length: 17 }, (_, i) => `BP.C${String(i + 1).padStart(2, '0')}`)]])).rows[0].n;
    const stationOnlySql = `select split_part(org_unit_id, '.', 2) as child, month, sum(suspected), sum(checked), sum(confirmed), sum(flagged), sum(back_billing), sum(penalty)
                              from bench_station_stats where org_unit_id like 'BP.%' and month between '2025-01-01' and '2026-12-01' group by 1, 2`;
    const stationRows = (await pool.query<{ n: number }>(`select count(*)::int as n from bench_station_stats where org_unit_id like 'BP.%' and month between '2025-01-01' and '2026-12-01'`)).rows[0].n;
    const stationOnly = await p50(REPS, () => pool.query(stationOnlySql));
    console.log(`province 24 months: roll-up reads ${rolled} rows; station-only would read ${stationRows} rows, its grouping query alone p50 ${stationOnly.toFixed(1)} ms`);

    // The projection's statement per event (in a transaction rolled back, so the aggregate stays as rebuilt).
    const sample = (await pool.query<{ case_id: string; seq: number; type: string; payload: Record<string, unknown> }>(
      `select case_id, seq, type, payload from case_events where type in ('opened', 'findings_submitted', 'verified') and (type <> 'verified' or payload->>'outcome' = 'pass') order by hash, case_id limit 600`)).rows;
    const c = await pool.connect();
    try {
      await c.query('begin');
      for (const type of ['opened', 'findings_submitted', 'verified']) {
        const rows = sample.filter((r) => r.type === type);
        let i = 0;
        const ms = await p50(Math.min(rows.length - 1, 150), async () => {
          const r = rows[i++ % rows.length];
          await projectCaseStats(c, { caseId: r.case_id, seq: r.seq, type: r.type, payload: r.payload }, type === 'opened');
        });
        console.log(`projection statement for ${type}: p50 ${ms.toFixed(2)} ms`);
      }
    } finally {
      await c.query('rollback');
      c.release();
    }
    await contention(pool);
  } finally {
    await pool.end();
  }
}

/**
 * The rows of the province and its cities for one month are shared by every event of that month: 8 connections
 * projecting findings of one month and problem type, each in its own transaction, against the same transactions
 * without the aggregate statement. Committed (a rollback would hold the row locks for less than a commit does), then
 * the aggregate is rebuilt.
 */
async function contention(pool: pg.Pool): Promise<void> {
  const rows = (await pool.query<{ case_id: string; seq: number; type: string; payload: Record<string, unknown> }>(
    `select case_id, seq, type, payload from case_events
      where type = 'findings_submitted' and payload->>'problemType' = 'theft' and occurred_at >= '2026-11-01' and occurred_at < '2026-11-30' limit 2000`)).rows;
  const rate = async (withStats: boolean) => {
    let i = 0;
    const t = process.hrtime.bigint();
    await Promise.all(Array.from({ length: 8 }, async () => {
      const c = await pool.connect();
      try {
        while (i < rows.length) {
          const r = rows[i++];
          await c.query('begin');
          await c.query('update cases set updated_at = updated_at where id = $1', [r.case_id]);
          if (withStats) await projectCaseStats(c, { caseId: r.case_id, seq: r.seq, type: r.type, payload: r.payload }, false);
          await c.query('commit');
        }
      } finally {
        c.release();
      }
    }));
    return rows.length / (Number(process.hrtime.bigint() - t) / 1e9);
  };
  const without = [await rate(false), await rate(false)];
  const withStats = [await rate(true), await rate(true)];
  console.log(`${rows.length} findings of one month projected by 8 connections: ${withStats.map((r) => r.toFixed(0)).join(' / ')} transactions/s with the aggregate, ${without.map((r) => r.toFixed(0)).join(' / ')} without`);
  await rebuildCaseStats(pool);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

// `npm run bench:scoring [-- --size 1000000 --runs 3]`: a draft assessment rule set re-scores a month of generated
// closed cases from their stored facts (the what-if path, db/assessmentSql.ts) against a plain SQL aggregation of
// the same draft written by hand, in the same run on the same rows; both must give the same per-party totals.
// Data goes to its own database (jicha_bench_scoring); a fact table already loaded at the same size is reused.
// Last line: scoring/sql <ratio> (target ≤ 2) and the seconds.
import crypto from 'node:crypto';
import type pg from 'pg';
import { createPool } from '../db/pool';
import { migrate } from '../db/migrate';
import { partyTotalsSql } from '../db/assessmentSql';
import { periodBounds, type AssessmentRuleSetDocument } from '../domain/assessmentRules';
import { PILOT_ASSESSMENT_RULE_SET as PILOT } from '../domain/assessmentPilotRules';
import { ensureBenchDb } from './benchDb';
import { numberArg } from './args';

const size = numberArg('size', 1_000_000);
const runs = Math.max(1, numberArg('runs', 3));
const base = process.env.DATABASE_URL ?? 'postgres://jicha:jicha@127.0.0.1:54329/jicha';
const PERIOD = '2026-10';

const log = (m: string) => console.log(`[bench] ${m}`);
const seconds = (ms: number) => (ms / 1000).toFixed(2);

/** The draft under evaluation: the pilot with custom audits worth more, late days and missing evidence dearer, escalations on the station. */
const DRAFT: AssessmentRuleSetDocument = {
  ...PILOT, version: 'bench-draft', name: 'bench draft',
  items: {
    ...PILOT.items,
    customAuditFinding: { party: 'inspector', points: 6 },
    fieldLateDays: { party: 'inspector', points: -1, cap: 5 },
    evidenceComplete: { party: 'inspector', points: 1, incompletePoints: -2 },
    escalations: { party: 'station', tierPoints: [-1, -2, -3] },
  },
};

/** The same draft as one hand-written aggregation, constants inlined (keep in step with DRAFT). */
function plainSql(start: string, end: string): string {
  return `
select party_kind, party_id, total_cents, cases from (
  select case when grouping(inspector) = 0 then 'inspector' when grouping(station_id) = 0 then 'station' else 'county' end as party_kind,
         coalesce(inspector, station_id, county_id) as party_id,
         case when grouping(inspector) = 0 then sum(ins) when grouping(station_id) = 0 then sum(sta) else 0 end as total_cents,
         case when grouping(inspector) = 0 then count(*) filter (where ins_n) when grouping(station_id) = 0 then count(*) filter (where sta_n) else 0 end as cases
    from (
      select inspector, station_id, county_id, a + b + c + d + e as ins, g + h + i + j as sta,
             (a <> 0 or b <> 0 or c <> 0 or d <> 0 or e <> 0) as ins_n, (g <> 0 or h <> 0 or i <> 0 or j <> 0) as sta_n
        from (
          select inspector, station_id, county_id,
                 case when field_late_days = 0 then 200 else greatest(-100 * field_late_days, -500) end as a,
                 case when evidence_complete then 100 else -200 end as b,
                 case when outcome = 'confirmed' and confirmation_overturned then -300 else 0 end as c,
                 case when origin = 'custom' and outcome = 'confirmed' then 600 else 0 end as d,
                 0 as e,
                 case when rectification_late_days = 0 then 200 when rectification_late_days > 0 then greatest(-50 * rectification_late_days, -500) else 0 end as g,
                 case when verification_rounds > 1 then greatest(-100 * (verification_rounds - 1), -300) else 0 end as h,
                 case least(max_escalation_tier, 3) when 1 then -100 when 2 then -200 when 3 then -300 else 0 end as i,
                 case when recovered_yuan >= 10000 then least(50 * floor(recovered_yuan / 10000)::bigint, 1000) else 0 end as j
            from bench_scoring_facts
           where closed_at >= '${start}' and closed_at < '${end}'
        ) per_item
    ) per_case
   group by grouping sets ((inspector), (station_id), (county_id))
) t
where party_id is not null and cases > 0`;
}

async function load(pool: pg.Pool, start: string, end: string): Promise<void> {
  await pool.query('create table if not exists bench_scoring_facts (like case_scoring_facts including defaults)');
  const have = (await pool.query<{ n: number }>('select count(*)::int as n from bench_scoring_facts')).rows[0].n;
  if (have === size) {
    log(`reusing the ${size} generated cases`);
    return;
  }
  const t0 = Date.now();
  log(`generating ${size} closed cases in ${PERIOD} (2,000 inspectors, 200 stations, 20 counties)…`);
  await pool.query('truncate bench_scoring_facts');
  // Deterministic: every column is a hash of the row number, so each machine generates the same month.
  await pool.query(
    `insert into bench_scoring_facts (case_id, closed_at, origin, outcome, inspector, station_id, county_id, field_late_days, evidence_complete,
       rectification_late_days, verification_rounds, max_escalation_tier, recovered_yuan, confirmation_overturned, rule_set_version)
     select md5(g::text)::uuid,
            $2::timestamptz + (($3::timestamptz - $2::timestamptz) * ((h1 % 100000) / 100000.0)),
            (array['routine', 'routine', 'special', 'custom'])[1 + h1 % 4],
            case when h2 % 10 < 6 then 'confirmed' else 'not_confirmed' end,
            case when h3 % 50 = 0 then null else 'insp-' || (h3 % 2000) end,
            'st-' || (h3 % 200), 'co-' || (h3 % 200 % 20),
            case when h4 % 4 = 0 then h4 % 9 else 0 end,
            h5 % 7 <> 0,
            case when h2 % 10 < 6 then (case when h5 % 3 = 0 then h1 % 6 else 0 end) end,
            case when h2 % 10 < 6 then 1 + (h4 % 5 = 0)::int + (h4 % 17 = 0)::int else 0 end,
            case when h4 % 11 = 0 then 1 + h5 % 3 else 0 end,
            case when h2 % 10 < 6 then (h5 % 200) * 500 else 0 end,
            h1 % 97 = 0,
            'pilot-v1'
       from (select g, abs(hashint4(g)) as h1, abs(hashint4(g + $1)) as h2, abs(hashint4(g + 2 * $1)) as h3, abs(hashint4(g + 3 * $1)) as h4, abs(hashint4(g + 4 * $1)) as h5
               from generate_series(1, $1) g) x`,
    [size, start, end],
  );
  await pool.query('vacuum analyze bench_scoring_facts');
  log(`generated in ${seconds(Date.now() - t0)} s`);
}

async function timed(db: pg.PoolClient, text: string, values: unknown[] = []): Promise<{ ms: number; digest: string; rows: number }> {
  const t0 = process.hrtime.bigint();
  const r = await db.query<{ party_kind: string; party_id: string; total_cents: number; cases: number }>(text, values);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const lines = r.rows.map((x) => `${x.party_kind}:${x.party_id}:${x.total_cents}:${x.cases}`).sort();
  return { ms, digest: crypto.createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16), rows: r.rows.length };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const url = process.env.BENCH_DATABASE_URL ?? (await ensureBenchDb(base, 'jicha_bench_scoring'));
  await migrate(url);
  const pool = createPool(url, 2);
  try {
    const { start, end } = periodBounds(PERIOD);
    await load(pool, start, end);
    const generated = partyTotalsSql(DRAFT, { start, end }, 'bench_scoring_facts');
    const plain = plainSql(start, end);
    const db = await pool.connect();
    try {
      log(`draft rule set over ${size} cases of ${PERIOD}; ${runs} timed run(s) each after a warm-up, alternating`);
      const g = await timed(db, generated.text, generated.values);
      const p = await timed(db, plain);
      log(`warm-up: scoring ${seconds(g.ms)} s (${g.rows} parties), plain sql ${seconds(p.ms)} s (${p.rows} parties)`);
      if (g.digest !== p.digest) throw new Error(`the two queries disagree: ${g.rows} vs ${p.rows} parties (digests ${g.digest} / ${p.digest})`);
      const tg: number[] = [];
      const tp: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        tg.push((await timed(db, generated.text, generated.values)).ms);
        tp.push((await timed(db, plain)).ms);
        log(`run ${i + 1}: scoring ${seconds(tg[i])} s, plain sql ${seconds(tp[i])} s`);
      }
      log(`both give the same totals for ${g.rows} parties (digest ${g.digest})`);
      const [mg, mp] = [median(tg), median(tp)];
      console.log(`scoring/sql ${(mg / mp).toFixed(2)} (${seconds(mg)} s vs ${seconds(mp)} s, median scoring vs plain sql, ${size} cases)`);
    } finally {
      db.release();
    }
  } finally {
    await pool.end();
  }
}

main().catch((e: Error) => {
  console.error(`[bench] ${e.message}`);
  process.exit(1);
});

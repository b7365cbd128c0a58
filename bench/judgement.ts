// `npm run bench:judgement [-- --customers 1000000 --runs 3]`: the default campaign rules over a generated
// population, as the rules engine pushes them down to SQL, against the same rules written by hand, in the same run
// on the same data. Data goes to its own database (jicha_bench_judgement, created when missing; BENCH_DATABASE_URL to
// override), never the demo or test one; a population already loaded with the same spec is reused.
// Last line: judgement/sql <ratio> (target ≤ 1.5) and the seconds.
import crypto from 'node:crypto';
import pg from 'pg';
import { createPool } from '../db/pool';
import { migrate } from '../db/migrate';
import { DEMO_ORG_UNITS } from '../db/seed/demoOrg';
import { populationJudgementSql } from '../db/judgementSql';
import { DIRECT_LOAD_CONNECTIONS, loadPopulationDirect, populationLoaded } from '../db/synthetic/loadPopulation';
import type { PopulationSpec } from '../db/synthetic/generator';
import { prepareRuleSet } from '../domain/judgementRules';
import { DEFAULT_JUDGEMENT_RULE_SET } from '../domain/defaultJudgementRules';
import { handWrittenJudgementSql } from './handWrittenJudgementSql';
import { numberArg } from './args';

const customers = numberArg('customers', 1_000_000);
const runs = Math.max(1, numberArg('runs', 3));
const base = process.env.DATABASE_URL ?? 'postgres://jicha:jicha@127.0.0.1:54329/jicha';
const benchUrl = process.env.BENCH_DATABASE_URL ?? Object.assign(new URL(base), { pathname: '/jicha_bench_judgement' }).toString();

const spec: PopulationSpec = {
  name: 'bench', seed: 20160415, customers, endMonth: '2026-08',
  root: { id: 'HB.XN.XA', parentId: 'HB.XN', level: 'county', nameZh: '咸安区供电公司', nameEn: "Xian'an District Power Supply Co." }, accountPrefix: '5',
};

const log = (m: string) => console.log(`[bench] ${m}`);
const seconds = (ms: number) => (ms / 1000).toFixed(2);

async function ensureDatabase(): Promise<void> {
  const name = new URL(benchUrl).pathname.slice(1);
  // Its own database: the population is truncated and reloaded at will (bench:lifecycle keeps jicha_bench).
  if (['jicha', 'jicha_test', 'jicha_bench'].includes(name)) throw new Error(`refusing to benchmark in ${name}: this bench needs a database of its own`);
  const admin = new pg.Client({ connectionString: Object.assign(new URL(benchUrl), { pathname: '/postgres' }).toString() });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!exists.rowCount) {
      await admin.query(`create database ${pg.escapeIdentifier(name)}`);
      log(`created database ${name}`);
    }
  } finally {
    await admin.end();
  }
}

async function load(pool: pg.Pool): Promise<void> {
  if (await populationLoaded(pool, spec)) {
    log(`reusing the loaded population (${customers} customers)`);
    return;
  }
  const t0 = Date.now();
  await pool.query('truncate customers, synthetic_populations cascade');
  for (const o of DEMO_ORG_UNITS.filter((u) => u.level === 'province' || u.level === 'city')) {
    await pool.query('insert into org_units (id, parent_id, level, name_zh, name_en) values ($1, $2, $3, $4, $5) on conflict (id) do nothing', [o.id, o.parentId, o.level, o.nameZh, o.nameEn]);
  }
  log(`generating and loading ${customers} customers (24 months of bills, 30 days of readings, meter events, metering work orders)…`);
  await loadPopulationDirect(pool, spec, (n) => log(`  ${n} customers in ${seconds(Date.now() - t0)} s`));
  log(`loaded in ${seconds(Date.now() - t0)} s; analyzing`);
  for (const t of ['customers', 'monthly_consumption', 'daily_readings', 'meter_events', 'metering_work_orders']) await pool.query(`vacuum analyze ${t}`);
}

async function timed(db: pg.PoolClient, sql: { text: string; values?: unknown[] }): Promise<{ ms: number; digest: string; rows: number }> {
  const t0 = process.hrtime.bigint();
  const r = await db.query<{ account_no: string; score: number; reasons: string[] }>(sql.text, sql.values);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const digest = crypto.createHash('sha256').update(r.rows.map((x) => `${x.account_no}:${x.score}:${x.reasons.join('+')}`).join('\n')).digest('hex').slice(0, 16);
  return { ms, digest, rows: r.rows.length };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  await ensureDatabase();
  await migrate(benchUrl);
  const pool = createPool(benchUrl, DIRECT_LOAD_CONNECTIONS);
  try {
    await load(pool);
    const rules = DEFAULT_JUDGEMENT_RULE_SET;
    const generated = populationJudgementSql(prepareRuleSet(rules, spec.endMonth), { scope: [spec.root.id], minScore: rules.campaignMinScore });
    const handWritten = { text: handWrittenJudgementSql(spec.endMonth, spec.root.id) };
    const db = await pool.connect();
    try {
      log(`rule set ${rules.version}, as of ${spec.endMonth}, scope ${spec.root.id}, min score ${rules.campaignMinScore}; ${runs} timed run(s) each after a warm-up, alternating`);
      const g = await timed(db, generated);
      const h = await timed(db, handWritten);
      log(`warm-up: judgement ${seconds(g.ms)} s (${g.rows} selected), hand-written ${seconds(h.ms)} s (${h.rows} selected)`);
      if (g.digest !== h.digest) throw new Error(`the two queries disagree: ${g.rows} vs ${h.rows} customers (digests ${g.digest} / ${h.digest})`);
      const tg: number[] = [];
      const th: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        tg.push((await timed(db, generated)).ms);
        th.push((await timed(db, handWritten)).ms);
        log(`run ${i + 1}: judgement ${seconds(tg[i])} s, hand-written ${seconds(th[i])} s`);
      }
      log(`both select the same ${g.rows} customers (same scores and reasons, digest ${g.digest})`);
      const [mg, mh] = [median(tg), median(th)];
      console.log(`judgement/sql ${(mg / mh).toFixed(2)} (median judgement ${seconds(mg)} s, hand-written sql ${seconds(mh)} s, ${customers} customers)`);
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

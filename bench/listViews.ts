// Measures the back office's case list (db/cases.ts listCases) per saved view and scope on a database populated by
// bench/listsDataset.sql, and prints each plan's index use. Usage:
//   DATABASE_URL=…/jicha_lists_bench npx tsx bench/listViews.ts [--explain]
import pg from 'pg';
import { listCases, type CaseListQuery } from '../db/cases';
import { CASE_VIEWS, type CaseView } from '../domain/listPaging';

const ROUNDS = Number(process.env.ROUNDS ?? 10);
const SCOPES = ['HB', 'HB.XN', 'HB.XN.K1'];
// insp47: g % 3000 = 47 is an open case in bench/listsDataset.sql (a name ending in 0–6 has only finished ones)
const viewer = { username: 'insp47', roles: ['supervisor'] };

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** A `query` that records the statements instead of timing them, for EXPLAIN. */
function recorder(into: { text: string; values: unknown[] }[]): Pick<pg.Pool, 'query'> {
  return { query: (async (text: string, values: unknown[]) => { into.push({ text, values }); return { rows: text.includes('count(*)') ? [{ n: 0 }] : [] }; }) as never };
}

async function main() {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  // The floor of this run: a primary-key lookup of one case.
  const ids = (await pool.query<{ id: string }>('select id from cases tablesample system (0.1) limit 50')).rows.map((r) => r.id);
  const floor: number[] = [];
  for (let i = 0; i < ROUNDS * 10; i++) {
    const t0 = process.hrtime.bigint();
    await pool.query('select * from cases where id = $1', [ids[i % ids.length]]);
    floor.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  console.log(`${'floor (pk lookup)'.padEnd(28)} p50 ${pct(floor, 50).toFixed(1).padStart(7)} ms  p95 ${pct(floor, 95).toFixed(1).padStart(7)} ms (n=${floor.length})`);
  const views: (CaseView | undefined)[] = [undefined, ...CASE_VIEWS];
  for (const view of views) {
    for (const scope of SCOPES) {
      const q = (after: CaseListQuery['page']): CaseListQuery => ({
        scope: { orgUnit: scope }, view: view ? { name: view, viewer } : undefined, sort: { field: 'createdAt', order: 'DESC' }, page: after,
      });
      if (process.argv.includes('--explain')) {
        const stmts: { text: string; values: unknown[] }[] = [];
        await listCases(recorder(stmts), q({ kind: 'cursor', after: { key: '2025-06-01 00:00:00+08', id: 'ffffffff-ffff-ffff-ffff-ffffffffffff' }, limit: 25 }));
        for (const s of stmts) {
          const plan = await pool.query(`explain (analyze, costs off, timing off, summary on) ${s.text}`, s.values);
          console.log(`--- ${view ?? 'all'} ${scope}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
        }
      }
      const times: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        let page: CaseListQuery['page'] = { kind: 'cursor', after: null, limit: 25 };
        for (let p = 0; p < 3; p++) { // the first page and two pages after it
          const t0 = process.hrtime.bigint();
          const r = await listCases(pool, q(page));
          times.push(Number(process.hrtime.bigint() - t0) / 1e6);
          if (!r.next) break;
          page = { kind: 'cursor', after: r.next, limit: 25 };
        }
      }
      console.log(`${(view ?? 'all').padEnd(18)} ${scope.padEnd(9)} p50 ${pct(times, 50).toFixed(1).padStart(7)} ms  p95 ${pct(times, 95).toFixed(1).padStart(7)} ms (n=${times.length})`);
    }
  }
  await pool.end();
}
main().catch((e) => { console.error(e); process.exit(1); });

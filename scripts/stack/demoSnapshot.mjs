// What `npm test` must leave as it found it: the demo database `npm start` serves (cases, their events, devices,
// campaigns, notifications, … every table). Per table: its row count and its newest id, created_at and updated_at
// (where it has them) — a row added, removed or changed by a test shows in one of them.
import { sleep } from './util.mjs';

/** @typedef {Record<string, Record<string, string | null>>} DemoSnapshot table → measure → value */

/**
 * Not compared: the migration record, and what the demo's own daily housekeeping (workflows/housekeeping.ts, 03:30
 * China time) writes or purges, so a run across that hour does not blame the tests for it; nor the heads the log-anchor
 * schedule (every few minutes, #18) records for the demo's own cases. Month partitions of the
 * logs (061) are counted through their parent table: housekeeping creates new ones ahead.
 */
const SKIP = new Set(['schema_migrations', 'mobile_idempotency', 'evidence_integrity', 'evidence_integrity_checks', 'log_anchor_case_heads']);

/**
 * @param {string} databaseUrl the demo database (localAppEnv().DATABASE_URL)
 * @returns {Promise<DemoSnapshot>}
 */
export async function demoSnapshot(databaseUrl) {
  // pg is an npm dependency: imported once `npm install` has run (ensureNpmDeps), not at the top of the runner
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const cols = await client.query(
      `select c.table_name, c.column_name from information_schema.columns c
         join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
        where c.table_schema = 'public'
          and ((c.column_name = 'id' and c.data_type in ('integer', 'bigint')) or c.column_name in ('created_at', 'updated_at'))
          and c.table_name not in (select relname from pg_class where relispartition)
        union
       select table_name, null from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'
          and table_name not in (select relname from pg_class where relispartition)
        order by 1, 2`,
    );
    /** @type {Map<string, string[]>} */
    const tables = new Map();
    for (const r of cols.rows) {
      if (SKIP.has(r.table_name)) continue;
      if (!tables.has(r.table_name)) tables.set(r.table_name, []);
      if (r.column_name) tables.get(r.table_name)?.push(r.column_name);
    }
    /** @type {DemoSnapshot} */
    const snap = {};
    for (const [table, columns] of tables) {
      const measures = ['count(*)::text as "rows"', ...columns.map((c) => `max(${c})::text as "newest ${c}"`)];
      const r = await client.query(`select ${measures.join(', ')} from "${table}"`);
      snap[table] = r.rows[0];
    }
    return snap;
  } finally {
    await client.end();
  }
}

/**
 * The differences, one line per changed table ("cases: rows 3 → 17, newest created_at …").
 * @param {DemoSnapshot} before
 * @param {DemoSnapshot} after
 */
export function demoChanges(before, after) {
  const lines = [];
  for (const table of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const b = before[table] ?? {};
    const a = after[table] ?? {};
    const diffs = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((m) => b[m] !== a[m]).map((m) => `${m} ${b[m] ?? '—'} → ${a[m] ?? '—'}`);
    if (diffs.length) lines.push(`${table}: ${diffs.join(', ')}`);
  }
  return lines;
}

/**
 * The snapshot once the demo is still: a stack `npm start` has just started is finishing its seeded cases' first
 * steps (the worker writes their events), which are not the tests' doing. Two equal reads two seconds apart, or the
 * last read after a minute.
 * @param {string} databaseUrl
 */
export async function settledDemoSnapshot(databaseUrl) {
  let last = await demoSnapshot(databaseUrl);
  for (let i = 0; i < 30; i += 1) {
    await sleep(2000);
    const next = await demoSnapshot(databaseUrl);
    if (demoChanges(last, next).length === 0) return next;
    last = next;
  }
  return last;
}

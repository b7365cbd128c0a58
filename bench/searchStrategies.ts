// Measures the three candidate strategies (and the chosen one as db/customers.ts runs it) of Chinese substring search over customers (docs/search.md) on a database
// populated by bench/listsDataset.sql with both candidate indexes built. Prints p50/p95 per strategy and query length.
// Usage: DATABASE_URL=…/jicha_lists_bench npx tsx bench/searchStrategies.ts
import pg from 'pg';
import { listCustomers } from '../db/customers';

const QUERIES: Record<string, string[]> = {
  '1 char': ['张', '泉', '馆', '艳'],
  '2 chars': ['谢艳', '温泉', '餐馆', '咸宁', '旗鼓'],
  '3+ chars': ['温泉街道', '龙腾砖瓦', '旗鼓大道1', '某某餐馆', '横沟桥', '不存在的名字'],
};
const SCOPES = ['HB', 'HB.XN', 'HB.XN.K1'];
const ROUNDS = Number(process.env.ROUNDS ?? 5);

const like = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
// The scope as db/orgScope.ts subtreeRangeClause spells it ($5 = unit || '/'), index customers_scope_idx.
const unit = 'coalesce(c.grid_id, c.station_id)';
const scope = `(${unit} ~>=~ $1 and ${unit} ~<~ $5 and (${unit} = $1 or ${unit} like $2))`;
// Each strategy alone: the bigram runs hide the trigram indexes (dropped inside a transaction, rolled back after).
const WITHOUT_TRIGRAMS = 'begin; drop index if exists customers_name_trgm_idx; drop index if exists customers_address_trgm_idx';
const STRATEGIES: Record<string, { setup?: string; sql: string }> = {
  trigram: { sql: `select account_no from customers c where $4::text is not null and ${scope} and (c.name ilike $3 or c.address ilike $3) order by c.account_no limit 25` },
  bigram: { setup: WITHOUT_TRIGRAMS, sql: `select account_no from customers c where ${scope} and jicha_bigrams(c.name || ' ' || c.address) @> jicha_bigrams($4) and (c.name ilike $3 or c.address ilike $3) order by c.account_no limit 25` },
  ilike: { setup: 'set enable_bitmapscan = off', sql: `select account_no from customers c where $4::text is not null and ${scope} and (c.name ilike $3 or c.address ilike $3) order by c.account_no limit 25` },
};

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

async function main() {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  // ONLY=list measures the chosen implementation alone.
  for (const [name, st] of Object.entries(STRATEGIES).filter(([n]) => !process.env.ONLY || process.env.ONLY === n)) {
    await client.query('rollback').catch(() => undefined);
    await client.query('reset all');
    if (st.setup) await client.query(st.setup);
    for (const [len, qs] of Object.entries(QUERIES)) {
      const times: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        for (const q of qs) for (const s of SCOPES) {
          const t0 = process.hrtime.bigint();
          await client.query(st.sql.replace('$4', '$4::text'), [s, `${s}.%`, like(q), q, `${s}/`]);
          times.push(Number(process.hrtime.bigint() - t0) / 1e6);
        }
      }
      console.log(`${name.padEnd(8)} ${len.padEnd(9)} p50 ${pct(times, 50).toFixed(1).padStart(8)} ms  p95 ${pct(times, 95).toFixed(1).padStart(8)} ms  (n=${times.length})`);
    }
  }
  // The chosen implementation end to end (all indexes of migration 060): db/customers.ts listCustomers, the first
  // keyset page of 25 and the capped count.
  await client.query('rollback').catch(() => undefined);
  await client.query('reset all');
  for (const [len, qs] of Object.entries(QUERIES)) {
    const times: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      for (const q of qs) for (const s of SCOPES) {
        const t0 = process.hrtime.bigint();
        await listCustomers(client, s, { q }, { field: 'accountNo', order: 'ASC' }, { kind: 'cursor', after: null, limit: 25 });
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }
    console.log(`${'list'.padEnd(8)} ${len.padEnd(9)} p50 ${pct(times, 50).toFixed(1).padStart(8)} ms  p95 ${pct(times, 95).toFixed(1).padStart(8)} ms  (n=${times.length})`);
  }
  await client.end();
}
main().catch((e) => { console.error(e); process.exit(1); });

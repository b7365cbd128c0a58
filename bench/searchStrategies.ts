// Measures the three candidate strategies of Chinese substring search over customers (docs/search.md) on a database
// populated by bench/listsDataset.sql with both candidate indexes built. Prints p50/p95 per strategy and query length.
// Usage: DATABASE_URL=…/jicha_lists_bench npx tsx bench/searchStrategies.ts
import pg from 'pg';

const QUERIES: Record<string, string[]> = {
  '1 char': ['张', '泉', '馆', '艳'],
  '2 chars': ['谢艳', '温泉', '餐馆', '咸宁', '旗鼓'],
  '3+ chars': ['温泉街道', '龙腾砖瓦', '旗鼓大道1', '某某餐馆', '横沟桥', '不存在的名字'],
};
const SCOPES = ['HB', 'HB.XN', 'HB.XN.K1'];
const ROUNDS = Number(process.env.ROUNDS ?? 5);

const like = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
const scope = `(coalesce(c.grid_id, c.station_id) = $1 or coalesce(c.grid_id, c.station_id) like $2)`;
const STRATEGIES: Record<string, { setup?: string; sql: string }> = {
  trigram: { sql: `select account_no from customers c where ${scope} and (c.name ilike $3 or c.address ilike $3) order by c.account_no limit 25` },
  bigram: { sql: `select account_no from customers c where ${scope} and jicha_bigrams(c.name || ' ' || c.address) @> jicha_bigrams($4) and (c.name ilike $3 or c.address ilike $3) order by c.account_no limit 25` },
  ilike: { setup: 'set enable_bitmapscan = off', sql: `select account_no from customers c where ${scope} and (c.name ilike $3 or c.address ilike $3) order by c.account_no limit 25` },
};

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

async function main() {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  for (const [name, st] of Object.entries(STRATEGIES)) {
    await client.query('reset all');
    if (st.setup) await client.query(st.setup);
    for (const [len, qs] of Object.entries(QUERIES)) {
      const times: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        for (const q of qs) for (const s of SCOPES) {
          const t0 = process.hrtime.bigint();
          await client.query(st.sql, st.sql.includes('$4') ? [s, `${s}.%`, like(q), q] : [s, `${s}.%`, like(q)]);
          times.push(Number(process.hrtime.bigint() - t0) / 1e6);
        }
      }
      console.log(`${name.padEnd(8)} ${len.padEnd(9)} p50 ${pct(times, 50).toFixed(1).padStart(8)} ms  p95 ${pct(times, 95).toFixed(1).padStart(8)} ms  (n=${times.length})`);
    }
  }
  await client.end();
}
main().catch((e) => { console.error(e); process.exit(1); });

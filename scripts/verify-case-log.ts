// Verifies the hash chain of one case's log (or of every case) and reports the first tampered row.
import { loadConfig } from '../config/env';
import { createPool } from '../db/pool';
import { verifyCaseChain } from '../db/caseLog';

async function main() {
  const caseId = process.argv[2];
  const pool = createPool(loadConfig().DATABASE_URL, 2);
  try {
    const ids = caseId ? [caseId] : (await pool.query<{ id: string }>('select id from cases order by created_at')).rows.map((r) => r.id);
    let bad = 0;
    for (const id of ids) {
      const r = await verifyCaseChain(pool, id);
      if (!r.ok) {
        bad += 1;
        console.log(`TAMPERED case ${id}: row ${r.firstBad?.seq} — ${r.firstBad?.reason}`);
      } else if (caseId) console.log(`ok: case ${id}, ${r.rows} rows`);
    }
    console.log(`${ids.length} case(s) checked, ${bad} tampered`);
    process.exitCode = bad ? 1 : 0;
  } finally {
    await pool.end();
  }
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(2);
});

// Verifies the hash chain of one case's log (or of every case) and reports the first tampered row.
import { loadConfig } from '../config/env';
import { createPool } from '../db/pool';
import { verifyCaseChain } from '../db/caseLog';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function refuse(message: string): void {
  console.error(message);
  process.exitCode = 1;
}

async function main() {
  const caseId = process.argv[2];
  const pool = createPool(loadConfig().DATABASE_URL, 2);
  try {
    if (caseId !== undefined) {
      // an id that names no case has no chain to break: saying "ok" for it would vouch for a log nobody checked
      if (!UUID.test(caseId)) return refuse(`案件编号格式无效：${caseId}（应为 UUID）/ Not a case id: ${caseId} (expected a UUID)`);
      const known = await pool.query('select 1 from cases where id = $1', [caseId]);
      if (known.rowCount === 0) return refuse(`案件不存在：${caseId} / No case with id ${caseId}`);
    }
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

// Verifies the hash chain of one case's log (or of every case) and reports the first tampered row; then checks the
// chains against the latest signed anchor (docs/integrity.md): deleted newest rows or a re-chained log are reported too.
// Usage: npm run verify:case-log [-- <case id>] [--prefix=anchors/]
import { loadConfig } from '../config/env';
import { createS3Client } from '../config/s3';
import { createPool } from '../db/pool';
import { verifyCaseChain } from '../db/caseLog';
import { checkCaseLogAgainstAnchor } from '../services/integrity/logAnchors';
import { anchorStoreFromArgs, positional } from './anchorArgs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function refuse(message: string): void {
  console.error(message);
  process.exitCode = 1;
}

async function main() {
  const args = process.argv.slice(2);
  const caseId = positional(args)[0];
  const config = loadConfig();
  const pool = createPool(config.DATABASE_URL, 2);
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
    const check = await checkCaseLogAgainstAnchor(pool, anchorStoreFromArgs(config, createS3Client(config), args), caseId);
    for (const p of check.problems) console.log(p);
    const against = check.anchor.state === 'ok' ? `; anchor ${check.anchor.anchor.takenAt}: ${check.problems.length ? `${check.problems.length} finding(s)` : 'agrees'}` : '';
    console.log(`${ids.length} case(s) checked, ${bad} tampered${against}`);
    process.exitCode = bad || check.problems.length ? 1 : 0;
  } finally {
    await pool.end();
  }
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(2);
});

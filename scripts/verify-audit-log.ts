// Verifies the audit trail's hash chain and reports the first tampered row; then checks the trail against the latest
// signed anchor (docs/integrity.md): deleting the newest rows or re-chaining is reported too. [--prefix=anchors/]
import { loadConfig } from '../config/env';
import { createS3Client } from '../config/s3';
import { createPool } from '../db/pool';
import { verifyAuditChain } from '../db/auditLog';
import { checkAuditAgainstAnchor } from '../services/integrity/logAnchors';
import { anchorStoreFromArgs } from './anchorArgs';

async function main() {
  const config = loadConfig();
  const pool = createPool(config.DATABASE_URL, 2);
  try {
    const r = await verifyAuditChain(pool);
    if (!r.ok) {
      console.log(`TAMPERED audit row ${r.firstBad?.id} — ${r.firstBad?.reason}`);
      process.exitCode = 1;
      return;
    }
    const check = await checkAuditAgainstAnchor(pool, anchorStoreFromArgs(config, createS3Client(config), process.argv.slice(2)));
    for (const p of check.problems) console.log(p);
    if (check.problems.length) {
      process.exitCode = 1;
      return;
    }
    const against = check.anchor.state === 'ok' ? `, agrees with anchor ${check.anchor.anchor.takenAt} (row ${check.anchor.anchor.audit?.position ?? 0})` : '';
    console.log(`ok: ${r.rows} audit rows, chain intact${against}`);
    process.exitCode = 0;
  } finally {
    await pool.end();
  }
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(2);
});

// Verifies the audit trail's hash chain and reports the first tampered row.
import { loadConfig } from '../config/env';
import { createPool } from '../db/pool';
import { verifyAuditChain } from '../db/auditLog';

async function main() {
  const pool = createPool(loadConfig().DATABASE_URL, 2);
  try {
    const r = await verifyAuditChain(pool);
    if (r.ok) console.log(`ok: ${r.rows} audit rows, chain intact`);
    else console.log(`TAMPERED audit row ${r.firstBad?.id} — ${r.firstBad?.reason}`);
    process.exitCode = r.ok ? 0 : 1;
  } finally {
    await pool.end();
  }
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(2);
});

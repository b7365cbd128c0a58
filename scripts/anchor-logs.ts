// Writes a signed anchor of the audit trail's and the case log's heads now (the worker's schedule does it every
// LOG_ANCHOR_INTERVAL_MINUTES). Usage: npm run anchor:logs [-- --prefix=anchors/]
import { loadConfig } from '../config/env';
import { createS3Client } from '../config/s3';
import { createPool } from '../db/pool';
import { anchorStoreFromArgs } from './anchorArgs';
import { anchorLogs } from '../services/integrity/logAnchors';

async function main() {
  const config = loadConfig();
  const pool = createPool(config.DATABASE_URL, 2);
  try {
    const w = await anchorLogs(pool, anchorStoreFromArgs(config, createS3Client(config), process.argv.slice(2)));
    console.log(`anchored: audit row ${w.anchor.audit?.position ?? 0}, ${w.anchor.caseLog.cases} case chains (${w.anchor.caseLog.events} events) → ${config.S3_BUCKET}/${w.objectKey}`);
  } finally {
    await pool.end();
  }
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(2);
});

import pg from 'pg';
import { localOwnerUrl, ownerUrlOf, withDatabaseName } from '../db/databaseRoles';

/**
 * Benchmarks write to their own database beside the configured one (created when missing), never the demo or test one.
 * It is made by, and its URL names, the schema owner (DATABASE_OWNER_URL when set, the local stack's beside its app
 * role, else `url`'s role): a benchmark
 * migrates it and truncates and reloads its tables, which the app role may not.
 */
export async function ensureBenchDb(url: string, name = 'jicha_bench'): Promise<string> {
  const owner = ownerUrlOf(url, process.env.DATABASE_OWNER_URL ?? localOwnerUrl(url));
  const admin = new pg.Client({ connectionString: owner });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!exists.rowCount) await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return withDatabaseName(owner, name);
}

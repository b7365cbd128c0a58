import pg from 'pg';
import { ensureBenchDb } from '../bench/benchDb';
import { ownerUrlOf, withDatabaseName } from '../db/databaseRoles';

/**
 * A fresh database of its own for every fuzz run: whatever the fuzzers create stays out of the test database, and
 * every case in it belongs to this run's worker (cases of earlier runs would wait for a worker that is gone).
 */
export async function freshFuzzDb(baseUrl: string, name = 'jicha_fuzz'): Promise<string> {
  const admin = new pg.Client({ connectionString: ownerUrlOf(baseUrl, process.env.DATABASE_OWNER_URL) });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
  } finally {
    await admin.end();
  }
  await ensureBenchDb(baseUrl, name);
  // the API under fuzzing connects as the app role, as in production (the caller migrates it as the owner)
  return withDatabaseName(baseUrl, name);
}

import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { seedCalendar } from './calendarSeed';
import { appRoleOf, ownerUrlOf } from './databaseRoles';

const MIGRATIONS_DIR = path.join(__dirname, 'migrations');
const LOCK_KEY = 4_712_001; // advisory lock: concurrent migrators wait for each other

/**
 * Applies pending migrations in order, each in its own transaction, then seeds reference data; returns the names
 * applied. Connect as the schema's owner; with `appRole`, that role then gets the app's grants (reads and writes, but
 * only reads and inserts on the append-only logs), every run, so tables a migration added are covered.
 */
export async function migrate(databaseUrl: string, log: (m: string) => void = () => {}, appRole?: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query('create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())').catch((e: { code?: string; message?: string }) => {
      // the app role owns nothing (073_database_roles.sql): say which URL the migrations want
      throw e.code === '42501' ? new Error(`${e.message}: migrations run as the schema's owner; set DATABASE_OWNER_URL (the app's DATABASE_URL names the role to grant to)`) : e;
    });
    const done = new Set((await client.query<{ name: string }>('select name from schema_migrations')).rows.map((r) => r.name));
    const files = fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort();
    const applied: string[] = [];
    for (const f of files) {
      if (done.has(f)) continue;
      const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, f), 'utf8');
      await client.query('begin');
      try {
        await client.query(sql);
        await client.query('insert into schema_migrations (name) values ($1)', [f]);
        await client.query('commit');
      } catch (e) {
        await client.query('rollback');
        throw new Error(`migration ${f} failed: ${(e as Error).message}`);
      }
      log(`applied ${f}`);
      applied.push(f);
    }
    // Reference data the schema needs to be usable, from installed packages: idempotent, so it runs every time.
    const years = await seedCalendar(client);
    if (years.length) log(`seeded the working-day calendar: ${years[0]}–${years.at(-1)}`);
    if (appRole) {
      await client.query('select app_role_grants($1)', [appRole]);
      log(`granted ${appRole} the application's rights (append-only logs: select and insert)`);
    }
    return applied;
  } finally {
    await client.query('select pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

/** Migrates the database `appUrl` names as its owner (`ownerUrl`'s role) and grants `appUrl`'s role the app's rights. */
export function migrateAsOwner(appUrl: string, ownerUrl: string | undefined, log?: (m: string) => void): Promise<string[]> {
  const owner = ownerUrlOf(appUrl, ownerUrl);
  return migrate(owner, log, appRoleOf(appUrl, owner));
}

if (require.main === module) {
  // As the owner when DATABASE_OWNER_URL is set (the app's DATABASE_URL then names the role to grant to); a
  // deployment with one role for both sets only DATABASE_URL.
  const appUrl = process.env.DATABASE_URL;
  if (!appUrl) {
    console.error('DATABASE_URL is not set');
    process.exit(2);
  }
  migrateAsOwner(appUrl, process.env.DATABASE_OWNER_URL || undefined, (m) => console.log(`[migrate] ${m}`))
    .then((a) => console.log(`[migrate] ${a.length ? `${a.length} applied` : 'up to date'}`))
    .catch((e: Error) => {
      console.error(`[migrate] ${e.message}`);
      process.exit(1);
    });
}

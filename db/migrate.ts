import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { seedCalendar } from './calendarSeed';

const MIGRATIONS_DIR = path.join(__dirname, 'migrations');
const LOCK_KEY = 4_712_001; // advisory lock: concurrent migrators wait for each other

/** Applies pending migrations in order, each in its own transaction, then seeds reference data; returns the names applied. */
export async function migrate(databaseUrl: string, log: (m: string) => void = () => {}): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query('create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())');
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
    return applied;
  } finally {
    await client.query('select pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set');
    process.exit(2);
  }
  migrate(url, (m) => console.log(`[migrate] ${m}`))
    .then((a) => console.log(`[migrate] ${a.length ? `${a.length} applied` : 'up to date'}`))
    .catch((e: Error) => {
      console.error(`[migrate] ${e.message}`);
      process.exit(1);
    });
}

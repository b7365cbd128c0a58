import pg from 'pg';

/** Benchmarks write to their own database beside the configured one (created when missing), never the demo or test one. */
export async function ensureBenchDb(url: string, name = 'jicha_bench'): Promise<string> {
  const u = new URL(url);
  u.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!exists.rowCount) await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return u.toString();
}

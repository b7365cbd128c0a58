import { execFileSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { freshFuzzDb } from '../../fuzz/fuzzDb';
import { ownerUrl } from '../support/ownerDb';

// `npm test` compares the demo database before and after the suites (scripts/stack/demoSnapshot.mjs): a row a test
// adds, changes or removes must show, named by its table. Checked here on a scratch database of its own.
const MODULE = path.resolve(__dirname, '..', '..', 'scripts', 'stack', 'demoSnapshot.mjs');

/** The runner's module as the runner loads it (plain ESM under Node), not through jest's transform. */
function snapshot(url: string): Record<string, Record<string, string | null>> {
  const code = `import { demoSnapshot } from ${JSON.stringify(MODULE)}; process.stdout.write(JSON.stringify(await demoSnapshot(${JSON.stringify(url)})));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' }));
}
function changes(before: unknown, after: unknown): string[] {
  const code = `import { demoChanges } from ${JSON.stringify(MODULE)}; process.stdout.write(JSON.stringify(demoChanges(${JSON.stringify(before)}, ${JSON.stringify(after)})));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' }));
}

let url: string;
let db: pg.Client;
beforeAll(async () => {
  // as the owner: the app role may not create tables
  url = ownerUrl(await freshFuzzDb(process.env.DATABASE_URL!, 'jicha_democheck'));
  db = new pg.Client({ connectionString: url });
  await db.connect();
  await db.query(`create table cases (id uuid primary key, note text, created_at timestamptz not null default now(), updated_at timestamptz not null default now());
                  create table case_events (id bigserial primary key, case_id uuid not null, type text not null);
                  create table org_units (code text primary key);
                  insert into cases (id, note, created_at, updated_at) values ('00000000-0000-4000-8000-000000000001', 'demo', '2026-01-01', '2026-01-01');
                  insert into case_events (case_id, type) values ('00000000-0000-4000-8000-000000000001', 'case_opened');
                  insert into org_units values ('HB')`);
});
afterAll(async () => {
  await db?.end();
});

test('an unchanged database compares equal', () => {
  expect(changes(snapshot(url), snapshot(url))).toEqual([]);
});

test('a row added, a row changed and a row removed are named by their tables', async () => {
  const before = snapshot(url);
  expect(before.cases).toEqual({ rows: '1', 'newest created_at': expect.stringMatching(/^2026-01-01/), 'newest updated_at': expect.stringMatching(/^2026-01-01/) });
  expect(before.case_events).toEqual({ rows: '1', 'newest id': '1' });

  await db.query("insert into case_events (case_id, type) values ('00000000-0000-4000-8000-000000000001', 'stage_entered')");
  await db.query("update cases set note = 'changed by a test', updated_at = '2026-02-01' where note = 'demo'");
  await db.query("delete from org_units where code = 'HB'");
  const found = changes(before, snapshot(url));
  expect(found).toEqual([
    'case_events: rows 1 → 2, newest id 1 → 2',
    expect.stringMatching(/^cases: newest updated_at 2026-01-01.* → 2026-02-01/),
    'org_units: rows 1 → 0',
  ]);
});

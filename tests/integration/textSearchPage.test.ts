import { createPool } from '../../db/pool';
import { loadConfig } from '../../config/env';
import { KEY_WALK_MS, textSearchPage } from '../../db/textSearch';

// A text search's page is first tried as a walk in key order, bounded by KEY_WALK_MS, then by the index plan
// (db/textSearch.ts, #19). Either way the answer is the query's own; only the time the walk may take is bounded.
const pool = createPool(loadConfig().DATABASE_URL, 2);
afterAll(() => pool.end());

// pg_sleep stands for a walk that does not find its page in time (a rare term walking the whole scope)
const slow = `select n, pg_sleep(${(KEY_WALK_MS * 3) / 1000}) is not null as slept, current_setting('enable_bitmapscan') as bitmaps from (values (1), (2)) v(n) order by n`;

test('a walk that answers in time is the answer, read with bitmap scans off', async () => {
  const rows = await textSearchPage<{ n: number; bitmaps: string }>(pool, `select n, current_setting('enable_bitmapscan') as bitmaps from (values (2), (1)) v(n) order by n`, []);
  expect(rows).toEqual([{ n: 1, bitmaps: 'off' }, { n: 2, bitmaps: 'off' }]);
});

test('a walk that runs out of time gives way to the same query under the ordinary plan', async () => {
  const rows = await textSearchPage<{ n: number; slept: boolean; bitmaps: string }>(pool, slow, []);
  expect(rows).toEqual([{ n: 1, slept: true, bitmaps: 'on' }, { n: 2, slept: true, bitmaps: 'on' }]);
  // the walk's settings ended with its transaction: the connection went back to the pool as it came
  const after = await pool.query<{ timeout: string; bitmaps: string }>(`select current_setting('statement_timeout') as timeout, current_setting('enable_bitmapscan') as bitmaps`);
  expect(after.rows[0]).toEqual({ timeout: '0', bitmaps: 'on' });
});

test("inside a caller's connection the query runs once, as it is", async () => {
  const client = await pool.connect();
  try {
    const rows = await textSearchPage<{ n: number; slept: boolean; bitmaps: string }>(client, slow, []);
    expect(rows.map((r) => r.bitmaps)).toEqual(['on', 'on']);
  } finally {
    client.release();
  }
});

test('an error other than running out of time is not hidden', async () => {
  await expect(textSearchPage(pool, 'select no_such_column from (values (1)) v(n)', [])).rejects.toThrow(/no_such_column/);
});

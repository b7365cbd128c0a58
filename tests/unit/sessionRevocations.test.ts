import type pg from 'pg';
import { createSessionRevocations } from '../../services/access/sessionRevocations';

// The per-instance cache in front of revoked_sessions: a live session is asked about at most once per TTL, an ended
// one never again, and this instance's own revocation is seen at once.
function fakePool(revoked: Set<string>) {
  const asked: string[] = [];
  const pool = {
    async query(sql: string, params: unknown[]) {
      if (sql.startsWith('select')) {
        asked.push(params[0] as string);
        return { rowCount: revoked.has(params[0] as string) ? 1 : 0, rows: [] };
      }
      if (sql.startsWith('insert')) revoked.add(params[0] as string);
      return { rowCount: 0, rows: [] };
    },
  };
  return { pool: pool as unknown as pg.Pool, asked };
}

test('a live session is looked up once per TTL; a session another instance ended is seen after at most the TTL', async () => {
  const ended = new Set<string>();
  const { pool, asked } = fakePool(ended);
  let now = 1_000_000;
  const r = createSessionRevocations(pool, { ttlMs: 5_000, now: () => now });
  expect(await r.isRevoked('s1')).toBe(false);
  now += 4_999;
  expect(await r.isRevoked('s1')).toBe(false);
  expect(asked).toEqual(['s1']);
  ended.add('s1'); // another instance recorded the sign-out
  expect(await r.isRevoked('s1')).toBe(false); // still within this instance's TTL
  now += 1;
  expect(await r.isRevoked('s1')).toBe(true);
  now += 60_000;
  expect(await r.isRevoked('s1')).toBe(true);
  expect(asked).toEqual(['s1', 's1']); // ended stays ended without asking
});

test('a revocation recorded here is refused here at once', async () => {
  const { pool, asked } = fakePool(new Set());
  const r = createSessionRevocations(pool, { ttlMs: 5_000, now: () => 0 });
  expect(await r.isRevoked('s2')).toBe(false);
  await r.revoke({ sid: 's2', sub: 'u', expiresAt: new Date(86_400_000) });
  expect(await r.isRevoked('s2')).toBe(true);
  expect(asked).toEqual(['s2']);
});

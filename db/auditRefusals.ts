import type pg from 'pg';

/** One minute's count of requests refused at the gate for one route, result and user ('' when anonymous). */
export interface RefusalCount {
  minute: string;
  method: string;
  route: string;
  status: number;
  username: string;
  requests: number;
}

/** Adds the counts (several processes add to the same minute: the counts sum). */
export async function addRefusalCounts(pool: pg.Pool, counts: readonly RefusalCount[]): Promise<void> {
  if (!counts.length) return;
  await pool.query(
    `insert into audit_refusals (minute, method, route, status, username, requests)
     select * from unnest($1::timestamptz[], $2::text[], $3::text[], $4::smallint[], $5::text[], $6::int[])
     on conflict (minute, method, route, status, username) do update set requests = audit_refusals.requests + excluded.requests`,
    [counts.map((c) => c.minute), counts.map((c) => c.method), counts.map((c) => c.route), counts.map((c) => c.status), counts.map((c) => c.username), counts.map((c) => c.requests)],
  );
}

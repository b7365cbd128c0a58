import type { Queryable } from './pool';

/** Which of these org unit ids exist. */
export async function knownOrgUnits(db: Queryable, ids: string[]): Promise<Set<string>> {
  return new Set((await db.query<{ id: string }>('select id from org_units where id = any($1)', [ids])).rows.map((r) => r.id));
}

/** The name of an org unit (the customer's station on the 360 page), or null. */
export async function orgUnitName(db: Queryable, id: string): Promise<string | null> {
  const r = await db.query<{ name_zh: string }>('select name_zh from org_units where id = $1', [id]);
  return r.rows[0]?.name_zh ?? null;
}

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

export interface OrgUnitRow {
  id: string;
  parentId: string | null;
  level: 'province' | 'city' | 'county' | 'station' | 'grid';
  nameZh: string;
  nameEn: string;
}

/**
 * The caller's unit and every unit below it, in tree order (a parent before its children). `scope` is a checked org
 * code (ORG_CODE: no `%` or `_`), so it is safe inside the LIKE pattern.
 */
export async function orgSubtree(db: Queryable, scope: string, levels?: readonly OrgUnitRow['level'][]): Promise<OrgUnitRow[]> {
  const r = await db.query<OrgUnitRow>(
    `select id, parent_id as "parentId", level, name_zh as "nameZh", name_en as "nameEn"
       from org_units
      where (id = $1 or id like $1 || '.%') and ($2::text[] is null or level = any($2))
      order by id`,
    [scope, levels ?? null],
  );
  return r.rows;
}

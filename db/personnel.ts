import type { z } from 'zod';
import type pg from 'pg';
import type { Queryable } from './pool';
import { containsPattern, orderBy, subtreeClause, type SortOrder } from './orgScope';
import type { PersonRecord as PersonSchema } from '../domain/deviceSchemas';

type Db = Pick<pg.Pool, 'query'>;

export async function personnelAt(db: Db, orgUnitId: string, role: string): Promise<string[]> {
  const r = await db.query<{ username: string }>('select username from personnel where org_unit_id = $1 and role = $2 and active order by username', [orgUnitId, role]);
  return r.rows.map((x) => x.username);
}

/** Default assignee: the station's active inspector with the fewest open cases (ties by name). */
export async function leastLoadedInspector(db: Db, stationId: string, exclude: string[]): Promise<string | null> {
  const r = await db.query<{ username: string }>(
    `select p.username
       from personnel p
       left join cases c on c.assignee = p.username and c.stage not in ('closed', 'dismissed', 'cancelled')
      where p.org_unit_id = $1 and p.role = 'inspector' and p.active and not (p.username = any($2::text[]))
      group by p.username
      order by count(c.id), p.username
      limit 1`,
    [stationId, exclude],
  );
  return r.rows[0]?.username ?? null;
}

/** The org unit's ancestors up to the root, nearest first, with their levels. */
export async function orgAncestors(db: Db, orgUnitId: string): Promise<{ id: string; level: string }[]> {
  const r = await db.query<{ id: string; level: string }>(
    `with recursive up as (
       select id, parent_id, level, 0 as depth from org_units where id = $1
       union all
       select o.id, o.parent_id, o.level, up.depth + 1 from org_units o join up on o.id = up.parent_id)
     select id, level from up order by depth`,
    [orgUnitId],
  );
  return r.rows;
}

/** A person of the terminal personnel list (domain/deviceSchemas.ts). */
export type PersonRecord = z.infer<typeof PersonSchema>;

export const PERSONNEL_SORT = { id: 'p.username', displayName: 'p.display_name', role: 'p.role', orgUnitId: 'p.org_unit_id' } as const;

/** The personnel list inside an org subtree, each with the terminals bound to them. */
export async function listPersonnel(
  db: Db,
  f: { orgUnit: string; unit?: string; q?: string; role?: string[]; active?: boolean; ids?: string[]; hasDevice?: boolean; sort: { field: keyof typeof PERSONNEL_SORT; order: SortOrder }; limit: number; offset: number },
): Promise<{ rows: PersonRecord[]; total: number }> {
  const params: unknown[] = [];
  const where = [subtreeClause(params, 'p.org_unit_id', f.orgUnit)];
  if (f.unit) where.push(subtreeClause(params, 'p.org_unit_id', f.unit));
  if (f.q) {
    params.push(containsPattern(f.q));
    where.push(`(p.username ilike $${params.length} or p.display_name ilike $${params.length})`);
  }
  if (f.role?.length) {
    params.push(f.role);
    where.push(`p.role = any($${params.length}::text[])`);
  }
  if (f.active !== undefined) {
    params.push(f.active);
    where.push(`p.active = $${params.length}`);
  }
  if (f.ids) {
    params.push(f.ids);
    where.push(`p.username = any($${params.length}::text[])`);
  }
  if (f.hasDevice !== undefined) where.push(`${f.hasDevice ? '' : 'not '}exists (select 1 from devices d where d.bound_user = p.username)`);
  const w = where.join(' and ');
  const total = await db.query<{ n: number }>(`select count(*)::int as n from personnel p where ${w}`, params);
  const rows = await db.query<PersonRecord>(
    `select p.username as id, p.display_name as "displayName", p.role, p.org_unit_id as "orgUnitId", o.name_zh as "orgUnitName", p.active,
            coalesce((select array_agg(d.id order by d.id) from devices d where d.bound_user = p.username), '{}') as devices
       from personnel p left join org_units o on o.id = p.org_unit_id
      where ${w} order by ${orderBy(PERSONNEL_SORT, f.sort, 'p.username')} limit ${f.limit} offset ${f.offset}`,
    params,
  );
  return { rows: rows.rows, total: total.rows[0].n };
}

/** A person of the terminal personnel list: their unit and whether they are active; null when unknown. */
export async function personnelEntry(db: Pick<Queryable, 'query'>, username: string): Promise<{ orgUnitId: string; active: boolean } | null> {
  const r = await db.query<{ org_unit_id: string; active: boolean }>('select org_unit_id, active from personnel where username = $1', [username]);
  return r.rows[0] ? { orgUnitId: r.rows[0].org_unit_id, active: r.rows[0].active } : null;
}

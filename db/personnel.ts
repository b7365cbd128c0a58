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

/** People to pick inside an org subtree (person picker), each with the cases open on them, most idle first. */
export async function pickablePeople(
  db: Db,
  f: { orgUnit: string; station?: string; role?: string; q?: string; active: boolean; limit: number },
): Promise<{ id: string; displayName: string; role: string; orgUnitId: string; stationName: string | null; openCases: number }[]> {
  const params: unknown[] = [];
  const where = [subtreeClause(params, 'p.org_unit_id', f.orgUnit)];
  if (f.station) where.push(subtreeClause(params, 'p.org_unit_id', f.station));
  if (f.role) {
    params.push(f.role);
    where.push(`p.role = $${params.length}`);
  }
  if (f.q) {
    params.push(containsPattern(f.q));
    where.push(`(p.display_name ilike $${params.length} or p.username ilike $${params.length})`);
  }
  if (f.active) where.push('p.active');
  params.push(f.limit);
  const r = await db.query(
    `select p.username as id, p.display_name as "displayName", p.role, p.org_unit_id as "orgUnitId", o.name_zh as "stationName",
            (select count(*)::int from cases c
              where (c.assignee = p.username or c.pending_user = p.username)
                and c.stage not in ('closed', 'dismissed', 'cancelled')) as "openCases"
       from personnel p left join org_units o on o.id = p.org_unit_id
      where ${where.join(' and ')}
      order by "openCases", p.display_name, p.username
      limit $${params.length}`,
    params,
  );
  return r.rows;
}

/** Display and unit names of the given user names (those not in the personnel list are left out). */
export async function personnelNamed(db: Db, usernames: string[]): Promise<{ username: string; displayName: string; orgUnitId: string; stationName: string | null }[]> {
  if (usernames.length === 0) return [];
  const r = await db.query(
    `select p.username, p.display_name as "displayName", p.org_unit_id as "orgUnitId", o.name_zh as "stationName"
       from personnel p left join org_units o on o.id = p.org_unit_id
      where p.username = any($1::text[])`,
    [usernames],
  );
  return r.rows;
}

// The keys under which a case's live state and its log name people (`by` of notes, findings, reports, verifications,
// evidence; owner and issuer of the order; assignee, pending user, reassign targets).
const NAMING_KEYS = ['by', 'owner', 'issuedBy', 'assignee', 'username', 'to', 'inspector', 'from'];

/** Display and unit names of everyone a case names (its read-model snapshot and its log), in one query. */
export async function personnelOfCase(db: Db, caseId: string): Promise<{ username: string; displayName: string; orgUnitId: string; stationName: string | null }[]> {
  const paths = NAMING_KEYS.map((k) => `strict $.**.${k}`);
  const r = await db.query(
    `with named as (
       select c.assignee as u from cases c where c.id = $1
       union select c.pending_user from cases c where c.id = $1
       union select c.created_by from cases c where c.id = $1
       union select e.actor from case_events e where e.case_id = $1
       union select v #>> '{}' from cases c, unnest($2::jsonpath[]) p, jsonb_path_query(c.snapshot, p) v where c.id = $1 and jsonb_typeof(v) = 'string'
       union select v #>> '{}' from case_events e, unnest($2::jsonpath[]) p, jsonb_path_query(e.payload, p) v where e.case_id = $1 and jsonb_typeof(v) = 'string')
     select p.username, p.display_name as "displayName", p.org_unit_id as "orgUnitId", o.name_zh as "stationName"
       from personnel p left join org_units o on o.id = p.org_unit_id
      where p.username in (select u from named where u is not null)`,
    [caseId, paths],
  );
  return r.rows;
}

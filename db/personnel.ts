import type pg from 'pg';

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

// SQL fragments shared by the back-office content lists: org units are materialised paths (HB.XN.XA.WQ), so a
// subtree is the unit itself or any id under `unit.`; its ancestors are the ids the unit's path starts with.

/** `column` lies inside the caller's subtree; pushes the two parameters. */
export function subtreeClause(params: unknown[], column: string, orgUnit: string): string {
  params.push(orgUnit, `${orgUnit}.%`);
  return `(${column} = $${params.length - 1} or ${column} like $${params.length})`;
}

/** A case-insensitive substring pattern for `ilike` with the wildcard characters escaped. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

export type SortOrder = 'ASC' | 'DESC';

/** `order by` for a whitelisted field map; ties broken by the key so paging is stable. */
export function orderBy<F extends string>(columns: Record<F, string>, sort: { field: F; order: SortOrder }, key: string): string {
  return `${columns[sort.field]} ${sort.order === 'ASC' ? 'asc' : 'desc'} nulls last, ${key}`;
}

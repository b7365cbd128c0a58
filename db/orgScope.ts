// The one SQL spelling of "inside an org subtree". Org units are materialised paths (HB.XN.XA.WQ): a subtree is the
// unit itself or any id under `unit.`. Org codes are validated where they enter (the token's org_unit claim, request
// schemas), and the LIKE pattern escapes its wildcards anyway, so `%` or `_` in a code can never widen a scope.

/** `unit.%` with LIKE's wildcards (and its escape character) in `unit` escaped. */
export function subtreePattern(orgUnit: string): string {
  return `${escapeLike(orgUnit)}.%`;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/** `column` lies inside the `orgUnit` subtree; pushes the two parameters. Index-friendly (a constant-prefix LIKE). */
export function subtreeClause(params: unknown[], column: string, orgUnit: string): string {
  params.push(orgUnit, subtreePattern(orgUnit));
  return `(${column} = $${params.length - 1} or ${column} like $${params.length})`;
}

/**
 * subtreeClause() plus the byte range that holds the subtree (`unit` ≤ column < `unit/`; '/' follows '.'), which
 * a text_pattern_ops index scans as one range even where the planner will not split the OR into two scans (a
 * capped count, a keyset page): the same rows, an index range instead of a whole-index filter.
 */
export function subtreeRangeClause(params: unknown[], column: string, orgUnit: string): string {
  const exact = subtreeClause(params, column, orgUnit);
  params.push(`${orgUnit}/`);
  return `(${column} ~>=~ $${params.length - 2} and ${column} ~<~ $${params.length} and ${exact})`;
}

/** The SQL expression `unit` lies inside the subtree of the SQL expression `scope` (both expressions, no LIKE). */
export function withinSql(unit: string, scope: string): string {
  return `(${unit} = ${scope} or left(${unit}, length(${scope}) + 1) = ${scope} || '.')`;
}

/** A prefix pattern for `like` with the wildcard characters escaped. */
export function prefixPattern(q: string): string {
  return `${escapeLike(q)}%`;
}

/** A case-insensitive substring pattern for `ilike` with the wildcard characters escaped. */
export function containsPattern(q: string): string {
  return `%${escapeLike(q)}%`;
}

export type SortOrder = 'ASC' | 'DESC';

/** `order by` for a whitelisted field map; ties broken by the key so paging is stable. */
export function orderBy<F extends string>(columns: Record<F, string>, sort: { field: F; order: SortOrder }, key: string): string {
  return `${columns[sort.field]} ${sort.order === 'ASC' ? 'asc' : 'desc'} nulls last, ${key}`;
}

import type { Queryable } from './pool';
import { inOrg } from './ruleUsage';

/** How many cases inside the org unit run under each case-policy version (the workflow's `policyVersion`). */
export async function casePolicyUsage(db: Queryable, orgUnit: string): Promise<Map<string, number>> {
  const r = await db.query<{ version: string; cases: number }>(
    `select c.snapshot->>'policyVersion' as version, count(*)::int as cases from cases c
      where ${inOrg('$1')} and c.snapshot->>'policyVersion' is not null group by 1`,
    [orgUnit],
  );
  return new Map(r.rows.map((x) => [x.version, x.cases]));
}

import { z } from 'zod';
import type pg from 'pg';
import { ROLES } from '../../domain/roles';
import { orgSubtree } from '../../services/org/orgUnits';
import { defineRoute, type RouteDef } from '../../http/route';

const Level = z.enum(['province', 'city', 'county', 'station', 'grid']);
const OrgUnit = z.object({
  id: z.string().describe('Org unit code (materialised path), e.g. HB.XN.XA'),
  parentId: z.string().nullable(),
  level: Level,
  nameZh: z.string(),
  nameEn: z.string(),
});
const Query = z.strictObject({
  levels: z.string().regex(/^(province|city|county|station|grid)(,(province|city|county|station|grid))*$/, 'must be levels separated by commas, e.g. city,county,station').optional(),
});

/** The org tree for the back office's unit pickers: the caller's unit and the units below it, names in both languages. */
export function orgUnitRoutes({ pool }: { pool: pg.Pool }): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/org-units',
      summary: 'The caller\'s org unit and every unit below it (province → city → county → station → grid), parents before children, for the unit pickers',
      tag: 'org',
      policy: { roles: ROLES, scope: 'org' },
      query: Query,
      response: { status: 200, schema: z.array(OrgUnit), description: 'Units in tree order' },
      async handler({ res, principal, query }) {
        const levels = query.levels?.split(',') as z.infer<typeof Level>[] | undefined;
        res.json(await orgSubtree(pool, principal.orgUnit, levels));
      },
    }),
  ];
}

import { z } from 'zod';
import type pg from 'pg';
import { casesUsingVersion, ruleVersionUsage } from '../../services/ruleUsage/ruleUsage';
import { defineRoute, jsonParam, type RouteDef } from '../../http/route';
import { raRange, sendList } from '../../http/raList';

const Kind = z.enum(['judgement', 'penalty']);
const Version = z.string().min(1).max(64);
export const CaseWithVersions = z.object({
  id: z.string(), caseNo: z.string(), customerAccountNo: z.string(), customerName: z.string(), orgUnitId: z.string(), orgUnitName: z.string().nullable(),
  origin: z.string(), stage: z.string(), priority: z.string(), problemType: z.string().nullable(), createdAt: z.string(), closedAt: z.string().nullable(),
  judgementRuleSetVersion: z.string().nullable().describe('The judgement rule set of the initial judgement'),
  penaltyRuleSetVersions: z.array(z.string()).describe('The penalty rule sets of the rectification order\'s computations'),
  judgementCampaign: z.object({ id: z.string(), name: z.string().nullable() }).nullable()
    .describe('The campaign whose weights the judgement used; judgementRuleSetVersion is then the campaign\'s base version'),
});
const READERS = ['supervisor', 'manager'] as const;

/** "Which version each case used": counts per rule-set version, and the cases behind one version (caller's org unit). */
export function ruleUsageRoutes({ pool }: { pool: pg.Pool }): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/rule-versions/usage',
      summary: 'How many cases inside the caller\'s org unit used each judgement and penalty rule-set version',
      tag: 'judgement',
      policy: { roles: READERS, scope: 'org' },
      response: { status: 200, schema: z.array(z.object({
          id: z.string(), kind: Kind, version: z.string(), cases: z.number().describe('Including the cases of campaigns based on this version'),
          campaigns: z.array(z.object({ id: z.string(), name: z.string().nullable(), cases: z.number() })).describe('Campaigns based on this judgement version, with their cases'),
        })), description: 'Counts per version' },
      async handler({ res, principal }) {
        const rows = (await ruleVersionUsage(pool, principal.orgUnit)).map((r) => ({ id: `${r.kind}:${r.version}`, ...r }));
        sendList(res, 'rule-versions', 0, rows, rows.length);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/rule-versions/cases',
      summary: 'The cases inside the caller\'s org unit that used one rule-set version (filter {"kind","version"}), newest first',
      tag: 'judgement',
      policy: { roles: READERS, scope: 'org' },
      query: z.strictObject({
        range: raRange.optional(),
        sort: z.string().optional().describe('Ignored: newest first'),
        filter: jsonParam(z.strictObject({ kind: Kind, version: Version })),
      }),
      response: { status: 200, schema: z.array(CaseWithVersions), description: 'Cases' },
      async handler({ res, principal, query }) {
        const [start, end] = query.range ?? [0, 24];
        const { rows, total } = await casesUsingVersion(pool, principal.orgUnit, query.filter.kind, query.filter.version, [start, end]);
        sendList(res, 'cases', start, rows, total);
      },
    }),
  ];
}

import { z } from 'zod';
import type pg from 'pg';
import { JudgementRuleSet } from '../../domain/judgementRules';
import { activeRuleSetVersion, getRuleSet, insertDraftRuleSet, listRuleSets, publishRuleSet } from '../../db/judgementRuleSets';
import { defineRoute, type RouteDef } from '../http/route';
import { sendList } from '../http/raList';
import { Problem } from '../http/problem';

const RuleSetRecord = z.object({
  id: z.string(), version: z.string(), status: z.enum(['draft', 'published']), createdBy: z.string(), createdAt: z.string(), publishedAt: z.string().nullable(),
  active: z.boolean(), document: JudgementRuleSet,
});
const VersionParams = z.strictObject({ version: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be a rule-set version') });

/** Judgement rule sets are versioned data: a manager writes a draft and publishes it; the latest published is active. */
export function judgementRuleSetRoutes({ pool }: { pool: pg.Pool }): RouteDef[] {
  const withActive = async () => {
    const [all, active] = await Promise.all([listRuleSets(pool), activeRuleSetVersion(pool)]);
    return all.map((r) => ({ id: r.version, ...r, active: r.version === active }));
  };
  return [
    defineRoute({
      method: 'get',
      path: '/judgement-rule-sets',
      summary: 'Judgement rule sets, newest first; `active` marks the one in force',
      tag: 'judgement',
      policy: { roles: ['supervisor', 'manager', 'admin'], scope: 'none' },
      response: { status: 200, schema: z.array(RuleSetRecord), description: 'Rule sets' },
      async handler({ res }) {
        const rows = await withActive();
        sendList(res, 'judgement-rule-sets', 0, rows, rows.length);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/judgement-rule-sets/:version',
      summary: 'One judgement rule set',
      tag: 'judgement',
      policy: { roles: ['supervisor', 'manager', 'admin'], scope: 'none' },
      params: VersionParams,
      response: { status: 200, schema: RuleSetRecord, description: 'The rule set' },
      async handler({ res, params }) {
        const row = (await withActive()).find((r) => r.version === params.version);
        if (!row) throw new Problem(404, 'Not found', `No judgement rule set ${params.version}.`);
        res.json(row);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/judgement-rule-sets',
      summary: 'Store a new rule-set version as a draft (validated; versions are never overwritten)',
      tag: 'judgement',
      policy: { roles: ['manager'], scope: 'none' },
      body: JudgementRuleSet,
      response: { status: 201, schema: RuleSetRecord, description: 'The draft' },
      async handler({ res, principal, body }) {
        if (!(await insertDraftRuleSet(pool, body, principal.username))) throw new Problem(409, 'Conflict', `Rule set version ${body.version} already exists; choose a new version.`);
        const r = (await getRuleSet(pool, body.version))!;
        res.status(201).location(`/api/judgement-rule-sets/${encodeURIComponent(r.version)}`).json({ id: r.version, ...r, active: false });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/judgement-rule-sets/:version/publish',
      summary: 'Publish a draft: it becomes the active rule set for new judgements (running campaigns keep their snapshot)',
      tag: 'judgement',
      policy: { roles: ['manager'], scope: 'none' },
      params: VersionParams,
      response: { status: 200, schema: RuleSetRecord, description: 'The published rule set' },
      async handler({ res, params }) {
        const r = await publishRuleSet(pool, params.version);
        if (!r) {
          const existing = await getRuleSet(pool, params.version);
          if (!existing) throw new Problem(404, 'Not found', `No judgement rule set ${params.version}.`);
          throw new Problem(409, 'Conflict', `Rule set ${params.version} is already published.`);
        }
        res.json({ id: r.version, ...r, active: true });
      },
    }),
  ];
}

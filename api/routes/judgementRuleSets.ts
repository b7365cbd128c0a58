import { z } from 'zod';
import type pg from 'pg';
import { JudgementRuleSet } from '../../domain/judgementRules';
import { IsoDate } from '../../domain/case';
import { chinaDate } from '../../domain/calendar';
import { activeRuleSetVersion, getRuleSet, insertDraftRuleSet, listRuleSets, publishRuleSet, updateDraftRuleSet } from '../../db/judgementRuleSets';
import { defineRoute, type RouteDef } from '../../http/route';
import { sendList } from '../../http/raList';
import { Problem } from '../../http/problem';

const RuleSetRecord = z.object({
  id: z.string(), version: z.string(), status: z.enum(['draft', 'published']), createdBy: z.string(), createdAt: z.string(), publishedAt: z.string().nullable(),
  effectiveFrom: z.string().nullable().describe('China-calendar date a published version is in force from'),
  active: z.boolean().describe('The published version in force today'), document: JudgementRuleSet,
});
const PublishBody = z.strictObject({ effectiveFrom: IsoDate.optional().describe('Today (default) or later, China calendar') });
const VersionParams = z.strictObject({ version: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be a rule-set version') });

/**
 * Judgement rule sets are versioned data: a manager writes a draft, edits it in place, and publishes it from an
 * effective date (today or later); the published version with the latest effective date reached is in force.
 */
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
      method: 'put',
      path: '/judgement-rule-sets/:version',
      summary: 'Edit a draft in place (validated); a published version answers 409',
      tag: 'judgement',
      policy: { roles: ['manager'], scope: 'none' },
      params: VersionParams,
      body: JudgementRuleSet,
      response: { status: 200, schema: RuleSetRecord, description: 'The edited draft' },
      async handler({ res, params, body }) {
        if (body.version !== params.version) {
          throw new Problem(400, 'Invalid request', 'A draft keeps its version; save it as a new version instead.', [{ path: 'version', message: `must be ${params.version}` }]);
        }
        const r = await updateDraftRuleSet(pool, body);
        if (!r) {
          if (!(await getRuleSet(pool, params.version))) throw new Problem(404, 'Not found', `No judgement rule set ${params.version}.`);
          throw new Problem(409, 'Conflict', `Rule set ${params.version} is published and can no longer change; write a new version.`);
        }
        res.json({ id: r.version, ...r, active: false });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/judgement-rule-sets/:version/publish',
      summary: 'Publish a draft from an effective date (today by default, China calendar): new judgements use it from then (running campaigns keep their snapshot)',
      tag: 'judgement',
      policy: { roles: ['manager'], scope: 'none' },
      params: VersionParams,
      body: PublishBody,
      response: { status: 200, schema: RuleSetRecord, description: 'The published rule set' },
      async handler({ res, params, body }) {
        const today = chinaDate(Date.now());
        const effectiveFrom = body.effectiveFrom ?? today;
        if (effectiveFrom < today) {
          throw new Problem(422, 'Invalid effective date', `A rule set takes effect today (${today}) or later.`, [{ path: 'effectiveFrom', message: `must be ${today} or later` }]);
        }
        const r = await publishRuleSet(pool, params.version, effectiveFrom);
        if (!r) {
          const existing = await getRuleSet(pool, params.version);
          if (!existing) throw new Problem(404, 'Not found', `No judgement rule set ${params.version}.`);
          throw new Problem(409, 'Conflict', `Rule set ${params.version} is already published.`);
        }
        res.json({ id: r.version, ...r, active: (await activeRuleSetVersion(pool)) === r.version });
      },
    }),
  ];
}

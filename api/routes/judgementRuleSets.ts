import { z } from 'zod';
import type pg from 'pg';
import { JudgementRuleSet } from '../../domain/judgementRules';
import { IsoDate } from '../../domain/case';
import { ruleSetLifecycle, type RuleSetView } from '../../services/ruleSets/lifecycle';
import { ruleSetEnvelope, valueOrProblem } from '../ruleSetHttp';
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
  const ruleSets = ruleSetLifecycle('judgement', { pool });
  const ok = valueOrProblem('judgement rule set');
  const wire = (r: RuleSetView<JudgementRuleSet>) => ({ ...ruleSetEnvelope(r), document: r.document });
  return [
    defineRoute({
      method: 'get',
      path: '/judgement-rule-sets',
      summary: 'Judgement rule sets, newest first; `active` marks the one in force',
      tag: 'judgement',
      policy: { roles: ['supervisor', 'manager', 'admin'], scope: 'none' },
      response: { status: 200, schema: z.array(RuleSetRecord), description: 'Rule sets' },
      async handler({ res }) {
        const rows = (await ruleSets.list()).map(wire);
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
        res.json(wire(ok(await ruleSets.get(params.version))));
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
        const r = ok(await ruleSets.createDraft(body.version, { document: body }, principal.username));
        res.status(201).location(`/api/judgement-rule-sets/${encodeURIComponent(r.version)}`).json(wire(r));
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
      async handler({ res, principal, params, body }) {
        if (body.version !== params.version) {
          throw new Problem(400, 'Invalid request', 'A draft keeps its version; save it as a new version instead.', [{ path: 'version', message: `must be ${params.version}` }]);
        }
        res.json(wire(ok(await ruleSets.updateDraft(params.version, { document: body }, principal.username))));
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
      async handler({ res, principal, params, body }) {
        res.json(wire(ok(await ruleSets.publish(params.version, body.effectiveFrom, principal.username))));
      },
    }),
  ];
}

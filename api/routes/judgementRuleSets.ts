import { z } from 'zod';
import type pg from 'pg';
import { JudgementRuleSet } from '../../domain/judgementRules';
import { IsoDate } from '../../domain/case';
import { Month } from '../../domain/customerData';
import { checkJudgementRuleSet, judgementInvalidDetail } from '../../domain/judgementRuleTexts';
import { previewJudgementRuleSet } from '../../services/ruleSets/judgementPreview';
import { ruleSetLifecycle, type RuleSetView } from '../../services/ruleSets/lifecycle';
import { ruleSetEnvelope, valueOrProblem } from '../ruleSetHttp';
import { defineRoute, type RouteDef } from '../../http/route';
import { sendList } from '../../http/raList';
import { Problem, detailLanguage, codedProblem } from '../../http/problem';

const RuleSetRecord = z.object({
  id: z.string(), version: z.string(), status: z.enum(['draft', 'published']), createdBy: z.string(), createdAt: z.string(), publishedAt: z.string().nullable(),
  effectiveFrom: z.string().nullable().describe('China-calendar date a published version is in force from'),
  active: z.boolean().describe('The published version in force today'), document: JudgementRuleSet,
});
const PublishBody = z.strictObject({ effectiveFrom: IsoDate.optional().describe('Today (default) or later, China calendar') });
const Counts = z.object({
  version: z.string(), minScore: z.number().describe('The version\'s campaignMinScore: customers scoring at least this are counted'),
  total: z.number(), byRule: z.array(z.object({ code: z.string(), count: z.number() })).describe('Counted customers each rule fired for, in rule-set order'),
  byUnit: z.array(z.object({ unitId: z.string(), nameZh: z.string().nullable(), nameEn: z.string().nullable(), count: z.number() })).describe('Counted customers per unit one level below the caller\'s'),
});
const Preview = z.object({ asOfMonth: z.string(), scope: z.string().describe('The caller\'s org unit: only its customers are counted'), draft: Counts, inForce: Counts });
const PreviewBody = z.strictObject({
  document: z.record(z.string(), z.unknown()).optional().describe('The edited rule set (unsaved; its version is the path\'s); absent: the stored version'),
  asOfMonth: Month.optional().describe('Billing month judged; default the latest billed'),
});
const VersionParams = z.strictObject({ version: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be a rule-set version') });

/** A draft as the body of POST/PUT: the rule set, or a 400 whose field errors carry codes (domain/judgementRuleTexts). */
function checked(req: { body: unknown } & Parameters<typeof detailLanguage>[0]): JudgementRuleSet {
  const lang = detailLanguage(req);
  const c = checkJudgementRuleSet(req.body ?? {}, lang);
  if (!c.ok) throw new Problem(400, 'Invalid request', judgementInvalidDetail(lang), c.errors, 'about:blank', 'judgement.invalid');
  return c.ruleSet;
}

/**
 * Judgement rule sets are versioned data: a manager (or an admin) writes a draft, edits it in place, and a manager publishes it from an
 * effective date (today or later); the published version with the latest effective date reached is in force.
 */
export function judgementRuleSetRoutes({ pool }: { pool: pg.Pool }): RouteDef[] {
  const ruleSets = ruleSetLifecycle('judgement', { pool });
  const ok = valueOrProblem('judgement');
  const wire = (r: RuleSetView<JudgementRuleSet>) => ({ ...ruleSetEnvelope(r), document: r.document });
  return [
    defineRoute({
      method: 'post',
      path: '/judgement-rule-sets/:version/preview',
      summary: 'How many customers of the caller\'s unit a version (or the edited draft in the body) selects at its campaign threshold, against the version in force: in total, per rule, per unit (nothing is stored)',
      tag: 'judgement',
      policy: { roles: ['supervisor', 'manager'], scope: 'org' },
      params: VersionParams,
      body: PreviewBody,
      response: { status: 200, schema: Preview, description: 'The draft\'s and the version in force\'s counts' },
      async handler({ req, res, principal, params, body }) {
        let document: JudgementRuleSet | undefined;
        if (body.document) {
          const lang = detailLanguage(req);
          const c = checkJudgementRuleSet(body.document, lang, 'document');
          if (!c.ok) throw new Problem(400, 'Invalid request', judgementInvalidDetail(lang), c.errors, 'about:blank', 'judgement.invalid');
          if (c.ruleSet.version !== params.version) throw codedProblem(400, 'Invalid request', 'rule-set.version-mismatch', { version: params.version }, detailLanguage(req), { errors: [{ path: 'document.version', message: `must be ${params.version}` }] });
          document = c.ruleSet;
        }
        res.json(ok(await previewJudgementRuleSet(pool, principal, params.version, document, body.asOfMonth), detailLanguage(req)));
      },
    }),
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
      async handler({ req, res, params }) {
        res.json(wire(ok(await ruleSets.get(params.version), detailLanguage(req))));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/judgement-rule-sets',
      summary: 'Store a new rule-set version as a draft (validated; versions are never overwritten). Managers and admins write drafts; managers publish',
      tag: 'judgement',
      // Admins write drafts too (the expert JSON editor is theirs); putting a version in force stays the managers' decision.
      policy: { roles: ['manager', 'admin'], scope: 'none' },
      // Parsed here rather than by the route: each refused field carries its message code, in the caller's language.
      requestBody: { content: { 'application/json': JudgementRuleSet } },
      response: { status: 201, schema: RuleSetRecord, description: 'The draft' },
      async handler({ req, res, principal }) {
        const body = checked(req);
        const r = ok(await ruleSets.createDraft(body.version, { document: body }, principal.username), detailLanguage(req));
        res.status(201).location(`/api/judgement-rule-sets/${encodeURIComponent(r.version)}`).json(wire(r));
      },
    }),
    defineRoute({
      method: 'put',
      path: '/judgement-rule-sets/:version',
      summary: 'Edit a draft in place (validated; managers and admins); a published version answers 409',
      tag: 'judgement',
      policy: { roles: ['manager', 'admin'], scope: 'none' },
      params: VersionParams,
      requestBody: { content: { 'application/json': JudgementRuleSet } },
      response: { status: 200, schema: RuleSetRecord, description: 'The edited draft' },
      async handler({ req, res, principal, params }) {
        const body = checked(req);
        if (body.version !== params.version) {
          throw codedProblem(400, 'Invalid request', 'rule-set.draft-keeps-version', { version: params.version }, detailLanguage(req), { errors: [{ path: 'version', message: `must be ${params.version}` }] });
        }
        res.json(wire(ok(await ruleSets.updateDraft(params.version, { document: body }, principal.username), detailLanguage(req))));
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
      async handler({ req, res, principal, params, body }) {
        res.json(wire(ok(await ruleSets.publish(params.version, body.effectiveFrom, principal.username), detailLanguage(req))));
      },
    }),
  ];
}

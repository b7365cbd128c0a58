import { z } from 'zod';
import type pg from 'pg';
import { IsoDate } from '../../domain/case';
import { PenaltyRules } from '../../domain/penalty';
import { ruleSetLifecycle, type PenaltyRuleSetDocument, type RuleSetView } from '../../services/ruleSets/lifecycle';
import { ruleSetEnvelope, valueOrProblem } from '../ruleSetHttp';
import { detailLanguage } from '../../http/problem';
import { defineRoute, type RouteDef } from '../../http/route';
import { sendList } from '../../http/raList';

const Version = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, dot, dash, underscore; at most 64');
const Record = z.object({
  id: z.string(), version: z.string(), source: z.string(), effectiveFrom: z.string(), status: z.enum(['draft', 'published']),
  rules: PenaltyRules, publishedAt: z.string().nullable(), createdAt: z.string(),
  active: z.boolean().describe('The published version in force today (China calendar)'),
});
const DraftFields = {
  source: z.string().trim().min(1, 'required').max(300),
  /** Proposed; publishing may set another. */
  effectiveFrom: IsoDate,
  rules: PenaltyRules,
};
const CreateBody = z.strictObject({ version: Version, ...DraftFields });
const EditBody = z.strictObject(DraftFields);
const PublishBody = z.strictObject({ effectiveFrom: IsoDate.optional() });
const VersionParams = z.strictObject({ version: Version });

const READERS = ['supervisor', 'manager', 'admin'] as const;

/**
 * Back-billing and penalty rule sets (追补电费 / 违约使用电费) as versioned data, like the judgement rule sets: a manager
 * writes and edits a draft, then publishes it with the date it takes effect. A published version never changes —
 * penalties already computed name it (see the rectification order of a case).
 */
export function penaltyRuleSetRoutes({ pool }: { pool: pg.Pool }): RouteDef[] {
  const ruleSets = ruleSetLifecycle('penalty', { pool });
  const ok = valueOrProblem('penalty');
  const wire = (r: RuleSetView<PenaltyRuleSetDocument>) => ({ ...ruleSetEnvelope(r), source: r.document.source, rules: r.document.rules });

  return [
    defineRoute({
      method: 'get',
      path: '/penalty-rule-sets',
      summary: 'Penalty rule sets, latest effective date first; `active` marks the one in force today',
      tag: 'penalty',
      policy: { roles: READERS, scope: 'none' },
      response: { status: 200, schema: z.array(Record), description: 'Rule sets' },
      async handler({ res }) {
        const rows = (await ruleSets.list()).map(wire);
        sendList(res, 'penalty-rule-sets', 0, rows, rows.length);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/penalty-rule-sets/:version',
      summary: 'One penalty rule set',
      tag: 'penalty',
      policy: { roles: READERS, scope: 'none' },
      params: VersionParams,
      response: { status: 200, schema: Record, description: 'The rule set' },
      async handler({ req, res, params }) {
        res.json(wire(ok(await ruleSets.get(params.version), detailLanguage(req))));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/penalty-rule-sets',
      summary: 'Store a new penalty rule-set version as a draft (validated; an existing version is never overwritten)',
      tag: 'penalty',
      policy: { roles: ['manager'], scope: 'none' },
      body: CreateBody,
      response: { status: 201, schema: Record, description: 'The draft' },
      async handler({ req, res, principal, body }) {
        const r = ok(await ruleSets.createDraft(body.version, { document: { source: body.source, rules: body.rules }, proposedFrom: body.effectiveFrom }, principal.username), detailLanguage(req));
        res.status(201).location(`/api/penalty-rule-sets/${encodeURIComponent(r.version)}`).json(wire(r));
      },
    }),
    defineRoute({
      method: 'put',
      path: '/penalty-rule-sets/:version',
      summary: 'Edit a draft (source, proposed effective date, rules); a published version answers 409',
      tag: 'penalty',
      policy: { roles: ['manager'], scope: 'none' },
      params: VersionParams,
      body: EditBody,
      response: { status: 200, schema: Record, description: 'The draft as stored' },
      async handler({ req, res, principal, params, body }) {
        const draft = { document: { source: body.source, rules: body.rules }, proposedFrom: body.effectiveFrom };
        res.json(wire(ok(await ruleSets.updateDraft(params.version, draft, principal.username), detailLanguage(req))));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/penalty-rule-sets/:version/publish',
      summary: 'Publish a draft from an effective date (today or later, China calendar; default: the draft\'s); it is immutable afterwards',
      tag: 'penalty',
      policy: { roles: ['manager'], scope: 'none' },
      params: VersionParams,
      body: PublishBody,
      response: { status: 200, schema: Record, description: 'The published rule set' },
      async handler({ req, res, principal, params, body }) {
        // Without a date, the draft's proposed one.
        res.json(wire(ok(await ruleSets.publish(params.version, body.effectiveFrom, principal.username), detailLanguage(req))));
      },
    }),
  ];
}

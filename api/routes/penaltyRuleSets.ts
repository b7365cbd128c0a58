import { z } from 'zod';
import type pg from 'pg';
import { IsoDate } from '../../domain/case';
import { PenaltyRules } from '../../domain/penalty';
import { chinaDate } from '../../domain/calendar';
import {
  getPenaltyRuleSet, insertPenaltyDraft, listPenaltyRuleSets, penaltyVersionInForce, publishPenaltyDraft, updatePenaltyDraft,
  type PenaltyRuleSetRecord,
} from '../../db/penaltyRuleSets';
import { withTransaction } from '../../db/pool';
import { defineRoute, type RouteDef } from '../../http/route';
import { sendList } from '../../http/raList';
import { Problem } from '../../http/problem';

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
  const today = () => chinaDate(Date.now());
  const withActive = (r: PenaltyRuleSetRecord, active: string | null) => ({ id: r.version, ...r, active: r.version === active });

  async function draftOrProblem(version: string): Promise<PenaltyRuleSetRecord> {
    const existing = await getPenaltyRuleSet(pool, version);
    if (!existing) throw new Problem(404, 'Not found', `No penalty rule set ${version}.`);
    if (existing.status === 'published') throw new Problem(409, 'Conflict', `Penalty rule set ${version} is published and can no longer change; write a new version.`);
    return existing;
  }

  return [
    defineRoute({
      method: 'get',
      path: '/penalty-rule-sets',
      summary: 'Penalty rule sets, latest effective date first; `active` marks the one in force today',
      tag: 'penalty',
      policy: { roles: READERS, scope: 'none' },
      response: { status: 200, schema: z.array(Record), description: 'Rule sets' },
      async handler({ res }) {
        const [all, active] = await Promise.all([listPenaltyRuleSets(pool), penaltyVersionInForce(pool, today())]);
        sendList(res, 'penalty-rule-sets', 0, all.map((r) => withActive(r, active)), all.length);
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
      async handler({ res, params }) {
        const [r, active] = await Promise.all([getPenaltyRuleSet(pool, params.version), penaltyVersionInForce(pool, today())]);
        if (!r) throw new Problem(404, 'Not found', `No penalty rule set ${params.version}.`);
        res.json(withActive(r, active));
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
      async handler({ res, body }) {
        const r = await insertPenaltyDraft(pool, body);
        if (!r) throw new Problem(409, 'Conflict', `Penalty rule set version ${body.version} already exists; choose a new version.`, [{ path: 'version', message: 'already exists' }]);
        res.status(201).location(`/api/penalty-rule-sets/${encodeURIComponent(r.version)}`).json(withActive(r, null));
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
      async handler({ res, params, body }) {
        const r = await updatePenaltyDraft(pool, { version: params.version, ...body });
        if (!r) {
          await draftOrProblem(params.version);
          throw new Problem(409, 'Conflict', `Penalty rule set ${params.version} changed meanwhile; reload it.`);
        }
        res.json(withActive(r, null));
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
      async handler({ res, params, body }) {
        const draft = await draftOrProblem(params.version);
        const effectiveFrom = body.effectiveFrom ?? draft.effectiveFrom;
        // A past date would reprice problems already found under the version then in force.
        if (effectiveFrom < today()) throw new Problem(422, 'Invalid effective date', `A rule set takes effect today (${today()}) or later.`, [{ path: 'effectiveFrom', message: `must be ${today()} or later` }]);
        const out = await withTransaction(pool, (c) => publishPenaltyDraft(c, params.version, effectiveFrom));
        if (!out) throw new Problem(409, 'Conflict', `Penalty rule set ${params.version} was published meanwhile.`);
        if ('clash' in out) throw new Problem(409, 'Conflict', `Penalty rule set ${out.clash} already takes effect on ${effectiveFrom}.`, [{ path: 'effectiveFrom', message: `${out.clash} already takes effect on this date` }]);
        const active = await penaltyVersionInForce(pool, today());
        res.json(withActive(out.record, active));
      },
    }),
  ];
}

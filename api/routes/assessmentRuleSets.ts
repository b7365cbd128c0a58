import { z } from 'zod';
import type pg from 'pg';
import { AssessmentRuleSetDocument, Period, PartyKind, RULE_SET_VERSION, compareRankings, periodBounds } from '../../domain/assessmentRules';
import { orgWithin } from '../../domain/roles';
import { ruleSetLifecycle, type RuleSetView } from '../../services/ruleSets/lifecycle';
import { ruleSetEnvelope, valueOrProblem } from '../ruleSetHttp';
import { partyInfo, periodStandings, requireRankable, rescoredTotals } from '../../services/assessment/periods';
import { defineRoute, type RouteDef } from '../../http/route';
import { sendList } from '../../http/raList';
import { codedProblem, detailLanguage } from '../../http/problem';

const RuleSetRecord = z.object({
  id: z.string(), version: z.string(), status: z.enum(['draft', 'published']), name: z.string(), createdBy: z.string(), createdAt: z.string(),
  updatedBy: z.string(), updatedAt: z.string(), publishedBy: z.string().nullable(), publishedAt: z.string().nullable(), effectiveFrom: z.string().nullable(),
  inForce: z.boolean().describe('The published version cases closing now are scored under'),
  auditWeight: z.number(), items: AssessmentRuleSetDocument.shape.items,
});
const VersionParams = z.strictObject({ version: z.string().regex(RULE_SET_VERSION, 'must be a rule-set version') });
const PublishBody = z.strictObject({ effectiveFrom: z.iso.date('must be a date YYYY-MM-DD').describe('Cases closing from this day on (China time) are scored under the version') });
const WhatIfBody = z.strictObject({ period: Period });
const WhatIfRow = z.object({
  id: z.string(), partyKind: PartyKind, partyId: z.string(), name: z.string(),
  currentTotal: z.number().nullable(), currentRank: z.number().nullable(), draftTotal: z.number().nullable(), draftRank: z.number().nullable(),
  movement: z.number().nullable().describe('Places moved up under the evaluated version (negative: down)'),
});
const WhatIf = z.object({
  period: z.string(), version: z.string(), current: z.enum(['closed', 'provisional']).describe('closed: the frozen results; provisional: the lines stored so far'),
  currentRuleSetVersion: z.string(), rows: z.array(WhatIfRow),
});

/** Assessment rule sets (对标考核细则): managers write drafts, preview them over a past month, and publish them. */
export function assessmentRuleSetRoutes({ pool }: { pool: pg.Pool }): RouteDef[] {
  const manager = { roles: ['manager'], scope: 'none' } as const;
  const ruleSets = ruleSetLifecycle('assessment', { pool });
  const ok = valueOrProblem('assessment');
  // The document's fields sit beside the metadata, so a form edits the record as it came and sends it back.
  const wire = (r: RuleSetView<AssessmentRuleSetDocument>) => ({ ...ruleSetEnvelope(r), name: r.document.name, auditWeight: r.document.auditWeight, items: r.document.items });
  return [
    defineRoute({
      method: 'get',
      path: '/assessment-rule-sets',
      summary: 'Assessment rule sets: drafts first, then published versions by effective date, newest first',
      tag: 'assessment',
      policy: manager,
      response: { status: 200, schema: z.array(RuleSetRecord), description: 'Rule sets' },
      async handler({ res }) {
        const rows = (await ruleSets.list()).map(wire);
        sendList(res, 'assessment-rule-sets', 0, rows, rows.length);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/assessment-rule-sets/:version',
      summary: 'One assessment rule set',
      tag: 'assessment',
      policy: manager,
      params: VersionParams,
      response: { status: 200, schema: RuleSetRecord, description: 'The rule set' },
      async handler({ req, res, params }) {
        res.json(wire(ok(await ruleSets.get(params.version), detailLanguage(req))));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/assessment-rule-sets',
      summary: 'Store a new version as a draft (validated field by field)',
      tag: 'assessment',
      policy: manager,
      body: AssessmentRuleSetDocument,
      response: { status: 201, schema: RuleSetRecord, description: 'The draft' },
      async handler({ req, res, principal, body }) {
        const r = ok(await ruleSets.createDraft(body.version, { document: body }, principal.username), detailLanguage(req));
        res.status(201).location(`/api/assessment-rule-sets/${encodeURIComponent(r.version)}`).json(wire(r));
      },
    }),
    defineRoute({
      method: 'put',
      path: '/assessment-rule-sets/:version',
      summary: 'Replace a draft; a published version is frozen (409)',
      tag: 'assessment',
      policy: manager,
      params: VersionParams,
      // The whole record as read is accepted back: the document's fields are validated, the metadata is ignored.
      body: AssessmentRuleSetDocument.partial({ version: true }).loose(),
      response: { status: 200, schema: RuleSetRecord, description: 'The draft' },
      async handler({ req, res, principal, params, body }) {
        const doc = { version: body.version ?? params.version, name: body.name, auditWeight: body.auditWeight, items: body.items };
        if (doc.version !== params.version) throw codedProblem(400, 'Invalid request', 'rule-set.version-fixed', { version: params.version }, detailLanguage(req), { errors: [{ path: 'version', message: `must stay ${params.version}` }] });
        res.json(wire(ok(await ruleSets.updateDraft(params.version, { document: doc }, principal.username), detailLanguage(req))));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/assessment-rule-sets/:version/publish',
      summary: 'Publish a draft from a future date on: cases closing from then are scored under it; it can no longer change',
      tag: 'assessment',
      policy: manager,
      params: VersionParams,
      body: PublishBody,
      response: { status: 200, schema: RuleSetRecord, description: 'The published rule set' },
      async handler({ req, res, principal, params, body }) {
        res.json(wire(ok(await ruleSets.publish(params.version, body.effectiveFrom, principal.username), detailLanguage(req))));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/assessment-rule-sets/:version/what-if',
      summary: 'Re-score a month under this version and compare each party\'s rank with the current one (nothing is stored)',
      tag: 'assessment',
      policy: { roles: ['manager'], scope: 'org' },
      params: VersionParams,
      body: WhatIfBody,
      response: { status: 200, schema: WhatIf, description: 'Both rankings and each party\'s movement, inside the caller\'s org unit' },
      async handler({ req, res, principal, params, body }) {
        const rs = ok(await ruleSets.get(params.version), detailLanguage(req));
        await requireRankable(pool, body.period);
        const current = await periodStandings(pool, body.period);
        const draft = await rescoredTotals(pool, rs.document, periodBounds(body.period));
        // Ranks are company-wide (as frozen at period close); the caller sees the parties inside its unit.
        const moves = compareRankings(current.rows, draft);
        const info = await partyInfo(pool, moves);
        const rows = moves
          .map((m) => ({ ...m, id: `${m.partyKind}:${m.partyId}`, info: info.get(`${m.partyKind}:${m.partyId}`) }))
          .filter((m) => m.info && orgWithin(m.info.orgUnitId, principal.orgUnit))
          .map(({ info: i, ...m }) => ({ ...m, name: i!.name }));
        res.json({ period: body.period, version: rs.version, current: current.closed ? 'closed' : 'provisional', currentRuleSetVersion: current.ruleSetVersion, rows });
      },
    }),
  ];
}

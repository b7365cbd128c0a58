import { z } from 'zod';
import type pg from 'pg';
import { IsoDate } from '../../domain/case';
import { CasePolicy } from '../../domain/casePolicy';
import { CasePolicyRules, checkCasePolicyRules } from '../../domain/casePolicyRules';
import { casePolicies, type CasePolicyVersion } from '../../services/casePolicies/casePolicies';
import type { RuleSetView } from '../../services/ruleSets/lifecycle';
import { ruleSetEnvelope, valueOrProblem } from '../ruleSetHttp';
import { defineRoute, type RouteDef } from '../../http/route';
import { sendList } from '../../http/raList';
import { codedProblem, detailLanguage } from '../../http/problem';

const Version = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, dot, dash, underscore; at most 64');
const VersionParams = z.strictObject({ version: Version });
const Standing = z.enum(['in_force', 'scheduled', 'draft', 'superseded']);
const Record = z.object({
  id: z.string(), version: z.string(), status: z.enum(['draft', 'published']),
  effectiveFrom: z.string().nullable().describe('China-calendar day a published version is in force from (cases opened from that day on)'),
  createdBy: z.string().nullable(), createdAt: z.string(), updatedBy: z.string().nullable(), updatedAt: z.string(),
  publishedBy: z.string().nullable(), publishedAt: z.string().nullable(),
  inForce: z.boolean().describe('The version cases opened now start under'),
  standing: Standing.describe('in_force; scheduled (published from a later day); draft; superseded'),
  cases: z.number().int().nullable().describe('Cases inside the caller\'s org unit that run under this version (null on answers to a change)'),
  deadlines: CasePolicy.shape.deadlines, escalation: CasePolicy.shape.escalation, evidence: CasePolicy.shape.evidence,
});
const CreateBody = z.strictObject({
  version: Version,
  basedOn: Version.optional().describe('The version the draft copies; default: the version in force now'),
});
const PublishBody = z.strictObject({ effectiveFrom: IsoDate.describe('Today or later (China calendar): cases opened from this day on run under the version') });

const READERS = ['station_lead', 'supervisor', 'manager'] as const;
const MANAGER = { roles: ['manager'], scope: 'none' } as const;

/**
 * Case policies (时限与取证规则) as versioned data on the rule sets' lifecycle: managers copy the version in force into a
 * draft, edit its deadlines, escalation and evidence rules, and publish it from a day; supervisors and station leads
 * read them. A case keeps the version it was opened under. Not for admins: the list counts cases.
 */
export function casePolicyRoutes({ pool }: { pool: pg.Pool }): RouteDef[] {
  const policies = casePolicies({ pool });
  const ok = valueOrProblem('case-policy');
  const wire = (r: RuleSetView<CasePolicy> & Partial<Pick<CasePolicyVersion, 'standing' | 'cases'>>) => ({
    ...ruleSetEnvelope(r),
    standing: r.standing ?? (r.status === 'draft' ? 'draft' : r.inForce ? 'in_force' : 'scheduled'),
    cases: r.cases ?? null,
    deadlines: r.document.deadlines, escalation: r.document.escalation, evidence: r.document.evidence,
  });

  return [
    defineRoute({
      method: 'get',
      path: '/case-policies',
      summary: 'Case-policy versions: drafts first, then published ones by effective date, newest first; which is in force, and how many cases (inside the caller\'s unit) run under each',
      tag: 'case-policies',
      policy: { roles: READERS, scope: 'org' },
      response: { status: 200, schema: z.array(Record), description: 'Versions' },
      async handler({ res, principal }) {
        const rows = (await policies.list(principal.orgUnit)).map(wire);
        sendList(res, 'case-policies', 0, rows, rows.length);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/case-policies/:version',
      summary: 'One case-policy version, with the cases (inside the caller\'s unit) that run under it',
      tag: 'case-policies',
      policy: { roles: READERS, scope: 'org' },
      params: VersionParams,
      response: { status: 200, schema: Record, description: 'The version' },
      async handler({ req, res, params, principal }) {
        res.json(wire(ok(await policies.get(params.version, principal.orgUnit), detailLanguage(req))));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/case-policies',
      summary: 'A new draft, a copy of the version in force (or of `basedOn`); versions are never overwritten',
      tag: 'case-policies',
      policy: MANAGER,
      body: CreateBody,
      response: { status: 201, schema: Record, description: 'The draft' },
      async handler({ req, res, principal, body }) {
        const out = await policies.createDraft(body.version, body.basedOn, principal.username);
        if (!out.ok && out.refusal.reason === 'missing') {
          throw codedProblem(422, 'Unknown version', body.basedOn ? 'rule-set.copy-unknown' : 'rule-set.copy-none-in-force', body.basedOn ? { version: body.basedOn } : {}, detailLanguage(req), {
            errors: [{ path: 'basedOn', message: 'no such version' }], type: 'urn:jicha:rule-set:missing',
          });
        }
        const r = ok(out, detailLanguage(req));
        res.status(201).location(`/api/case-policies/${encodeURIComponent(r.version)}`).json(wire(r));
      },
    }),
    defineRoute({
      method: 'put',
      path: '/case-policies/:version',
      summary: 'Edit a draft\'s deadlines, escalation and evidence rules; 422 with a code per refused field; a published version answers 409',
      tag: 'case-policies',
      policy: MANAGER,
      params: VersionParams,
      // Parsed here rather than by the route: a refused field is a 422 with its message code, in the caller's language.
      requestBody: { content: { 'application/json': CasePolicyRules } },
      response: { status: 200, schema: Record, description: 'The draft as stored' },
      async handler({ req, res, principal, params }) {
        const lang = detailLanguage(req);
        const checked = checkCasePolicyRules(req.body, lang);
        if (!checked.ok) throw codedProblem(422, 'Invalid case policy', 'case-policy.invalid', {}, lang, { errors: checked.errors, type: 'urn:jicha:case-policy:invalid' });
        res.json(wire(ok(await policies.updateDraft(params.version, checked.rules, principal.username), detailLanguage(req))));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/case-policies/:version/publish',
      summary: 'Publish a draft from an effective date (today or later, China calendar): cases opened from that day on run under it; it is frozen afterwards',
      tag: 'case-policies',
      policy: MANAGER,
      params: VersionParams,
      body: PublishBody,
      response: { status: 200, schema: Record, description: 'The published version' },
      async handler({ req, res, principal, params, body }) {
        res.json(wire(ok(await policies.publish(params.version, body.effectiveFrom, principal.username), detailLanguage(req))));
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/case-policies/:version',
      summary: 'Discard a draft; a published version answers 409 (cases name it)',
      tag: 'case-policies',
      policy: MANAGER,
      params: VersionParams,
      response: { status: 200, schema: z.object({ id: z.string(), version: z.string() }), description: 'The discarded draft' },
      async handler({ req, res, params }) {
        const r = ok(await policies.deleteDraft(params.version), detailLanguage(req));
        res.json({ id: r.version, version: r.version });
      },
    }),
  ];
}

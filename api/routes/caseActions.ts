import { z } from 'zod';
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import { CASE_ACTIONS, IssueRectificationInput, type CaseActionName } from '../../domain/inspectionCaseContract';
import { PenaltyComputation } from '../../domain/penalty';
import { previewOrder } from '../../services/cases/moneySteps';
import type { Principal } from '../../domain/roles';
import { InspectionCaseState } from '../../domain/caseStateSchemas';
import { CaseLogEntry, caseActionResult } from '../../domain/caseSchemas';
import { caseInScope } from '../../services/access/caseAccess';
import { caseLiveState, listCaseEvents, submitFindings, takeCaseStep } from '../../services/cases/caseSteps';
import { codedProblem, detailLanguage } from '../../http/problem';
import type { Lang } from '../../domain/text';
import { defineRoute, type RouteDef } from '../../http/route';

// Evidence is attached only by the server's upload-confirm step, which checks the stored object's size and SHA-256;
// a client must never be able to claim `verified` itself.
type BackOfficeAction = Exclude<CaseActionName, 'evidence'>;
const ACTION_NAMES = (Object.keys(CASE_ACTIONS) as CaseActionName[]).filter((a): a is BackOfficeAction => a !== 'evidence');
const IdParams = z.strictObject({ id: z.uuid('must be a case id (UUID)') });
const CASE_ROLES = ['inspector', 'station_lead', 'supervisor', 'manager'] as const;
/** Who may read a case's live state and log: the case roles, and admins (the engine's operators, #16) who take no step. */
const CASE_READERS = [...CASE_ROLES, 'admin'] as const;

/** Who the workflow's validator lets take each step (it decides; a refusal is 403/409/422 problem+json). */
const ACTION_SUMMARIES: Record<BackOfficeAction, string> = {
  assign: 'Offer the field step to an inspector of the customer\'s station (station lead, supervisor; until it is accepted)',
  accept: 'Accept the assignment (the assigned inspector)',
  decline: 'Decline the assignment with a reason (the assigned inspector); the case is offered to the next inspector',
  'check-in': 'Check in on site with a GPS fix (the assigned inspector); answers the recorded check-in with its distance and geofence result',
  findings: 'Submit the field findings (the assigned inspector); the server judges the visit\'s proof of presence: a weak verdict or incomplete evidence is refused without a justification (422 case-step:PresenceWeak with the reasons), and with one the case goes to a supervisor\'s review',
  rectification: 'Issue the rectification order (the inspector who confirmed the problem, a station lead or a supervisor); tariff categories must be in the catalogue (422 rectification.unknown-tariff), penalty choices within the rule in force on the detection day (422 penalty.*); a wrong tariff given by categories is priced from the catalogue',
  'rectification-report': 'Report the rectification done (the order\'s owner, or a supervisor): the amount collected of the computed total (collectedYuan, with receiptNo when > 0); a typed amountRecoveredYuan is refused (422 rectification.amount-typed)',
  verify: 'Verify the rectification (supervisor): pass moves the case to assessment (a collected amount other than the computed total must be confirmed: confirmCollectedYuan); reject (with a reason) sends it back with a new deadline',
  dismiss: 'Dismiss the case with a reason (supervisor)',
  cancel: 'Cancel the case with a reason (supervisor, manager)',
  reassign: 'Hand the field step (to an inspector) or the rectification (to a station lead) to someone else (station lead, supervisor)',
  note: 'Add a note to an open case (any case role)',
  review: 'Decide the review of a field visit put on review (疑似虚假工单; supervisor, manager): clear it, or return the case to field evidence for the same inspector',
};

type Step = Omit<RouteDef<Record<string, unknown>, unknown, { id: string; action: CaseActionName }>, 'method' | 'path' | 'summary' | 'params' | 'body' | 'response'>;

/**
 * One route per step, POST /cases/:id/actions/<action>, each with the step's own body and answer schema (so a
 * generated client types every step), all served by one handler that gets the step's name in `params.action`.
 */
function perAction(step: Step): RouteDef[] {
  return ACTION_NAMES.map((action) => defineRoute<Record<string, unknown>, unknown, { id: string }>({
    ...step,
    method: 'post',
    path: `/cases/:id/actions/${action}`,
    summary: ACTION_SUMMARIES[action],
    params: IdParams,
    body: CASE_ACTIONS[action].input as unknown as z.ZodType<Record<string, unknown>>,
    response: { status: 200, schema: caseActionResult(action), description: action === 'check-in' ? 'The recorded check-in' : 'The case\'s live state after the step' },
    handler: (ctx) => step.handler({ ...ctx, params: { ...ctx.params, action } }),
  }));
}

export function caseActionRoutes({ pool, temporal }: { pool: pg.Pool; temporal: Client }): RouteDef[] {
  const inScope = (id: string, principal: Principal) => caseInScope(pool, id, principal);
  // An imported case (历史导入) has no workflow to query or to take a step in.
  const withWorkflow = async (id: string, principal: Principal, lang: Lang) => {
    const row = await inScope(id, principal);
    if (row.imported) throw codedProblem(409, 'Conflict', 'case.imported', {}, lang);
    return row;
  };
  return [
    ...perAction({
      tag: 'cases',
      policy: { roles: CASE_ROLES, scope: 'org' },
      async handler({ req, res, principal, params, body }) {
        const row = await withWorkflow(params.id, principal, detailLanguage(req));
        // findings carry the server's presence verdict (one path for both APIs: services/cases/caseSteps.ts)
        res.json(params.action === 'findings'
          ? await submitFindings({ pool, temporal }, principal, row, body, detailLanguage(req))
          : await takeCaseStep({ pool, temporal }, principal, row, params.action, body, detailLanguage(req)));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/cases/:id/rectification-preview',
      summary: 'The amounts a rectification order would come to, before it is issued (the issue dialog\'s calculator): the same catalogue prices, rule-set checks (422 rectification.*, penalty.*) and computation as issuing; nothing is stored',
      tag: 'cases',
      policy: { roles: CASE_ROLES, scope: 'org' },
      params: IdParams,
      body: IssueRectificationInput,
      response: {
        status: 200,
        schema: z.object({ computations: z.array(PenaltyComputation), totalYuan: z.number() }),
        description: 'One computation per back-billing/penalty action (amounts, formula code and figures, rule set version and source) and their total',
      },
      async handler({ req, res, principal, params, body }) {
        const row = await inScope(params.id, principal);
        res.json(await previewOrder(pool, row.orgUnitId, body, detailLanguage(req)));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/cases/:id/live',
      summary: 'The case workflow\'s live state (Query): stage, deadlines, escalation tier, pending actor',
      tag: 'cases',
      policy: { roles: CASE_READERS, scope: 'org' },
      params: IdParams,
      response: { status: 200, schema: InspectionCaseState, description: 'Live state' },
      async handler({ req, res, principal, params }) {
        const row = await withWorkflow(params.id, principal, detailLanguage(req));
        res.json(await caseLiveState(temporal, row.workflowId));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/cases/:id/events',
      summary: 'The case log (append-only, hash-chained): the stage timeline',
      tag: 'cases',
      policy: { roles: CASE_READERS, scope: 'org' },
      params: IdParams,
      response: { status: 200, schema: z.array(CaseLogEntry), description: 'Events in order' },
      async handler({ res, principal, params }) {
        await inScope(params.id, principal);
        res.json(await listCaseEvents(pool, params.id));
      },
    }),
  ];
}

import crypto from 'node:crypto';
import { z } from 'zod';
import { WorkflowExecutionAlreadyStartedError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type pg from 'pg';
import { CampaignDefinition, CampaignPreview, CampaignRecord, CampaignStatus } from '../../domain/campaign';
import { CAMPAIGN_WORKFLOW, campaignWorkflowId, pauseUpdate, progressQuery, resumeUpdate, type CampaignInput, type CampaignProgress } from '../../domain/campaignContract';
import { prepareRuleSet, selectRules, type JudgementRuleSet } from '../../domain/judgementRules';
import { DEFAULT_JUDGEMENT_RULE_SET } from '../../domain/defaultJudgementRules';
import { lastClosedMonth } from '../../domain/billingMonths';
import { orgWithin, type Principal } from '../../domain/roles';
import { ruleSetLifecycle } from '../../services/ruleSets/lifecycle';
import { getCampaign, insertCampaign, listCampaigns, previewSelection, type Campaign } from '../../db/campaigns';
import { createBuiltinConnector } from '../../db/upstream/builtinConnector';
import { defineRoute, jsonParam, type RouteDef } from '../../http/route';
import { raRange, sendList } from '../../http/raList';
import { Problem } from '../../http/problem';

export interface CampaignRouteDeps {
  pool: pg.Pool;
  temporal: Client;
  taskQueue: string;
}

const Progress = z.object({
  campaignId: z.string(), phase: z.enum(['selecting', 'creating', 'completed']), paused: z.boolean(),
  matched: z.number().nullable(), selected: z.number(), created: z.number(), failed: z.number(),
});
const CampaignWithProgress = CampaignRecord.extend({ progress: Progress.nullable().describe('Live, from the campaign workflow, while it runs') });
const IdParams = z.strictObject({ id: z.uuid('must be a campaign id (UUID)') });
const Selection = z.object({
  accountNo: z.string(), customerName: z.string(), stationId: z.string(), rank: z.number(), score: z.number(), reasons: z.array(z.string()),
  status: z.enum(['pending', 'created', 'failed']), caseId: z.string().nullable(), error: z.string().nullable(),
});

/** What a definition means against the rule set in force: the campaign's rules and threshold, or field errors. */
async function resolveDefinition(pool: pg.Pool, principal: Principal, def: CampaignDefinition): Promise<{ base: JudgementRuleSet; ruleSet: JudgementRuleSet; minScore: number }> {
  const outside = def.scope.filter((s) => !orgWithin(s, principal.orgUnit));
  const known = new Set((await pool.query<{ id: string }>('select id from org_units where id = any($1)', [def.scope])).rows.map((r) => r.id));
  const errors = [
    ...def.scope.flatMap((s, i) => (!known.has(s) ? [{ path: `scope.${i}`, message: 'no such org unit' }] : [])),
    ...def.scope.flatMap((s, i) => (known.has(s) && outside.includes(s) ? [{ path: `scope.${i}`, message: `outside your org unit ${principal.orgUnit}` }] : [])),
  ];
  const base = (await ruleSetLifecycle('judgement', { pool }).inForceAt(new Date()))?.document ?? DEFAULT_JUDGEMENT_RULE_SET;
  const chosen = selectRules(base, def.rules, base.version);
  if (!chosen.ok) errors.push(...chosen.errors);
  if (errors.length || !chosen.ok) throw new Problem(422, 'Invalid campaign', 'The campaign definition does not fit the org tree or the active rule set.', errors);
  return { base, ruleSet: chosen.ruleSet, minScore: def.minScore ?? base.campaignMinScore };
}

function toRecord(c: Campaign, progress: CampaignProgress | null): z.infer<typeof CampaignWithProgress> {
  const { ruleSet: _rs, ...rest } = c;
  return { ...rest, progress };
}

export function campaignRoutes({ pool, temporal, taskQueue }: CampaignRouteDeps): RouteDef[] {
  const connector = createBuiltinConnector(pool);

  async function live(c: Campaign): Promise<CampaignProgress | null> {
    if (c.status !== 'running' && c.status !== 'paused') return null;
    return temporal.workflow.getHandle(campaignWorkflowId(c.id)).query(progressQuery).catch(() => null);
  }

  async function visible(id: string, principal: Principal): Promise<Campaign> {
    const c = await getCampaign(pool, id, principal.orgUnit);
    if (!c) throw new Problem(404, 'Not found', `No campaign ${id} in your org unit.`);
    return c;
  }

  /** Pause and resume are Updates: the workflow's validator answers at once (e.g. a completed campaign). */
  async function control(id: string, principal: Principal, update: typeof pauseUpdate): Promise<CampaignProgress> {
    const c = await visible(id, principal);
    if (c.status === 'draft') throw new Problem(409, 'Conflict', 'The campaign has not been run yet.');
    try {
      return await temporal.workflow.getHandle(campaignWorkflowId(c.id)).executeUpdate(update);
    } catch (e) {
      if (e instanceof WorkflowUpdateFailedError) throw new Problem(409, 'Conflict', e.cause?.message ?? e.message);
      if ((e as Error).name === 'WorkflowNotFoundError' || /completed|not found/i.test((e as Error).message)) throw new Problem(409, 'Conflict', 'The campaign has completed.');
      throw e;
    }
  }

  return [
    defineRoute({
      method: 'get',
      path: '/campaigns',
      summary: 'Special audits (专项稽查) whose scope overlaps the caller\'s org unit, newest first (react-admin; Content-Range header)',
      tag: 'campaigns',
      policy: { roles: ['manager', 'supervisor'], scope: 'org' },
      query: z.strictObject({ range: raRange.optional(), filter: jsonParam(z.strictObject({ status: z.union([CampaignStatus, z.array(CampaignStatus)]).optional() })).optional() }),
      response: { status: 200, schema: z.array(CampaignRecord), description: 'Campaigns' },
      async handler({ res, principal, query }) {
        const [start, end] = query.range ?? [0, 24];
        const status = query.filter?.status;
        const { rows, total } = await listCampaigns(pool, principal.orgUnit, status === undefined ? undefined : Array.isArray(status) ? status : [status], [start, end]);
        sendList(res, 'campaigns', start, rows.map((c) => toRecord(c, null)), total);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/campaigns/preview',
      summary: 'How many customers a campaign definition would select (nothing is stored)',
      tag: 'campaigns',
      policy: { roles: ['manager'], scope: 'org' },
      body: CampaignDefinition,
      response: { status: 200, schema: CampaignPreview, description: 'Matched customers, cases it would open, matches per rule' },
      async handler({ res, principal, body }) {
        const { base, ruleSet, minScore } = await resolveDefinition(pool, principal, body);
        const asOfMonth = body.asOfMonth ?? (await connector.latestBillingMonth()) ?? lastClosedMonth(new Date());
        const { matched, byRule } = await previewSelection(pool, prepareRuleSet(ruleSet, asOfMonth), body.scope, minScore);
        res.json({ asOfMonth, ruleSetVersion: base.version, minScore, matched, wouldCreate: Math.min(matched, body.caseCap), byRule });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/campaigns',
      summary: 'Define a campaign (draft): scope, rules and thresholds of the active rule set, case cap, deadlines',
      tag: 'campaigns',
      policy: { roles: ['manager'], scope: 'org' },
      body: CampaignDefinition,
      response: { status: 201, schema: CampaignWithProgress, description: 'The campaign' },
      async handler({ res, principal, body }) {
        const { base, ruleSet, minScore } = await resolveDefinition(pool, principal, body);
        const c = await insertCampaign(pool, {
          id: crypto.randomUUID(), name: body.name, theme: body.theme ?? null, scope: body.scope, orgUnitId: principal.orgUnit, ruleSet, baseVersion: base.version,
          minScore, caseCap: body.caseCap, batchSize: body.batchSize, asOfMonth: body.asOfMonth ?? null, fieldDeadline: body.fieldDeadline ?? null,
          endsOn: body.endsOn ?? null, createdBy: principal.username,
        });
        res.status(201).location(`/api/campaigns/${c.id}`).json(toRecord(c, null));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/campaigns/:id',
      summary: 'One campaign, with live progress (selected, created, failed) while its workflow runs',
      tag: 'campaigns',
      policy: { roles: ['manager', 'supervisor'], scope: 'org' },
      params: IdParams,
      response: { status: 200, schema: CampaignWithProgress, description: 'The campaign' },
      async handler({ res, principal, params }) {
        const c = await visible(params.id, principal);
        res.json(toRecord(c, await live(c)));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/campaigns/:id/selections',
      summary: 'The customers a campaign selected, best score first, with their case',
      tag: 'campaigns',
      policy: { roles: ['manager', 'supervisor'], scope: 'org' },
      params: IdParams,
      query: z.strictObject({ range: raRange.optional() }),
      response: { status: 200, schema: z.array(Selection), description: 'Selections' },
      async handler({ res, principal, params, query }) {
        const c = await visible(params.id, principal);
        const [start, end] = query.range ?? [0, 24];
        const r = await pool.query<{ account_no: string; name: string; station_id: string; rank: number; score: number; reasons: string[]; status: 'pending'; case_id: string | null; error: string | null }>(
          `select s.account_no, cu.name, cu.station_id, s.rank, s.score, s.reasons, s.status, s.case_id, s.error
             from campaign_selections s join customers cu on cu.account_no = s.account_no
            where s.campaign_id = $1 order by s.rank limit ${end - start + 1} offset ${start}`,
          [c.id],
        );
        const rows = r.rows.map((x) => ({ accountNo: x.account_no, customerName: x.name, stationId: x.station_id, rank: x.rank, score: x.score, reasons: x.reasons, status: x.status, caseId: x.case_id, error: x.error }));
        sendList(res, 'selections', start, rows, c.selected ?? 0);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/campaigns/:id/run',
      summary: 'Run a campaign: starts its workflow (select, then one case per customer); a second call finds the same run',
      tag: 'campaigns',
      policy: { roles: ['manager'], scope: 'org' },
      params: IdParams,
      response: { status: 202, schema: z.object({ id: z.uuid(), workflowId: z.string(), status: CampaignStatus }), description: 'Running' },
      async handler({ res, principal, params }) {
        const c = await visible(params.id, principal);
        if (!orgWithin(c.orgUnitId, principal.orgUnit)) throw new Problem(403, 'Forbidden', `The campaign was defined by ${c.orgUnitId}; only a manager there or above runs it.`);
        if (c.status === 'completed') throw new Problem(409, 'Conflict', 'The campaign has completed.');
        const input: CampaignInput = { campaignId: c.id, batchSize: c.batchSize };
        try {
          await temporal.workflow.start(CAMPAIGN_WORKFLOW, {
            taskQueue, workflowId: campaignWorkflowId(c.id), args: [input], workflowIdConflictPolicy: 'USE_EXISTING', workflowIdReusePolicy: 'REJECT_DUPLICATE',
          });
        } catch (e) {
          if (e instanceof WorkflowExecutionAlreadyStartedError) throw new Problem(409, 'Conflict', 'The campaign has already run.');
          throw e;
        }
        await pool.query("update campaigns set status = 'running', started_at = coalesce(started_at, now()) where id = $1 and status = 'draft'", [c.id]);
        res.status(202).location(`/api/campaigns/${c.id}`).json({ id: c.id, workflowId: campaignWorkflowId(c.id), status: c.status === 'draft' ? 'running' : c.status });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/campaigns/:id/pause',
      summary: 'Pause a running campaign: no new batch of cases starts (the one in flight finishes)',
      tag: 'campaigns',
      policy: { roles: ['manager'], scope: 'org' },
      params: IdParams,
      response: { status: 200, schema: Progress, description: 'Progress' },
      async handler({ res, principal, params }) {
        res.json(await control(params.id, principal, pauseUpdate));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/campaigns/:id/resume',
      summary: 'Resume a paused campaign',
      tag: 'campaigns',
      policy: { roles: ['manager'], scope: 'org' },
      params: IdParams,
      response: { status: 200, schema: Progress, description: 'Progress' },
      async handler({ res, principal, params }) {
        res.json(await control(params.id, principal, resumeUpdate));
      },
    }),
  ];
}

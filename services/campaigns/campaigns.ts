import crypto from 'node:crypto';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type pg from 'pg';
import type { z } from 'zod';
import type { CampaignDefinition, CampaignLaunchPreview, CampaignRecord } from '../../domain/campaign';
import { CAMPAIGN_WORKFLOW, campaignWorkflowId, pauseUpdate, progressQuery, resumeUpdate, type CampaignInput, type CampaignProgress } from '../../domain/campaignContract';
import { prepareRuleSet, selectRules, type JudgementRuleSet } from '../../domain/judgementRules';
import { DEFAULT_JUDGEMENT_RULE_SET } from '../../domain/defaultJudgementRules';
import { lastClosedMonth } from '../../domain/billingMonths';
import { orgWithin, type Principal } from '../../domain/roles';
import {
  campaignSelectionsPage, getCampaign, insertCampaign, launchSelection, listCampaigns, markCampaignRunning, prepareCampaign, previewSelection, type Campaign,
} from '../../db/campaigns';
import { knownOrgUnits } from '../../db/orgUnits';
import { codedProblem } from '../../http/problem';
import { upstreamConnector } from '../customers/upstream';
import { ruleSetLifecycle } from '../ruleSets/lifecycle';

// Special audits (专项稽查): a manager defines a campaign over part of the org tree with rules of the judgement rule
// set in force; its workflow selects the customers and opens one case each, in batches that can be paused.

export interface CampaignDeps {
  pool: pg.Pool;
  temporal: Client;
  taskQueue: string;
}

export type CampaignView = Omit<Campaign, 'ruleSet'> & { progress: CampaignProgress | null };

/** What a definition means against the rule set in force: the campaign's rules and threshold, or field errors. */
async function resolveDefinition(pool: pg.Pool, principal: Principal, def: z.infer<typeof CampaignDefinition>): Promise<{ base: JudgementRuleSet; ruleSet: JudgementRuleSet; minScore: number }> {
  const outside = def.scope.filter((s) => !orgWithin(s, principal.orgUnit));
  const known = await knownOrgUnits(pool, def.scope);
  const errors = [
    ...def.scope.flatMap((s, i) => (!known.has(s) ? [{ path: `scope.${i}`, message: 'no such org unit' }] : [])),
    ...def.scope.flatMap((s, i) => (known.has(s) && outside.includes(s) ? [{ path: `scope.${i}`, message: `outside your org unit ${principal.orgUnit}` }] : [])),
  ];
  const base = (await ruleSetLifecycle('judgement', { pool }).inForceAt(new Date()))?.document ?? DEFAULT_JUDGEMENT_RULE_SET;
  const chosen = selectRules(base, def.rules, base.version);
  if (!chosen.ok) errors.push(...chosen.errors);
  if (errors.length || !chosen.ok) throw codedProblem(422, 'Invalid campaign', 'campaign.invalid', {}, 'zh-CN', { errors });
  return { base, ruleSet: chosen.ruleSet, minScore: def.minScore ?? base.campaignMinScore };
}

export function toRecord(c: Campaign, progress: CampaignProgress | null): CampaignView {
  const { ruleSet: _rs, ...rest } = c;
  return { ...rest, progress };
}

async function live(temporal: Client, c: Campaign): Promise<CampaignProgress | null> {
  if (c.status !== 'running' && c.status !== 'paused') return null;
  return temporal.workflow.getHandle(campaignWorkflowId(c.id)).query(progressQuery).catch(() => null);
}

/** A campaign whose scope overlaps the caller's org unit, else 404. */
export async function visibleCampaign(pool: pg.Pool, id: string, principal: Principal): Promise<Campaign> {
  const c = await getCampaign(pool, id, principal.orgUnit);
  if (!c) throw codedProblem(404, 'Not found', 'campaign.not-visible', { id }, 'zh-CN');
  return c;
}

/** Pause and resume are Updates: the workflow's validator answers at once (e.g. a completed campaign). */
async function control(d: CampaignDeps, id: string, principal: Principal, update: typeof pauseUpdate): Promise<CampaignProgress> {
  const c = await visibleCampaign(d.pool, id, principal);
  if (c.status === 'draft') throw codedProblem(409, 'Conflict', 'campaign.not-run', {}, 'zh-CN');
  try {
    return await d.temporal.workflow.getHandle(campaignWorkflowId(c.id)).executeUpdate(update);
  } catch (e) {
    if (e instanceof WorkflowUpdateFailedError) {
      const completed = e.cause instanceof ApplicationFailure && e.cause.type === 'CampaignCompleted';
      throw completed ? codedProblem(409, 'Conflict', 'campaign.completed', {}, 'zh-CN') : codedProblem(409, 'Conflict', 'campaign.control-refused', { reason: e.cause?.message ?? e.message }, 'zh-CN');
    }
    if ((e as Error).name === 'WorkflowNotFoundError' || /completed|not found/i.test((e as Error).message)) throw codedProblem(409, 'Conflict', 'campaign.completed', {}, 'zh-CN');
    throw e;
  }
}

export async function campaignList(pool: pg.Pool, principal: Principal, status: string[] | undefined, range: [number, number]) {
  const { rows, total } = await listCampaigns(pool, principal.orgUnit, status, range);
  return { rows: rows.map((c) => toRecord(c, null)), total };
}

/** How many customers a definition would select now; nothing is stored. */
export async function previewCampaign(pool: pg.Pool, principal: Principal, def: z.infer<typeof CampaignDefinition>) {
  const { base, ruleSet, minScore } = await resolveDefinition(pool, principal, def);
  const asOfMonth = def.asOfMonth ?? (await upstreamConnector(pool).latestBillingMonth()) ?? lastClosedMonth(new Date());
  const { matched, withOpenCase, byRule } = await previewSelection(pool, prepareRuleSet(ruleSet, asOfMonth), def.scope, minScore, def.minExpectedRate);
  return { asOfMonth, ruleSetVersion: base.version, minScore, matched, withOpenCase, wouldCreate: Math.min(matched, def.caseCap), byRule };
}

/**
 * What running a stored draft would do now, with the draft's own rule set and threshold (not the set in force, so it
 * matches the run): matches, the top caseCap the run selects, how many of those already have an open case.
 */
export async function previewDraft(pool: pg.Pool, principal: Principal, id: string): Promise<CampaignLaunchPreview> {
  const c = await visibleCampaign(pool, id, principal);
  if (c.status !== 'draft') throw codedProblem(409, 'Conflict', 'campaign.already-run', {}, 'zh-CN');
  const asOfMonth = c.asOfMonth ?? (await upstreamConnector(pool).latestBillingMonth()) ?? lastClosedMonth(new Date());
  const prepared = prepareCampaign(c, asOfMonth);
  const { matched, withOpenCase, byRule } = await previewSelection(pool, prepared, c.scope, c.minScore, c.minExpectedRate);
  const { selected, skipped } = await launchSelection(pool, prepared, c.scope, c.minScore, c.caseCap, c.minExpectedRate);
  return {
    asOfMonth, ruleSetVersion: c.ruleSetVersion, minScore: c.minScore, matched, withOpenCase, wouldCreate: Math.min(matched, c.caseCap), byRule,
    selected, skipped, wouldOpen: selected - skipped, computedAt: new Date().toISOString(),
  };
}

/** Stores a draft campaign defined by the caller's unit. */
export async function createCampaign(pool: pg.Pool, principal: Principal, def: z.infer<typeof CampaignDefinition>): Promise<CampaignView> {
  const { base, ruleSet, minScore } = await resolveDefinition(pool, principal, def);
  const c = await insertCampaign(pool, {
    id: crypto.randomUUID(), name: def.name, theme: def.theme ?? null, scope: def.scope, orgUnitId: principal.orgUnit, ruleSet, baseVersion: base.version,
    minScore, minExpectedRate: def.minExpectedRate ?? null, caseCap: def.caseCap, batchSize: def.batchSize, asOfMonth: def.asOfMonth ?? null, fieldDeadline: def.fieldDeadline ?? null,
    endsOn: def.endsOn ?? null, createdBy: principal.username,
  });
  return toRecord(c, null);
}

/** One campaign with its live progress while its workflow runs. */
export async function campaignView(d: CampaignDeps, principal: Principal, id: string): Promise<CampaignView> {
  const c = await visibleCampaign(d.pool, id, principal);
  return toRecord(c, await live(d.temporal, c));
}

export async function campaignSelections(pool: pg.Pool, principal: Principal, id: string, range: [number, number]) {
  const c = await visibleCampaign(pool, id, principal);
  return { rows: await campaignSelectionsPage(pool, c.id, range), total: c.selected ?? 0 };
}

/** Starts the campaign's workflow (once): only a manager of the defining unit or above runs it. */
export async function runCampaign(d: CampaignDeps, principal: Principal, id: string): Promise<{ id: string; workflowId: string; status: z.infer<typeof CampaignRecord>['status'] }> {
  const c = await visibleCampaign(d.pool, id, principal);
  if (!orgWithin(c.orgUnitId, principal.orgUnit)) throw codedProblem(403, 'Forbidden', 'campaign.run-elsewhere', { org: c.orgUnitId }, 'zh-CN');
  if (c.status === 'completed') throw codedProblem(409, 'Conflict', 'campaign.completed', {}, 'zh-CN');
  const input: CampaignInput = { campaignId: c.id, batchSize: c.batchSize };
  try {
    await d.temporal.workflow.start(CAMPAIGN_WORKFLOW, {
      taskQueue: d.taskQueue, workflowId: campaignWorkflowId(c.id), args: [input], workflowIdConflictPolicy: 'USE_EXISTING', workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (e) {
    if (e instanceof WorkflowExecutionAlreadyStartedError) throw codedProblem(409, 'Conflict', 'campaign.already-run', {}, 'zh-CN');
    throw e;
  }
  await markCampaignRunning(d.pool, c.id);
  return { id: c.id, workflowId: campaignWorkflowId(c.id), status: c.status === 'draft' ? 'running' : c.status };
}

export const pauseCampaign = (d: CampaignDeps, principal: Principal, id: string) => control(d, id, principal, pauseUpdate);
export const resumeCampaign = (d: CampaignDeps, principal: Principal, id: string) => control(d, id, principal, resumeUpdate);

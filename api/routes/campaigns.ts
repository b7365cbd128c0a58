import { z } from 'zod';
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import { CampaignDefinition, CampaignLaunchPreview, CampaignPreview, CampaignRecord, CampaignStatus } from '../../domain/campaign';
import {
  campaignList, campaignSelections, campaignView, createCampaign, pauseCampaign, previewCampaign, previewDraft, resumeCampaign, runCampaign,
} from '../../services/campaigns/campaigns';
import { defineRoute, jsonParam, type RouteDef } from '../../http/route';
import { raRange, sendList } from '../../http/raList';

export interface CampaignRouteDeps {
  pool: pg.Pool;
  temporal: Client;
  taskQueue: string;
}

const Progress = z.object({
  campaignId: z.string(), phase: z.enum(['selecting', 'creating', 'completed']), paused: z.boolean(),
  matched: z.number().nullable(), selected: z.number(), created: z.number(), failed: z.number(), skipped: z.number().optional(),
});
const CampaignWithProgress = CampaignRecord.extend({ progress: Progress.nullable().describe('Live, from the campaign workflow, while it runs') });
const IdParams = z.strictObject({ id: z.uuid('must be a campaign id (UUID)') });
const Selection = z.object({
  accountNo: z.string(), customerName: z.string(), stationId: z.string(), rank: z.number(), score: z.number(), reasons: z.array(z.string()),
  status: z.enum(['pending', 'created', 'failed', 'skipped']), caseId: z.string().nullable(),
  existingCaseId: z.string().nullable().describe('skipped: the customer\'s open case that was there first'), error: z.string().nullable(),
});

export function campaignRoutes({ pool, temporal, taskQueue }: CampaignRouteDeps): RouteDef[] {
  const d = { pool, temporal, taskQueue };
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
        const { rows, total } = await campaignList(pool, principal, status === undefined ? undefined : Array.isArray(status) ? status : [status], [start, end]);
        sendList(res, 'campaigns', start, rows, total);
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
        res.json(await previewCampaign(pool, principal, body));
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
        const c = await createCampaign(pool, principal, body);
        res.status(201).location(`/api/campaigns/${c.id}`).json(c);
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
        res.json(await campaignView(d, principal, params.id));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/campaigns/:id/preview',
      summary: 'What running a draft would do now (recomputed, nothing stored): matches, the customers it would select, how many of them already have an open case (skipped) and the cases it would open',
      tag: 'campaigns',
      policy: { roles: ['manager'], scope: 'org' },
      params: IdParams,
      response: { status: 200, schema: CampaignLaunchPreview, description: 'The draft\'s preview' },
      async handler({ res, principal, params }) {
        res.json(await previewDraft(pool, principal, params.id));
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
        const [start, end] = query.range ?? [0, 24];
        const { rows, total } = await campaignSelections(pool, principal, params.id, [start, end]);
        sendList(res, 'selections', start, rows, total);
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
        const run = await runCampaign(d, principal, params.id);
        res.status(202).location(`/api/campaigns/${run.id}`).json(run);
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
        res.json(await pauseCampaign(d, principal, params.id));
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
        res.json(await resumeCampaign(d, principal, params.id));
      },
    }),
  ];
}

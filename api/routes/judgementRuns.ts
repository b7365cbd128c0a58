import { z } from 'zod';
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import { AccountNo } from '../../domain/case';
import { Month, OrgUnitId } from '../../domain/customerData';
import { AREA_TYPES } from '../../domain/lineLossRules';
import { addMonths } from '../../domain/billingMonths';
import { orgWithin } from '../../domain/roles';
import {
  campaignPreviewCustomers, judgementRunList, storedCustomerJudgement, triggerJudgementRun,
} from '../../services/judgementRuns/judgementRuns';
import { areaLosses, calibrationComparison } from '../../services/judgementRuns/lineLossViews';
import { upstreamConnector } from '../../services/customers/upstream';
import { defineRoute, jsonParam, type RouteDef } from '../../http/route';
import { raRange, sendList } from '../../http/raList';
import { codedProblem, detailLanguage } from '../../http/problem';

// The stored daily judgement run, what reads it (customer 360, campaign preview pages), station-area line loss and
// the expected against actual confirmation rates (#21).

const CASE_ROLES = ['inspector', 'station_lead', 'supervisor', 'manager'] as const;

const LineLossParams = z.object({
  areaId: z.string(), areaName: z.string().nullable(), areaType: z.enum(AREA_TYPES), month: z.string(),
  lossRate: z.number().nullable().describe('(supplied − Σ billed) / supplied, a fraction'), norm: z.number().describe('The area type\'s norm, a fraction'),
  suppliedKwh: z.number().nullable(), billedKwh: z.number(),
  drop: z.number().nullable().describe('1 − the month / the customer\'s trailing baseline average'), baselineAvgKwh: z.number().nullable(), monthKwh: z.number().nullable(),
});
export const StoredReason = z.object({
  code: z.string(), family: z.string(), weight: z.number(),
  expectedRate: z.number().describe('预计查实率 of this flag for the customer\'s unit (0–1)'),
  params: LineLossParams.optional().describe('The data behind a line-loss reason'),
  explanation: z.object({ reasonCode: z.string(), params: z.record(z.string(), z.union([z.number(), z.string()])) }).optional()
    .describe('The customer 360 only: the reason\'s explanation code and figures (months compared, baseline, peers) from judging the customer under the run\'s rules and month; absent when the code no longer fires'),
});
const JudgementRun = z.object({
  id: z.number(), ruleSetVersion: z.string(), asOfMonth: z.string(), status: z.enum(['running', 'completed', 'failed']),
  customers: z.number().nullable(), flagged: z.number().nullable(), error: z.string().nullable(), triggeredBy: z.string(), startedAt: z.string(), completedAt: z.string().nullable(),
});
const StoredJudgement = z.object({
  run: JudgementRun.nullable().describe('The run read; null: no run has completed yet'),
  judgement: z.object({
    runId: z.number(), ruleSetVersion: z.string(), asOfMonth: z.string(), accountNo: z.string(), score: z.number(), families: z.array(z.string()),
    reasons: z.array(StoredReason), expectedRate: z.number(),
  }).nullable().describe('null: the run did not flag the customer'),
});
const PreviewPage = z.object({
  asOfMonth: z.string(),
  source: z.enum(['stored', 'live']).describe('stored: read from the daily run; live: judged now (the campaign\'s rules or month differ from the run\'s)'),
  runId: z.number().nullable(),
  rows: z.array(z.object({
    accountNo: z.string(), customerName: z.string(), stationId: z.string(), score: z.number(), expectedRate: z.number(), reasons: z.array(StoredReason),
    openCaseId: z.string().nullable().describe('The customer\'s open case (skipped at launch)'),
  })),
  nextCursor: z.string().nullable().describe('The next page\'s cursor; null: the last page'),
});
const AreaLoss = z.object({
  areaId: z.string(), name: z.string(), stationId: z.string(), areaType: z.enum(AREA_TYPES), month: z.string(), suppliedKwh: z.number().nullable(),
  billedKwh: z.number(), lossRate: z.number().nullable(), customers: z.number(), norm: z.number(), abnormal: z.boolean(),
});
const Comparison = z.object({
  from: z.string(), to: z.string(), unit: z.string(),
  families: z.array(z.object({
    family: z.string(), checked: z.number(), confirmed: z.number(), actualRate: z.number().nullable(), expectedRate: z.number().nullable(), withExpected: z.number(),
  })),
});

export interface JudgementRunRouteDeps {
  pool: pg.Pool;
  temporal: Client;
  taskQueue: string;
}

export function judgementRunRoutes({ pool, temporal, taskQueue }: JudgementRunRouteDeps): RouteDef[] {
  const connector = upstreamConnector(pool);
  return [
    defineRoute({
      method: 'get',
      path: '/judgement-runs',
      summary: 'Stored judgement runs (daily schedule or manual), newest first (react-admin; Content-Range header)',
      tag: 'judgement',
      policy: { roles: ['supervisor', 'manager', 'admin'], scope: 'none' },
      query: z.strictObject({ range: raRange.optional(), sort: z.string().optional().describe('Ignored: newest first'), filter: z.string().optional().describe('Ignored') }),
      response: { status: 200, schema: z.array(JudgementRun), description: 'Runs' },
      async handler({ res, query }) {
        const [start, end] = query.range ?? [0, 24];
        const { rows, total } = await judgementRunList(pool, [start, end]);
        sendList(res, 'judgement-runs', start, rows, total);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/judgement-runs',
      summary: 'Run the stored judgement now (the daily run, on demand): calibrates 预计查实率 from closed cases, judges every customer, stores the flagged ones; a second request while one runs finds the same run',
      tag: 'judgement',
      policy: { roles: ['admin'], scope: 'none' },
      body: z.strictObject({
        ruleSetVersion: z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a rule-set version').optional().describe('A stored version (e.g. a draft); default: the version in force'),
        asOfMonth: Month.optional().describe('Default: the latest closed billing month'),
      }).default({}),
      response: { status: 202, schema: z.object({ workflowId: z.string(), runId: z.string() }), description: 'Started (or already running)' },
      async handler({ req, res, principal, body }) {
        res.status(202).json(await triggerJudgementRun(pool, temporal, taskQueue, principal, body, detailLanguage(req)));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/customers/:accountNo/stored-judgement',
      summary: 'The customer\'s judgement as the latest stored daily run recorded it: score, reasons with 预计查实率 and their data (cheap: no rate limit)',
      tag: 'customers',
      policy: { roles: CASE_ROLES, scope: 'org' },
      params: z.strictObject({ accountNo: AccountNo }),
      query: z.strictObject({
        run: jsonParam(z.number().int().positive()).optional().describe('A completed run\'s id (GET /api/judgement-runs): that run instead of the latest one of the version in force'),
      }),
      response: { status: 200, schema: StoredJudgement, description: 'The stored judgement' },
      async handler({ req, res, principal, params, query }) {
        res.json(await storedCustomerJudgement(pool, connector, principal, params.accountNo, query.run, detailLanguage(req)));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/campaigns/:id/preview/customers',
      summary: 'The customers a campaign would select, best score first, with score, reasons and 预计查实率: keyset pages (cursor from the previous page\'s nextCursor), read from the stored daily run when it applies',
      tag: 'campaigns',
      policy: { roles: ['manager'], scope: 'org' },
      params: z.strictObject({ id: z.uuid('must be a campaign id (UUID)') }),
      query: z.strictObject({
        cursor: z.string().max(1000).optional().describe('Empty or absent for the first page, then nextCursor'),
        limit: jsonParam(z.number().int().min(1).max(200)).optional().describe('Rows per page (default 25)'),
      }),
      response: { status: 200, schema: PreviewPage, description: 'One page' },
      async handler({ req, res, principal, params, query }) {
        res.json(await campaignPreviewCustomers(pool, principal, params.id, query, detailLanguage(req)));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/station-areas/loss',
      summary: 'Station areas (台区) inside the caller\'s org unit (or `unit` below it) with their line-loss rate of a month against the norm of the rule set in force (the family\'s default norms while it has no line-loss rule)',
      tag: 'judgement',
      policy: { roles: ['station_lead', 'supervisor', 'manager'], scope: 'org' },
      query: z.strictObject({ month: Month, unit: OrgUnitId.optional() }),
      response: { status: 200, schema: z.array(AreaLoss), description: 'Areas, by id' },
      async handler({ req, res, principal, query }) {
        const unit = query.unit ?? principal.orgUnit;
        if (!orgWithin(unit, principal.orgUnit)) throw codedProblem(404, 'Not found', 'org.not-visible', { unit }, detailLanguage(req));
        res.json(await areaLosses(pool, unit, query.month));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/judgement-calibration',
      summary: 'Expected (预计查实率 recorded with each flag) against actual confirmation rates per judgement family, over cases closed in a period (months, Beijing time) inside the caller\'s org unit',
      tag: 'dashboard',
      policy: { roles: ['supervisor', 'manager'], scope: 'org' },
      query: z.strictObject({ from: Month, to: Month }),
      response: { status: 200, schema: Comparison, description: 'Per family' },
      async handler({ req, res, principal, query }) {
        if (query.from > query.to) throw codedProblem(400, 'Invalid request', 'period.range-reversed', { from: query.from, to: query.to }, detailLanguage(req), { errors: [{ path: 'query.from', message: 'must not be after to' }] });
        if (addMonths(query.from, 36) <= query.to) throw codedProblem(400, 'Invalid request', 'period.range-over-max', { max: 36, from: query.from, to: query.to }, detailLanguage(req), { errors: [{ path: 'query.to', message: 'at most 36 months after from' }] });
        res.json({ from: query.from, to: query.to, unit: principal.orgUnit, families: await calibrationComparison(pool, principal.orgUnit, query.from, query.to) });
      },
    }),
  ];
}

import { z } from 'zod';
import { WorkflowFailedError, type Client } from '@temporalio/client';
import type pg from 'pg';
import { Period, PartyKind, PeriodRecord, periodBounds } from '../../domain/assessmentRules';
import { orgWithin } from '../../domain/roles';
import { PeriodCloseResult } from '../../domain/periodCloseContract';
import { listPeriods, overturnConfirmation, partyBreakdown, partyInfo, periodStandings, requireRankable, startPeriodClose } from '../../services/assessment/periods';
import { defineRoute, jsonParam, type RouteDef } from '../../http/route';
import { raRange, sendList } from '../../http/raList';
import { codedProblem, detailLanguage } from '../../http/problem';

const RankingRow = z.object({
  id: z.string(), period: z.string(), partyKind: PartyKind, partyId: z.string(), name: z.string(), orgUnitId: z.string(),
  total: z.number(), caseCount: z.number(), rank: z.number(), weighted: z.number().nullable().describe('Units: total × audit weight'),
  closed: z.boolean().describe('false: provisional, the month is not closed yet'),
});
const RankingQuery = z.strictObject({
  filter: jsonParam(z.strictObject({ period: Period, partyKind: PartyKind.optional() })),
  range: raRange.optional(),
  sort: jsonParam(z.tuple([z.enum(['rank', 'total', 'name', 'caseCount']), z.enum(['ASC', 'DESC'])])).optional(),
});
const PartyParams = z.strictObject({ period: Period, kind: PartyKind, id: z.string().min(1).max(200) });
const Line = z.object({ item: z.string(), points: z.number(), reason: z.string(), ruleSetVersion: z.string() });
const Breakdown = z.object({
  period: z.string(), partyKind: PartyKind, partyId: z.string(), name: z.string(), closed: z.boolean(), total: z.number(), rank: z.number().nullable(),
  weighted: z.number().nullable(), cases: z.array(z.object({ caseId: z.string(), caseNo: z.string().nullable(), closedAt: z.string(), total: z.number(), lines: z.array(Line) })),
  monthly: z.array(Line),
});

/** Monthly assessment periods: rankings (frozen once closed), a party's breakdown down to cases, and closing a month. */
export function assessmentPeriodRoutes({ pool, temporal, taskQueue }: { pool: pg.Pool; temporal: Client; taskQueue: string }): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/assessment-periods',
      summary: 'Closed assessment months, newest first',
      tag: 'assessment',
      policy: { roles: ['manager'], scope: 'none' },
      response: { status: 200, schema: z.array(PeriodRecord), description: 'Closed periods' },
      async handler({ res }) {
        const rows = (await listPeriods(pool)).map((p) => ({ id: p.period, ...p }));
        sendList(res, 'assessment-periods', 0, rows, rows.length);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/assessment-periods/:period/close',
      summary: 'Close a month now (the monthly schedule does the same): freezes totals and rankings; closing it again changes nothing',
      tag: 'assessment',
      policy: { roles: ['manager'], scope: 'none' },
      params: z.strictObject({ period: Period }),
      response: { status: 200, schema: PeriodCloseResult, description: 'The closed period; closedNow is false when it had been closed before' },
      async handler({ req, res, principal, params }) {
        if (Date.parse(periodBounds(params.period).end) > Date.now()) throw codedProblem(422, 'Invalid period', 'period.not-ended', { period: params.period }, detailLanguage(req), { errors: [{ path: 'period', message: 'must have ended' }] });
        await requireRankable(pool, params.period);
        try {
          const handle = await startPeriodClose(temporal, taskQueue, params.period, principal.username);
          res.json(await handle.result() as PeriodCloseResult);
        } catch (e) {
          if (e instanceof WorkflowFailedError) throw codedProblem(422, 'Period not closed', 'period.close-failed', { period: params.period, reason: e.cause?.message ?? e.message }, detailLanguage(req));
          throw e;
        }
      },
    }),
    defineRoute({
      method: 'get',
      path: '/assessment-rankings',
      summary: 'A month\'s ranking per party kind (filter period, partyKind), inside the caller\'s org unit; ranks are company-wide',
      tag: 'assessment',
      policy: { roles: ['manager'], scope: 'org' },
      query: RankingQuery,
      response: { status: 200, schema: z.array(RankingRow), description: 'Ranking rows' },
      async handler({ res, principal, query }) {
        const { period, partyKind } = query.filter;
        await requireRankable(pool, period);
        const s = await periodStandings(pool, period);
        const [field, order] = query.sort ?? ['rank', 'ASC'];
        const dir = order === 'ASC' ? 1 : -1;
        const rows = s.rows
          .filter((r) => (!partyKind || r.partyKind === partyKind) && orgWithin(r.orgUnitId, principal.orgUnit))
          .map((r) => ({ id: `${r.partyKind}:${r.partyId}`, period, partyKind: r.partyKind, partyId: r.partyId, name: r.name, orgUnitId: r.orgUnitId, total: r.total, caseCount: r.caseCount, rank: r.rank, weighted: r.weighted, closed: s.closed !== null }))
          .sort((a, b) => (field === 'name' ? a.name.localeCompare(b.name) : a[field] - b[field]) * dir || a.partyKind.localeCompare(b.partyKind) || a.rank - b.rank || a.partyId.localeCompare(b.partyId));
        const [start, end] = query.range ?? [0, rows.length ? rows.length - 1 : 0];
        sendList(res, 'assessment-rankings', start, rows.slice(start, end + 1), rows.length);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/assessment-periods/:period/parties/:kind/:id',
      summary: 'One party\'s month: total, rank, and every score line by case (plus monthly items)',
      tag: 'assessment',
      policy: { roles: ['manager'], scope: 'org' },
      params: PartyParams,
      response: { status: 200, schema: Breakdown, description: 'The breakdown' },
      async handler({ req, res, principal, params }) {
        await requireRankable(pool, params.period);
        const info = (await partyInfo(pool, [{ partyKind: params.kind, partyId: params.id }])).get(`${params.kind}:${params.id}`);
        if (!info || !orgWithin(info.orgUnitId, principal.orgUnit)) throw codedProblem(404, 'Not found', 'party.not-visible', { kind: params.kind, id: params.id }, detailLanguage(req));
        const s = await periodStandings(pool, params.period);
        const standing = s.rows.find((r) => r.partyKind === params.kind && r.partyId === params.id);
        const b = await partyBreakdown(pool, params.period, params.kind, params.id);
        res.json({
          period: params.period, partyKind: params.kind, partyId: params.id, name: info.name, closed: s.closed !== null,
          total: standing?.total ?? 0, rank: standing?.rank ?? null, weighted: standing?.weighted ?? null, ...b,
        });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/assessment-cases/:id/overturn',
      summary: 'Record that a closed case\'s confirmed problem was later overturned (复核推翻): its assessment item is scored now',
      tag: 'assessment',
      policy: { roles: ['supervisor', 'manager'], scope: 'org' },
      params: z.strictObject({ id: z.uuid('must be a case id (UUID)') }),
      body: z.strictObject({ reason: z.string().trim().min(2, 'give a reason').max(500) }),
      response: { status: 200, schema: z.object({ caseId: z.string(), line: z.object({ item: z.string(), points: z.number(), reason: z.string(), ruleSetVersion: z.string(), party: z.object({ kind: PartyKind, id: z.string() }) }).nullable() }), description: 'The line added (null when the item is worth nothing)' },
      async handler({ res, principal, params, body }) {
        res.json(await overturnConfirmation(pool, principal, params.id, body.reason));
      },
    }),
  ];
}

import { z } from 'zod';
import type pg from 'pg';
import { addMonths, monthsBetween } from '../../domain/billingMonths';
import { orgWithin } from '../../domain/roles';
import { dashboardStats } from '../../services/dashboard/dashboard';
import { defineRoute, type RouteDef } from '../../http/route';
import { codedProblem, detailLanguage } from '../../http/problem';

/** The longest period the dashboard counts in one request (its trend has one point per month). */
export const MAX_PERIOD_MONTHS = 36;
/** Without a period: the current month and the five before it. */
const DEFAULT_PERIOD_MONTHS = 6;

const MonthParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM');

const Query = z.strictObject({
  from: MonthParam.optional(),
  to: MonthParam.optional(),
  unit: z.string().min(1).max(100).regex(/^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$/, 'must be an org unit id such as HB.XN.XA').optional(),
});

const Figures = z.object({
  suspected: z.number().int(),
  checkedOnSite: z.number().int(),
  confirmed: z.number().int(),
  confirmationRate: z.number().nullable(),
  recovered: z.object({ backBillingYuan: z.number(), penaltyYuan: z.number(), totalYuan: z.number() }),
  overdueSteps: z.number().int(),
  openEscalations: z.object({ tier1: z.number().int(), tier2: z.number().int(), tier3: z.number().int(), total: z.number().int() }),
  presenceReview: z.object({
    pending: z.number().int().describe('Open cases whose field visit waits for a supervisor\'s review (疑似虚假工单), as of now'),
    flagged: z.number().int().describe('Findings in the period whose presence verdict was weak (each put its case on review)'),
  }),
});
const OrgUnitRef = z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string(), level: z.string() });
const DashboardStats = z.object({
  unit: OrgUnitRef,
  path: z.array(OrgUnitRef),
  period: z.object({ from: z.string(), to: z.string() }),
  asOf: z.string(),
  figures: Figures,
  trend: z.array(z.object({ month: z.string(), suspected: z.number().int(), checkedOnSite: z.number().int(), confirmed: z.number().int(), recoveredYuan: z.number() })),
  units: z.array(Figures.extend(OrgUnitRef.shape)),
});

/** The current month in Beijing time (months of the pilot's statistics are Beijing-time months). */
export function currentMonth(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}

/** The back office's statistics (稽查统计): the pilot's figures for a period and a unit inside the caller's. */
export function dashboardRoutes({ pool }: { pool: pg.Pool }): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/dashboard/stats',
      summary: 'Dashboard figures for a period (months, Beijing time) and an org unit: suspected, checked on site, confirmed, confirmation rate, recovered back-billing and penalties, overdue steps, open escalations by tier, field visits on review (疑似虚假工单: pending now, flagged in the period); monthly trend and per-child-unit breakdown',
      tag: 'dashboard',
      policy: { roles: ['station_lead', 'supervisor', 'manager'], scope: 'org' },
      query: Query,
      response: { status: 200, schema: DashboardStats, description: 'The figures' },
      async handler({ req, res, principal, query }) {
        const to = query.to ?? currentMonth();
        const from = query.from ?? addMonths(to, -(DEFAULT_PERIOD_MONTHS - 1));
        const span = monthsBetween(from, to) + 1;
        const lang = detailLanguage(req);
        if (span < 1) throw codedProblem(400, 'Invalid request', 'period.range-reversed', { from, to }, lang, { errors: [{ path: 'query.from', message: 'must not be after to' }] });
        if (span > MAX_PERIOD_MONTHS) throw codedProblem(400, 'Invalid request', 'period.range-too-long', { max: MAX_PERIOD_MONTHS, from, to, span }, lang, { errors: [{ path: 'query.from', message: `at most ${MAX_PERIOD_MONTHS} months before to` }] });
        const unit = query.unit ?? principal.orgUnit;
        if (!orgWithin(unit, principal.orgUnit)) throw codedProblem(403, 'Forbidden', 'org.outside-unit', { unit, org: principal.orgUnit }, lang);
        const stats = await dashboardStats(pool, { unit, scope: principal.orgUnit, from, to });
        if (!stats) throw codedProblem(404, 'Not found', 'org.unknown', { unit }, lang);
        res.json(stats);
      },
    }),
  ];
}

// Prometheus metrics (prom-client). One registry per process role, so tests can build several apps in one process.
import type { Request, RequestHandler, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { ApplicationFailure } from '@temporalio/common';
import type { Queryable } from '../db/pool';
import { CASE_STAGES } from '../domain/case';

export const METRIC = {
  httpDuration: 'jicha_http_request_duration_seconds',
  cases: 'jicha_cases',
  escalationsOpen: 'jicha_escalations_open',
  activityFailures: 'jicha_activity_failures_total',
  caseLogRefusals: 'jicha_case_log_refusals_total',
  scrapeErrors: 'jicha_metrics_scrape_errors_total',
} as const;

/** Latency buckets (seconds) for a back-office API whose slowest route waits up to 10 s for a workflow. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const UNDEFINED_TABLE = '42P01';

export function createRegistry(role: 'api' | 'worker'): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: `jicha-${role}` });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** Counts scrape-time query failures so an empty gauge is distinguishable from a failing one. */
function scrapeErrors(registry: Registry): Counter<'source'> {
  const existing = registry.getSingleMetric(METRIC.scrapeErrors) as Counter<'source'> | undefined;
  return existing ?? new Counter({ name: METRIC.scrapeErrors, help: 'Scrape-time reads that failed (the gauge they feed reports nothing for that scrape)', labelNames: ['source'], registers: [registry] });
}

/**
 * Gauges read from the read model at scrape time: cases by stage, open escalations by tier.
 * Every API replica reports the same numbers; aggregate with max() rather than sum().
 */
export function registerReadModelGauges(registry: Registry, db: Queryable, timeoutMs = 2000): void {
  const errors = scrapeErrors(registry);
  const timed = async <R>(sql: string): Promise<R[]> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`metrics query timed out after ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return (await Promise.race([db.query(sql), timeout])).rows as R[];
    } finally {
      clearTimeout(timer);
    }
  };

  new Gauge({
    name: METRIC.cases,
    help: 'Cases in the read model by stage',
    labelNames: ['stage'],
    registers: [registry],
    async collect() {
      this.reset();
      try {
        const rows = await timed<{ stage: string; n: number }>('select stage, count(*)::int as n from cases group by stage');
        for (const s of CASE_STAGES) this.set({ stage: s }, 0);
        for (const r of rows) this.set({ stage: r.stage }, Number(r.n));
      } catch {
        errors.inc({ source: 'cases' });
      }
    },
  });

  new Gauge({
    name: METRIC.escalationsOpen,
    help: 'Open (unresolved) escalations by tier',
    labelNames: ['tier'],
    registers: [registry],
    async collect() {
      this.reset();
      try {
        const rows = await timed<{ tier: string; n: number }>('select tier::text as tier, count(*)::int as n from escalations where resolved_at is null group by tier');
        for (const r of rows) this.set({ tier: r.tier }, Number(r.n));
      } catch (e) {
        // Until the escalations migration lands the table is absent: report nothing, count nothing.
        if ((e as { code?: string }).code !== UNDEFINED_TABLE) errors.inc({ source: 'escalations' });
      }
    },
  });
}

/** HTTP latency histogram labelled by route template (never the raw path, which would explode cardinality). */
export function httpMetricsMiddleware(registry: Registry): RequestHandler {
  const histogram = new Histogram({
    name: METRIC.httpDuration,
    help: 'HTTP request duration by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: HTTP_BUCKETS,
    registers: [registry],
  });
  return (req, res, next) => {
    const end = histogram.startTimer();
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      end({ method: req.method, route: routeLabel(req, res), status_code: String(res.statusCode) });
    };
    res.once('finish', finish);
    res.once('close', finish);
    next();
  };
}

/** Marks where a router is mounted so the histogram can label `/api` + `/cases/:id` as `/api/cases/:id`. */
export function routePrefix(prefix: string): RequestHandler {
  return (_req, res, next) => {
    res.locals.routePrefix = prefix;
    next();
  };
}

export function routeLabel(req: Request, res: Response): string {
  const template = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof template === 'string') return `${(res.locals.routePrefix as string | undefined) ?? ''}${template}`;
  const path = req.originalUrl.split('?')[0];
  if (path.startsWith('/api/') || path === '/api' || path.startsWith('/mobile/')) return '(unmatched)';
  if (path === '/docs' || path.startsWith('/docs/')) return '/docs';
  return '(static)';
}

/** Activity failures by activity type and failure type; the interceptor is installed by the worker. */
export function activityFailureCounter(registry: Registry): Counter<'activity_type' | 'failure_type'> {
  return new Counter({
    name: METRIC.activityFailures,
    help: 'Activity attempts that ended in an error, by activity type and failure type',
    labelNames: ['activity_type', 'failure_type'],
    registers: [registry],
  });
}

/**
 * Case-log writes Postgres refused for good (a NUL, a lone surrogate, a constraint), by event type and SQLSTATE. Each
 * one left a placeholder row and a marker on its case and alerted a supervisor; alert on any increase.
 */
export function caseLogRefusalCounter(registry: Registry): Counter<'event_type' | 'sqlstate'> {
  return new Counter({
    name: METRIC.caseLogRefusals,
    help: 'Case-log writes the database refused (recorded as a recording_failed placeholder), by event type and SQLSTATE',
    labelNames: ['event_type', 'sqlstate'],
    registers: [registry],
  });
}

export function activityFailureInterceptor(counter: Counter<'activity_type' | 'failure_type'>): ActivityInterceptorsFactory {
  return (ctx) => ({
    inbound: {
      async execute(input, next) {
        try {
          return await next(input);
        } catch (err) {
          const failureType = err instanceof ApplicationFailure && err.type ? err.type : err instanceof Error ? err.name : 'unknown';
          counter.inc({ activity_type: ctx.info.activityType, failure_type: failureType });
          throw err;
        }
      },
    },
  });
}

import type pg from 'pg';
import type { Logger } from '../config/logger';
import { appendAudit } from '../services/audit/auditLog';
import type { MutationSink } from './route';
import { caseIdOf } from '../ops/httpLogging';

/** Records every mutating request in the hash-chained audit log; a failure to record is logged, never thrown. */
export function auditTrail(pool: pg.Pool, log: Logger): MutationSink {
  return ({ req, res, route, principal }) => {
    const device = req.header('x-device-id');
    appendAudit(pool, {
      at: new Date().toISOString(),
      username: principal?.username ?? null,
      roles: principal?.roles ?? [],
      orgUnit: principal?.orgUnit ?? null,
      device: device ? device.slice(0, 100) : null,
      method: req.method,
      route,
      path: req.originalUrl.split('?')[0].slice(0, 500),
      status: res.statusCode,
      requestId: (res.getHeader('x-request-id') as string | undefined) ?? null,
      caseId: caseIdOf(req, res) ?? null,
    }).catch((err: unknown) => log.error({ err, route }, 'audit trail write failed'));
  };
}

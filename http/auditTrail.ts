import type pg from 'pg';
import type { Response } from 'express';
import type { Logger } from '../config/logger';
import { appendAudit } from '../services/audit/auditLog';
import type { MutationSink } from './route';
import { caseIdOf } from '../ops/httpLogging';

/**
 * The device this request was shown to come from: named by X-Device-Id, bound to the caller, and holding the key
 * that signed the request's DPoP proof (mobile-api/terminalRoute.ts). The audit trail records this, never the raw
 * header, which any client can fill in.
 */
export function setVerifiedDevice(res: Response, deviceId: string): void {
  res.locals.verifiedDevice = deviceId;
}

export function verifiedDeviceOf(res: Response): string | null {
  const d = res.locals.verifiedDevice as unknown;
  return typeof d === 'string' ? d : null;
}

/** Records every mutating request in the hash-chained audit log; a failure to record is logged, never thrown. */
export function auditTrail(pool: pg.Pool, log: Logger): MutationSink {
  return ({ req, res, route, principal }) => {
    const device = verifiedDeviceOf(res);
    appendAudit(pool, {
      at: new Date().toISOString(),
      username: principal?.username ?? null,
      roles: principal?.roles ?? [],
      orgUnit: principal?.orgUnit ?? null,
      device,
      method: req.method,
      route,
      path: req.originalUrl.split('?')[0].slice(0, 500),
      status: res.statusCode,
      requestId: (res.getHeader('x-request-id') as string | undefined) ?? null,
      caseId: caseIdOf(req, res) ?? null,
    }).catch((err: unknown) => log.error({ err, route }, 'audit trail write failed'));
  };
}

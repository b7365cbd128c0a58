import type { Response } from 'express';
import type { AuditWriter } from '../services/audit/auditWriter';
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

/** The gate (token, proof, role, rate limit) refused this request before any handler ran. */
export function markGateRefusal(res: Response): void {
  res.locals.gateRefusal = true;
}

/**
 * Records every mutating request: in the hash-chained audit log when it passed the gate (whatever the handler then
 * answered), as a per-minute count when the gate refused it — anyone can send those, as fast as they like.
 */
export function auditTrail(writer: AuditWriter): MutationSink {
  return ({ req, res, route, principal }) => {
    if (!principal || res.locals.gateRefusal === true) {
      writer.refused({ at: new Date(), method: req.method, route, status: res.statusCode, username: principal?.username ?? null });
      return;
    }
    writer.record({
      at: new Date().toISOString(),
      username: principal.username,
      roles: principal.roles,
      orgUnit: principal.orgUnit ?? null,
      device: verifiedDeviceOf(res),
      method: req.method,
      route,
      path: req.originalUrl.split('?')[0].slice(0, 500),
      status: res.statusCode,
      requestId: (res.getHeader('x-request-id') as string | undefined) ?? null,
      caseId: caseIdOf(req, res) ?? null,
    });
  };
}

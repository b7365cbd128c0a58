import type { RequestHandler } from 'express';
import type { AuditWriter } from '../services/audit/auditWriter';
import { markGateRefusal } from './auditTrail';
import { detailLanguage, sendProblem } from './problem';
import { clientAddress, tooMany, type RateLimits } from './rateLimit';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * First in line, before security headers, body parsing and routing: a change without credentials from an address
 * already past its budget of missing or rejected tokens gets its 429 at the cost of a map lookup. Counted per minute
 * under the API's prefix (the attacker picks the paths; counting each would let them grow the table).
 */
export function refuseSpentAddresses(limits: RateLimits, audit: AuditWriter): RequestHandler {
  return (req, res, next) => {
    if (!MUTATING.has(req.method) || req.headers.authorization) return next();
    const prefix = req.path.startsWith('/api/') ? '/api' : req.path.startsWith('/mobile/') ? '/mobile' : null;
    const address = clientAddress(req);
    if (!prefix || !limits.authFailures.over(address)) return next();
    const seconds = limits.authFailures.hit(address);
    markGateRefusal(res);
    audit.refused({ at: new Date(), method: req.method, route: `${prefix}/*`, status: 429, username: null });
    sendProblem(res, tooMany(res, seconds, 'request.rate-limited.auth', {}, detailLanguage(req)));
  };
}

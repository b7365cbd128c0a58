// One structured (pino JSON) line per request, carrying the request id, the authenticated user and the case id.
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../config/logger';
import type { Principal } from '../domain/roles';

export const REQUEST_ID_HEADER = 'x-request-id';
const VALID_REQUEST_ID = /^[A-Za-z0-9._:@-]{1,128}$/;
const CASE_ID_IN_PATH = /\/cases\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[/?]|$)/i;
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/** A caller's (or proxy's) X-Request-Id is kept when it is sane; otherwise a UUID is generated. Echoed back. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  const id = typeof incoming === 'string' && VALID_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** The case a request concerns: the `/cases/:id` path parameter, or the case a POST just created (Location). */
export function caseIdOf(req: IncomingMessage, res: ServerResponse): string | undefined {
  const fromLocals = (res as unknown as { locals?: { caseId?: unknown } }).locals?.caseId;
  if (typeof fromLocals === 'string') return fromLocals;
  const inPath = CASE_ID_IN_PATH.exec((req as { originalUrl?: string }).originalUrl ?? req.url ?? '');
  if (inPath) return inPath[1].toLowerCase();
  const location = res.getHeader('location');
  const inLocation = typeof location === 'string' ? CASE_ID_IN_PATH.exec(location) : null;
  return inLocation ? inLocation[1].toLowerCase() : undefined;
}

function principalOf(res: ServerResponse): Principal | undefined {
  return (res as unknown as { locals?: { principal?: Principal } }).locals?.principal;
}

/** pino-http configured for the API: probes are not logged; 5xx log at error, everything else at info. */
export function httpLogger(log: Logger): RequestHandler {
  const middleware = pinoHttp({
    logger: log,
    genReqId: requestId,
    quietReqLogger: true, // req.log carries only the request id; the full request is on the completion line
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    serializers: {
      // No headers: they hold bearer tokens.
      req: (req: { method?: string; url?: string; raw?: { originalUrl?: string }; remoteAddress?: string }) => ({ method: req.method, url: req.raw?.originalUrl ?? req.url, remoteAddress: req.remoteAddress }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    autoLogging: { ignore: (req) => PROBES.has((req.url ?? '').split('?')[0]) },
    // A client's 4xx is the client's business (and the tests make many): info, so LOG_LEVEL=warn shows only faults.
    // An address past its budget of missing or rejected tokens is counted per minute (audit_refusals), not logged
    // line by line: a flood would otherwise become a flood of log lines (debug shows them).
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode === 429 && (res as unknown as { locals?: { gateRefusal?: boolean } }).locals?.gateRefusal ? 'debug' : 'info'),
    customSuccessMessage: (req, res) => `${req.method} ${(req as { originalUrl?: string }).originalUrl ?? req.url} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${(req as { originalUrl?: string }).originalUrl ?? req.url} ${res.statusCode}`,
    // Called at request start and again at completion; only the completion carries user and case.
    customProps: (req, res) => {
      if (!res.headersSent) return {};
      const p = principalOf(res);
      const caseId = caseIdOf(req, res);
      return { ...(p ? { user: p.username, org: p.orgUnit } : {}), ...(caseId ? { caseId } : {}) };
    },
  });
  return middleware as unknown as RequestHandler;
}

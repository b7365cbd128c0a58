import type { Request, Response } from 'express';
import type { AuditWriter } from '../services/audit/auditWriter';
import type { Lang } from '../domain/text';
import { detailLanguage, problemBody, type Problem } from './problem';
import { clientAddress, tooManyProblem, type RateLimits } from './rateLimit';
import { missingTokenProblem, type RouteDef } from './route';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A route group as the app mounts it: its routes under one prefix. */
export interface MountedRoutes {
  prefix: string;
  routes: readonly RouteDef[];
}

// Express's matching of a declared path (literal segments and `:name`): case-insensitive, one trailing slash allowed.
const patternOf = (path: string) => new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z0-9_]+/g, '[^/]+')}/?$`, 'i');

/**
 * The route a change (`POST /api/cases/…`) would run, when it is one that takes credentials: its declared path
 * (`/api/cases/:id/actions/dismiss`), else null (a public route, or no route at all). Routes are tried in the order
 * the app mounts them, as Express does.
 */
export function protectedChanges(groups: readonly MountedRoutes[]): (method: string, path: string) => string | null {
  const table = groups.flatMap((g) =>
    g.routes
      .filter((r) => MUTATING.has(r.method.toUpperCase()))
      .map((r) => ({ method: r.method.toUpperCase(), pattern: patternOf(`${g.prefix}${r.path}`), route: `${g.prefix}${r.path}`, open: 'public' in r.policy })),
  );
  return (method, path) => {
    for (const r of table) if (r.method === method && r.pattern.test(path)) return r.open ? null : r.route;
    return null;
  };
}

/** The few refusals this gate gives, rendered once each (per language and Retry-After): a flood costs no rendering. */
function renderedProblems() {
  const rendered = new Map<string, { body: string; bytes: number }>();
  return (key: string, make: () => Problem) => {
    let r = rendered.get(key);
    if (!r) {
      const body = JSON.stringify(problemBody(make()));
      r = { body, bytes: Buffer.byteLength(body) };
      rendered.set(key, r);
    }
    return r;
  };
}

/** A body this large (or of unknown length) is not read after the refusal: the connection is closed instead. */
const DRAINED_BODY_BYTES = 64 * 1024;

/**
 * First in line, before the request log, security headers, body parsing and routing: a change without credentials
 * (no Authorization header) is answered here, at the cost of a route lookup and a map lookup, from a body rendered
 * once — 401 auth.token-required on a route that takes credentials, 429 request.rate-limited.auth once the address
 * has spent its budget of missing or rejected tokens (any path under the APIs' prefixes). Each is counted per minute
 * (audit_refusals) under its route, or the prefix when no route matches (the attacker picks the paths); none is
 * logged line by line. The answers are the ones the route's own token check gives (http/route.ts), so nothing a
 * client sees depends on which of the two refused it. Requests with a token, reads and public routes go on.
 */
export function refuseAnonymousChanges(opts: {
  routes: readonly MountedRoutes[];
  limits: RateLimits;
  audit: AuditWriter;
  cors: (origin: string | undefined) => Record<string, string> | null;
}): (req: Request, res: Response) => boolean {
  const routeOf = protectedChanges(opts.routes);
  const prefixes = opts.routes.map((g) => `${g.prefix.split('/').slice(0, 2).join('/')}/`);
  const problems = renderedProblems();
  const { limits, audit } = opts;

  function answer(req: Request, res: Response, status: number, rendered: { body: string; bytes: number }, retryAfter: number): void {
    const headers: Record<string, string | number> = {
      'Content-Type': 'application/problem+json; charset=utf-8',
      'Content-Length': rendered.bytes,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      Vary: 'Origin',
      ...opts.cors(req.headers.origin),
    };
    if (retryAfter) headers['Retry-After'] = String(retryAfter);
    const length = req.headers['content-length'];
    if (req.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > DRAINED_BODY_BYTES)) headers.Connection = 'close';
    // One string, so Node writes the status line, the headers and the body in one call.
    res.writeHead(status, headers).end(rendered.body);
  }

  return (req, res) => {
    if (!MUTATING.has(req.method) || req.headers.authorization !== undefined) return false;
    const path = req.path;
    const route = routeOf(req.method, path);
    const under = route ? null : prefixes.find((p) => path.toLowerCase().startsWith(p));
    if (!route && !under) return false;
    const address = clientAddress(req);
    // A path no route has is Express's 404 until the address has spent its budget.
    if (!route && !limits.authFailures.over(address)) return false;
    const seconds = limits.authFailures.hit(address);
    const lang: Lang = req.headers['accept-language'] === undefined ? 'zh-CN' : detailLanguage(req);
    const status = seconds ? 429 : 401;
    audit.refused({ at: new Date(), method: req.method, route: route ?? `${under!.slice(0, -1)}/*`, status, username: null });
    if (seconds) answer(req, res, 429, problems(`429 ${lang} ${seconds}`, () => tooManyProblem(seconds, 'request.rate-limited.auth', {}, lang)), seconds);
    else answer(req, res, 401, problems(`401 ${lang}`, () => missingTokenProblem(lang)), 0);
    return true;
  };
}

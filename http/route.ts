import { Router, type Request, type Response, type RequestHandler } from 'express';
import { z, type ZodType } from 'zod';
import type { Principal, Role } from '../domain/roles';
import { Problem, detailLanguage, fieldErrors, hostileTextProblem } from './problem';
import { findHostileText } from '../domain/text';
import type { TokenVerifier } from './tokenVerifier';
import { TokenRejected } from './tokenVerifier';
import { clientAddress, tooMany, type RateLimits } from './rateLimit';

/**
 * Every route states who may call it. `scope` says how the caller's org unit limits the data:
 * 'org' — rows inside the caller's org subtree (enforced in the handler's queries); 'self' — the caller's own data;
 * 'none' — no org-bound data. A public route carries no principal.
 */
export type Policy = { public: true; reason: string } | { roles: readonly Role[]; scope: 'org' | 'self' | 'none' };

export interface RouteContext<B, Q, P> {
  req: Request;
  res: Response;
  principal: Principal;
  body: B;
  query: Q;
  params: P;
}

/** A documented answer (OpenAPI): JSON unless `contentType` says otherwise (text/csv, application/octet-stream…); 204 has no body. */
export interface ResponseDoc {
  status: number;
  schema?: ZodType;
  description: string;
  contentType?: string;
}

export interface RouteDef<B = unknown, Q = unknown, P = unknown> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  policy: Policy;
  body?: ZodType<B>;
  query?: ZodType<Q>;
  params?: ZodType<P>;
  /** Documented success status and schema (OpenAPI). */
  response?: ResponseDoc;
  /** Further success answers (OpenAPI), e.g. 202 while a new case is still being recorded. */
  otherResponses?: ResponseDoc[];
  /** Request headers the route reads itself, as a zod object keyed by header name (OpenAPI header parameters; not parsed here). */
  headers?: ZodType;
  /** The body of a route that reads it itself (`bodyParser`: CSV, NDJSON…), per media type (OpenAPI only; not parsed here). */
  requestBody?: { description?: string; content: Record<string, ZodType> };
  /**
   * A body parser for this route only (CSV uploads, bodies above the app-wide JSON limit). It runs after the token
   * and role checks, so an anonymous caller cannot make the server read a large body.
   */
  bodyParser?: RequestHandler;
  /**
   * Body subtrees whose text the handler checks itself, item by item, so that one hostile item is refused alone
   * rather than the whole request (a /sync op, an import row): dotted paths, `*` for any key or index. The key naming
   * the subtree, the params, the query and the rest of the body are still checked here.
   */
  textCheckedByHandler?: readonly string[];
  handler: (ctx: RouteContext<B, Q, P>) => Promise<void>;
}

export function defineRoute<B = unknown, Q = unknown, P = unknown>(r: RouteDef<B, Q, P>): RouteDef {
  return r as unknown as RouteDef;
}

/** The server refuses to start with a route whose policy is missing or allows nobody. */
export function assertPolicies(routes: RouteDef[]): void {
  for (const r of routes) {
    const p = r.policy as Policy | undefined;
    if (!p) throw new Error(`route ${r.method.toUpperCase()} ${r.path} has no access policy`);
    if (!('public' in p) && (!p.roles?.length || !p.scope)) throw new Error(`route ${r.method.toUpperCase()} ${r.path} has an empty access policy`);
  }
}

function bearer(req: Request): string {
  const h = req.headers.authorization;
  if (!h) throw new Problem(401, 'Unauthorized', 'A bearer token is required.');
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  if (!m) throw new Problem(401, 'Unauthorized', 'The Authorization header must be "Bearer <token>".');
  return m[1];
}

function parse<T>(schema: ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const r = schema.safeParse(value);
  if (!r.success) throw new Problem(400, 'Invalid request', `The request has invalid ${where} fields.`, fieldErrors(r.error, where === 'body' ? undefined : where));
  return r.data;
}

/**
 * Refuses text no request may carry (NUL, lone surrogates, C0 controls; domain/text.ts) anywhere in the params, the
 * query or a JSON body, object keys included, with one 422 naming every such field: no route can forget a field,
 * and nothing of it reaches a handler, a workflow or the database.
 */
function refuseHostileText(req: Request, r: RouteDef, v: { params: unknown; query: unknown; body: unknown }): void {
  const found = [
    ...findHostileText(v.params, { prefix: 'path' }),
    ...findHostileText(v.query, { prefix: 'query' }),
    // A body the route's own parser left as text (CSV, NDJSON) is read row by row by its handler, which checks it.
    ...(typeof v.body === 'string' && r.bodyParser ? [] : findHostileText(v.body, { skip: r.textCheckedByHandler })),
  ];
  if (found.length) throw hostileTextProblem(found.slice(0, 50), detailLanguage(req));
}

/** Receives every mutating request once its response is sent (the audit trail). */
export type MutationSink = (m: { req: Request; res: Response; route: string; principal: Principal | undefined }) => void;

const MUTATING = new Set(['post', 'put', 'patch', 'delete']);

export function mountRoutes(routes: RouteDef[], verify: TokenVerifier, onMutation?: MutationSink, limits?: RateLimits): Router {
  assertPolicies(routes);
  const router = Router();
  for (const r of routes) {
    const handler: RequestHandler = async (req, res) => {
      const route = `${req.baseUrl}${r.path}`; // baseUrl is reset once the router is left
      if (onMutation && MUTATING.has(r.method)) {
        res.once('finish', () => onMutation({ req, res, route, principal: res.locals.principal as Principal | undefined }));
      }
      let principal = undefined as unknown as Principal;
      if (!('public' in r.policy)) {
        try {
          principal = await verify(bearer(req));
        } catch (e) {
          if (!(e instanceof Problem || e instanceof TokenRejected)) throw e;
          // a valid token always passes; an address that keeps failing is told to back off
          const over = limits?.authFailures.hit(clientAddress(req)) ?? 0;
          if (over) throw tooMany(res, over, 'Too many requests with a missing or rejected token from this address');
          if (e instanceof TokenRejected) throw new Problem(401, 'Unauthorized', `Token rejected: ${e.message}.`);
          throw e;
        }
        const allowed = r.policy.roles;
        res.locals.principal = principal; // for the request log line (ops/httpLogging.ts)
        if (!principal.roles.some((role) => allowed.includes(role))) {
          throw new Problem(403, 'Forbidden', `This action needs one of the roles: ${allowed.join(', ')}.`);
        }
        if (limits) {
          const expensive = limits.expensiveRoutes.has(`${r.method.toUpperCase()} ${route}`);
          const over = expensive ? limits.expensive.hit(principal.sub) : MUTATING.has(r.method) ? limits.mutations.hit(principal.sub) : 0;
          if (over) throw tooMany(res, over, expensive ? `${principal.username} has used this minute's budget for expensive requests` : `${principal.username} has used this minute's budget for changes`);
        }
      }
      if (r.bodyParser) {
        const parser = r.bodyParser;
        await new Promise<void>((resolve, reject) => {
          void parser(req, res, (err?: unknown) => (err ? reject(err) : resolve()));
        });
      }
      // Raw values first (keys a schema would strip or refuse with an echo), then the parsed ones (text a schema
      // decoded, such as react-admin's JSON query parameters).
      refuseHostileText(req, r, { params: req.params, query: req.query, body: req.body });
      const params = parse(r.params, req.params, 'path');
      const query = parse(r.query, req.query, 'query');
      const body = parse(r.body, req.body ?? {}, 'body');
      refuseHostileText(req, r, { params, query, body });
      await r.handler({ req, res, principal, body, query, params });
    };
    router[r.method](r.path, handler);
  }
  return router;
}

/** react-admin's JSON-encoded query parameters (`range=[0,24]`, `sort=["f","ASC"]`, `filter={…}`). */
export const jsonParam = <T extends ZodType>(schema: T) =>
  z.preprocess((v, ctx) => {
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON' });
      return z.NEVER;
    }
  }, schema);

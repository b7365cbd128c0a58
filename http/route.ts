import { Router, type Request, type Response, type RequestHandler } from 'express';
import { z, type ZodType } from 'zod';
import type { Principal, Role } from '../domain/roles';
import { Problem, codedProblem, detailLanguage, fieldErrors, hostileTextProblem } from './problem';
import { findHostileText, type Lang } from '../domain/text';
import type { TokenVerifier } from './tokenVerifier';
import { TokenRejected } from './tokenVerifier';
import { clientAddress, tooMany, type RateLimits } from './rateLimit';
import { markGateRefusal } from './auditTrail';
import { createDpopVerifier, DpopRefused, dpopRefusalText, type DpopRefusal, type DpopVerifier, type VerifiedProof } from './dpop';

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
  /** The request's valid DPoP proof (RFC 9449), or null when it carried none (see RouteDef.dpop). */
  proof: VerifiedProof | null;
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
  /**
   * 'required': every request carries a valid DPoP proof (401 otherwise), and with TERMINAL_TOKEN_BINDING=required its
   * token must be DPoP-bound. Without it a proof is checked when one is sent, and always for a DPoP-bound token.
   */
  dpop?: 'required';
  /**
   * Checks that need the caller but not the body (the terminal's client and device): run after the token, the proof,
   * the roles and the rate limits, before the body is read — so that an unauthorised caller learns nothing from
   * how its body is judged.
   */
  authorize?: (ctx: { req: Request; res: Response; principal: Principal; proof: VerifiedProof | null }) => Promise<void>;
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

/** A request without credentials on a route that takes them (also given by http/anonymousChangeGate.ts). */
export const missingTokenProblem = (lang: Lang): Problem => codedProblem(401, 'Unauthorized', 'auth.token-required', {}, lang);

/**
 * The access token: `Bearer <token>`, or `DPoP <token>` (RFC 9449 §7.1). The scheme alone proves nothing: whether a
 * proof is needed follows from the token (`cnf.jkt`) and the route, so a DPoP-bound token sent as Bearer is held to
 * its key all the same (the downgrade §7.2 warns of cannot happen here).
 */
function credentials(req: Request): { scheme: 'bearer' | 'dpop'; token: string } {
  const h = req.headers.authorization;
  if (!h) throw missingTokenProblem(detailLanguage(req));
  const m = /^(Bearer|DPoP)\s+(\S+)$/i.exec(h);
  if (!m) throw codedProblem(401, 'Unauthorized', 'auth.bad-authorization', {}, detailLanguage(req));
  return { scheme: m[1].toLowerCase() as 'bearer' | 'dpop', token: m[2] };
}

/** 401: a valid token of a client this API (or route) does not take. */
export function wrongClient(req: Request, clients: readonly string[], client: string): Problem {
  return codedProblem(401, 'Unauthorized', 'auth.wrong-client', { clients: clients.join(' / '), client: client || null }, detailLanguage(req));
}

/** How this API holds tokens to DPoP proofs (config: PUBLIC_URL, CORS_ORIGINS, DPOP_MAX_SKEW_S, TERMINAL_TOKEN_BINDING). */
export interface DpopPolicy {
  verifier: DpopVerifier;
  /**
   * On routes with `dpop: 'required'` (the terminal's device routes): 'optional' — a bearer token passes with a
   * valid proof (the terminal app's tokens from keycloak-js, which cannot bind them); 'required' — only a token
   * Keycloak bound to a key (`cnf.jkt`), so a token lifted from the device is useless elsewhere even for its life.
   */
  tokenBinding: 'optional' | 'required';
}

export const DPOP_PROOF_REQUIRED = 'dpop.proof-required';
export const DPOP_INVALID_PROOF = 'dpop.invalid-proof';
export const DPOP_BOUND_TOKEN_REQUIRED = 'dpop.bound-token-required';

const DPOP_TEXTS: Record<string, Record<Lang, string>> = {
  [DPOP_PROOF_REQUIRED]: {
    'zh-CN': '此请求须附带终端密钥签名的 DPoP 证明（DPoP 请求头）。',
    en: 'This request needs a DPoP proof signed by the terminal\'s key (the DPoP header).',
  },
  [DPOP_BOUND_TOKEN_REQUIRED]: {
    'zh-CN': '此接口只接受绑定终端密钥的访问令牌（DPoP）。请在终端上重新登录。',
    en: 'This endpoint takes only access tokens bound to the terminal\'s key (DPoP). Sign in again on the terminal.',
  },
};

function dpopProblem(code: string, lang: Lang, reason?: DpopRefusal): Problem {
  const detail = reason
    ? (lang === 'en' ? `The DPoP proof is invalid: ${dpopRefusalText(reason, lang)}.` : `DPoP 证明无效：${dpopRefusalText(reason, lang)}。`)
    : DPOP_TEXTS[code][lang];
  return new Problem(401, 'Unauthorized', detail, undefined, `urn:jicha:${code}`, code);
}

/**
 * Checks the request's DPoP proof, when one is needed or sent: a token with `cnf.jkt` only with a valid proof of that
 * key (any route); a route with `dpop: 'required'` only with a valid proof (and, when so configured, a bound token).
 */
async function proofOf(req: Request, r: RouteDef, token: { scheme: 'bearer' | 'dpop'; token: string }, principal: Principal, policy: DpopPolicy): Promise<VerifiedProof | null> {
  const lang = detailLanguage(req);
  const header = req.headers.dpop;
  const needed = r.dpop === 'required' || principal.cnfJkt !== undefined || token.scheme === 'dpop';
  if (header === undefined) {
    if (needed) throw dpopProblem(DPOP_PROOF_REQUIRED, lang);
    return null;
  }
  let proof: VerifiedProof;
  try {
    // Express joins repeated headers with ", ", which is no compact JWS: RFC 9449 allows exactly one proof.
    proof = await policy.verifier.verify(Array.isArray(header) ? header.join(',') : header, { method: req.method, url: req.originalUrl, accessToken: token.token });
  } catch (e) {
    if (e instanceof DpopRefused) throw dpopProblem(DPOP_INVALID_PROOF, lang, e.reason);
    throw e;
  }
  if (principal.cnfJkt !== undefined && proof.jkt !== principal.cnfJkt) throw dpopProblem(DPOP_INVALID_PROOF, lang, 'token-key');
  if (r.dpop === 'required' && policy.tokenBinding === 'required' && principal.cnfJkt === undefined) throw dpopProblem(DPOP_BOUND_TOKEN_REQUIRED, lang);
  return proof;
}

function parse<T>(schema: ZodType<T> | undefined, value: unknown, where: 'path' | 'query' | 'body', lang: Lang): T {
  if (!schema) return undefined as T;
  const r = schema.safeParse(value);
  if (!r.success) throw codedProblem(400, 'Invalid request', `request.invalid-${where}-fields`, {}, lang, { errors: fieldErrors(r.error, where === 'body' ? undefined : where) });
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

/** Outside the app (unit tests mounting a few routes): proofs for loopback URLs, bearer tokens allowed. */
const looseDpopPolicy = (): DpopPolicy => ({ verifier: createDpopVerifier({ publicUrl: 'http://localhost:3000', loopback: true }), tokenBinding: 'optional' });

/**
 * `clients`: the OIDC clients (the token's `azp`) this group of routes takes; a valid token of another client of the
 * realm is refused 401 `auth.wrong-client` (the back office takes no terminal token and the terminal API no back-office
 * one, so a token leaked from one app opens only that app's routes). Absent: every client the verifier accepts.
 */
export function mountRoutes(routes: RouteDef[], verify: TokenVerifier, onMutation?: MutationSink, limits?: RateLimits, dpop: DpopPolicy = looseDpopPolicy(), clients?: readonly string[]): Router {
  assertPolicies(routes);
  const router = Router();
  for (const r of routes) {
    const handler: RequestHandler = async (req, res) => {
      const route = `${req.baseUrl}${r.path}`; // baseUrl is reset once the router is left
      if (onMutation && MUTATING.has(r.method)) {
        res.once('finish', () => onMutation({ req, res, route, principal: res.locals.principal as Principal | undefined }));
      }
      let principal = undefined as unknown as Principal;
      let proof: VerifiedProof | null = null;
      if (!('public' in r.policy)) {
        try {
          const token = credentials(req);
          principal = await verify(token.token);
          if (clients && !clients.includes(principal.clientId)) throw wrongClient(req, clients, principal.clientId);
          // for the request log line (ops/httpLogging.ts) and the audit trail: a valid token with a refused proof
          // is recorded under its user (someone holds that user's token without the device)
          res.locals.principal = principal;
          proof = await proofOf(req, r, token, principal, dpop);
        } catch (e) {
          if (!(e instanceof Problem || e instanceof TokenRejected)) throw e;
          // a valid token (and proof) always passes; an address that keeps failing is told to back off
          const over = limits?.authFailures.hit(clientAddress(req)) ?? 0;
          if (over) markGateRefusal(res);
          if (over) throw tooMany(res, over, 'request.rate-limited.auth', {}, detailLanguage(req));
          if (e instanceof TokenRejected) throw codedProblem(401, 'Unauthorized', 'auth.token-rejected', { reason: e.message }, detailLanguage(req));
          if (e.code === DPOP_BOUND_TOKEN_REQUIRED) res.set('WWW-Authenticate', 'DPoP error="invalid_token", algs="ES256"');
          else if (e.code?.startsWith('dpop.')) res.set('WWW-Authenticate', 'DPoP error="invalid_dpop_proof", algs="ES256"');
          throw e;
        }
        const allowed = r.policy.roles;
        if (!principal.roles.some((role) => allowed.includes(role))) {
          markGateRefusal(res);
          throw codedProblem(403, 'Forbidden', 'auth.role-required', { roles: allowed.join(',') }, detailLanguage(req));
        }
        if (limits) {
          const expensive = limits.expensiveRoutes.has(`${r.method.toUpperCase()} ${route}`);
          const over = expensive ? limits.expensive.hit(principal.sub) : MUTATING.has(r.method) ? limits.mutations.hit(principal.sub) : 0;
          if (over) markGateRefusal(res);
          if (over) throw tooMany(res, over, `request.rate-limited.${expensive ? 'expensive' : 'changes'}`, { user: principal.username }, detailLanguage(req));
        }
        if (r.authorize) await r.authorize({ req, res, principal, proof });
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
      const lang = detailLanguage(req);
      const params = parse(r.params, req.params, 'path', lang);
      const query = parse(r.query, req.query, 'query', lang);
      const body = parse(r.body, req.body ?? {}, 'body', lang);
      refuseHostileText(req, r, { params, query, body });
      await r.handler({ req, res, principal, proof, body, query, params });
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

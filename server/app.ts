import fs from 'node:fs';
import path from 'node:path';
import express, { type ErrorRequestHandler, type Express } from 'express';
import helmet from 'helmet';
import swaggerUi from 'swagger-ui-express';
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import type { Client as MinioClient } from 'minio';
import type { Registry } from 'prom-client';
import { trustProxySetting, type Config } from '../config/env';
import type { Logger } from '../config/logger';
import { mountRoutes } from '../http/route';
import { createRateLimits } from '../http/rateLimit';
import { createDpopVerifier } from '../http/dpop';
import { auditTrail } from '../http/auditTrail';
import { createAuditWriter } from '../services/audit/auditWriter';
import { refuseAnonymousChanges } from '../http/anonymousChangeGate';
import { corsHeaders } from '../http/cors';
import { codedProblem, detailLanguage, problemHandler, sendProblem } from '../http/problem';
import type { TokenVerifier } from '../http/tokenVerifier';
import { buildOpenApi, routeGroups } from './openapi';
import { isTerminalPath, TERMINAL_BASE, terminalApp, terminalHelmet } from './terminalApp';
import { backOfficeCspDirectives } from './backOfficeCsp';
import { createRegistry, httpMetricsMiddleware, registerReadModelGauges, routePrefix } from '../ops/metrics';
import { httpLogger } from '../ops/httpLogging';
import { cached, createLifecycle, jwksCheck, runAdvisories, runChecks, type Check, type Lifecycle } from '../ops/readiness';
import { calendarCoversNext90Days } from '../services/calendar/coverage';

export interface AppDeps {
  config: Config;
  pool: pg.Pool;
  /** A replica's pool for lag-tolerant reads (DATABASE_READ_URL); defaults to `pool`. */
  readPool?: pg.Pool;
  temporal: Client;
  s3: MinioClient;
  verify: TokenVerifier;
  log: Logger;
  /** Where the built admin UI lives; absent in API-only tests. */
  adminUiDir?: string;
  /** Where the built terminal app lives (served at /terminal/); absent in API-only tests. */
  terminalAppDir?: string;
  /** Set `draining` on SIGTERM: /readyz answers 503 while in-flight requests finish. */
  lifecycle?: Lifecycle;
  /** Prometheus registry the app's series go to (served by server/metricsServer.ts); one is made per app when absent. */
  registry?: Registry;
  /** Replaces the JWKS reachability probe (default: the realm's certs endpoint, cached 5 s). */
  jwksReady?: Check;
}

export const VERSION: string = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).version;

/** The Express app, separate from listen() so tests mount it in-process. */
export function createApp(deps: AppDeps): Express {
  const { config, pool, temporal, s3, verify, log } = deps;
  const readPool = deps.readPool ?? pool;
  const lifecycle = deps.lifecycle ?? createLifecycle();
  const registry = deps.registry ?? createRegistry('api');
  registerReadModelGauges(registry, pool);
  const readinessChecks: Record<string, Check> = {
    postgres: () => pool.query('select 1').then(() => true),
    temporal: () => temporal.connection.workflowService.getSystemInfo({}).then(() => true),
    s3: () => s3.bucketExists(config.S3_BUCKET),
    jwks: deps.jwksReady ?? jwksCheck(config.oidcIssuer),
  };
  // Deadlines past the published calendar are provisional: the service works, but an admin should publish the next year.
  // A replica that is down degrades only the statistics it serves: advisory, so the API stays in the balancer.
  const advisoryChecks: Record<string, Check> = {
    calendar: cached(() => calendarCoversNext90Days(pool), 10_000),
    ...(readPool !== pool ? { postgresReplica: () => readPool.query('select 1').then(() => true) } : {}),
  };
  const [backOffice, terminal] = routeGroups({ config, pool, readPool, temporal, s3, version: VERSION });
  const openapi = buildOpenApi([backOffice, terminal], VERSION);

  const app = express();
  app.disable('x-powered-by');
  // req.ip is the client's behind the edge (TRUST_PROXY): per-address limits would otherwise lump every client together.
  app.set('trust proxy', trustProxySetting(config.TRUST_PROXY));
  // Refused-at-the-gate requests are counted, the rest chained in batches by one writer (#18); flushed on shutdown.
  const auditWriter = createAuditWriter(pool, log);
  lifecycle.flushers.push(() => auditWriter.flush());
  const limits = createRateLimits(config);
  const cors = corsHeaders(config.corsOrigins);
  // Before anything else, even Express's router and the request log: a change without credentials is refused (401,
  // then 429 once the address has spent its budget) from a body rendered once and counted per minute
  // (audit_refusals), so a burst of them costs little more than Node's own parsing and cannot queue others (#18).
  // Express's app function calls app.handle for every request; the gate answers in its place. Measured by
  // bench:audit-burst: as the first middleware instead, Express's dispatch added about a fifth to each refusal's CPU.
  // Even so each costs this event loop ~90 µs: in production the edge (docker/edge/nginx.conf) refuses a flood from one
  // address before it gets here, and this gate answers the few it lets through (and any request that bypasses it).
  const gate = refuseAnonymousChanges({ routes: [backOffice, terminal], limits, audit: auditWriter, cors });
  const dispatcher = app as unknown as { handle: (req: express.Request, res: express.Response, next?: express.NextFunction) => void };
  const dispatch = dispatcher.handle.bind(app);
  dispatcher.handle = (req, res, next) => {
    Object.setPrototypeOf(req, app.request); // req.path, req.ip (trust proxy) and the language, as Express gives them
    if (!gate(req, res)) dispatch(req, res, next);
  };
  // Then: every response (errors included) carries X-Request-Id, is logged as JSON and timed.
  app.use(httpLogger(log));
  app.use(httpMetricsMiddleware(registry));
  // The terminal app has its own policy (MapLibre's blob: worker, PUTs to S3, tiles, camera and position).
  const forTerminal = terminalHelmet(config);
  const forBackOffice = helmet({ contentSecurityPolicy: { directives: backOfficeCspDirectives(config) } });
  app.use((req, res, next) => (isTerminalPath(req.path) ? forTerminal : forBackOffice)(req, res, next));
  app.use((req, res, next) => {
    const allowed = cors(req.headers.origin);
    if (allowed) {
      res.set(allowed);
      if (req.method === 'OPTIONS') return void res.status(204).end();
    }
    // the answer depends on the Origin whether or not it is allowed: a shared cache must not hand one origin's answer to another
    res.vary('Origin');
    next();
  });
  app.use(express.json({ limit: '256kb', type: ['application/json', 'application/*+json'] }));

  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', async (_req, res) => {
    const [r, advisories] = await Promise.all([runChecks(readinessChecks, { timeoutMs: 2000, draining: lifecycle.draining }), runAdvisories(advisoryChecks)]);
    res.status(r.status === 'ready' ? 200 : 503).json({ ...r, advisories });
  });
  // /metrics is not served here (the public port) but on its own listener (server/metricsServer.ts): a 404 of its own,
  // before the admin UI's history fallback would answer it with index.html.
  app.all('/metrics', (req, res) => sendProblem(res, codedProblem(404, 'Not found', 'route.unknown', { method: req.method, path: req.path }, detailLanguage(req))));
  app.get('/api/openapi.json', (_req, res) => void res.json(openapi));
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(openapi, { customSiteTitle: 'jicha API' }));
  const audit = auditTrail(auditWriter);
  // One verifier (one replay cache) for both route groups of this process.
  const dpop = {
    verifier: createDpopVerifier({ publicUrl: config.PUBLIC_URL, origins: config.corsOrigins, loopback: config.NODE_ENV !== 'production', maxSkewS: config.DPOP_MAX_SKEW_S }),
    tokenBinding: config.TERMINAL_TOKEN_BINDING,
  };
  // Each API takes its own app's tokens (the terminal group also the back office's, for the admin's device routes,
  // which narrow it per route: mobile-api/terminalRoute.ts).
  const clientsOf = new Map([[backOffice, config.oidcBackOfficeClients], [terminal, [...config.oidcTerminalClients, ...config.oidcBackOfficeClients]]]);
  for (const g of [backOffice, terminal]) app.use(g.prefix, routePrefix(g.prefix), mountRoutes(g.routes, verify, audit, limits, dpop, clientsOf.get(g)));
  app.use(['/api', '/mobile'], (req, res) => sendProblem(res, codedProblem(404, 'Not found', 'route.unknown', { method: req.method, path: req.originalUrl.split('?')[0] }, detailLanguage(req))));

  if (deps.terminalAppDir) {
    app.use((req, res, next) => (req.path === TERMINAL_BASE ? res.redirect(301, `${TERMINAL_BASE}/${req.url.slice(TERMINAL_BASE.length)}`) : next()));
    app.use(TERMINAL_BASE, terminalApp(deps.terminalAppDir));
  }
  if (deps.adminUiDir && fs.existsSync(path.join(deps.adminUiDir, 'index.html'))) {
    const dir = deps.adminUiDir;
    app.use(express.static(dir, { index: false, maxAge: '1h' }));
    // The admin UI's routes are its own; /terminal (when not served), the APIs and the docs are not.
    app.get(/^\/(?!api\/|mobile\/|docs|terminal(\/|$)).*/, (_req, res) => res.sendFile(path.join(dir, 'index.html')));
  }
  // Anything else (a POST to the UI's paths, a path outside every prefix): a problem, not Express's HTML page.
  app.use((req, res) => sendProblem(res, codedProblem(404, 'Not found', 'route.unknown', { method: req.method, path: req.path }, detailLanguage(req))));
  // Errors are logged through the request's logger, so they carry the request id.
  app.use(((err, req, res, next) => problemHandler((req as { log?: Logger }).log ?? log)(err, req, res, next)) as ErrorRequestHandler);
  return app;
}

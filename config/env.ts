import net from 'node:net';
import { z } from 'zod';
import { LOCK_MODES, type LockMode } from '../domain/evidenceIntegrity';

// Defaults are the local stack's (scripts/stack/config.mjs); production sets every variable (docker/.env.example).
const DEV_SECRETS = new Set(['jicha', 'jicha_app', 'jichadev', 'jichadev-secret-key', 'jichadev-log-anchor-key']);

/** '' (a compose default) and absence both mean "not set". */
const optionalText = <T extends z.ZodType>(inner: T) => z.preprocess((v) => (v === '' ? undefined : v), inner.optional());

/** A tile URL template: http(s), with {z}, {x} and {y} (and {s} in the host when subdomains are given). */
const tileTemplate = z.string().refine((v) => {
  if (!/\{z\}/.test(v) || !/\{x\}/.test(v) || !/\{y\}/.test(v)) return false;
  try {
    return /^https?:$/.test(new URL(v.replace(/\{[a-z]+\}/gi, '0')).protocol);
  } catch {
    return false;
  }
}, 'must be an http(s) URL template with {z}, {x} and {y}');

const TRUST_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address or subnet Express's `trust proxy` takes: 10.0.0.0/8, ::1, or one of its names. */
function trustedPeer(v: string): boolean {
  if (TRUST_NAMES.has(v)) return true;
  const [addr, bits, ...rest] = v.split('/');
  const family = net.isIP(addr);
  return !!family && !rest.length && (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)));
}

/** TRUST_PROXY as Express takes it: a hop count, or the peers whose X-Forwarded-For is believed. */
export function trustProxySetting(v: string): number | string[] {
  return /^\d+$/.test(v) ? Number(v) : v.split(',').map((x) => x.trim()).filter(Boolean);
}

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_URL: z.url().default('http://localhost:3000'),
  // Also the origins whose pages may PUT evidence to the store (config/s3.ts): the admin UI's and the terminal app's dev servers.
  // Whose X-Forwarded-For the API believes (Express's `trust proxy`): req.ip, and with it every per-address limit, is
  // the client's only when the proxy in front (the edge, docker/edge/nginx.conf, which sets the header to the address it
  // sees) is trusted, and only then. loopback: the local stack's edge on this machine; compose: the edge on the compose
  // network (uniquelocal). A list of addresses, subnets or the names loopback, linklocal, uniquelocal; or a hop count.
  TRUST_PROXY: z.string().default('loopback').refine((v) => /^\d+$/.test(v) || (v.split(',').map((x) => x.trim()).filter(Boolean).length > 0 && v.split(',').map((x) => x.trim()).filter(Boolean).every(trustedPeer)),
    'a hop count, or a comma-separated list of addresses, subnets (10.0.0.0/8) or loopback, linklocal, uniquelocal'),
  CORS_ORIGINS: z.string().default('http://localhost:3000,http://127.0.0.1:3000,http://localhost:5173,http://localhost:5174'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').default('postgres://jicha_app:jicha_app@127.0.0.1:54329/jicha'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  // How many rejected rows an import's report gives in full; the rest are counted by reason code and field (#18).
  IMPORT_REPORT_FULL_ROWS: z.coerce.number().int().min(1).max(10_000).default(100),
  // A streaming replica for the back office's statistics (dashboard): their reads may lag the primary by the
  // replica's delay and take load off it at province scale. Unset: everything reads the primary.
  DATABASE_READ_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional()),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('jicha-cases'),
  TEMPORAL_UI_URL: z.url().default('http://localhost:8233'),
  S3_ENDPOINT: z.url().default('http://127.0.0.1:8333'),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY: z.string().min(1).default('jichadev'),
  S3_SECRET_KEY: z.string().min(1).default('jichadev-secret-key'),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid S3 bucket name').default('jicha-evidence'),
  // Evidence is write-once (config/s3.ts ensureEvidenceBucket): the bucket's default retention locks every object
  // version this many days (1825 = 5 years). Mode: COMPLIANCE (nobody, root included, may shorten or delete) by default
  // in production; GOVERNANCE elsewhere — ordinary deletes and overwrites are refused just the same, but the stack's own
  // admin key may bypass (x-amz-bypass-governance-retention), so tests can remove their scratch buckets and a local
  // store never holds bytes nobody can remove. (`npm run stack:down` deletes nothing; wiping .stack removes files.)
  EVIDENCE_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(1825),
  EVIDENCE_LOCK_MODE: optionalText(z.enum(LOCK_MODES)),
  // Confirmed evidence re-hashed per daily housekeeping run, least recently checked first (0: no daily sweep).
  EVIDENCE_SWEEP_SAMPLE: z.coerce.number().int().min(0).max(100_000).default(200),
  // Signs the anchors of the audit trail's and the case log's heads (docs/integrity.md; HMAC-SHA256, at least 32
  // characters). The default is the local stack's: production refuses to start with it.
  LOG_ANCHOR_KEY: z.string().min(16).default('jichadev-log-anchor-key'),
  // Minutes between anchors (a Temporal schedule the worker keeps; 0: none, only `npm run anchor:logs`).
  LOG_ANCHOR_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(1440).default(5),
  KEYCLOAK_URL: z.url().default('http://localhost:8180'),
  KEYCLOAK_REALM: z.string().min(1).default('jicha'),
  OIDC_AUDIENCE: z.string().min(1).default('jicha-api'),
  // Which OIDC clients' tokens each API takes (the token's azp): the back office's SPA on /api, the terminal app on
  // /mobile/v1 (the admin's device routes there also take the back office's, as the back office calls them).
  OIDC_BACKOFFICE_CLIENTS: z.string().min(1).default('jicha-admin'),
  OIDC_TERMINAL_CLIENTS: z.string().min(1).default('jicha-terminal'),
  // Prometheus /metrics is served on its own listener, never on PORT (the public one): METRICS_HOST 127.0.0.1 keeps
  // it on the machine (compose sets 0.0.0.0 on the internal network and does not publish it); METRICS_PORT 0: none.
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(3003),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  WORKER_HEALTH_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  // Per API process and minute (0 = no limit): changes per user, expensive requests per user, rejected tokens per address.
  RATE_LIMIT_MUTATIONS_PER_MIN: z.coerce.number().int().min(0).default(600),
  RATE_LIMIT_EXPENSIVE_PER_MIN: z.coerce.number().int().min(0).default(60),
  RATE_LIMIT_AUTH_FAILURES_PER_MIN: z.coerce.number().int().min(0).default(120),
  // Device-bound tokens (DPoP, RFC 9449) on the terminal routes that need a device: 'optional' — a bearer token passes
  // with a valid proof of the bound device's key (keycloak-js, the terminal app's login, cannot bind tokens);
  // 'required' — only tokens Keycloak issued against that key (cnf.jkt). A DPoP-bound token needs its proof anywhere.
  TERMINAL_TOKEN_BINDING: z.enum(['optional', 'required']).default('optional'),
  // How far a DPoP proof's iat may be from the server's clock (seconds); also how long its jti is remembered.
  DPOP_MAX_SKEW_S: z.coerce.number().int().min(10).max(3600).default(300),
  // The terminal map's basemap (天地图 WMTS or any XYZ source); unset: the map draws customer, track and geofence
  // without one. Empty values count as unset (compose passes `${MAP_TILE_URL:-}`).
  MAP_TILE_URL: optionalText(tileTemplate),
  MAP_TILE_KIND: z.enum(['xyz', 'wmts']).default('xyz'),
  MAP_TILE_SUBDOMAINS: z.string().regex(/^[A-Za-z0-9,\s-]*$/, 'comma-separated host labels').default(''),
  MAP_TILE_ATTRIBUTION: z.string().max(300).default(''),
  MAP_TILE_MAX_ZOOM: optionalText(z.coerce.number().int().min(1).max(24)),
});

/** Every variable the app reads (checked against docker/.env.example and the compose file by `npm run check:docker`). */
export const CONFIG_KEYS = Object.keys(schema.shape) as (keyof z.infer<typeof schema>)[];

/** The basemap the terminal's map draws (GET /mobile/v1/public-config); null without MAP_TILE_URL. */
export interface TileSource {
  kind: 'xyz' | 'wmts';
  url: string;
  subdomains?: string[];
  attribution?: string;
  maxZoom?: number;
}

export type Config = Omit<z.infer<typeof schema>, 'EVIDENCE_LOCK_MODE'> & { EVIDENCE_LOCK_MODE: LockMode; oidcIssuer: string; oidcClients: string[]; oidcBackOfficeClients: string[]; oidcTerminalClients: string[]; corsOrigins: string[]; mapTiles: TileSource | null };

export class ConfigError extends Error {}

/** Parsed once at boot; a bad or missing variable stops the process with a sentence naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (c.NODE_ENV === 'production') {
    const pw = new URL(c.DATABASE_URL).password;
    const weak = [['S3_SECRET_KEY', c.S3_SECRET_KEY], ['DATABASE_URL password', pw], ['LOG_ANCHOR_KEY', c.LOG_ANCHOR_KEY]].filter(([, v]) => DEV_SECRETS.has(v));
    if (weak.length) throw new ConfigError(`invalid configuration: ${weak.map(([k]) => k).join(', ')} still hold the local development secret; set real ones.`);
    if (c.LOG_ANCHOR_KEY.length < 32) throw new ConfigError('invalid configuration:\n  LOG_ANCHOR_KEY: at least 32 characters in production (e.g. `openssl rand -hex 32`)');
  }
  const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
  if (c.MAP_TILE_URL?.includes('{s}') && !list(c.MAP_TILE_SUBDOMAINS).length) {
    throw new ConfigError('invalid configuration:\n  MAP_TILE_SUBDOMAINS: MAP_TILE_URL has {s}; name its subdomains (e.g. 0,1,2,3,4,5,6,7 for 天地图)');
  }
  return {
    ...c,
    EVIDENCE_LOCK_MODE: c.EVIDENCE_LOCK_MODE ?? (c.NODE_ENV === 'production' ? 'COMPLIANCE' : 'GOVERNANCE'),
    oidcIssuer: `${c.KEYCLOAK_URL.replace(/\/$/, '')}/realms/${c.KEYCLOAK_REALM}`,
    oidcClients: [...new Set([...list(c.OIDC_BACKOFFICE_CLIENTS), ...list(c.OIDC_TERMINAL_CLIENTS)])],
    oidcBackOfficeClients: list(c.OIDC_BACKOFFICE_CLIENTS),
    oidcTerminalClients: list(c.OIDC_TERMINAL_CLIENTS),
    corsOrigins: list(c.CORS_ORIGINS),
    mapTiles: c.MAP_TILE_URL
      ? {
        kind: c.MAP_TILE_KIND,
        url: c.MAP_TILE_URL,
        ...(list(c.MAP_TILE_SUBDOMAINS).length ? { subdomains: list(c.MAP_TILE_SUBDOMAINS) } : {}),
        ...(c.MAP_TILE_ATTRIBUTION.trim() ? { attribution: c.MAP_TILE_ATTRIBUTION.trim() } : {}),
        ...(c.MAP_TILE_MAX_ZOOM !== undefined ? { maxZoom: c.MAP_TILE_MAX_ZOOM } : {}),
      }
      : null,
  };
}

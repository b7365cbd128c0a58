// The local stack's long-running processes: how each starts, when it is ready, how it stops.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { STACK_DIR, LOG_DIR, PORTS, BIN, KEYCLOAK_HOME, LOCAL_CREDENTIALS, ROOT, TEST_TEMPORAL_NAMESPACE } from './config.mjs';
import { run, portOpen, httpStatus, spawnService, StackError, log } from './util.mjs';

/**
 * One long-running process of the stack, as the Supervisor drives it.
 * @typedef {object} Service
 * @property {string} name
 * @property {number[]} ports the ports it listens on (must be free before it starts)
 * @property {NodeJS.Signals} stopSignal the signal that stops it gracefully
 * @property {string} logFile
 * @property {() => void | Promise<void>} [prepare] runs before start()
 * @property {() => import('./util.mjs').ServiceProcess} start
 * @property {() => Promise<boolean>} ready
 * @property {() => void | Promise<void>} [afterReady] runs once ready() is true
 */
/** @typedef {import('./provision.mjs').Java} Java */
/** @typedef {{ uid: number, gid: number } | { uid?: undefined, gid?: undefined }} PostgresIdentity */

const pgCreds = LOCAL_CREDENTIALS.postgres;

/**
 * Postgres refuses to run as root: as root we run it as the `postgres` system user.
 * @returns {PostgresIdentity}
 */
function postgresIdentity() {
  if (process.getuid?.() !== 0) return {};
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  if (!uid) throw new StackError('running as root, but there is no `postgres` system user to run PostgreSQL as: install postgresql-15 or run as a normal user.');
  return { uid, gid };
}

/**
 * The cluster lives under .stack/<dirName> unless the postgres user cannot reach it (e.g. a clone under /root).
 * @param {PostgresIdentity} id
 * @param {string} dirName
 */
function postgresBase(id, dirName) {
  const preferred = path.resolve(STACK_DIR, dirName); // an absolute dirName is used as it is
  if (!id.uid) return preferred;
  fs.mkdirSync(preferred, { recursive: true });
  fs.chownSync(preferred, id.uid, id.gid);
  const probe = spawnSync('test', ['-w', preferred], { uid: id.uid, gid: id.gid });
  if (probe.status === 0) return preferred;
  // the stack's own cluster keeps the name it always had; another (npm run chaos) gets one of its own
  const tag = dirName === 'postgres' ? 'postgres' : `postgres-${dirName.replace(/[^A-Za-z0-9]+/g, '-')}`;
  const fallback = path.join('/var/tmp', `jicha-${tag}-${crypto.createHash('sha256').update(ROOT).digest('hex').slice(0, 8)}`);
  fs.mkdirSync(fallback, { recursive: true });
  fs.chownSync(fallback, id.uid, id.gid);
  return fallback;
}

/**
 * Where a second stack (npm run chaos) runs its own copy of a service: its name, ports and directory under .stack/.
 * dirName: under .stack/, or an absolute path.
 * @typedef {{ name?: string, dirName?: string, logDir?: string }} Placement
 */

/**
 * @param {Placement & { port?: number, databases?: string[] }} [o] the stack's own cluster unless told otherwise
 * @returns {Service & { dataDir: string }}
 */
export function postgresService(o = {}) {
  const name = o.name ?? 'postgres';
  const port = o.port ?? PORTS.postgres;
  const id = postgresIdentity();
  const base = postgresBase(id, o.dirName ?? 'postgres');
  const data = path.join(base, 'data');
  const sock = path.join(base, 'run');
  const logFile = path.join(o.logDir ?? LOG_DIR, `${name}.log`);
  const asPg = { uid: id.uid, gid: id.gid };
  const databases = o.databases ?? [pgCreds.database, pgCreds.testDatabase];
  return {
    name,
    dataDir: data,
    ports: [port],
    stopSignal: 'SIGINT', // fast shutdown
    logFile,
    prepare() {
      if (!fs.existsSync(path.join(data, 'PG_VERSION'))) {
        log('initialising private PostgreSQL cluster');
        fs.mkdirSync(sock, { recursive: true });
        const pwfile = path.join(base, 'pwfile');
        fs.writeFileSync(pwfile, pgCreds.password, { mode: 0o600 });
        if (id.uid) {
          for (const p of [base, sock, pwfile]) fs.chownSync(p, id.uid, id.gid);
        }
        run(path.join(BIN.pg, 'initdb'), ['-D', data, '-U', pgCreds.user, '--pwfile', pwfile, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8'], asPg);
        fs.rmSync(pwfile);
      }
      fs.mkdirSync(sock, { recursive: true });
      if (id.uid) fs.chownSync(sock, id.uid, id.gid);
    },
    start() {
      return spawnService(name, path.join(BIN.pg, 'postgres'), ['-D', data, '-p', String(port), '-k', sock, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'shared_buffers=256MB', '-c', 'jit=off', '-c', 'fsync=on'], { logFile, ...asPg });
    },
    async ready() {
      const r = spawnSync(path.join(BIN.pg, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q']);
      return r.status === 0;
    },
    afterReady() {
      const psql = path.join(BIN.pg, 'psql');
      const env = { ...process.env, PGPASSWORD: pgCreds.password };
      const conn = ['-h', '127.0.0.1', '-p', String(port), '-U', pgCreds.user, '-v', 'ON_ERROR_STOP=1', '-q'];
      for (const db of databases) {
        const exists = run(psql, [...conn, '-d', 'postgres', '-tAc', `select 1 from pg_database where datname='${db}'`], { env }).trim();
        if (exists !== '1') run(psql, [...conn, '-d', 'postgres', '-c', `create database ${db}`], { env });
      }
      // The owner and app roles; each database and everything in it owned by the owner (an upgrade from one role too).
      // Also the scratch databases tests, benchmarks and the fuzzer made before the split (jicha_fuzz, jicha_bench…),
      // which they reuse or drop as the owner now.
      const scratch = run(psql, [...conn, '-d', 'postgres', '-tAc', `select datname from pg_database where datname like 'jicha\\_%' and datname <> '${pgCreds.testDatabase}' order by 1`], { env }).split('\n').filter(Boolean);
      for (const db of [...databases, ...scratch.filter((d) => !databases.includes(d))]) {
        run(psql, [...conn, '-d', db, '-v', `owner=${pgCreds.owner.user}`, '-v', `owner_password=${pgCreds.owner.password}`,
          '-v', `app=${pgCreds.app.user}`, '-v', `app_password=${pgCreds.app.password}`, '-f', path.join(ROOT, 'db', 'roles.sql')], { env });
      }
      // Local only: tests and benchmarks make databases of their own as the owner, and the tamper tests (which prove the
      // verifiers catch a rewritten log row) switch the append-only triggers off for their session as the owner.
      run(psql, [...conn, '-d', 'postgres', '-c', `alter role ${pgCreds.owner.user} createdb`, '-c', `grant set on parameter session_replication_role to ${pgCreds.owner.user}`], { env });
    },
  };
}

/**
 * The dev server persists to a SQLite file (--db-filename): a restart keeps every workflow.
 * @param {Placement & { port?: number, uiPort?: number, namespaces?: string[] }} [o]
 * @returns {Service}
 */
export function temporalService(o = {}) {
  const name = o.name ?? 'temporal';
  const port = o.port ?? PORTS.temporal;
  const uiPort = o.uiPort ?? PORTS.temporalUi;
  const dir = path.resolve(STACK_DIR, o.dirName ?? 'temporal');
  const logFile = path.join(o.logDir ?? LOG_DIR, `${name}.log`);
  const namespaces = o.namespaces ?? ['default', TEST_TEMPORAL_NAMESPACE];
  return {
    name,
    ports: [port, uiPort],
    stopSignal: 'SIGTERM',
    logFile,
    prepare() {
      fs.mkdirSync(dir, { recursive: true });
    },
    start() {
      return spawnService(name, BIN.temporal, [
        'server', 'start-dev',
        '--db-filename', path.join(dir, 'temporal.db'),
        '--ip', '127.0.0.1', '--port', String(port),
        '--ui-ip', '127.0.0.1', '--ui-port', String(uiPort), '--ui-disable-news-fetch',
        '--http-port', String(port + 10),
        '--metrics-port', String(port + 11),
        ...namespaces.flatMap((n) => ['--namespace', n]),
        '--log-level', 'warn',
      ], { logFile });
    },
    async ready() {
      if (!(await portOpen(port))) return false;
      const r = spawnSync(BIN.temporal, ['operator', 'cluster', 'health', '--address', `127.0.0.1:${port}`], { encoding: 'utf8', timeout: 5000 });
      return r.status === 0 && /SERVING/.test(r.stdout) && (await httpStatus(`http://127.0.0.1:${uiPort}/`)) === 200;
    },
  };
}

/**
 * @param {Placement & { port?: number, innerPorts?: number }} [o] innerPorts: the first of 10 consecutive ports for
 *   `weed mini`'s own master, volume, filer and admin servers (default: weed's, which a second store cannot share)
 * @returns {Service}
 */
export function seaweedService(o = {}) {
  const name = o.name ?? 'seaweedfs';
  const port = o.port ?? PORTS.s3;
  const dir = path.resolve(STACK_DIR, o.dirName ?? 'seaweedfs');
  const logFile = path.join(o.logDir ?? LOG_DIR, `${name}.log`);
  const s3 = LOCAL_CREDENTIALS.s3;
  const p = o.innerPorts;
  const inner = p === undefined ? [] : [
    `-s3.port.grpc=${p}`, `-master.port=${p + 1}`, `-master.port.grpc=${p + 2}`, `-volume.port=${p + 3}`, `-volume.port.grpc=${p + 4}`,
    `-filer.port=${p + 5}`, `-filer.port.grpc=${p + 6}`, `-admin.port=${p + 7}`, `-admin.port.grpc=${p + 8}`,
  ];
  return {
    name,
    ports: p === undefined ? [port] : [port, ...Array.from({ length: 9 }, (_, i) => p + i)],
    stopSignal: 'SIGTERM',
    logFile,
    prepare() {
      fs.mkdirSync(dir, { recursive: true });
    },
    start() {
      // CORS for browser uploads (presigned PUT from the terminal app): the API sets the evidence bucket's rules on
      // start (config/s3.ts ensureBucketCors); they take precedence over -s3.allowedOrigins (default "*").
      // The evidence bucket is made by the API on start (config/s3.ts ensureEvidenceBucket) with object lock, versioning
      // and a default retention: `-bucket=` would make it without a lock, and so would an upload to a missing bucket
      // (-s3.autoCreateBucket, on by default for the admin key that signs our presigned URLs) — both stay off. An empty
      // -bucket falls back to $S3_BUCKET, so that is blanked too (a shell that exported the app's variables).
      return spawnService(name, BIN.weed, [
        'mini', `-dir=${dir}`, '-ip=127.0.0.1', '-ip.bind=127.0.0.1',
        `-s3.port=${port}`, ...inner, '-webdav=false', '-admin.ui=false', '-s3.port.iceberg=0', '-s3.port.lance=0',
        '-s3.autoCreateBucket=false',
      ], { logFile, cwd: dir, env: { AWS_ACCESS_KEY_ID: s3.accessKey, AWS_SECRET_ACCESS_KEY: s3.secretKey, S3_BUCKET: '' } });
    },
    async ready() {
      return (await httpStatus(`http://127.0.0.1:${port}/`)) > 0;
    },
  };
}

/**
 * @param {Java} java
 * @returns {Service}
 */
export function keycloakService(java) {
  const logFile = path.join(LOG_DIR, 'keycloak.log');
  const admin = LOCAL_CREDENTIALS.keycloakAdmin;
  return {
    name: 'keycloak',
    ports: [PORTS.keycloak, PORTS.keycloakManagement],
    stopSignal: 'SIGTERM',
    logFile,
    prepare() {},
    start() {
      return spawnService('keycloak', path.join(KEYCLOAK_HOME, 'bin', 'kc.sh'), [
        'start-dev', '--import-realm',
        '--http-host', '127.0.0.1', '--http-port', String(PORTS.keycloak),
        '--http-management-port', String(PORTS.keycloakManagement), '--health-enabled', 'true',
      ], {
        logFile,
        env: {
          JAVA_HOME: java.home,
          JAVA: java.java,
          JAVA_OPTS_KC_HEAP: '-Xms128m -Xmx768m',
          KC_BOOTSTRAP_ADMIN_USERNAME: admin.user,
          KC_BOOTSTRAP_ADMIN_PASSWORD: admin.password,
        },
      });
    },
    async ready() {
      return (await httpStatus(`http://127.0.0.1:${PORTS.keycloakManagement}/health/ready`)) === 200
        && (await httpStatus(`http://127.0.0.1:${PORTS.keycloak}/realms/jicha/.well-known/openid-configuration`)) === 200;
    },
  };
}

/**
 * The app's own processes (API and worker), run from TypeScript sources through tsx.
 * @param {string} name
 * @param {string} entry the TypeScript entry point
 * @param {number} port its health port
 * @param {NodeJS.ProcessEnv} env
 * @param {{ logDir?: string, extraPorts?: number[] }} [o] extraPorts: other ports it listens on (a worker's SDK metrics)
 * @returns {Service}
 */
export function nodeAppService(name, entry, port, env, o = {}) {
  const logFile = path.join(o.logDir ?? LOG_DIR, `${name}.log`);
  return {
    name,
    ports: [port, ...(o.extraPorts ?? [])],
    stopSignal: 'SIGTERM',
    logFile,
    prepare() {},
    start() {
      return spawnService(name, process.execPath, ['--enable-source-maps', '--import', 'tsx', entry], { logFile, cwd: ROOT, env: { ...env, NODE_ENV: process.env.NODE_ENV ?? 'development' } });
    },
    async ready() {
      return (await httpStatus(`http://127.0.0.1:${port}/healthz`)) === 200;
    },
  };
}

/**
 * N instances of an app process (`npm run chaos` runs two APIs and two workers), named <name>-1…<name>-N, the i-th
 * on ports[i] with its env from envFor(i, port).
 * @param {string} name
 * @param {string} entry
 * @param {number[]} ports
 * @param {(i: number, port: number) => NodeJS.ProcessEnv} envFor
 * @param {{ logDir?: string, extraPortsFor?: (port: number) => number[] }} [o]
 * @returns {Service[]}
 */
export function nodeAppServices(name, entry, ports, envFor, o = {}) {
  return ports.map((port, i) => nodeAppService(`${name}-${i + 1}`, entry, port, envFor(i, port), { logDir: o.logDir, extraPorts: o.extraPortsFor?.(port) }));
}

/**
 * The edge: Debian's nginx (scripts/stack/provision.mjs provisionNginx) in front of the API, with the config the code
 * generates (scripts/gen-edge.ts, through tsx: this runs after `npm install`). The API keeps its own port; the edge
 * adds one where floods of anonymous changes are refused before the API reads them (#18).
 * @param {{ port?: number, apiPort?: number }} [o]
 * @returns {Service}
 */
export function edgeService(o = {}) {
  const port = o.port ?? PORTS.edge;
  const dir = path.join(STACK_DIR, 'edge');
  const conf = path.join(dir, 'nginx.conf');
  const logFile = path.join(LOG_DIR, 'edge.log');
  return {
    name: 'edge',
    ports: [port],
    stopSignal: 'SIGQUIT', // graceful: in-flight requests finish and the buffered log of refusals is written
    logFile,
    prepare() {
      fs.mkdirSync(dir, { recursive: true });
      run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'gen-edge.ts'), '--local', conf,
        '--listen', `127.0.0.1:${port}`, '--upstream', `127.0.0.1:${o.apiPort ?? PORTS.api}`, '--dir', dir,
        '--refused-log', path.join(LOG_DIR, 'edge-refused.log')], { cwd: ROOT });
    },
    start() {
      return spawnService('edge', BIN.nginx, ['-p', dir, '-c', conf, '-e', 'stderr'], { logFile });
    },
    async ready() {
      return (await httpStatus(`http://127.0.0.1:${port}/edge-healthz`)) === 200;
    },
  };
}

/**
 * @param {Java} java
 * @returns {Service[]}
 */
export function infraServices(java) {
  /** @type {Service[]} */
  const list = [];
  if (!process.env.DATABASE_URL) list.push(postgresService());
  list.push(temporalService(), seaweedService(), keycloakService(java));
  return list;
}

// `npm start`: install, provision, start the whole local stack, migrate, seed, print URLs; Ctrl-C stops it all.
import path from 'node:path';
import { spawn } from 'node:child_process';
import { ROOT, PORTS, DEMO_USERS, DEMO_PASSWORD, localAppEnv, localOwnerEnv, LOCAL_CREDENTIALS, LOG_DIR } from './stack/config.mjs';
import { provisionAll } from './stack/provision.mjs';
import { infraServices, nodeAppService, edgeService } from './stack/services.mjs';
import { Supervisor, reapOrphans } from './stack/supervisor.mjs';
import { ensureNpmDeps, ensureAdminBuild } from './stack/npm-deps.mjs';
import { run, log, StackError } from './stack/util.mjs';

export const READY_LINE = 'jicha is ready';

async function main() {
  const t0 = Date.now();
  const sup = new Supervisor();
  let exiting = false;
  /** @type {(why: string, code?: number) => Promise<void>} */
  const shutdown = async (why, code = 0) => {
    if (exiting) return;
    exiting = true;
    log(`${why}: stopping every process of the stack…`);
    await sup.stopAll();
    log('stopped.');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGHUP', () => void shutdown('SIGHUP'));

  try {
    ensureNpmDeps();
    const { java } = provisionAll();
    await reapOrphans();
    const env = localAppEnv();
    await sup.startAll(infraServices(java));
    const tsx = ['--import', 'tsx'];
    // as the schema's owner; the API, the worker and the seeding connect as the app role (DATABASE_URL)
    log('migrating the database');
    run(process.execPath, [...tsx, path.join(ROOT, 'db', 'migrate.ts')], { cwd: ROOT, env: { ...process.env, ...env, ...localOwnerEnv() }, stdio: 'inherit' });
    // Seeded while the apps start: the reference data and the cases' starts first, then (once the API and the worker
    // answer) the live cases' steps, which need both.
    log('seeding demo data while the worker and the API start');
    const seed = runInBackground(process.execPath, [...tsx, path.join(ROOT, 'scripts', 'seed-demo.ts'), 'all'], { cwd: ROOT, env: { ...process.env, ...env } });
    seed.done.catch(() => undefined); // reported through Promise.all below, or moot when the admin build failed first
    try {
      ensureAdminBuild();
      await Promise.all([
        sup.startAll([
          nodeAppService('worker', path.join(ROOT, 'worker', 'main.ts'), PORTS.worker, env),
          nodeAppService('api', path.join(ROOT, 'server', 'main.ts'), PORTS.api, env),
          edgeService(),
        ]),
        seed.done,
      ]);
    } catch (e) {
      seed.child.kill('SIGTERM');
      throw e;
    }
    sup.onUnexpectedExit((service, code, signal) => {
      log(`${service.name} exited unexpectedly (code ${code}, signal ${signal}); see ${service.logFile}`);
      void shutdown(`${service.name} died`, 1);
    });
    printBanner(env, Date.now() - t0);
  } catch (e) {
    process.stderr.write(`\n[stack] ${e instanceof StackError ? e.message : e instanceof Error ? e.stack : e}\n`);
    await shutdown('start failed', 1);
  }
}

/**
 * As run(), without blocking: the child's output goes to ours, `done` settles when it exits (rejects unless 0).
 * @param {string} cmd
 * @param {string[]} args
 * @param {import('node:child_process').SpawnOptions} opts
 */
function runInBackground(cmd, args, opts) {
  const child = spawn(cmd, args, { ...opts, stdio: 'inherit' });
  /** @type {Promise<void>} */
  const done = new Promise((resolve, reject) => {
    child.once('error', (e) => reject(new StackError(`${cmd} could not run: ${e.message}`)));
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new StackError(`${cmd} ${args.join(' ')} exited with ${code ?? signal}`))));
  });
  return { child, done };
}

/**
 * @param {import('./stack/config.mjs').AppEnv} env
 * @param {number} ms how long the start took
 */
function printBanner(env, ms) {
  const lines = [
    '',
    '  智能稽查 jicha — local stack',
    `  Back office (admin UI)   http://localhost:${PORTS.api}/`,
    `  Back-office API          http://localhost:${PORTS.api}/api`,
    `  Mobile API               http://localhost:${PORTS.api}/mobile/v1`,
    `  API docs (OpenAPI)       http://localhost:${PORTS.api}/docs`,
    `  Edge (nginx → API)       http://localhost:${PORTS.edge}/  (API clients; the UIs' logins are registered on :${PORTS.api})`,
    `  Temporal Web UI          ${env.TEMPORAL_UI_URL}`,
    `  Keycloak                 ${env.KEYCLOAK_URL}/admin/  (master admin: ${LOCAL_CREDENTIALS.keycloakAdmin.user} / ${LOCAL_CREDENTIALS.keycloakAdmin.password})`,
    `  S3 (SeaweedFS)           ${env.S3_ENDPOINT}  bucket ${env.S3_BUCKET}`,
    `  Postgres                 ${env.DATABASE_URL.replace(/:[^:@/]+@/, ':***@')}`,
    `  Logs                     ${LOG_DIR}`,
    '',
    `  Demo logins (realm jicha, password "${DEMO_PASSWORD}"):`,
    ...DEMO_USERS.map((u) => `    ${u.username.padEnd(12)} ${u.role.padEnd(13)} ${u.org}`),
    '',
    `  ${READY_LINE} in ${(ms / 1000).toFixed(1)} s — Ctrl-C stops everything.`,
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

void main();

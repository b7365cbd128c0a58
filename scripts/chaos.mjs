// `npm run chaos [-- --cases N --concurrency N --s3-outage S | --short]`: a stack of its own (Postgres, Temporal dev
// server, S3, two APIs behind a round-robin proxy, two workers; only the running Keycloak is shared, for tokens),
// cases driven through every stage by the terminal simulator and the back office (scripts/chaos/load.ts), and, while
// they run, one fault after another: kill -9 a worker, kill -9 an API, restart Temporal, kill -9 Postgres, stop S3
// (cases keep being started until the last fault is over: a short run may drive more than its dozen).
// Then scripts/chaos/checks.ts checks what came of it. The running `npm start` stack is never touched: every port,
// directory and process here is the chaos run's own. Last line: `chaos: N cases, L lost, D duplicated, U unverified`.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { ROOT, CHAOS_PORTS, CHAOS_DIR, PORTS, LOCAL_CREDENTIALS, localAppEnv } from './stack/config.mjs';

const pg = LOCAL_CREDENTIALS.postgres;
import { postgresService, temporalService, seaweedService, nodeAppServices } from './stack/services.mjs';
import { Supervisor, reapOrphans } from './stack/supervisor.mjs';
import { run, httpStatus, portOpen, sleep, StackError } from './stack/util.mjs';
import { startProxy } from './chaos/proxy.mjs';

const STATE_FILE = path.join(CHAOS_DIR, '..', 'chaos-stack.json'); // outside CHAOS_DIR, which each run wipes
const LOG_DIR = path.join(CHAOS_DIR, 'logs');
const OUT_DIR = path.join(CHAOS_DIR, 'out');
/** Written once every fault has run: the load starts no more cases after it (and at least --cases before). */
const FAULTS_OVER = path.join(OUT_DIR, 'faults-over');
const TSX = ['--import', 'tsx'];

/** @param {string} msg */
const say = (msg) => process.stdout.write(`[chaos] ${msg}\n`);

/** @param {string[]} argv */
function parseArgs(argv) {
  const short = argv.includes('--short');
  const o = { short, cases: short ? 12 : 200, concurrency: short ? 4 : 8, s3OutageS: short ? 8 : 30, graceS: 20 };
  /** @param {string} flag */
  const num = (flag) => {
    const i = argv.indexOf(flag);
    if (i < 0) return undefined;
    const n = Number(argv[i + 1]);
    if (!Number.isInteger(n) || n < 1) throw new StackError(`${flag} needs a whole number ≥ 1`);
    return n;
  };
  o.cases = num('--cases') ?? o.cases;
  o.concurrency = num('--concurrency') ?? o.concurrency;
  o.s3OutageS = num('--s3-outage') ?? o.s3OutageS;
  for (const a of argv) {
    if (a.startsWith('--') && !['--short', '--cases', '--concurrency', '--s3-outage'].includes(a)) throw new StackError(`unknown option ${a}; usage: npm run chaos -- [--short] [--cases N] [--concurrency N] [--s3-outage SECONDS]`);
  }
  return o;
}

/** The app's environment, pointed at the chaos run's own components; the clients reach the APIs through the proxy. */
function chaosEnv() {
  const base = localAppEnv();
  return {
    ...base,
    // the app role, as in production: the logs' grants hold during the faults too
    DATABASE_URL: `postgres://${pg.app.user}:${pg.app.password}@127.0.0.1:${CHAOS_PORTS.postgres}/jicha`,
    TEMPORAL_ADDRESS: `127.0.0.1:${CHAOS_PORTS.temporal}`,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_UI_URL: `http://localhost:${CHAOS_PORTS.temporalUi}`,
    S3_ENDPOINT: `http://127.0.0.1:${CHAOS_PORTS.s3}`,
    PUBLIC_URL: `http://127.0.0.1:${CHAOS_PORTS.proxy}`, // the address DPoP proofs name (htu)
    PORT: String(CHAOS_PORTS.apis[0]),
    METRICS_PORT: '0', // two APIs beside npm start's: no Prometheus listener (its port would be taken)
    WORKER_HEALTH_PORT: String(CHAOS_PORTS.workers[0]),
    LOG_ANCHOR_INTERVAL_MINUTES: '0',
    // one inspector's terminal does the work of hundreds here: the per-user limits would refuse a load test
    RATE_LIMIT_MUTATIONS_PER_MIN: '0',
    RATE_LIMIT_EXPENSIVE_PER_MIN: '0',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
    TERMINAL_KEY_DIR: path.join(CHAOS_DIR, 'terminal-sim'),
  };
}

/**
 * A fault: what it does, and when it started and ended (the outage window the checks allow 5xx answers in).
 * @typedef {{ name: string, start: number, end: number, inFlight: number, doneBefore: number, detail?: string }} FaultWindow
 */

/**
 * @param {Supervisor} sup
 * @param {{ s3OutageS: number }} o
 * @returns {{ name: string, run: () => Promise<string | undefined> }[]}
 */
function faultPlan(sup, o) {
  const restartAfterKill = (/** @type {string} */ name, /** @type {NodeJS.Signals} */ signal) => async () => {
    await sup.kill(name, signal);
    const ms = await sup.restart(name);
    return `back after ${(ms / 1000).toFixed(1)} s`;
  };
  return [
    { name: 'kill -9 worker-1, restart it', run: restartAfterKill('worker-1', 'SIGKILL') },
    { name: 'kill -9 api-2, restart it', run: restartAfterKill('api-2', 'SIGKILL') },
    { name: 'restart the Temporal dev server (same db file)', run: restartAfterKill('temporal', 'SIGTERM') },
    { name: 'kill -9 Postgres, start it (crash recovery)', run: restartAfterKill('postgres', 'SIGKILL') },
    {
      name: `stop S3 for ${o.s3OutageS} s`,
      async run() {
        await sup.kill('seaweedfs', 'SIGTERM');
        await sleep(o.s3OutageS * 1000);
        const ms = await sup.restart('seaweedfs');
        return `back ${(ms / 1000).toFixed(1)} s after its restart`;
      },
    },
  ];
}

/**
 * Runs a TypeScript step with the chaos env; its lines are echoed, `@progress {json}` lines reported to onProgress.
 * @param {string} file
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 * @param {(p: { done: number, inFlight: number }) => void} [onProgress]
 */
function runStep(file, args, env, onProgress) {
  const child = spawn(process.execPath, [...TSX, file, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  readline.createInterface({ input: /** @type {import('node:stream').Readable} */ (child.stdout) }).on('line', (line) => {
    if (line.startsWith('@progress ')) onProgress?.(JSON.parse(line.slice(10)));
    else process.stdout.write(`${line}\n`);
  });
  /** @type {Promise<number>} */
  const done = new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  return { child, done };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const keycloak = `http://127.0.0.1:${PORTS.keycloak}/realms/jicha/.well-known/openid-configuration`;
  if ((await httpStatus(keycloak)) !== 200) throw new StackError(`the chaos run signs its users in at the running Keycloak (${keycloak}), which does not answer: start the stack with \`npm start\` first.`);
  await reapOrphans(STATE_FILE); // a chaos run that died without cleaning up
  fs.rmSync(CHAOS_DIR, { recursive: true, force: true });
  for (const d of [LOG_DIR, OUT_DIR]) fs.mkdirSync(d, { recursive: true });
  const sup = new Supervisor({ stateFile: STATE_FILE });
  /** @type {Awaited<ReturnType<typeof startProxy>> | null} */
  let proxy = null;
  /** @type {import('node:child_process').ChildProcess | null} */
  let load = null;
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    load?.kill('SIGTERM');
    await proxy?.close();
    await sup.stopAll();
  };
  for (const sig of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
    process.on(sig, () => {
      if (stopping) return;
      say(`${sig}: stopping every process of the chaos run`);
      void stopAll().then(() => process.exit(1));
    });
  }

  try {
    const env = chaosEnv();
    say(`${o.cases} cases, ${o.concurrency} in flight; own stack under ${CHAOS_DIR} (logs in ${LOG_DIR})`);
    const place = (/** @type {string} */ name) => ({ name, dirName: path.join(CHAOS_DIR, name), logDir: LOG_DIR });
    await sup.startAll([
      postgresService({ ...place('postgres'), port: CHAOS_PORTS.postgres, databases: ['jicha'] }),
      temporalService({ ...place('temporal'), port: CHAOS_PORTS.temporal, uiPort: CHAOS_PORTS.temporalUi, namespaces: ['default'] }),
      seaweedService({ ...place('seaweedfs'), port: CHAOS_PORTS.s3, innerPorts: CHAOS_PORTS.s3Inner }),
    ]);
    const owner = `postgres://${pg.owner.user}:${pg.owner.password}@127.0.0.1:${CHAOS_PORTS.postgres}/jicha`;
    run(process.execPath, [...TSX, path.join(ROOT, 'db', 'migrate.ts')], { cwd: ROOT, env: { ...process.env, ...env, DATABASE_OWNER_URL: owner } });
    say('migrated');

    // The load seeds the reference data and waits for the APIs while they start.
    /** @type {{ done: number, inFlight: number }} */
    const progress = { done: 0, inFlight: 0 };
    const loadStep = runStep(path.join(ROOT, 'scripts', 'chaos', 'load.ts'), ['--cases', String(o.cases), '--concurrency', String(o.concurrency), '--out', OUT_DIR, '--base-url', `http://127.0.0.1:${CHAOS_PORTS.proxy}`, '--until', FAULTS_OVER], env, (p) => Object.assign(progress, p));
    load = loadStep.child;
    const workers = nodeAppServices('worker', path.join(ROOT, 'worker', 'main.ts'), CHAOS_PORTS.workers, (_i, port) => ({ ...env, WORKER_HEALTH_PORT: String(port) }), { logDir: LOG_DIR, extraPortsFor: (port) => [port + 1] });
    const apis = nodeAppServices('api', path.join(ROOT, 'server', 'main.ts'), CHAOS_PORTS.apis, (_i, port) => ({ ...env, PORT: String(port) }), { logDir: LOG_DIR });
    // the first API makes the evidence bucket (config/s3.ts): the second starts once it has
    await sup.startAll([...workers, apis[0]]);
    await sup.startAll([apis[1]]);
    proxy = await startProxy(CHAOS_PORTS.proxy, CHAOS_PORTS.apis);
    say(`2 APIs behind the proxy on :${CHAOS_PORTS.proxy}, 2 workers; stack up in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

    // Faults, one at a time, each while cases are in flight: spread over the first two thirds of the run (by cases
    // done), or back to back in a short run (whose load would be over before the later ones).
    /** @type {FaultWindow[]} */
    const windows = [];
    const plan = faultPlan(sup, o);
    let loadExited = false;
    void loadStep.done.then(() => { loadExited = true; });
    const faults = (async () => {
      for (let i = 0; i < plan.length; i += 1) {
        const at = o.short ? 0 : Math.floor((i * o.cases * 2) / (3 * plan.length));
        while (!loadExited && (progress.done < at || progress.inFlight === 0)) await sleep(250);
        if (loadExited) {
          say(`fault skipped, the load is over: ${plan[i].name}`);
          continue;
        }
        const w = { name: plan[i].name, start: Date.now(), end: 0, inFlight: progress.inFlight, doneBefore: progress.done };
        say(`FAULT ${i + 1}/${plan.length}: ${w.name} (${w.doneBefore} cases done, ${w.inFlight} in flight)`);
        const detail = await plan[i].run();
        windows.push({ ...w, end: Date.now(), detail });
        say(`FAULT ${i + 1}/${plan.length} over after ${((Date.now() - w.start) / 1000).toFixed(1)} s: ${detail ?? ''}`);
      }
    })().then(() => null, (/** @type {unknown} */ e) => e).finally(() => fs.writeFileSync(FAULTS_OVER, `${new Date().toISOString()}\n`));
    const loadCode = await loadStep.done;
    load = null;
    const faultError = await faults;
    if (faultError) throw new StackError(`a fault could not be injected or recovered from: ${faultError instanceof Error ? faultError.message : faultError}`);
    fs.writeFileSync(path.join(OUT_DIR, 'windows.json'), JSON.stringify({ graceMs: o.graceS * 1000, windows }, null, 2));
    say(`load finished (exit ${loadCode}) in ${((Date.now() - t0) / 1000).toFixed(0)} s; ${windows.length} of ${plan.length} faults injected; checking`);

    const checks = runStep(path.join(ROOT, 'scripts', 'chaos', 'checks.ts'), ['--out', OUT_DIR], env);
    const checksCode = await checks.done;
    const summary = JSON.parse(fs.readFileSync(path.join(OUT_DIR, 'summary.json'), 'utf8'));

    await stopAll();
    const leftOpen = [];
    for (const port of [CHAOS_PORTS.proxy, ...CHAOS_PORTS.apis, ...CHAOS_PORTS.workers, CHAOS_PORTS.postgres, CHAOS_PORTS.temporal, CHAOS_PORTS.s3]) {
      if (await portOpen(port)) leftOpen.push(port);
    }
    if (leftOpen.length) say(`FAILED: ports still listening after the stop: ${leftOpen.join(', ')}`);
    say(`${((Date.now() - t0) / 1000).toFixed(0)} s in all; logs and figures in ${CHAOS_DIR}`);
    const failed = loadCode !== 0 || checksCode !== 0 || leftOpen.length > 0 || windows.length < plan.length;
    process.stdout.write(`chaos: ${summary.cases} cases, ${summary.lost} lost, ${summary.duplicated} duplicated, ${summary.unverified} unverified\n`);
    process.exit(failed || summary.lost || summary.duplicated || summary.unverified ? 1 : 0);
  } catch (e) {
    process.stderr.write(`[chaos] ${e instanceof StackError ? e.message : e instanceof Error ? e.stack : e}\n`);
    await stopAll();
    process.stdout.write(`chaos: ${o.cases} cases, run failed before its checks\n`);
    process.exit(1);
  }
}

void main();

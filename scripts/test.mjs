// `npm test`: install, provision, start the stack through `npm start` (or reuse a running one), run every
// test suite against it, stop it and prove nothing was left running. Last line: "N passed, N failed".
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { ROOT, PORTS, RUN_DIR, LOG_DIR, localAppEnv, localOwnerEnv } from './stack/config.mjs';
import { provisionAll, provisionBrowser, ensureDirs } from './stack/provision.mjs';
import { ensureNpmDeps, ensureAdminBuild, UI_PACKAGES } from './stack/npm-deps.mjs';
import { portOpen, httpStatus, log, sleep, StackError } from './stack/util.mjs';
import { settledDemoSnapshot, demoSnapshot, demoChanges } from './stack/demoSnapshot.mjs';

/** @typedef {import('./stack/supervisor.mjs').ServiceRecord} ServiceRecord */
/** @typedef {import('./stack/supervisor.mjs').StackState} StackState */
/**
 * What we read of jest's and vitest's --json reports.
 * @typedef {{ numPassedTests: number, numFailedTests: number, numRuntimeErrorTestSuites?: number }} TestReport
 */

const READY_LINE = 'jicha is ready';
const STACK_PORTS = Object.values(PORTS);

async function stackAlreadyRunning() {
  return (await httpStatus(`http://127.0.0.1:${PORTS.api}/readyz`)) === 200
    && (await httpStatus(`http://127.0.0.1:${PORTS.keycloak}/realms/jicha/.well-known/openid-configuration`)) === 200;
}

function startStack() {
  const logFile = path.join(LOG_DIR, 'npm-start-for-tests.log');
  const out = fs.createWriteStream(logFile);
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  let seen = '';
  /** @type {Promise<void>} */
  const ready = new Promise((resolve, reject) => {
    const onData = (/** @type {Buffer} */ chunk) => {
      out.write(chunk);
      process.stdout.write(chunk);
      seen = (seen + chunk.toString()).slice(-4000);
      if (seen.includes(READY_LINE)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new StackError(`npm start exited (${code}) before the stack was ready; see ${logFile}`)));
  });
  /** @type {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} */
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, ready, exited };
}

/**
 * @param {string} cmd
 * @param {string[]} args
 * @param {import('node:child_process').SpawnOptions} opts
 * @returns {Promise<number>} its exit code (1 when killed by a signal)
 */
function runCommand(cmd, args, opts) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', ...opts });
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

/**
 * @param {string} file
 * @returns {unknown} the file's JSON, null when it is missing or not JSON
 */
function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * After Ctrl-C of `npm start`: every process group it started is gone and no stack port listens.
 * @param {ServiceRecord[]} groups
 */
async function checkNoOrphans(groups) {
  const problems = [];
  for (const g of groups) {
    if (g.pgid === undefined) continue; // never started
    try {
      process.kill(-g.pgid, 0);
      problems.push(`${g.name} (process group ${g.pgid}) still running`);
    } catch {
      /* gone, as it should be */
    }
  }
  for (const port of STACK_PORTS) if (await portOpen(port)) problems.push(`port ${port} still listening`);
  return problems;
}

async function main() {
  const jestArgs = process.argv.slice(2);
  ensureDirs();
  ensureNpmDeps();
  provisionAll();
  provisionBrowser();
  const counts = { passed: 0, failed: 0 };
  /** @type {ReturnType<typeof startStack> | null} */
  let stack = null;
  /** @type {ServiceRecord[]} */
  let groups = [];
  // Unit and time-skipping workflow tests need no running stack (the test server binary is provisioned above).
  const sel = jestArgs.indexOf('--selectProjects');
  const selected = sel >= 0 ? jestArgs.slice(sel + 1).filter((a) => !a.startsWith('-')) : [];
  const needsStack = selected.length === 0 || selected.some((p) => !['unit', 'workflows'].includes(p));
  if (!needsStack) {
    log(`projects ${selected.join(', ')} need no running stack`);
  } else if (await stackAlreadyRunning()) {
    log('reusing the stack that `npm start` left running (the stop-and-no-orphans check runs only when npm test starts the stack itself)');
  } else {
    for (const port of STACK_PORTS) {
      if (await portOpen(port)) throw new StackError(`port ${port} is in use but the jicha stack is not answering: stop whatever holds it and run again.`);
    }
    log('starting the stack with `npm start` for the tests');
    stack = startStack();
    await stack.ready;
    groups = /** @type {StackState | null} */ (readJson(path.join(RUN_DIR, 'stack.json')))?.services ?? [];
  }

  // The web apps as the tests will see them (a reused stack may have been started before their last change).
  ensureAdminBuild();

  // Static gates first: type errors, lint (layers, workflow determinism), the production compose check, the OpenAPI schema check and a stale generated client and a terminal app that is not installable count as failures like any test.
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  /** @type {[string, string[]][]} */
  const gates = [['typecheck', [tsc, '-p', '.']], ['typecheck:scripts', [tsc, '-p', 'scripts']], ['lint', [path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '.']], ['check:docker', ['--import', 'tsx', path.join(ROOT, 'scripts', 'check-docker.mjs')]], ['check:openapi', ['--import', 'tsx', path.join(ROOT, 'scripts', 'check-openapi.ts')]], ['gen:client --check', ['--import', 'tsx', path.join(ROOT, 'scripts', 'gen-client.ts'), '--check']], ['check:terminal-install', [path.join(ROOT, 'scripts', 'check-terminal-install.mjs')]]];
  for (const [name, args] of gates) {
    if (jestArgs.length) break;
    const code = await runCommand(process.execPath, args, { cwd: ROOT });
    counts[code === 0 ? 'passed' : 'failed'] += 1;
    log(`${name}: ${code === 0 ? 'passed' : 'FAILED'}`);
  }

  // The suites use the test database and namespace; the e2e project runs its own API + worker (tests/support/e2eSetup.ts).
  // DATABASE_OWNER_URL: the suites migrate as the owner, and fixtures that need the owner's rights use it (tests/support/ownerDb.ts).
  const env = { ...process.env, ...localAppEnv({ test: true }), ...localOwnerEnv({ test: true }), LOG_LEVEL: 'warn' };
  // …and the demo `npm start` serves is left as it was: compared with this snapshot after the last suite.
  const demoDb = localAppEnv().DATABASE_URL;
  const demoBefore = needsStack ? await settledDemoSnapshot(demoDb) : null;
  const jestReport = path.join(RUN_DIR, 'jest-report.json');
  fs.rmSync(jestReport, { force: true });
  const jestBin = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
  // One process runs every suite (--runInBand), and what the suites leave behind (workflow bundles, native Temporal
  // runtimes' buffers) adds up: at 4 GB, Node's default heap here, the run of 2026-12-04 died 15 min in. 8 GB of the
  // machine's 24 leaves room while that growth is tracked down.
  // --forceExit: a suite that leaks a handle (a Temporal worker still polling a test server a timed-out test tore down)
  // must cost its own failure, not hang the whole run until CI's time limit; the failure it caused is already reported.
  await runCommand(process.execPath, ['--max-old-space-size=8192', jestBin, '--ci', '--runInBand', '--forceExit', '--json', `--outputFile=${jestReport}`, ...jestArgs], { cwd: ROOT, env });
  const jr = /** @type {TestReport | null} */ (readJson(jestReport));
  if (jr) {
    counts.passed += jr.numPassedTests;
    counts.failed += jr.numFailedTests + (jr.numRuntimeErrorTestSuites ?? 0);
    log(`jest: ${jr.numPassedTests} passed, ${jr.numFailedTests} failed, ${jr.numRuntimeErrorTestSuites ?? 0} suites could not run`);
  } else {
    counts.failed += 1;
    log('jest wrote no report');
  }

  // A bounded fuzz pass (about two minutes): fast-check and schemathesis on every operation, zero 5xx (npm run fuzz:api runs the long one).
  if (jestArgs.length === 0) {
    const code = await runCommand(process.execPath, ['--import', 'tsx', path.join(ROOT, 'fuzz', 'run.ts'), '--quick'], { cwd: ROOT, env });
    counts[code === 0 ? 'passed' : 'failed'] += 1;
    log(`fuzz:api --quick: ${code === 0 ? 'passed' : 'FAILED'}`);
  }

  // The web apps' own unit and component tests (vitest), each in its package.
  for (const ui of UI_PACKAGES) {
    if (!fs.existsSync(path.join(ROOT, ui, 'package.json')) || jestArgs.length > 0) continue;
    const uiReport = path.join(RUN_DIR, `${ui}-report.json`);
    fs.rmSync(uiReport, { force: true });
    await runCommand('npm', ['test', '--', '--reporter=default', '--reporter=json', `--outputFile.json=${uiReport}`], { cwd: path.join(ROOT, ui), env: process.env });
    const ur = /** @type {TestReport | null} */ (readJson(uiReport));
    if (ur) {
      counts.passed += ur.numPassedTests;
      counts.failed += ur.numFailedTests;
      log(`${ui} (vitest): ${ur.numPassedTests} passed, ${ur.numFailedTests} failed`);
    } else {
      counts.failed += 1;
      log(`${ui} tests wrote no report`);
    }
  }

  if (demoBefore) {
    const changed = demoChanges(demoBefore, await demoSnapshot(demoDb));
    if (changed.length) {
      counts.failed += 1;
      log(`demo data check FAILED: the tests changed the demo database (${changed.length} ${changed.length === 1 ? 'table' : 'tables'}; a test must use the test database, its own namespace and the e2e servers, never the demo on :${PORTS.api}):\n  ${changed.join('\n  ')}`);
    } else {
      counts.passed += 1;
      log(`demo data check passed: ${Object.keys(demoBefore).length} tables of the demo database as they were`);
    }
  }

  if (stack) {
    log('stopping `npm start` with SIGINT (as Ctrl-C does)');
    stack.child.kill('SIGINT');
    const timeout = sleep(120_000).then(() => ({ code: 'timeout' }));
    const r = await Promise.race([stack.exited, timeout]);
    const problems = r.code === 0 ? await checkNoOrphans(groups) : [`npm start did not exit cleanly (${JSON.stringify(r)})`];
    if (problems.length) {
      counts.failed += 1;
      log(`stop check FAILED: ${problems.join('; ')}`);
    } else {
      counts.passed += 1;
      log(`stop check passed: ${groups.length} process groups gone, no stack port listening`);
    }
  }
  process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed\n`);
  process.exit(counts.failed === 0 && counts.passed > 0 ? 0 : 1);
}

main().catch((e) => {
  process.stderr.write(`\n[test] ${e instanceof StackError ? e.message : e.stack}\n0 passed, 1 failed\n`);
  process.exit(1);
});

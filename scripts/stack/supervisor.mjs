// Starts services in their own process groups, records them in .stack/run/stack.json so a crashed
// supervisor's orphans can be found, and stops every group it started (no orphans, nothing listening).
import fs from 'node:fs';
import path from 'node:path';
import { RUN_DIR } from './config.mjs';
import { waitFor, portOpen, sleep, log, StackError } from './util.mjs';

/** @typedef {import('./services.mjs').Service} Service */
/** @typedef {import('./util.mjs').ServiceProcess} ServiceProcess */
/**
 * A started service as recorded in stack.json (pgid is missing when the process could not be spawned).
 * @typedef {{ name: string, pgid?: number, stopSignal?: NodeJS.Signals, ports?: number[] }} ServiceRecord
 */
/** @typedef {{ owner?: number, services?: ServiceRecord[] }} StackState */

const STATE_FILE = path.join(RUN_DIR, 'stack.json');

/**
 * Whether process.kill failed only for lack of permission (the target exists).
 * @param {unknown} e what process.kill threw
 */
const isEperm = (e) => /** @type {NodeJS.ErrnoException} */ (e).code === 'EPERM';

/** @param {number} pid */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return isEperm(e);
  }
}

/** @param {number} pgid */
function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return isEperm(e);
  }
}

/**
 * Kill process groups left by a supervisor that died without cleaning up.
 * @param {string} [stateFile] the supervisor's record (default: the stack's)
 */
export async function reapOrphans(stateFile = STATE_FILE) {
  if (!fs.existsSync(stateFile)) return 0;
  /** @type {StackState} */
  let state;
  try {
    state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
  } catch {
    fs.rmSync(stateFile, { force: true });
    return 0;
  }
  if (state.owner && alive(state.owner)) return 0; // a live supervisor owns them
  let reaped = 0;
  for (const s of state.services ?? []) {
    if (s.pgid !== undefined && groupAlive(s.pgid)) {
      log(`stopping ${s.name} (pid ${s.pgid}) left running by an earlier run`);
      await stopGroup(s.pgid, s.stopSignal ?? 'SIGTERM');
      reaped += 1;
    }
  }
  fs.rmSync(stateFile, { force: true });
  return reaped;
}

/**
 * @param {number} pgid
 * @param {NodeJS.Signals} signal
 */
async function stopGroup(pgid, signal, graceMs = 25_000) {
  try {
    process.kill(-pgid, signal);
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!groupAlive(pgid)) return;
    await sleep(200);
  }
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    /* already gone */
  }
  while (groupAlive(pgid)) await sleep(100);
}

export class Supervisor {
  /**
   * @param {{ stateFile?: string }} [o] stateFile: where it records its process groups (a second stack, such as
   *   `npm run chaos`'s, keeps its own record so it never reaps or overwrites the stack's)
   */
  constructor(o = {}) {
    this.stateFile = o.stateFile ?? STATE_FILE;
    /** @type {{ service: Service, child: ServiceProcess }[]} */
    this.running = [];
    /** @type {Promise<void> | null} */
    this.stopping = null;
  }

  save() {
    fs.mkdirSync(path.dirname(this.stateFile), { recursive: true });
    /** @type {ServiceRecord[]} */
    const services = this.running.map(({ service, child }) => ({ name: service.name, pgid: child.pid, stopSignal: service.stopSignal, ports: service.ports }));
    fs.writeFileSync(this.stateFile, JSON.stringify({ owner: process.pid, services }, null, 2));
  }

  /** @param {string} name */
  entry(name) {
    const e = this.running.find((r) => r.service.name === name);
    if (!e) throw new StackError(`${name} is not running under this supervisor`);
    return e;
  }

  /**
   * Stop one service's process group with `signal` (SIGKILL: as a crash would) and wait until it is gone; it stays
   * recorded, so restart() can start it again.
   * @param {string} name
   * @param {NodeJS.Signals} [signal] default: the service's own stop signal
   */
  async kill(name, signal) {
    const { service, child } = this.entry(name);
    if (child.pid && !child.exited) await stopGroup(child.pid, signal ?? service.stopSignal);
  }

  /**
   * Start a stopped (or killed) service again as it was started first; resolves when it is ready.
   * @param {string} name
   * @returns {Promise<number>} milliseconds it took to be ready
   */
  async restart(name, { timeoutMs = 180_000 } = {}) {
    const e = this.entry(name);
    if (e.child.pid && !e.child.exited) await stopGroup(e.child.pid, e.service.stopSignal);
    for (const port of e.service.ports) {
      await waitFor(`port ${port} of ${name} to be free`, async () => !(await portOpen(port)), { timeoutMs: 30_000, intervalMs: 200 });
    }
    const child = e.service.start();
    e.child = child;
    this.save();
    const ms = await waitFor(name, () => e.service.ready(), { timeoutMs, alive: () => !child.exited, logFile: e.service.logFile, intervalMs: 200 });
    await e.service.afterReady?.();
    return ms;
  }

  /**
   * Start services concurrently; resolves when all are ready.
   * @param {Service[]} services
   * @returns {Promise<number>} milliseconds it took
   */
  async startAll(services, { timeoutMs = 300_000 } = {}) {
    for (const s of services) {
      for (const port of s.ports) {
        if (await portOpen(port)) throw new StackError(`port ${port} (${s.name}) is already in use by another program: stop it, or stop the stack that holds it, and run again.`);
      }
    }
    const started = Date.now();
    await Promise.all(services.map(async (service) => {
      await service.prepare?.();
      const child = service.start();
      this.running.push({ service, child });
      this.save();
      const ms = await waitFor(service.name, () => service.ready(), { timeoutMs, alive: () => !child.exited, logFile: service.logFile });
      await service.afterReady?.();
      log(`${service.name} ready (${(ms / 1000).toFixed(1)} s)`);
    }));
    return Date.now() - started;
  }

  /**
   * Stop in reverse start order: the app first, Postgres last.
   * @returns {Promise<void>}
   */
  stopAll() {
    if (this.stopping) return this.stopping;
    this.stopping = (async () => {
      for (const { service, child } of [...this.running].reverse()) {
        if (!child.pid) continue;
        await stopGroup(child.pid, service.stopSignal);
        log(`${service.name} stopped`);
      }
      this.running = [];
      fs.rmSync(this.stateFile, { force: true });
    })();
    return this.stopping;
  }

  /**
   * A service that dies while the stack runs is reported; the caller decides what to do.
   * @param {(service: Service, code: number | null, signal: NodeJS.Signals | null) => void} handler
   */
  onUnexpectedExit(handler) {
    for (const { service, child } of this.running) {
      child.once('exit', (code, signal) => {
        if (!this.stopping) handler(service, code, signal);
      });
    }
  }
}

/** @param {Service[]} services */
export async function allReady(services) {
  for (const s of services) {
    if (!(await s.ready())) return false;
  }
  return true;
}

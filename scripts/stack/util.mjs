import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import fs from 'node:fs';

/**
 * A service's process: a ChildProcess that also records whether it has exited (see spawnService).
 * @typedef {import('node:child_process').ChildProcess & { exited: boolean }} ServiceProcess
 */

export class StackError extends Error {}

/** @param {string} msg */
export function log(msg) {
  process.stdout.write(`[stack] ${msg}\n`);
}

/**
 * Run a command to completion; throws a StackError carrying its output tail on failure.
 * @param {string} cmd
 * @param {string[]} args
 * @param {Omit<import('node:child_process').SpawnSyncOptions, 'encoding'>} [opts]
 * @returns {string} its stdout (null at run time when opts.stdio sends stdout elsewhere, e.g. 'inherit')
 */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
  if (r.error) throw new StackError(`${cmd} could not run: ${r.error.message}`);
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
    throw new StackError(`${cmd} ${args.join(' ')} exited with ${r.status}:\n${tail}`);
  }
  return r.stdout;
}

/**
 * @param {string} cmd
 * @returns {string | null} the command's path, or null when it is not on PATH
 */
export function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/**
 * @param {number} port
 * @returns {Promise<boolean>} whether something accepts TCP connections on it
 */
export function portOpen(port, host = '127.0.0.1', timeoutMs = 500) {
  return new Promise((resolve) => {
    const s = net.connect({ port, host });
    const done = (/** @type {boolean} */ ok) => { s.destroy(); resolve(ok); };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

/**
 * @param {string} url
 * @returns {Promise<number>} the response's status, 0 when there is no answer in time
 */
export async function httpStatus(url, timeoutMs = 2000) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** @type {(ms: number) => Promise<void>} */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Poll `check` until it returns truthy; `alive()` false aborts early (the process died).
 * @param {string} what
 * @param {() => unknown} check
 * @param {{ timeoutMs?: number, intervalMs?: number, alive?: () => boolean, logFile?: string }} [opts]
 * @returns {Promise<number>} milliseconds it took
 */
export async function waitFor(what, check, { timeoutMs = 180_000, intervalMs = 500, alive = () => true, logFile } = {}) {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (!alive()) throw new StackError(`${what} exited before it became ready${logFile ? `; see ${logFile}:\n${tailFile(logFile)}` : ''}`);
    if (Date.now() - started > timeoutMs) {
      throw new StackError(`${what} not ready after ${Math.round(timeoutMs / 1000)} s${logFile ? `; see ${logFile}:\n${tailFile(logFile)}` : ''}`);
    }
    await sleep(intervalMs);
  }
}

/** @param {string} file */
export function tailFile(file, lines = 20) {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Spawn a long-running process in its own process group, output appended to a log file.
 * @param {string} name
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ logFile: string, env?: NodeJS.ProcessEnv, cwd?: string, uid?: number, gid?: number }} opts
 * @returns {ServiceProcess}
 */
export function spawnService(name, cmd, args, { env, cwd, logFile, uid, gid }) {
  const out = fs.openSync(logFile, 'a');
  fs.writeSync(out, `\n--- ${new Date().toISOString()} starting ${name}: ${cmd} ${args.join(' ')}\n`);
  // Cast: the `exited` flag is added on the next line.
  const child = /** @type {ServiceProcess} */ (spawn(cmd, args, { env: { ...process.env, ...env }, cwd, detached: true, stdio: ['ignore', out, out], uid, gid }));
  fs.closeSync(out);
  child.exited = false;
  child.once('exit', () => { child.exited = true; });
  return child;
}

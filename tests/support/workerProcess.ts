import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
/** Preload that stops a spawned server when the test process is gone (exitWithParent.cjs). */
export const EXIT_WITH_PARENT = path.join(__dirname, 'exitWithParent.cjs');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The real worker entry point (worker/main.ts) as its own process, on a test's task queue. */
export async function startWorkerProcess(env: Record<string, string>): Promise<{ child: ChildProcess; healthPort: number; output: () => string }> {
  // two consecutive free ports: health and the SDK's metrics exporter beside it
  let healthPort = await freePort();
  for (let i = 0; i < 20; i += 1) {
    const next = await freePort();
    if (next !== healthPort + 1) {
      healthPort = next;
      continue;
    }
    break;
  }
  let out = '';
  const child = spawn(process.execPath, ['--require', EXIT_WITH_PARENT, '--import', 'tsx', path.join(ROOT, 'worker', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env, WORKER_HEALTH_PORT: String(healthPort), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`worker exited (${child.exitCode}):\n${out.slice(-2000)}`);
    const ok = await fetch(`http://127.0.0.1:${healthPort}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`worker not healthy in 90 s:\n${out.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, healthPort, output: () => out };
}

export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

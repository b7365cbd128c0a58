import net from 'node:net';
import path from 'node:path';
import { spawn } from 'node:child_process';

// `npm run chaos -- --short`: a dozen cases through every stage on the chaos run's own stack (two APIs, two workers,
// its own Postgres, Temporal and S3; only Keycloak is shared) while a worker and an API are killed -9, Temporal is
// restarted, Postgres crashes and S3 is stopped. Nothing of the stack the other tests use is touched.
const ROOT = path.resolve(__dirname, '..', '..');
// scripts/stack/config.mjs CHAOS_PORTS (plain ESM, which jest's CommonJS cannot import): proxy, APIs, workers and
// their metrics, Postgres, Temporal, S3
const CHAOS_PORTS = [26380, 26301, 26302, 26311, 26312, 26313, 26314, 26329, 26233, 26238, 26333];

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

test('a short chaos run loses, duplicates and leaves unverified nothing, with every fault injected under load', async () => {
  for (const port of CHAOS_PORTS) expect(await listening(port)).toBe(false); // no earlier run left behind
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'chaos.mjs'), '--short'], { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  const lines = out.trim().split('\n');
  if (code !== 0) console.log(out.slice(-6000)); // what went wrong, in the test's report

  // at least the short run's 12 cases: more are started while faults are still to come
  expect(lines[lines.length - 1]).toMatch(/^chaos: \d+ cases, 0 lost, 0 duplicated, 0 unverified$/);
  expect(Number(/^chaos: (\d+) cases/.exec(lines[lines.length - 1])?.[1])).toBeGreaterThanOrEqual(12);
  expect(code).toBe(0);
  // every fault started while cases were in flight, and ended
  const started = lines.filter((l) => /^\[chaos\] FAULT \d\/5: /.test(l));
  expect(started.map((l) => /\((\d+) cases done, (\d+) in flight\)$/.exec(l)?.[2]).map(Number).every((n) => n > 0)).toBe(true);
  expect(started.map((l) => /FAULT \d\/5: (.*) \(\d+ cases done/.exec(l)?.[1])).toEqual([
    'kill -9 worker-1, restart it', 'kill -9 api-2, restart it', 'restart the Temporal dev server (same db file)', 'kill -9 Postgres, start it (crash recovery)', 'stop S3 for 8 s',
  ]);
  expect(lines.filter((l) => /^\[chaos\] FAULT \d\/5 over after/.test(l))).toHaveLength(5);
  // all nine checks ran and passed
  const checks = lines.filter((l) => l.startsWith('[check] '));
  expect(checks).toHaveLength(9);
  expect(checks.filter((l) => !l.startsWith('[check] ok'))).toEqual([]);
  // the clients felt the faults (cut connections or 5xx, all retried), and no 5xx fell outside an outage window
  const seen = /(\d+) 5xx, 0 outside the 5 outage windows \(\+\d+ s\); (\d+) lost connections/.exec(out);
  expect(seen).not.toBeNull();
  expect(Number(seen![1]) + Number(seen![2])).toBeGreaterThan(0);
  // …and it stopped everything it started
  for (const port of CHAOS_PORTS) expect(await listening(port)).toBe(false);
}, 20 * 60_000);

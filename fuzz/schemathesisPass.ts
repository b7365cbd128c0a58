import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { BIN_SCHEMATHESIS } from './paths';
import { USER_BY_ROLE, type Target } from './target';
import type { Failure } from './fastCheckPass';
import { setBinding } from '../db/devices';

/** The served document restricted to what `role` may call (public routes included), so no example is spent on a 403. */
function docFor(doc: any, role: string, prefix: string): any {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [p, byMethod] of Object.entries<Record<string, any>>(doc.paths)) {
    if (!p.startsWith(prefix)) continue;
    for (const [m, op] of Object.entries<any>(byMethod)) {
      const policy = op['x-policy'];
      if (policy?.public || policy?.roles?.includes(role)) (paths[p] ??= {})[m] = op;
    }
  }
  return { ...doc, paths };
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, log: (s: string) => void): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const keep = (c: Buffer) => {
      tail = (tail + c.toString()).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('exit', (code) => {
      if (code !== 0) log(tail.split('\n').slice(-60).join('\n'));
      resolve(code ?? 1);
    });
  });
}

/** Counts requests and failures from schemathesis' NDJSON event stream. */
function readEvents(file: string): { requests: number; failures: { operation: string; detail: string }[] } {
  let requests = 0;
  const failures: { operation: string; detail: string }[] = [];
  if (!fs.existsSync(file)) return { requests, failures };
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let ev: any;
    try {
      ev = JSON.parse(line);
    } catch {
      continue;
    }
    const scenario = ev.ScenarioFinished;
    if (!scenario) continue;
    const recorder = scenario.recorder ?? {};
    const label = recorder.label ?? scenario.label ?? '?';
    for (const interactions of Object.values<any>(recorder.interactions ?? {})) requests += interactions ? 1 : 0;
    for (const checks of Object.values<any>(recorder.checks ?? {})) {
      for (const c of checks ?? []) {
        if (c.status === 'FAILURE' || c.status === 'failure') failures.push({ operation: label, detail: `${c.name}: ${c.failure_info?.failure?.title ?? ''} ${c.failure_info?.failure?.message ?? ''}`.trim() });
      }
    }
  }
  return { requests, failures };
}

/**
 * Signs DPoP proofs for schemathesis_hooks.py (Python's standard library has no ECDSA): POST {device, method, url,
 * token} → the proof, with the device's key. On loopback, for the length of the pass.
 */
async function startProofSigner(t: Target): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      void (async () => {
        try {
          const r = JSON.parse(body) as { device: string; method: string; url: string; token: string };
          res.end(await t.proof(r.device, r.method, r.url, r.token));
        } catch (e) {
          res.statusCode = 400;
          res.end(String(e));
        }
      })();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sign`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/**
 * schemathesis against the served OpenAPI document, once per demo role with that role's real token and bound device;
 * every terminal request carries a DPoP proof of that device's key (schemathesis_hooks.py).
 */
export async function schemathesisPass(t: Target, o: { maxExamples: number; seed: number; checks: string; phases: string; log: (s: string) => void }): Promise<{ requests: number; failures: Failure[] }> {
  if (!fs.existsSync(BIN_SCHEMATHESIS)) throw new Error(`schemathesis is not installed at ${BIN_SCHEMATHESIS}: run the stack's provisioning (npm start or npm test) first.`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jicha-fuzz-'));
  const signer = await startProofSigner(t);
  let requests = 0;
  const failures: Failure[] = [];
  for (const [role, user] of Object.entries(USER_BY_ROLE)) {
    // The admin's pass unbinds devices it finds in /admin/devices (its own and the others' fuzz devices among them):
    // bound again before each role's pass, or the terminal routes would answer every later role 403 device.not-bound.
    await setBinding(t.h.pool, t.device[user], user, 'fuzz');
    // one run per API: each takes only its own app's tokens (the back office's on /api, the terminal's on /mobile/v1)
    for (const [api, prefix] of [['api', '/api/'], ['mobile', '/mobile/']] as const) {
      const schemaFile = path.join(dir, `openapi-${role}-${api}.json`);
      fs.writeFileSync(schemaFile, JSON.stringify(docFor(t.doc, role, prefix)));
      const events = path.join(dir, `events-${role}-${api}.ndjson`);
      const args = [
        'run', schemaFile, '--url', t.baseUrl,
        '-H', `Authorization: Bearer ${await t.token(user, prefix)}`, '-H', `X-Device-Id: ${t.device[user]}`,
        '--checks', o.checks, '--phases', o.phases, '--max-examples', String(o.maxExamples), '--seed', String(o.seed),
        '--workers', '1', '--request-timeout', '30', '--no-shrink', '--suppress-health-check', 'all', '--warnings', 'off',
        '--report', 'ndjson', '--report-ndjson-path', events,
      ];
      const env = { ...process.env, SCHEMATHESIS_HOOKS: 'schemathesis_hooks', PYTHONPATH: path.join(__dirname), NO_COLOR: '1', JICHA_DPOP_SIGNER: signer.url, JICHA_DPOP_DEVICE: t.device[user] };
      const code = await run(BIN_SCHEMATHESIS, args, env, o.log);
      const r = readEvents(events);
      requests += r.requests;
      failures.push(...r.failures.map((f) => ({ source: 'schemathesis' as const, operation: `${f.operation} (as ${user}, ${api})`, detail: f.detail })));
      o.log(`  schemathesis as ${user} on ${prefix}: ${r.requests} requests, ${r.failures.length} failures (exit ${code})`);
      if (code !== 0 && r.failures.length === 0) failures.push({ source: 'schemathesis', operation: `run as ${user} on ${prefix}`, detail: `st exited ${code} without a recorded failure (see the output above)` });
    }
  }
  await signer.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { requests, failures };
}

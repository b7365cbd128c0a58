import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import net from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import { localEdgeConfig } from '../../scripts/gen-edge';

// scripts/stack/config.mjs BIN.nginx (plain ESM, which jest's CommonJS cannot import): Debian's nginx, unpacked by
// scripts/stack/provision.mjs provisionNginx.
const NGINX = path.resolve(__dirname, '..', '..', '.stack', 'nginx', 'usr', 'sbin', 'nginx');

/** A real nginx (the local stack's, .stack/nginx) with the generated edge config, in front of one API. */
export interface Edge {
  url: string;
  port: number;
  dir: string;
  /** nginx's master process; its workers are its children. */
  pid: number;
  /** Stops it gracefully (SIGQUIT), so its buffered log of refusals is written. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** Fails loudly when nginx is not provisioned: the test is about the real thing. */
export async function startEdge(apiBaseUrl: string): Promise<Edge> {
  if (!fs.existsSync(NGINX)) {
    throw new Error(`nginx is not provisioned at ${NGINX}: \`npm start\` provisions it (scripts/stack/provision.mjs provisionNginx)`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jicha-edge-'));
  fs.chmodSync(dir, 0o755); // nginx's workers (nobody, when the test runs as root) keep buffered bodies under it
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(conf, localEdgeConfig({ listen: `127.0.0.1:${port}`, upstreams: [new URL(apiBaseUrl).host], dir }));
  const child: ChildProcess = spawn(NGINX, ['-p', dir, '-c', conf, '-e', 'stderr'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += c));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i += 1) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${stderr}`);
    const ok = await fetch(`${url}/edge-healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 100) throw new Error(`nginx did not answer on ${url}: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url, port, dir, pid: child.pid!,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGQUIT');
      await exited;
    },
  };
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request from a chosen loopback address (127.0.0.0/8 is all this machine's), on a connection of its own. */
export function send(url: string, init: { method?: string; from?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? 'GET', localAddress: init.from, headers: init.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

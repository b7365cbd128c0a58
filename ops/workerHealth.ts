// The worker's small HTTP server: /healthz (process up), /readyz (dependencies and worker state), /metrics
// (prom-client registry plus the Temporal SDK Core metrics, bridged from Core's own loopback exporter).
import http from 'node:http';
import net from 'node:net';
import type { Registry } from 'prom-client';
import type { State } from '@temporalio/worker';
import { runChecks, type Check } from './readiness';

export interface WorkerHealthDeps {
  getState: () => State;
  checks: Record<string, Check>;
  registry: Registry;
  /** Core's Prometheus exporter (Runtime telemetry), e.g. http://127.0.0.1:3002/metrics; merged into /metrics. */
  coreMetricsUrl?: string;
  timeoutMs?: number;
}

async function coreMetrics(url: string | undefined): Promise<string> {
  if (!url) return '';
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1500) });
    return res.ok ? await res.text() : '';
  } catch {
    return '';
  }
}

export function createWorkerHealthServer(deps: WorkerHealthDeps): http.Server {
  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  return http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'method not allowed' });
    const state = deps.getState();
    if (path === '/healthz') {
      // Process up: the worker object exists and has not failed (draining still counts as up).
      return send(res, state === 'FAILED' ? 503 : 200, { status: state === 'FAILED' ? 'failed' : 'ok', worker: state });
    }
    if (path === '/readyz') {
      void runChecks({ ...deps.checks, worker: async () => state === 'RUNNING' }, { timeoutMs: deps.timeoutMs ?? 2000 }).then(
        (r) => send(res, r.status === 'ready' ? 200 : 503, { ...r, worker: state }),
        () => send(res, 503, { status: 'unready' }),
      );
      return;
    }
    if (path === '/metrics') {
      void Promise.all([deps.registry.metrics(), coreMetrics(deps.coreMetricsUrl)]).then(
        ([ours, core]) => {
          res.writeHead(200, { 'content-type': deps.registry.contentType });
          res.end(core ? `${ours.trimEnd()}\n${core.trimEnd()}\n` : ours);
        },
        (e: Error) => send(res, 500, { error: e.message }),
      );
      return;
    }
    send(res, 404, { error: 'not found' });
  });
}

export function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

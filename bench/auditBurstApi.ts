// The API process of bench:audit-burst (bench/auditBurst.ts forks it): the real app on the bench database, set up as
// server/main.ts sets it up, alone on its event loop: neither the legitimate client nor the burst shares it.
// Answers the parent's 'usage' message with its CPU time and event-loop use; 'stop' flushes the audit writer and exits.
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../config/env';
import { createPool } from '../db/pool';
import { createS3Client } from '../config/s3';
import { createApp } from '../server/app';
import { createLifecycle, flushLifecycle } from '../ops/readiness';
import { createTokenVerifier } from '../http/tokenVerifier';
import { problemOnClientError } from '../http/clientError';

export interface ApiUsage {
  cpuUs: number;
  /** Of which in the kernel (the sockets' reads and writes). */
  systemUs: number;
  elu: { idle: number; active: number; utilization: number };
}

async function main() {
  const config = loadConfig();
  const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_MAX);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const verify = createTokenVerifier({ issuer: config.oidcIssuer, audience: config.OIDC_AUDIENCE, clients: config.oidcClients });
  // Every line serialised as in production, written nowhere.
  const log = pino({ name: 'api-bench', level: 'info' }, pino.destination('/dev/null'));
  const lifecycle = createLifecycle();
  const app = createApp({ config, pool, temporal, s3: createS3Client(config), verify, log, lifecycle });
  const server = app.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  problemOnClientError(server);
  process.on('message', (m: string) => {
    if (m === 'usage') {
      const cpu = process.cpuUsage();
      process.send!({ usage: { cpuUs: cpu.user + cpu.system, systemUs: cpu.system, elu: performance.eventLoopUtilization() } satisfies ApiUsage });
    }
    if (m === 'stop') {
      server.closeAllConnections();
      server.close();
      void flushLifecycle(lifecycle)
        .then(() => Promise.all([connection.close(), pool.end()]))
        .then(() => process.exit(0));
    }
  });
}

main().catch((e: Error) => {
  console.error(`[bench:audit-burst api] ${e.stack ?? e.message}`);
  process.exit(1);
});

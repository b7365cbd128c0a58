// The API process of bench/importBounds.ts: the real app on the bench database, listening on a free port. It tells its
// parent the port over IPC and answers 'mem' with its memory now and the largest V8 heap it sampled (every 5 ms;
// a synchronous stretch longer than that is sampled at its end, so the heap peak is a lower bound — the RSS peak the
// parent reads from /proc is exact).
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../config/env';
import { createPool } from '../db/pool';
import { createS3Client } from '../config/s3';
import { createApp } from '../server/app';
import { createTokenVerifier } from '../http/tokenVerifier';

async function main() {
  const config = loadConfig({ ...process.env, DATABASE_URL: process.env.BENCH_DATABASE_URL });
  const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_MAX);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const verify = createTokenVerifier({ issuer: config.oidcIssuer, audience: config.OIDC_AUDIENCE, clients: config.oidcClients });
  const log = pino({ name: 'import-bench', level: 'info' }, pino.destination('/dev/null'));
  const app = createApp({ config, pool, temporal, s3: createS3Client(config), verify, log });
  let heapPeak = 0;
  setInterval(() => {
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }, 5).unref();
  const server = app.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
  process.on('message', (m) => {
    if (m === 'mem') {
      const now = process.memoryUsage();
      heapPeak = Math.max(heapPeak, now.heapUsed);
      process.send!({ rss: now.rss, heapUsed: now.heapUsed, heapPeak });
      heapPeak = now.heapUsed;
    } else if (m === 'exit') {
      server.close();
      void pool.end().finally(() => process.exit(0));
    }
  });
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});

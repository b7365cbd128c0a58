import http from 'node:http';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../config/env';
import { createPool } from '../db/pool';
import { createLogger } from '../config/logger';
import { createWorker } from './createWorker';

async function main() {
  const config = loadConfig();
  const log = createLogger(config, 'worker');
  const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_MAX);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await createWorker({ connection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE, pool });

  const health = http.createServer((req, res) => {
    const up = worker.getState() === 'RUNNING';
    res.writeHead(req.url === '/healthz' && up ? 200 : up ? 404 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: worker.getState() }));
  });
  health.listen(config.WORKER_HEALTH_PORT, '127.0.0.1');

  // The SDK's runtime drains on SIGINT/SIGTERM: in-flight activities and workflow tasks finish before run() resolves.
  log.info({ taskQueue: config.TEMPORAL_TASK_QUEUE }, 'worker started');
  await worker.run();
  health.close();
  await connection.close();
  await pool.end();
  log.info('worker stopped');
}

main().catch((e: Error) => {
  console.error(`[worker] ${e.message}`);
  process.exit(1);
});

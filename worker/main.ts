import { NativeConnection, Runtime } from '@temporalio/worker';
import { loadConfig } from '../config/env';
import { createPool } from '../db/pool';
import { createLogger } from '../config/logger';
import { createWorker } from './createWorker';
import { Client } from '@temporalio/client';
import { ensurePeriodCloseSchedule } from './assessmentSchedule';
import { anchorPrefixFor } from '../domain/logAnchor';
import { ensureHousekeepingSchedule, ensureJudgementRunSchedule, ensureLogAnchorSchedule } from './schedules';
import { createS3Client } from '../config/s3';
import { activityFailureCounter, activityFailureInterceptor, caseLogRefusalCounter, createRegistry } from '../ops/metrics';
import { pinoTemporalLogger } from '../ops/temporalLogger';
import { createWorkerHealthServer, listen, portFree } from '../ops/workerHealth';

/** In-flight activities get this long to finish after SIGTERM before they are cancelled; compose allows 60 s. */
const SHUTDOWN_GRACE = '30s';

async function main() {
  const config = loadConfig();
  const log = createLogger(config, 'worker');
  // Temporal SDK (Core) metrics: Core's own Prometheus exporter on loopback, one port above the health port;
  // the health server's /metrics merges it with ours, so each worker is one scrape target.
  const coreMetricsPort = config.WORKER_HEALTH_PORT + 1;
  const coreMetricsAddress = `127.0.0.1:${coreMetricsPort}`;
  // A busy port would stop Core from starting at all: then run without its metrics rather than not at all.
  const coreMetrics = await portFree('127.0.0.1', coreMetricsPort);
  if (!coreMetrics) log.warn({ coreMetrics: coreMetricsAddress }, 'port in use: Temporal SDK metrics are off for this worker');
  Runtime.install({
    logger: pinoTemporalLogger(log),
    telemetryOptions: {
      logging: { forward: {}, filter: { core: 'WARN', other: 'ERROR' } },
      ...(coreMetrics ? { metrics: { prometheus: { bindAddress: coreMetricsAddress } } } : {}),
    },
  });
  const registry = createRegistry('worker');
  const failures = activityFailureCounter(registry);
  const refusals = caseLogRefusalCounter(registry);
  const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_MAX, 'jicha-worker');
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await createWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    pool,
    objectStore: { s3: createS3Client(config), bucket: config.S3_BUCKET, anchorKey: config.LOG_ANCHOR_KEY, anchorPrefix: anchorPrefixFor(config.DATABASE_URL) },
    onCaseLogRefused: (r) => refusals.inc({ event_type: r.eventType, sqlstate: r.sqlState }),
    options: { interceptors: { activity: [activityFailureInterceptor(failures)] }, shutdownGraceTime: SHUTDOWN_GRACE },
  });

  // The monthly assessment close and the daily housekeeping: every worker start creates the schedules or brings them
  // to the current spec. A failure here must not keep the worker from serving cases: logged, retried next start.
  const scheduler = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const housekeeping = (c: Client, q: string) => ensureHousekeepingSchedule(c, q, undefined, { integritySample: config.EVIDENCE_SWEEP_SAMPLE });
  const anchors = (c: Client, q: string) => ensureLogAnchorSchedule(c, q, config.LOG_ANCHOR_INTERVAL_MINUTES);
  for (const [name, ensure] of [['assessment period-close', ensurePeriodCloseSchedule], ['housekeeping', housekeeping], ['judgement run', ensureJudgementRunSchedule], ['log anchor', anchors]] as const) {
    await ensure(scheduler, config.TEMPORAL_TASK_QUEUE)
      .then((outcome) => log.info({ schedule: outcome }, `${name} schedule in place`))
      .catch((e: unknown) => log.error({ err: e }, `${name} schedule not set up`));
  }

  const health = createWorkerHealthServer({
    getState: () => worker.getState(),
    registry,
    coreMetricsUrl: coreMetrics ? `http://${coreMetricsAddress}/metrics` : undefined,
    checks: {
      postgres: () => pool.query('select 1').then(() => true),
      temporal: () => connection.workflowService.getSystemInfo({}).then(() => true),
    },
  });
  // Loopback on a development machine; all interfaces in a container, where Prometheus scrapes it.
  await listen(health, config.WORKER_HEALTH_PORT, config.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1');

  // The SDK's Runtime turns SIGINT/SIGTERM into worker.shutdown(): polling stops, in-flight activities and
  // workflow tasks finish (up to SHUTDOWN_GRACE), then run() resolves. /readyz answers 503 meanwhile.
  log.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, healthPort: config.WORKER_HEALTH_PORT, coreMetrics: coreMetrics ? coreMetricsAddress : 'off' }, 'worker started');
  let failed = false;
  try {
    await worker.run();
  } catch (e) {
    failed = true;
    log.error({ err: e }, 'worker failed');
  }
  await new Promise((r) => {
    health.close(r);
    health.closeAllConnections();
  });
  await connection.close().catch(() => undefined);
  await pool.end().catch(() => undefined);
  log.info('worker stopped');
  process.exit(failed ? 1 : 0);
}

main().catch((e: Error) => {
  console.error(`[worker] ${e.message}`);
  process.exit(1);
});

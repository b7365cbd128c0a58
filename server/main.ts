import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../config/env';
import { createLogger } from '../config/logger';
import { createPool } from '../db/pool';
import { createS3Client, ensureBucketCors, ensureEvidenceBucket, evidenceBucketPolicy, evidenceCorsOrigins } from '../config/s3';
import { createApp } from './app';
import { createTokenVerifier } from '../http/tokenVerifier';
import { createLifecycle, flushLifecycle } from '../ops/readiness';
import { closeGracefully } from '../ops/shutdown';
import { problemOnClientError } from '../http/clientError';
import { createRegistry } from '../ops/metrics';
import { sessionRevocations } from '../services/access/sessionRevocations';
import { listenMetrics } from './metricsServer';

/** In-flight requests get this long after SIGTERM (the slowest route waits 10 s); compose allows 30 s. */
const SHUTDOWN_GRACE_MS = 20_000;

async function main() {
  const config = loadConfig();
  const log = createLogger(config, 'api');
  const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_MAX, 'jicha-api');
  const readPool = config.DATABASE_READ_URL ? createPool(config.DATABASE_READ_URL, config.DATABASE_POOL_MAX) : pool;
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const s3 = createS3Client(config);
  // Write-once evidence: a bucket without object lock stops a production start here, with the how-to in the message.
  const evidenceBucket = await ensureEvidenceBucket(s3, evidenceBucketPolicy(config));
  // A bucket created, locked in place or given a stronger retention is worth a warning line: it changed.
  const changed = evidenceBucket.bucket !== 'locked' || evidenceBucket.retentionChanged;
  log[changed ? 'warn' : 'info']({ bucket: config.S3_BUCKET, outcome: evidenceBucket.bucket, retention: evidenceBucket.retention, retentionChanged: evidenceBucket.retentionChanged }, 'evidence bucket: versioned, object lock on');
  // Browsers PUT evidence straight to the store (presigned): its CORS must let the app's pages do so.
  const origins = evidenceCorsOrigins(config);
  // A store that refuses it (no permission) is logged, not fatal: the API works; browser uploads may not.
  await ensureBucketCors(s3, config.S3_BUCKET, origins).then(
    (cors) => log.info({ origins, cors }, 'evidence bucket CORS'),
    (e: Error) => log.warn({ origins, err: e.message }, 'evidence bucket CORS not set: browsers may be unable to upload evidence'),
  );
  // tokens of a session Keycloak reported signed out (back-channel logout) are refused on every instance
  const verify = createTokenVerifier({ issuer: config.oidcIssuer, audience: config.OIDC_AUDIENCE, clients: config.oidcClients, revoked: (sid) => sessionRevocations(pool).isRevoked(sid) });
  const lifecycle = createLifecycle();
  const registry = createRegistry('api');
  const app = createApp({ config, pool, readPool, temporal, s3, verify, log, lifecycle, registry, adminUiDir: path.join(__dirname, '..', 'admin-ui', 'dist'), terminalAppDir: path.join(__dirname, '..', 'terminal-app', 'dist') });
  const server = app.listen(config.PORT, () => log.info({ port: config.PORT }, 'api listening'));
  // Longer than a reverse proxy's idle timeout (nginx 60 s), so the proxy, not us, closes idle upstream sockets.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  problemOnClientError(server);
  // Prometheus on its own listener (METRICS_HOST:METRICS_PORT), not on the public port; METRICS_PORT=0: none.
  const metrics = config.METRICS_PORT ? await listenMetrics(registry, config.METRICS_HOST, config.METRICS_PORT) : null;
  if (metrics) log.info({ url: metrics.url }, 'metrics listening');

  // Graceful: /readyz turns 503, stop accepting, let in-flight requests finish, then close clients.
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    lifecycle.draining = true;
    log.info({ signal }, 'shutting down api: finishing in-flight requests');
    metrics?.server.close();
    const clean = await closeGracefully(server, SHUTDOWN_GRACE_MS);
    await flushLifecycle(lifecycle);
    await connection.close().catch(() => undefined);
    await pool.end().catch(() => undefined);
    if (readPool !== pool) await readPool.end().catch(() => undefined);
    log.info({ clean }, clean ? 'api stopped' : `api stopped: requests still running after ${SHUTDOWN_GRACE_MS} ms were cut`);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((e: Error) => {
  console.error(`[api] ${e.message}`);
  process.exit(1);
});

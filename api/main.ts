import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../config/env';
import { createLogger } from '../config/logger';
import { createPool } from '../db/pool';
import { createS3Client, ensureBucket } from '../config/s3';
import { createApp } from './app';
import { createTokenVerifier } from './auth/tokenVerifier';

async function main() {
  const config = loadConfig();
  const log = createLogger(config, 'api');
  const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_MAX);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const s3 = createS3Client(config);
  await ensureBucket(s3, config.S3_BUCKET, config.S3_REGION);
  const verify = createTokenVerifier({ issuer: config.oidcIssuer, audience: config.OIDC_AUDIENCE, clients: config.oidcClients });
  const app = createApp({ config, pool, temporal, s3, verify, log, adminUiDir: path.join(__dirname, '..', 'admin-ui', 'dist') });
  const server = app.listen(config.PORT, () => log.info({ port: config.PORT }, 'api listening'));

  // Graceful: stop accepting, let in-flight requests finish, then close clients.
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down api');
    server.close(async () => {
      await connection.close().catch(() => undefined);
      await pool.end().catch(() => undefined);
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 15_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e: Error) => {
  console.error(`[api] ${e.message}`);
  process.exit(1);
});

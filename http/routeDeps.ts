import type { Client } from '@temporalio/client';
import type { Client as MinioClient } from 'minio';
import type pg from 'pg';
import type { Config } from '../config/env';

/** What the composition root (server/app.ts) hands each HTTP adapter's route table. */
export interface RouteDeps {
  config: Config;
  pool: pg.Pool;
  /** Reads that may lag the primary (statistics); absent: they read `pool`. */
  readPool?: pg.Pool;
  temporal: Client;
  s3: MinioClient;
  version: string;
}

// What the Temporal benches (bench:lifecycle, bench:history) start from: quiet Temporal logging, their own migrated and
// seeded database beside the configured one, and client plus worker connections to the configured Temporal.
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { loadConfig, type Config } from '../config/env';
import { createPool, type Pool } from '../db/pool';
import { migrate } from '../db/migrate';
import { seedReferenceData } from '../db/seed/seedReference';
import { ensureBenchDb } from './benchDb';

export interface TemporalBench {
  base: Config;
  db: Pool;
  connection: Connection;
  client: Client;
  native: NativeConnection;
  /** A logger for workflow bundling that prints errors only. */
  quiet: { log(): void; trace(): void; debug(): void; info(): void; warn(): void; error(m: string): void };
  /** Closes the connections and the pool. */
  close(): Promise<void>;
}

export async function startTemporalBench(poolMax: number): Promise<TemporalBench> {
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } } });
  const base = loadConfig();
  const url = await ensureBenchDb(base.DATABASE_URL);
  await migrate(url);
  const db = createPool(url, poolMax);
  await seedReferenceData(db);
  const connection = await Connection.connect({ address: base.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: base.TEMPORAL_NAMESPACE });
  const native = await NativeConnection.connect({ address: base.TEMPORAL_ADDRESS });
  const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: (m: string) => console.error(m) };
  return {
    base, db, connection, client, native, quiet,
    async close() {
      await native.close();
      await connection.close();
      await db.end();
    },
  };
}

import './testEnv';
import { loadConfig } from '../../config/env';
import { migrateAsOwner } from '../../db/migrate';
import { createPool } from '../../db/pool';
import { seedReferenceData } from '../../db/seed/seedReference';
import { requireStack } from './stackCheck';
import { ensureNamespace } from './temporalNamespace';

export default async function integrationSetup(): Promise<void> {
  await requireStack();
  const config = loadConfig();
  await migrateAsOwner(config.DATABASE_URL, process.env.DATABASE_OWNER_URL);
  await ensureNamespace(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE);
  const pool = createPool(config.DATABASE_URL, 2);
  try {
    await seedReferenceData(pool);
  } finally {
    await pool.end();
  }
}

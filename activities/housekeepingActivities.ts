import { ApplicationFailure, heartbeat } from '@temporalio/activity';
import type pg from 'pg';
import type { Client as MinioClient } from 'minio';
import { purgeIdempotencyKeys } from '../db/mobileIdempotency';
import { ABANDONED_UPLOADS_BATCH } from '../db/mobileEvidence';
import { sweepAbandonedUploads } from '../services/evidence/evidenceService';

export interface ObjectStore {
  s3: MinioClient;
  bucket: string;
}

export function createHousekeepingActivities({ pool, objectStore }: { pool: pg.Pool; objectStore?: ObjectStore }) {
  return {
    /** Sweeps in batches until none is left; each batch is committed, so a retry resumes where it stopped. */
    async sweepAbandonedUploads(graceMinutes: number): Promise<number> {
      if (!objectStore) throw ApplicationFailure.nonRetryable('this worker has no object store configured', 'NoObjectStore');
      let total = 0;
      for (;;) {
        const n = await sweepAbandonedUploads({ pool, s3: objectStore.s3, config: { S3_BUCKET: objectStore.bucket } }, graceMinutes);
        total += n;
        heartbeat(total);
        if (n < ABANDONED_UPLOADS_BATCH) return total;
      }
    },
    async purgeIdempotencyKeys(olderThanDays: number): Promise<number> {
      return purgeIdempotencyKeys(pool, olderThanDays);
    },
  };
}

export type HousekeepingActivities = ReturnType<typeof createHousekeepingActivities>;

import { ApplicationFailure, heartbeat } from '@temporalio/activity';
import type pg from 'pg';
import type { Client as MinioClient } from 'minio';
import { purgeIdempotencyKeys } from '../db/mobileIdempotency';
import { ABANDONED_UPLOADS_BATCH } from '../db/mobileEvidence';
import { ensureLogPartitions } from '../db/logPartitions';
import { sweepAbandonedUploads } from '../services/evidence/evidenceService';
import { runIntegritySweep } from '../services/evidence/integritySweep';
import { anchorLogs } from '../services/integrity/logAnchors';
import type { IntegritySweepCounts, LogPartitionCounts } from '../domain/housekeepingContract';
import type { LogAnchorResult } from '../domain/logAnchorContract';

export interface ObjectStore {
  s3: MinioClient;
  bucket: string;
  /** Signs the logs' anchors (LOG_ANCHOR_KEY) written under `anchorPrefix`; without them the anchoring activity refuses to run. */
  anchorKey?: string;
  anchorPrefix?: string;
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
    /**
     * Re-hashes `sample` confirmed evidence items, never-checked then least recently checked first. Each check is
     * recorded as it completes, so a retry goes on with the items the failed attempt had not reached.
     */
    async verifyEvidenceSample(sample: number, runId: string): Promise<IntegritySweepCounts> {
      if (!objectStore) throw ApplicationFailure.nonRetryable('this worker has no object store configured', 'NoObjectStore');
      const s = await runIntegritySweep({ pool, s3: objectStore.s3, bucket: objectStore.bucket }, { mode: 'sample', limit: sample }, {
        runId, onProgress: (p) => heartbeat(p.done),
      });
      return { runId, checked: s.checked, ok: s.outcomes.ok, mismatch: s.outcomes.mismatch, missing: s.outcomes.missing, newerVersion: s.outcomes['newer-version'], seconds: Math.round(s.seconds * 10) / 10 };
    },
    /** Idempotent: a day with nothing to create only counts DEFAULT's rows. */
    async ensureLogPartitions(monthsAhead: number): Promise<LogPartitionCounts[]> {
      return ensureLogPartitions(pool, monthsAhead);
    },
    /** Writes a signed anchor of both logs' heads; a retry writes a newer one, which is as good. */
    async anchorLogHeads(): Promise<LogAnchorResult> {
      if (!objectStore?.anchorKey || !objectStore.anchorPrefix) throw ApplicationFailure.nonRetryable('this worker has no object store or anchor key configured', 'NoAnchorStore');
      const w = await anchorLogs(pool, { s3: objectStore.s3, bucket: objectStore.bucket, key: objectStore.anchorKey, prefix: objectStore.anchorPrefix });
      return { objectKey: w.objectKey, auditPosition: w.anchor.audit?.position ?? 0, cases: w.anchor.caseLog.cases, caseEvents: w.anchor.caseLog.events };
    },
  };
}

export type HousekeepingActivities = ReturnType<typeof createHousekeepingActivities>;

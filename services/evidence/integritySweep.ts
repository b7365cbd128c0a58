import crypto from 'node:crypto';
import type { Client as MinioClient } from 'minio';
import type pg from 'pg';
import {
  classifyIntegrity, integrityNotice, isIntegrityFailure, isNullVersion, pickTarget, versionToPin,
  type IntegrityFinding, type IntegrityOutcome, type StoredVersion,
} from '../../domain/evidenceIntegrity';
import {
  confirmedEvidencePage, countConfirmedEvidence, integrityAlertContext, integritySample, pinEvidenceVersion, recordIntegrityCheck, type IntegrityTarget,
} from '../../db/evidenceIntegrity';
import { insertNotifications } from '../../db/notifications';

// The re-verification sweep (issue #15, item 4): re-reads the pinned version of confirmed evidence, recomputes its
// SHA-256, looks for later versions on the key, records every check and flags failures on the case (its evidence
// shows the state; the city's supervisors get a notice). Run daily on a sample by the housekeeping workflow, and on
// demand over everything, or one case, by `npm run verify:evidence`.

export interface IntegrityDeps {
  pool: pg.Pool;
  s3: MinioClient;
  bucket: string;
}

const s3Code = (e: unknown) => (e as { code?: string })?.code ?? '';
const isGone = (e: unknown) => ['NotFound', 'NoSuchKey', 'NoSuchObject', 'NoSuchVersion', 'NoSuchBucket'].includes(s3Code(e));

/** Every version and delete marker of exactly this key (a versioned listing; an unversioned bucket lists one "null" version). */
export async function listVersions(s3: MinioClient, bucket: string, key: string): Promise<StoredVersion[]> {
  const out: StoredVersion[] = [];
  try {
    // The typings know only the plain listing; with IncludeVersion each item also carries these fields.
    const stream = s3.listObjects(bucket, key, false, { IncludeVersion: true } as never);
    for await (const raw of stream) {
      const v = raw as { name?: string; versionId?: string | null; isLatest?: boolean | string; isDeleteMarker?: boolean; lastModified?: Date; size?: number };
      if (v.name !== key) continue; // the prefix may name a longer key
      out.push({
        versionId: v.versionId ?? null,
        isLatest: v.isLatest === true || v.isLatest === 'true',
        isDeleteMarker: v.isDeleteMarker === true,
        lastModified: v.lastModified ? new Date(v.lastModified).toISOString() : null,
        size: typeof v.size === 'number' ? v.size : null,
      });
    }
  } catch (e) {
    if (s3Code(e) === 'NoSuchBucket') return [];
    throw e;
  }
  return out;
}

/** SHA-256 and size of one version's bytes, streamed; null when it vanished since the listing. */
export async function digestVersion(s3: MinioClient, bucket: string, key: string, v: StoredVersion): Promise<{ sha256: string; size: number } | null> {
  // The version written while unversioned is read as versionId=null unless it is still the latest (then plainly, which
  // unversioned buckets need).
  const opts = isNullVersion(v.versionId) ? (v.isLatest ? undefined : { versionId: 'null' }) : { versionId: v.versionId! };
  try {
    const hash = crypto.createHash('sha256');
    let size = 0;
    for await (const chunk of await s3.getObject(bucket, key, opts)) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    return { sha256: hash.digest('hex'), size };
  } catch (e) {
    if (isGone(e)) return null;
    throw e;
  }
}

export interface CheckResult extends IntegrityFinding {
  /** The version read; null when none was found. */
  versionId: string | null;
  digest: { sha256: string; size: number } | null;
  /** A version to pin (an unpinned item, or --repin), else null. */
  pin: string | null;
}

/**
 * One item, without writing anything. `repin`: when the pinned version is gone, take the key's first version instead
 * and pin it if its bytes are the confirmed ones (after a restore, or `mc mirror` into a new bucket, the objects have
 * new version ids); without it a gone version is `missing`.
 */
export async function checkEvidence(d: Pick<IntegrityDeps, 's3' | 'bucket'>, t: IntegrityTarget, opts: { repin?: boolean } = {}): Promise<CheckResult> {
  const versions = await listVersions(d.s3, d.bucket, t.objectKey);
  let pinned = t.versionId;
  let target = pickTarget(versions, pinned);
  if (!target && opts.repin && pinned !== null) {
    pinned = null;
    target = pickTarget(versions, null);
  }
  const digest = target ? await digestVersion(d.s3, d.bucket, t.objectKey, target) : null;
  const finding = classifyIntegrity({ sha256: t.sha256, sizeBytes: t.sizeBytes }, target, digest, versions);
  return { ...finding, versionId: target?.versionId ?? null, digest, pin: versionToPin(pinned, target, finding) };
}

/** Checks one item, records the check (and a pin), and flags a failure on the case. */
export async function verifyEvidence(d: IntegrityDeps, t: IntegrityTarget, run: { runId: string; repin?: boolean; now?: () => Date }): Promise<CheckResult> {
  const r = await checkEvidence(d, t, { repin: run.repin });
  const checkedAt = (run.now?.() ?? new Date()).toISOString();
  if (r.pin) await pinEvidenceVersion(d.pool, t.evidenceId, r.pin, t.versionId !== null);
  await recordIntegrityCheck(d.pool, {
    evidenceId: t.evidenceId, caseId: t.caseId, outcome: r.outcome, versionId: r.versionId, sha256: r.digest?.sha256 ?? null, sizeBytes: r.digest?.size ?? null,
    detail: r.detail, runId: run.runId, checkedAt,
  });
  if (isIntegrityFailure(r.outcome)) await alertSupervisors(d.pool, t, r.outcome, checkedAt);
  return r;
}

/** The city's supervisors, once per item and outcome (the dedupe key): a daily re-detection does not notify again. */
async function alertSupervisors(pool: pg.Pool, t: IntegrityTarget, outcome: IntegrityOutcome, checkedAt: string): Promise<void> {
  const ctx = await integrityAlertContext(pool, t.caseId);
  if (!ctx) return;
  const notice = integrityNotice({ caseNo: ctx.caseNo, customerName: ctx.customerName, evidenceId: t.evidenceId, kind: t.kind, outcome, checkedAt });
  await insertNotifications(pool, {
    dedupeKey: `evidence-integrity/${t.evidenceId}/${outcome}`, caseId: t.caseId, kind: 'evidence_integrity', ...notice, at: checkedAt,
    recipients: [{ role: 'supervisor', orgUnit: ctx.cityId }],
  });
}

export type SweepScope = { mode: 'sample'; limit: number } | { mode: 'all'; caseId: string | null };

export interface SweepSummary {
  runId: string;
  checked: number;
  outcomes: Record<IntegrityOutcome, number>;
  /** Failed items (every one, for the report and the exit code). */
  failures: { evidenceId: string; caseId: string; outcome: IntegrityOutcome }[];
  bytes: number;
  seconds: number;
}

export interface SweepProgress {
  done: number;
  total: number;
  last: { evidenceId: string; outcome: IntegrityOutcome };
}

const PAGE = 500;

/**
 * A sweep run: the sample (never-checked first, then least recently checked) or everything (of one case). Items are
 * checked `concurrency` at a time; each check is recorded as it completes, so a run stopped halfway (a retried
 * activity) resumes with what it had not reached. A store error (not a finding) ends the run with that error.
 */
export async function runIntegritySweep(
  d: IntegrityDeps,
  scope: SweepScope,
  opts: { runId: string; repin?: boolean; concurrency?: number; onProgress?: (p: SweepProgress) => void; now?: () => Date },
): Promise<SweepSummary> {
  const started = process.hrtime.bigint();
  const summary: SweepSummary = { runId: opts.runId, checked: 0, outcomes: { ok: 0, mismatch: 0, missing: 0, 'newer-version': 0 }, failures: [], bytes: 0, seconds: 0 };
  const sample = scope.mode === 'sample' ? await integritySample(d.pool, scope.limit) : null;
  const total = scope.mode === 'sample' ? (sample?.length ?? 0) : await countConfirmedEvidence(d.pool, scope.caseId);
  const one = async (t: IntegrityTarget) => {
    const r = await verifyEvidence(d, t, opts);
    summary.checked += 1;
    summary.outcomes[r.outcome] += 1;
    summary.bytes += r.digest?.size ?? 0;
    if (isIntegrityFailure(r.outcome)) summary.failures.push({ evidenceId: t.evidenceId, caseId: t.caseId, outcome: r.outcome });
    opts.onProgress?.({ done: summary.checked, total: Math.max(total, summary.checked), last: { evidenceId: t.evidenceId, outcome: r.outcome } });
  };
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  if (sample) {
    await inParallel(sample, concurrency, one);
  } else if (scope.mode === 'all') {
    let afterId: string | null = null;
    for (;;) {
      const page = await confirmedEvidencePage(d.pool, { caseId: scope.caseId, afterId, limit: PAGE });
      await inParallel(page, concurrency, one);
      if (page.length < PAGE) break;
      afterId = page[page.length - 1].evidenceId;
    }
  }
  summary.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return summary;
}

/** Runs `fn` over the items with at most `n` in flight; the first error stops taking new items and is thrown. */
async function inParallel<T>(items: readonly T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: unknown = null;
  const lane = async () => {
    while (failed === null && next < items.length) {
      const item = items[next++];
      try {
        await fn(item);
      } catch (e) {
        failed ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, lane));
  if (failed !== null) throw failed;
}

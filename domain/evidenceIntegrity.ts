import { z } from 'zod';
import type { Lang } from './text';
import { renderTemplateMessage } from './messages/templates';

// Evidence is write-once (issue #15, item 4): the evidence bucket is versioned with object lock, the confirm step
// pins the object version whose SHA-256 it checked, presigned GETs name that version, and a re-verification sweep
// re-reads pinned versions and records what it found. This module is the vocabulary and the pure rules of that
// sweep; services/evidence/integritySweep.ts does the I/O.

/**
 * ok — the pinned version is there, its SHA-256 and size are the confirmed ones, and it is still the key's latest;
 * mismatch — the pinned bytes are not the confirmed ones (an unversioned bucket overwritten, or a corrupted store);
 * missing — the pinned version (or, unpinned, any version) is gone;
 * newer-version — the pinned bytes are intact but a later version or a delete marker sits on the key: somebody
 *   tried to overwrite or delete the evidence (the store kept the original; what is served is still the original).
 */
export const INTEGRITY_OUTCOMES = ['ok', 'mismatch', 'missing', 'newer-version'] as const;
export type IntegrityOutcome = (typeof INTEGRITY_OUTCOMES)[number];
export const isIntegrityFailure = (o: IntegrityOutcome) => o !== 'ok';

/** The integrity of one evidence item as the back office and the terminal see it (null: never re-verified). */
export const EvidenceIntegrity = z.object({
  status: z.enum(INTEGRITY_OUTCOMES).describe('the latest re-verification: ok | mismatch | missing | newer-version'),
  checkedAt: z.string().describe('when the latest re-verification ran'),
  flaggedAt: z.string().nullable().describe('the first failed re-verification; stays set after a later ok (a failure is never forgotten)'),
});
export type EvidenceIntegrity = z.infer<typeof EvidenceIntegrity>;

/** One version of an object as a versioned listing gives it. `null` and "null": the version written while unversioned. */
export interface StoredVersion {
  versionId: string | null;
  isLatest: boolean;
  isDeleteMarker: boolean;
  lastModified: string | null;
  size: number | null;
}

export const isNullVersion = (v: string | null | undefined) => v === null || v === undefined || v === '' || v === 'null';

/** The id S3 gives the version written while a bucket was unversioned (GET ?versionId=null reads it). */
export const NULL_VERSION = 'null';

/**
 * The version a check reads. `pinned` is the version confirm recorded: a version id, NULL_VERSION (confirmed on an
 * unversioned bucket), or null — not pinned: confirmed before migration 053, or copied into a new bucket by
 * `mc mirror` (new version ids). Pinned: exactly that version. Not pinned: the version written without versioning when
 * there is one, else the oldest — the first bytes the key ever held in this bucket.
 */
export function pickTarget(versions: readonly StoredVersion[], pinned: string | null): StoredVersion | null {
  const objects = versions.filter((v) => !v.isDeleteMarker);
  const unversioned = objects.find((v) => isNullVersion(v.versionId)) ?? null;
  if (pinned === NULL_VERSION) return unversioned;
  if (pinned !== null) return objects.find((v) => v.versionId === pinned) ?? null;
  if (unversioned) return unversioned;
  return [...objects].sort((a, b) => Date.parse(a.lastModified ?? '') - Date.parse(b.lastModified ?? ''))[0] ?? null;
}

export interface IntegrityFinding {
  outcome: IntegrityOutcome;
  /** Figures for the record and the texts; never bytes. */
  detail: Record<string, string | number | null>;
}

/**
 * The outcome of one check: the target version (null: none), the digest of its bytes (null: it vanished between the
 * listing and the read), and the confirmed SHA-256 and size. Missing wins over mismatch, mismatch over newer-version.
 */
export function classifyIntegrity(
  expected: { sha256: string; sizeBytes: number },
  target: StoredVersion | null,
  digest: { sha256: string; size: number } | null,
  versions: readonly StoredVersion[],
): IntegrityFinding {
  const newer = target ? versions.filter((v) => v.versionId !== target.versionId && isLaterThan(v, target)) : [];
  const detail: IntegrityFinding['detail'] = { versions: versions.filter((v) => !v.isDeleteMarker).length, deleteMarkers: versions.filter((v) => v.isDeleteMarker).length };
  if (!target || !digest) return { outcome: 'missing', detail };
  if (digest.size !== expected.sizeBytes || digest.sha256 !== expected.sha256) {
    return { outcome: 'mismatch', detail: { ...detail, sha256: digest.sha256, size: digest.size } };
  }
  if (!target.isLatest) {
    return { outcome: 'newer-version', detail: { ...detail, newerVersions: Math.max(newer.length, 1), latestIsDeleteMarker: versions.some((v) => v.isLatest && v.isDeleteMarker) ? 1 : 0 } };
  }
  return { outcome: 'ok', detail };
}

/**
 * A version written after the target: the latest one, or one modified no earlier (listings promise no order, and
 * stores keep modification times to the second, so an overwrite within the same second has the same time).
 */
function isLaterThan(v: StoredVersion, target: StoredVersion): boolean {
  if (v.isLatest) return true;
  const a = Date.parse(v.lastModified ?? '');
  const b = Date.parse(target.lastModified ?? '');
  return Number.isFinite(a) && Number.isFinite(b) && a >= b;
}

/** A not-pinned item whose first bytes are the confirmed ones gets that version pinned (served from then on). */
export function versionToPin(pinned: string | null, target: StoredVersion | null, finding: IntegrityFinding): string | null {
  if (pinned !== null || !target) return null;
  if (finding.outcome !== 'ok' && finding.outcome !== 'newer-version') return null;
  return isNullVersion(target.versionId) ? NULL_VERSION : target.versionId;
}

// ------------------------------------------------------------------------------------------------ texts

// the outcomes' texts are the message catalogue's integrity.* (domain/messages/notifications.ts)
export const integrityOutcomeText = (o: IntegrityOutcome, lang: Lang) => renderTemplateMessage(`integrity.${o}`, {}, lang);

/**
 * The in-app notice to the city's supervisors: its code + params (each reader's language) and, for readers without a
 * catalogue, title and body with zh-CN first, English second, as every stored notice.
 */
export function integrityNotice(a: { caseNo: string; customerName: string; evidenceId: string; kind: string; outcome: IntegrityOutcome; checkedAt: string }) {
  const params = { caseNo: a.caseNo, evidenceId: a.evidenceId, evidenceKind: a.kind, outcome: a.outcome, checkedAt: a.checkedAt };
  const body = (lang: Lang) => renderTemplateMessage('notification.evidence-integrity', params, lang);
  return {
    title: `证据完整性告警 / Evidence integrity alert: ${a.caseNo} ${a.customerName}`,
    body: `${body('zh-CN')}/ ${body('en')}`,
    code: 'notification.evidence-integrity',
    params,
  };
}

// ------------------------------------------------------------------------------------------------ lock policy

export const LOCK_MODES = ['GOVERNANCE', 'COMPLIANCE'] as const;
export type LockMode = (typeof LOCK_MODES)[number];

/** A bucket's default retention: every new object version is locked this long in this mode. */
export interface DefaultRetention {
  mode: LockMode;
  days: number;
}

/** S3 states default retention in Days or Years; a year counts 365 days here (only to compare). */
export function retentionDays(validity: number, unit: 'Days' | 'Years' | string): number {
  return unit === 'Years' ? validity * 365 : validity;
}

/**
 * What the app sets as the bucket's default retention: the stronger of what the bucket has and what the configuration
 * asks, per part (COMPLIANCE over GOVERNANCE, the longer period). The app only ever strengthens a bucket's lock:
 * a typo in EVIDENCE_RETENTION_DAYS must never shorten how long evidence is kept. Null: nothing to change.
 */
export function retentionToApply(current: DefaultRetention | null, wanted: DefaultRetention): DefaultRetention | null {
  if (!current) return wanted;
  const mode: LockMode = current.mode === 'COMPLIANCE' || wanted.mode === 'COMPLIANCE' ? 'COMPLIANCE' : 'GOVERNANCE';
  const days = Math.max(current.days, wanted.days);
  return mode === current.mode && days === current.days ? null : { mode, days };
}

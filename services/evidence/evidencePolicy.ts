import type { EvidenceKind } from '../../db/mobileEvidence';

/** Upload limits per evidence kind (bytes). */
export const EVIDENCE_MAX_BYTES: Record<EvidenceKind, number> = {
  photo: 15 * 1024 * 1024,
  audio: 50 * 1024 * 1024,
  video: 300 * 1024 * 1024,
  // the customer's signature on the 用电检查工作单, drawn on the screen: a PNG of a few tens of kB
  signature: 2 * 1024 * 1024,
};

/** Media types a terminal may upload per kind. */
export const EVIDENCE_CONTENT_TYPES: Record<EvidenceKind, readonly string[]> = {
  photo: ['image/jpeg', 'image/png', 'image/heic', 'image/heif', 'image/webp'],
  audio: ['audio/mpeg', 'audio/mp4', 'audio/aac', 'audio/amr', 'audio/wav', 'audio/x-wav', 'audio/ogg', 'audio/webm'],
  video: ['video/mp4', 'video/quicktime', 'video/3gpp', 'video/webm'],
  signature: ['image/png'],
};

/** Presigned PUT and GET lifetimes (seconds); short, as the architecture asks (≤ 5 min). */
export const UPLOAD_URL_TTL_S = 300;
export const DOWNLOAD_URL_TTL_S = 300;

/** Evidence items (requested or attached, not rejected) per case; the workflow itself accepts at most 50. */
export const MAX_UPLOADS_PER_CASE = 60;

/** Object key: not guessable (a random UUID), grouped by case. */
export const evidenceObjectKey = (caseId: string, evidenceId: string) => `evidence/${caseId}/${evidenceId}`;

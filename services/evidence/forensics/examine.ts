import type pg from 'pg';
import type { z } from 'zod';
import {
  claimExaminationTime, earlierExactCopies, forensicsCaseContext, nearestEarlierPhoto, storeForensics, withCopyLock, type StoredForensics,
} from '../../../db/evidenceForensics';
import type { EvidenceUpload } from '../../../db/mobileEvidence';
import { presenceReasonText, reason, type PresenceReason } from '../../../domain/presenceReasons';
import type { EvidenceForensics } from '../../../domain/terminalSchemas';
import type { Lang } from '../../../domain/text';
import { Problem } from '../../../http/problem';
import { casePolicyInForce, casePolicyOfVersion } from '../../cases/casePolicyInForce';
import { EVIDENCE_MAX_BYTES } from '../evidencePolicy';
import { compareCapture } from './compare';
import { probeImage, type ImageProbe } from './imageProbe';
import { SNIFF_BYTES, decodeImage, sameMedia, sniffMediaType } from './sniff';

// Evidence forensics at confirm: the stored bytes, not the client's word. Runs after the size and SHA-256 check:
// content sniffing and a decode check (a mismatch refuses the upload), then for photos the camera's EXIF against the
// declaration and the customer's location, and for every kind the search for copies (same case, other cases, and for
// photos near copies by perceptual hash). Each finding is a PresenceReason stored with the upload.

/** Perceptual hashes this close (bits of 64) are the same picture: re-encoded, resized, lightly edited. */
export const NEAR_DUPLICATE_MAX_DISTANCE = 6;

export interface ForensicsDeps {
  pool: pg.Pool;
}

export interface ForensicsOutcome {
  /** A reject-severity reason (the bytes are not what was declared, or do not decode): the upload must be refused. */
  rejection: PresenceReason | null;
  /** Every finding, as stored (the rejection included). Empty: the evidence is verified. */
  reasons: PresenceReason[];
  stored: StoredForensics;
}

const isStill = (kind: EvidenceUpload['kind']) => kind === 'photo' || kind === 'signature';

/** How many leading bytes of an upload the forensics read: a still whole (≤ its kind's limit), audio and video their head. */
export const forensicBytes = (kind: EvidenceUpload['kind']): number => (isStill(kind) ? EVIDENCE_MAX_BYTES[kind] : SNIFF_BYTES);

/** Where the photo should have been taken: the case's customer and its policy's geofence radius. */
export interface SiteContext {
  customer: { lat: number | null; lon: number | null };
  geofenceRadiusM: number;
}

export interface ContentFindings {
  /** The media type the bytes are (null: nothing known). */
  detected: string | null;
  /** Set when the upload must be refused (content-mismatch, undecodable). */
  rejection: PresenceReason | null;
  /** Photos: EXIF and perceptual hash. */
  probe: ImageProbe | null;
  /** The photo's capture against the declaration and the site (no copies: those need the database). */
  reasons: PresenceReason[];
}

/**
 * What the bytes themselves say, without I/O: sniffed type against the declared one, the decode check for images,
 * and for photos EXIF and perceptual hash with the capture compared (`site` is needed for photos only). For audio and
 * video `bytes` are the first SNIFF_BYTES.
 */
export async function examineBytes(
  bytes: Buffer,
  u: Pick<EvidenceUpload, 'id' | 'kind' | 'contentType' | 'capturedAt' | 'lat' | 'lon'>,
  site: SiteContext | null,
): Promise<ContentFindings> {
  const detected = sniffMediaType(bytes);
  if (!sameMedia(detected, u.contentType)) {
    return { detected, probe: null, reasons: [], rejection: reason('evidence.content-mismatch', { detected: detected ?? 'application/octet-stream', declared: u.contentType }, u.id) };
  }
  if (!isStill(u.kind)) return { detected, probe: null, reasons: [], rejection: null };
  const decoded = await decodeImage(bytes, detected!);
  if (!decoded.ok) return { detected, probe: null, reasons: [], rejection: reason('evidence.undecodable', { detected }, u.id) };
  if (u.kind !== 'photo') return { detected, probe: null, reasons: [], rejection: null };
  const probe = await probeImage(bytes, decoded.grey);
  const reasons = compareCapture({
    exif: probe.exif,
    declared: { capturedAt: u.capturedAt, lat: u.lat, lon: u.lon },
    customer: site?.customer ?? { lat: null, lon: null },
    geofenceRadiusM: site?.geofenceRadiusM ?? 0,
    evidenceId: u.id,
  });
  return { detected, probe, reasons, rejection: null };
}

async function siteOf(pool: pg.Pool, caseId: string): Promise<SiteContext> {
  const ctx = await forensicsCaseContext(pool, caseId);
  // the case keeps the policy it started with; one not yet known (or a case opened before policies) uses today's
  const policy = (ctx?.policyVersion && (await casePolicyOfVersion(pool, ctx.policyVersion))) || (await casePolicyInForce(pool));
  return { customer: { lat: ctx?.customerLat ?? null, lon: ctx?.customerLon ?? null }, geofenceRadiusM: policy.evidence.geofenceRadiusM };
}

/**
 * Examines the stored bytes of upload `u` — read once by the confirm step with its size and SHA-256 check, the first
 * `forensicBytes(kind)` of them — records the findings on the upload and answers them. Photos and signatures (≤ 15 MB)
 * are whole and decoded; audio and video only sniffed from their first SNIFF_BYTES. A retried confirm examines again and keeps its place among copies.
 */
export async function examineStoredEvidence(d: ForensicsDeps, u: EvidenceUpload, bytes: Buffer): Promise<ForensicsOutcome> {
  const found = await examineBytes(bytes, u, u.kind === 'photo' ? await siteOf(d.pool, u.caseId) : null);
  const { detected, probe } = found;
  if (found.rejection) {
    const stored = { detectedType: detected, phash: null, exif: null, reasons: [found.rejection] };
    await storeForensics(d.pool, u.id, stored);
    return { rejection: found.rejection, reasons: stored.reasons, stored: { ...stored, at: new Date().toISOString() } };
  }

  // Copies: searched and recorded under a lock on the bytes' hash, so two confirms of the same bytes see each other.
  const reasons = [...found.reasons];
  return withCopyLock(d.pool, u.sha256, async (db) => {
    const { at, iso } = await claimExaminationTime(db, u.id);
    const exact = await earlierExactCopies(db, { id: u.id, caseId: u.caseId, sha256: u.sha256, at });
    if (exact.sameCase) reasons.push(reason('evidence.duplicate', {}, u.id));
    if (exact.otherCaseNo) reasons.push(reason('evidence.reused', { otherCaseNo: exact.otherCaseNo }, u.id));
    // an identical copy elsewhere already says more than a similar one
    if (probe?.phash && !exact.otherCaseNo) {
      const near = await nearestEarlierPhoto(db, { id: u.id, caseId: u.caseId, at, phash: probe.phash, maxDistance: NEAR_DUPLICATE_MAX_DISTANCE });
      if (near) reasons.push(reason('evidence.near-duplicate', { otherCaseNo: near.caseNo, distance: near.distance }, u.id));
    }
    const stored = { detectedType: detected, phash: probe?.phash ?? null, exif: probe?.exif ?? null, reasons };
    await storeForensics(db, u.id, stored);
    return { rejection: null, reasons, stored: { ...stored, at: iso } };
  });
}

const REFUSAL: Record<Lang, (text: string) => string> = {
  'zh-CN': (t) => `证据被拒收：${t}；已删除存储的文件。`,
  en: (t) => `Evidence refused: ${t}; the object was deleted.`,
};

/** The 422 answer to a refused upload: the reason's code, and its text in the caller's language. */
export function forensicRefusal(r: PresenceReason, lang: Lang): Problem {
  return new Problem(422, 'Evidence refused', REFUSAL[lang](presenceReasonText(r, lang)), undefined, `urn:jicha:${r.code.replace('.', ':')}`, r.code);
}

/** What an evidence item shows of its forensics (null: not checked, e.g. confirmed before forensics existed). */
export function forensicsView(f: StoredForensics | null): z.infer<typeof EvidenceForensics> | null {
  return f && { detectedType: f.detectedType, reasons: f.reasons, exif: f.exif };
}

import type { ApiResponse } from '../../../data/api';
import type { CaseLive, StoredEvidence, TrackPoint } from './useCaseQueries';

/** An attached item of the live state, with the media URL signed for it and the stored object's re-verification. */
export type EvidenceItem = CaseLive['evidence'][number] & {
  url?: string;
  /** The same object answered as a download of the original (fresh with each read of the evidence endpoint). */
  downloadUrl?: string;
  contentType?: string;
  integrity?: StoredEvidence['integrity'];
  /** What the confirm step found in the bytes: EXIF capture data and the reasons to doubt (copies on other cases…). */
  forensics?: StoredEvidence['forensics'];
};

/**
 * The workflow's evidence (what is attached, verified, by whom) with the media URL the evidence endpoint signed for
 * it and the latest re-verification of the stored object; an item without a signed URL keeps none and shows a placeholder.
 */
export function withEvidenceUrls(attached: readonly EvidenceItem[], stored: readonly StoredEvidence[] | undefined): EvidenceItem[] {
  const byId = new Map((stored ?? []).map((s) => [s.evidenceId, s]));
  return attached.map((e) => {
    const s = byId.get(e.evidenceId);
    return {
      ...e,
      ...(s?.url ? { url: s.url } : {}),
      ...(s?.downloadUrl ? { downloadUrl: s.downloadUrl } : {}),
      ...(s ? { contentType: s.contentType } : {}),
      ...(s?.integrity ? { integrity: s.integrity } : {}),
      ...(s?.forensics ? { forensics: s.forensics } : {}),
    };
  });
}

/** All devices' fixes of the visit, in time order (one walk on the map). */
export function trackPoints(replay: ApiResponse<'/api/cases/{id}/track'> | undefined): TrackPoint[] {
  if (!replay) return [];
  return replay.tracks
    .flatMap((t) => t.points)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

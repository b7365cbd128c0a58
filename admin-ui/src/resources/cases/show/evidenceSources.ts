import type { ApiResponse } from '../../../data/api';
import type { CaseLive, StoredEvidence, TrackPoint } from './useCaseQueries';

/** An attached item of the live state, with the media URL signed for it when there is one. */
export type EvidenceItem = CaseLive['evidence'][number] & { url?: string };

/**
 * The workflow's evidence (what is attached, verified, by whom) with the media URL the evidence endpoint signed for
 * it; an item without a signed URL keeps none and shows a placeholder.
 */
export function withEvidenceUrls(attached: readonly EvidenceItem[], stored: readonly StoredEvidence[] | undefined): EvidenceItem[] {
  const urls = new Map((stored ?? []).filter((s) => s.url).map((s) => [s.evidenceId, s.url!]));
  return attached.map((e) => {
    const url = urls.get(e.evidenceId);
    return url ? { ...e, url } : e;
  });
}

/** All devices' fixes of the visit, in time order (one walk on the map). */
export function trackPoints(replay: ApiResponse<'/api/cases/{id}/track'> | undefined): TrackPoint[] {
  if (!replay) return [];
  return replay.tracks
    .flatMap((t) => t.points)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

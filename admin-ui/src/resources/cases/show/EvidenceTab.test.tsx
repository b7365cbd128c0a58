// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { renderWithAdmin } from '../../../test/renderWithAdmin';
import { evidence, liveState } from '../../../test/fixtures';
import { EvidenceTab } from './CaseTabs';
import { trackPoints, withEvidenceUrls } from './evidenceSources';
import type { ApiResponse } from '../../../data/api';
import type { StoredEvidence } from './useCaseQueries';

type CaseTrackReplay = ApiResponse<'/api/cases/{id}/track'>;

const stored = (over: Partial<StoredEvidence> = {}): StoredEvidence => ({
  evidenceId: 'ev-1', kind: 'photo', contentType: 'image/jpeg', sizeBytes: 1, sha256: 'a'.repeat(64), capturedAt: '2026-04-02T01:15:00Z',
  lat: 29.8414, lon: 114.3224, by: 'inspector', status: 'confirmed', confirmedAt: '2026-04-02T01:16:00Z',
  url: 'http://127.0.0.1:8333/jicha-evidence/evidence/c/ev-1?X-Amz-Expires=300', urlExpiresAt: '2026-04-02T01:21:00Z', downloadUrl: null, verified: true, forensics: null, integrity: null, ...over,
});

const replay = (points: [number, number, string][][]): CaseTrackReplay => ({
  caseId: 'c', toleranceM: 5,
  tracks: points.map((pts, i) => ({
    deviceId: `d${i}`, username: 'inspector', startedAt: pts[0]![2], endedAt: pts.at(-1)![2], pointCount: pts.length, simplifiedCount: pts.length, lengthM: 10,
    points: pts.map(([lat, lon, at]) => ({ lat, lon, at })),
  })),
});

describe('evidence sources', () => {
  it('gives each attached item the URL the evidence endpoint signed for it, and none to the others', () => {
    const items = withEvidenceUrls([evidence(), evidence({ evidenceId: 'ev-2' }), evidence({ evidenceId: 'ev-3' })], [stored(), stored({ evidenceId: 'ev-2', url: null, verified: false })]);
    expect(items.map((i) => i.url)).toEqual([stored().url, undefined, undefined]);
    expect(withEvidenceUrls([evidence()], undefined)[0]!.url).toBeUndefined();
  });

  it('carries the stored object\'s re-verification to the attached item', () => {
    const integrity = { status: 'missing' as const, checkedAt: '2026-12-04T03:30:00Z', flaggedAt: '2026-12-04T03:30:00Z' };
    const [flagged, never] = withEvidenceUrls([evidence(), evidence({ evidenceId: 'ev-2' })], [stored({ integrity }), stored({ evidenceId: 'ev-2' })]);
    expect(flagged!.integrity).toEqual(integrity);
    expect(never!.integrity).toBeUndefined();
  });

  it('merges the tracks of several devices into one walk in time order', () => {
    const pts = trackPoints(replay([[[1, 1, '2026-04-02T01:00:10Z'], [2, 2, '2026-04-02T01:00:30Z']], [[3, 3, '2026-04-02T01:00:20Z']]]));
    expect(pts.map((p) => p.lat)).toEqual([1, 3, 2]);
    expect(trackPoints(undefined)).toEqual([]);
  });
});

describe('<EvidenceTab>', () => {
  it('shows the photo from its presigned URL and replays the GPS track from the track endpoint', async () => {
    const getCaseEvidence = vi.fn(async () => [stored()]);
    const getCaseTrack = vi.fn(async () => replay([[[29.835, 114.318, '2026-04-02T01:00:00Z'], [29.838, 114.320, '2026-04-02T01:05:00Z'], [29.8413, 114.3223, '2026-04-02T01:10:00Z']]]));
    const live = liveState({ evidence: [evidence()] });
    const { container } = renderWithAdmin(<EvidenceTab live={live} events={[]} />, { dataProvider: { getCaseEvidence, getCaseTrack } as never });
    await waitFor(() => expect(container.querySelector('img')?.getAttribute('src')).toBe(stored().url));
    expect(getCaseEvidence).toHaveBeenCalledWith(live.caseId);
    await waitFor(() => expect(screen.getByTestId('map-track').getAttribute('points')!.split(' ')).toHaveLength(3));
    expect(screen.getByTestId('map-replay-controls')).toBeTruthy();
  }, 15_000); // the whole tab: gallery, map and replay controls

  it('keeps the gallery (placeholders) and offers a retry when the evidence URLs cannot be read', async () => {
    const getCaseEvidence = vi.fn(async () => {
      throw Object.assign(new Error('S3 is down'), { status: 404 });
    });
    const getCaseTrack = vi.fn(async () => replay([]));
    renderWithAdmin(<EvidenceTab live={liveState({ evidence: [evidence()] })} events={[]} />, { dataProvider: { getCaseEvidence, getCaseTrack } as never });
    await screen.findByText('服务器说明：S3 is down');
    expect(screen.getAllByTestId('evidence-placeholder')).toHaveLength(1);
    expect(screen.getByRole('button', { name: '重试' })).toBeTruthy();
  }, 15_000);
});

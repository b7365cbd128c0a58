// Placeholders until the track recorder lands.
export interface TrackState {
  caseId: string | null;
  recording: boolean;
  points: number;
  unsent: number;
  lastFix: { lat: number; lon: number; accuracyM: number; at: string } | null;
  error: string | null;
}
export function startTrack(_caseId: string): void {}
export function stopTrack(): void {}
export function useTrackState(): TrackState {
  return { caseId: null, recording: false, points: 0, unsent: 0, lastFix: null, error: null };
}

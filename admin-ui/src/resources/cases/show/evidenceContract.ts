import type { EvidenceKind } from '../../../data/caseContract';

/** One item of GET /api/cases/:id/evidence (source of truth: api/routes/caseEvidence.ts, domain/terminalSchemas.ts). */
export interface StoredEvidence {
  evidenceId: string;
  kind: EvidenceKind;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  capturedAt: string;
  lat: number | null;
  lon: number | null;
  by: string;
  status: 'pending' | 'confirmed' | string;
  confirmedAt: string | null;
  /** Presigned GET, valid 5 minutes; null until the server has verified the stored object. */
  url: string | null;
  urlExpiresAt: string | null;
  verified: boolean;
}

/** GET /api/cases/:id/track: the visit's GPS tracks, one per device, simplified for drawing. */
export interface CaseTrackReplay {
  caseId: string;
  toleranceM: number;
  tracks: {
    deviceId: string;
    username: string;
    startedAt: string;
    endedAt: string;
    pointCount: number;
    simplifiedCount: number;
    lengthM: number;
    points: { lat: number; lon: number; at: string }[];
  }[];
}

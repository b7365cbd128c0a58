import { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { Client as MinioClient } from 'minio';
import type pg from 'pg';
import type { Config } from '../../config/env';
import { caseInScope } from '../../services/access/caseAccess';
import { caseEvidenceWithDownloads } from '../../services/evidence/evidenceService';
import { caseTrackReplay } from '../../services/tracks/caseTracks';
import { EvidenceItem, TrackReplay, TrackReplayQuery } from '../../domain/terminalSchemas';
import { defineRoute, type RouteDef } from '../../http/route';

export interface CaseEvidenceDeps {
  pool: pg.Pool;
  temporal: Client;
  s3: MinioClient;
  config: Pick<Config, 'S3_ENDPOINT' | 'S3_REGION' | 'S3_ACCESS_KEY' | 'S3_SECRET_KEY' | 'S3_BUCKET'>;
}

const IdParams = z.strictObject({ id: z.uuid('must be a case id (UUID)') });

/**
 * The terminal's evidence item plus whether it counts as verified: confirmed (the stored object's size and SHA-256 as
 * declared, its content what was declared) and no forensic finding against it (items confirmed before forensics
 * existed keep their verification).
 */
export const BackOfficeEvidenceItem = EvidenceItem.extend({
  verified: z.boolean(),
  downloadUrl: z.string().nullable().describe('Presigned GET (5 min) answered as a download of the original (Content-Disposition: attachment); null until confirmed'),
});

const CASE_READERS = ['inspector', 'station_lead', 'supervisor', 'manager'] as const;

/**
 * The case page's evidence gallery and track replay. The presigned GET URLs (5 min) are signed only after the
 * same org-scope check as GET /api/cases/:id: a case outside the caller's unit is a 404, never a URL.
 */
export function caseEvidenceRoutes(d: CaseEvidenceDeps): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/cases/:id/evidence',
      summary: 'The case\'s evidence (photos, audio, video, the customer\'s signature) with SHA-256 and its verification, capture time, GPS, and presigned GET URLs valid 5 minutes for verified items (to show, and to download the original)',
      tag: 'cases',
      policy: { roles: CASE_READERS, scope: 'org' },
      params: IdParams,
      response: { status: 200, schema: z.array(BackOfficeEvidenceItem), description: 'Evidence items, oldest request first; rejected uploads left out' },
      async handler({ res, principal, params }) {
        const c = await caseInScope(d.pool, params.id, principal);
        const items = await caseEvidenceWithDownloads(d, params.id, c.caseNo);
        // The URLs are bearer capabilities: no shared cache may keep them past the caller.
        res.set('Cache-Control', 'private, no-store');
        res.json(items.map((i) => ({ ...i, verified: i.status === 'confirmed' && !i.forensics?.reasons.length })));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/cases/:id/track',
      summary: 'The case visit\'s GPS tracks, one per device, simplified for drawing (Douglas–Peucker, toleranceM), for replay on the case map',
      tag: 'cases',
      policy: { roles: CASE_READERS, scope: 'org' },
      params: IdParams,
      query: TrackReplayQuery,
      response: { status: 200, schema: TrackReplay, description: 'The simplified tracks' },
      async handler({ res, principal, params, query }) {
        await caseInScope(d.pool, params.id, principal);
        res.json(await caseTrackReplay(d.pool, params.id, query.toleranceM));
      },
    }),
  ];
}

import { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { Client as MinioClient } from 'minio';
import type pg from 'pg';
import type { Config } from '../../config/env';
import { PRESENCE_REASON_CODES } from '../../domain/presenceReasons';
import { PRESENCE_REVIEW_SORTS, PresenceReviewDetail, PresenceReviewRow } from '../../domain/presenceReview';
import { presenceReview, presenceReviewQueue } from '../../services/cases/presenceReviews';
import { defineRoute, jsonParam, type RouteDef } from '../../http/route';
import { oneOrMany, raRange, sendList } from '../../http/raList';

export interface PresenceReviewDeps {
  pool: pg.Pool;
  temporal: Client;
  s3: MinioClient;
  config: Pick<Config, 'S3_ENDPOINT' | 'S3_REGION' | 'S3_ACCESS_KEY' | 'S3_SECRET_KEY' | 'S3_BUCKET'>;
}

const ListQuery = z.strictObject({
  range: raRange.optional(),
  sort: jsonParam(z.tuple([z.enum(PRESENCE_REVIEW_SORTS), z.enum(['ASC', 'DESC'])])).optional(),
  filter: jsonParam(z.strictObject({
    q: z.string().max(100).optional(),
    reason: oneOrMany(z.enum(PRESENCE_REASON_CODES)).optional(),
    id: oneOrMany(z.uuid()).optional(),
  })).optional(),
});
const CaseIdParams = z.strictObject({ caseId: z.uuid('must be a case id (UUID)') });

/**
 * Supervisors decide (POST /api/cases/:id/actions/review); station leads read along, since the rectification order of
 * their station waits for the decision.
 */
const REVIEW_READERS = ['station_lead', 'supervisor', 'manager'] as const;

/** The 疑似虚假工单 queue and one review (issue #15); reads only — the decision is the case step `review`. */
export function presenceReviewRoutes(d: PresenceReviewDeps): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/presence-reviews',
      summary: 'Field visits on review (疑似虚假工单): open cases whose presence verdict was weak, inside the caller\'s org unit, newest first (react-admin list: range, sort, filter q / reason / id)',
      tag: 'presence-reviews',
      policy: { roles: REVIEW_READERS, scope: 'org' },
      query: ListQuery,
      response: { status: 200, schema: z.array(PresenceReviewRow), description: 'Cases waiting for a supervisor\'s review' },
      async handler({ res, principal, query }) {
        const [start, end] = query.range ?? [0, 24];
        const [field, order] = query.sort ?? ['since', 'DESC'];
        const f = query.filter ?? {};
        const { rows, total } = await presenceReviewQueue(d.pool, principal, { q: f.q, reasons: f.reason, ids: f.id, sort: { field, order }, range: [start, end] });
        sendList(res, 'presence-reviews', start, rows, total);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/presence-reviews/:caseId',
      summary: 'One review of a field visit: the verdict\'s reasons, the justification, check-ins, each evidence item\'s declared vs EXIF metadata with a presigned URL (5 min), and the GPS track; 404 when the case was never on review',
      tag: 'presence-reviews',
      policy: { roles: REVIEW_READERS, scope: 'org' },
      params: CaseIdParams,
      response: { status: 200, schema: PresenceReviewDetail, description: 'The review and the visit it is about' },
      async handler({ res, principal, params }) {
        const review = await presenceReview(d, principal, params.caseId);
        // The URLs are bearer capabilities: no shared cache may keep them past the caller.
        res.set('Cache-Control', 'private, no-store');
        res.json(review);
      },
    }),
  ];
}

import type { ApiItem, ApiResponse } from '../../data/api';
import { valuesOf } from '../../data/enumValues';
import { formatDateTime } from '../../format/dateTime';

/** A row of the 疑似虚假工单 queue (GET /api/presence-reviews). */
export type PresenceReviewRecord = ApiItem<'/api/presence-reviews'>;
/** One review (GET /api/presence-reviews/:caseId): the reasons, the justification and the visit it is about. */
export type PresenceReview = ApiResponse<'/api/presence-reviews/{caseId}'>;
export type PresenceReason = PresenceReview['review']['reasons'][number];
export type ReasonCode = PresenceReason['code'];
export type ReviewStatus = PresenceReview['review']['status'];
export type ReviewEvidence = PresenceReview['evidence'][number];

/**
 * Every reason code of the API (domain/presenceReasons.ts), checked at compile time against the document's enum, so a
 * code added there fails the typecheck here until it has a label (the messages test checks both languages).
 */
export const REASON_CODES = valuesOf<ReasonCode>()([
  'evidence.content-mismatch',
  'evidence.undecodable',
  'evidence.exif-missing',
  'evidence.exif-time-mismatch',
  'evidence.captured-outside-visit',
  'evidence.exif-position-mismatch',
  'evidence.far-from-customer',
  'evidence.no-position',
  'evidence.duplicate',
  'evidence.reused',
  'evidence.near-duplicate',
  'photos.too-few',
  'checkin.none',
  'checkin.outside',
  'checkin.imprecise',
  'checkin.clock-skew',
  'checkin.mock-location',
  'track.none',
  'track.sparse',
  'track.no-approach',
  'track.jump',
]);
export const REVIEW_STATUSES = valuesOf<ReviewStatus>()(['pending', 'cleared', 'returned']);

export const reasonChoices = REASON_CODES.map((id) => ({ id, name: `presence.reasons.${id}.short` }));

type Translate = (key: string, options?: Record<string, unknown>) => string;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A reason's figure as the sentence shows it: times in Beijing time, numbers as they are, nothing as "—". */
function figure(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string' && ISO_TIME.test(v)) return formatDateTime(v);
  return String(v);
}

/** A reason's short label for lists and chips ("签到超出范围"); an unknown code shows as itself. */
export function reasonLabel(code: string, translate: Translate): string {
  return translate(`presence.reasons.${code}.short`, { _: code });
}

/**
 * A reason as a sentence with its figures ("签到位置距客户 2300 米，超出 200 米范围"). A figure the reason lacks shows as
 * "?" (as the server's own texts do), never as a raw placeholder.
 */
export function reasonText(r: Pick<PresenceReason, 'code' | 'params'>, translate: Translate): string {
  const key = `presence.reasons.${r.code}.text`;
  const template = translate(key, { _: '' });
  if (!template) return translate('presence.unknownReason', { code: r.code });
  const params: Record<string, string> = {};
  for (const [, name] of template.matchAll(/%\{(\w+)\}/g)) {
    params[name!] = r.params && Object.hasOwn(r.params, name!) ? figure(r.params[name!]) : '?';
  }
  return translate(key, params);
}

/** 0.23 → "23%". */
export const formatConfidence = (c: number | null | undefined): string => (typeof c === 'number' ? `${Math.round(c * 100)}%` : '—');

/** A low confidence reads red, a middling one amber. */
export const confidenceColor = (c: number | null | undefined): 'error' | 'warning' | 'default' =>
  typeof c !== 'number' ? 'default' : c < 0.3 ? 'error' : c < 0.5 ? 'warning' : 'default';

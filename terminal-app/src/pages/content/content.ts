import { ok, type ApiBody, type ApiClient, type ApiItem, type ApiResponse } from '../../../../client';
import { POST_TIMEOUT_MS, timeoutSignal, type OnlineAction } from '../customers/onlineAction';

// 信息公告, 法规制度, 咨询 and 意见反馈 over /mobile/v1, and the checks their forms make before sending (the same limits
// as the API's schemas: domain/terminalSchemas.ts FeedbackBody, domain/consultationSchemas.ts AskBody), so that a
// mistake is explained next to its field instead of coming back as a 422.

export type Announcement = ApiItem<'/mobile/v1/announcements'>;
export type RegulationPage = ApiResponse<'/mobile/v1/regulations'>;
export type RegulationSummary = RegulationPage['items'][number];
export type Regulation = ApiResponse<'/mobile/v1/regulations/{id}'>;
export type RegulationKind = RegulationSummary['kind'];
export type Consultation = ApiItem<'/mobile/v1/consultations'>;
export type Feedback = ApiItem<'/mobile/v1/feedback'>;
export type AskBody = ApiBody<'/mobile/v1/consultations'>;
export type FeedbackBody = ApiBody<'/mobile/v1/feedback'>;
export type Topic = AskBody['topic'];
export type FeedbackCategory = FeedbackBody['category'];

// Every value of the API's enums, checked by the compiler against the generated client (a new one fails the build
// until it is listed, and so translated).
const topics: Record<Topic, true> = { tariff: true, penalty: true, theft: true, metering: true, business_expansion: true, procedure: true, system: true, other: true };
const categories: Record<FeedbackCategory, true> = { bug: true, suggestion: true, question: true, data_error: true, other: true };
export const TOPICS = Object.keys(topics) as Topic[];
export const CATEGORIES = Object.keys(categories) as FeedbackCategory[];

export const REGULATION_PAGE_SIZE = 20;

export async function loadAnnouncements(api: ApiClient): Promise<Announcement[]> {
  return ok(await api.GET('/mobile/v1/announcements'));
}

export async function loadRegulations(api: ApiClient, o: { kind?: RegulationKind; q?: string; page: number }): Promise<RegulationPage> {
  return ok(await api.GET('/mobile/v1/regulations', { params: { query: { kind: o.kind, q: o.q, page: o.page, pageSize: REGULATION_PAGE_SIZE } } }));
}

export async function loadRegulation(api: ApiClient, id: string): Promise<Regulation> {
  return ok(await api.GET('/mobile/v1/regulations/{id}', { params: { path: { id } } }));
}

export async function loadConsultations(api: ApiClient): Promise<Consultation[]> {
  return ok(await api.GET('/mobile/v1/consultations'));
}

export async function loadFeedback(api: ApiClient): Promise<Feedback[]> {
  return ok(await api.GET('/mobile/v1/feedback'));
}

export function askConsultation(api: ApiClient, action: OnlineAction<AskBody>, body: AskBody): Promise<Consultation> {
  return action.run(body, async (b, key) => ok(await api.POST('/mobile/v1/consultations', { body: b, headers: { 'Idempotency-Key': key }, signal: timeoutSignal(POST_TIMEOUT_MS) })));
}

export function sendFeedback(api: ApiClient, action: OnlineAction<FeedbackBody>, body: FeedbackBody): Promise<{ id: string; createdAt: string }> {
  return action.run(body, async (b, key) => ok(await api.POST('/mobile/v1/feedback', { body: b, headers: { 'Idempotency-Key': key }, signal: timeoutSignal(POST_TIMEOUT_MS) })));
}

// ---------------------------------------------------------------- form checks

/** A field's problem as a text key of the content area (`content.v.*`) with its parameters. */
export interface FieldProblem {
  key: string;
  params?: Record<string, number>;
}
export type FormCheck<B> = { ok: true; body: B } | { ok: false; errors: Record<string, FieldProblem> };

// eslint-disable-next-line no-control-regex
const HOSTILE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function text(value: string, min: number, max: number): FieldProblem | null {
  const v = value.trim();
  if (v.length === 0) return { key: 'content.v.required' };
  if (HOSTILE.test(v)) return { key: 'content.v.control' };
  if (v.length < min) return { key: 'content.v.min', params: { min } };
  if (v.length > max) return { key: 'content.v.max', params: { max } };
  return null;
}

export const ASK_LIMITS = { subject: [2, 200], question: [5, 4000] } as const;
export const FEEDBACK_LIMITS = { text: [2, 4000] } as const;

export function checkAsk(f: { topic: string; subject: string; question: string; caseId?: string | null }): FormCheck<AskBody> {
  const errors: Record<string, FieldProblem> = {};
  if (!(TOPICS as string[]).includes(f.topic)) errors.topic = { key: 'content.v.choose' };
  const s = text(f.subject, ...ASK_LIMITS.subject);
  if (s) errors.subject = s;
  const q = text(f.question, ...ASK_LIMITS.question);
  if (q) errors.question = q;
  if (f.caseId && !UUID.test(f.caseId)) errors.caseId = { key: 'content.v.caseId' };
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, body: { topic: f.topic as Topic, subject: f.subject.trim(), question: f.question.trim(), ...(f.caseId ? { caseId: f.caseId.toLowerCase() } : {}) } };
}

export function checkFeedback(f: { category: string; text: string; caseId?: string | null; appVersion?: string }): FormCheck<FeedbackBody> {
  const errors: Record<string, FieldProblem> = {};
  if (!(CATEGORIES as string[]).includes(f.category)) errors.category = { key: 'content.v.choose' };
  const tx = text(f.text, ...FEEDBACK_LIMITS.text);
  if (tx) errors.text = tx;
  if (f.caseId && !UUID.test(f.caseId)) errors.caseId = { key: 'content.v.caseId' };
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    body: {
      category: f.category as FeedbackCategory, text: f.text.trim(),
      ...(f.caseId ? { caseId: f.caseId.toLowerCase() } : {}),
      ...(f.appVersion ? { appVersion: f.appVersion.slice(0, 50) } : {}),
    },
  };
}

/** Pinned first, then newest first (the API's order, kept when the list is merged or refreshed). */
export function orderAnnouncements(list: Announcement[]): Announcement[] {
  return [...list].sort((a, b) => Number(b.pinned) - Number(a.pinned) || (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0));
}

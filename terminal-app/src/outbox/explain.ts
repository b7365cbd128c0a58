// A refusal of a queued item, explained in words the inspector understands (texts: i18n/areas/outbox.ts).
//
// What the API gives us: a sync result carries `httpStatus` and `reason` (the problem's `detail`) and, for refusals
// made by the sync endpoint itself (hostile text), a `code`; a refusal by the case workflow comes back there without
// its code (the sync endpoint keeps only the detail of a stored refusal), while the direct endpoints (evidence) carry
// it in the problem type (`urn:jicha:case-step:WrongActor`, `urn:jicha:evidence:not-uploaded` …). So: the code
// when there is one, else the HTTP status plus the validator's English sentence (workflows/caseRules.ts,
// workflows/inspectionCase.ts: those sentences are the API's contract today), else a text per status with the API's
// own detail. Whatever we recognise, the API's detail is kept beside the message.

import type { PresenceReasonRef } from './index';
import { hasMessage } from '../../../client/messages.gen';
import { MESSAGE_KEY } from '../i18n';

export type Params = Record<string, string | number>;

/** The refusal's code for findings on a visit whose proof of presence is weak (they need a justification). */
export const PRESENCE_WEAK = 'case-step:PresenceWeak';
/** A step that waits for the supervisor's review of the visit (the rectification order, while 待督查复核). */
export const UNDER_REVIEW = 'case-step:UnderReview';

/** The presence reasons among a refusal's field errors (`path: 'presence'`); undefined when there are none. */
export function presenceReasonsOf(errors: unknown): PresenceReasonRef[] | undefined {
  if (!Array.isArray(errors)) return undefined;
  const out: PresenceReasonRef[] = [];
  for (const e of errors as { path?: unknown; code?: unknown; message?: unknown; params?: unknown }[]) {
    if (typeof e?.code !== 'string' || !/^presence(\.|$|\[)/.test(String(e.path ?? ''))) continue;
    const params = e.params && typeof e.params === 'object' && !Array.isArray(e.params)
      ? Object.fromEntries(Object.entries(e.params as Record<string, unknown>).filter(([, v]) => v === null || typeof v === 'string' || typeof v === 'number')) as PresenceReasonRef['params']
      : undefined;
    out.push({ code: e.code, ...(params ? { params } : {}), ...(typeof e.message === 'string' && e.message ? { message: e.message } : {}) });
  }
  return out.length ? out : undefined;
}

export interface Explained {
  key: string;
  params: Params;
  /**
   * Not a refusal for good: 'same-key' — the first request with this key is still being processed, ask again later
   * with the same key; 'new-key' — the case was busy with another step and the refusal is stored under the key, so
   * ask again later with a new one (a refused request was not applied, so a new key cannot apply it twice).
   */
  transient?: 'same-key' | 'new-key';
}

export interface RefusalInput {
  status: number | null | undefined;
  code?: string | null;
  /** The names and figures the code's text quotes (domain/messages), as the API sends them beside the code. */
  params?: unknown;
  detail?: string | null;
}

/** Codes of the case workflow's "another step is half-way" refusals: ask again later with a new key. */
const BUSY_CODES = new Set(['case-step.busy', 'case-step.busy-system', 'case-step.visit-changed']);

/**
 * A refusal whose code the domain's catalogue has (client/messages.gen.ts, #16): its text key and params, rendered in
 * the inspector's language when shown (i18n `translate`), so a refusal stored in Chinese reads in English after a switch.
 */
function coded(code: string, params: unknown, d: Params): Explained | null {
  if (!code || !hasMessage(code)) return null;
  const p: Params = { ...d };
  if (params && typeof params === 'object' && !Array.isArray(params)) {
    for (const [k, v] of Object.entries(params as Record<string, unknown>)) if (typeof v === 'string' || typeof v === 'number') p[k] = v;
  }
  return { key: MESSAGE_KEY + code, params: p, ...(BUSY_CODES.has(code) ? { transient: 'new-key' as const } : {}) };
}

const STAGES: [RegExp, string][] = [
  [/initial judgement|\bjudgement\b/i, 'judgement'],
  [/field[ _]evidence/i, 'field_evidence'],
  [/rectification/i, 'rectification'],
  [/verification/i, 'verification'],
  [/assessment/i, 'assessment'],
  [/\bclosed\b/i, 'closed'],
  [/dismissed/i, 'dismissed'],
  [/cancell?ed/i, 'cancelled'],
];

const stageOf = (text: string): string | null => {
  for (const [re, stage] of STAGES) if (re.test(text)) return stage;
  return null;
};

/**
 * A problem's text in the user's language. `stage` is kept as the stage's key in the params and put into words here,
 * so that a message stored in Chinese reads in English after the user switched.
 */
export function renderProblem(t: (key: string, params?: Params) => string, key: string, params: Params = {}): string {
  const stage = params.stage;
  return t(key, stage === undefined ? params : { ...params, stage: t(`outbox.stage.${stage}`) });
}

/** The explanation of a refusal: a text key (i18n/areas/outbox.ts) with its params. */
export function explainRefusal(r: RefusalInput): Explained {
  const code = r.code ?? '';
  const detail = (r.detail ?? '').trim();
  const status = r.status ?? 0;
  const d = { detail: detail || String(status || '') };

  // ---- codes first (direct endpoints, and the sync endpoint's own refusals)
  // the workflow's refusals the outbox has its own words for (what the inspector can do about them)
  const p = (r.params && typeof r.params === 'object' ? r.params : {}) as Record<string, unknown>;
  if (code === 'case-step.presence-weak') return { key: 'outbox.conflict.presenceWeak', params: d };
  if (code === 'case-step.under-review') return { key: 'outbox.conflict.underReview', params: d };
  if (code === 'case-step.not-assignee' && typeof p.assignee === 'string') return { key: 'outbox.conflict.reassigned', params: { ...d, assignee: p.assignee } };
  if (code === 'case-step.no-assignee') return { key: 'outbox.conflict.notAssigned', params: d };
  if (code === 'case-step.outside-unit') return { key: 'outbox.conflict.outsideUnit', params: d };
  if (code === 'case-step.role-required') return { key: 'outbox.conflict.role', params: d };
  if (code === 'case-step.accept-first') return { key: 'outbox.conflict.acceptFirst', params: d };
  if (code === 'case-step.still-opening') return { key: 'outbox.conflict.opening', params: d };
  if (code === 'case-step.order-issued') return { key: 'outbox.conflict.alreadyDone', params: d };
  if (['case-step.assignment-accepted', 'case-step.accepted-no-decline', 'case-step.already-accepted-by'].includes(code)) return { key: 'outbox.conflict.alreadyAccepted', params: d };
  if (code === 'case-step.case-over' && typeof p.stage === 'string') return { key: 'outbox.conflict.ended', params: { ...d, stage: p.stage } };
  if (code === 'case-step.wrong-stage' && typeof p.stage === 'string') return { key: 'outbox.conflict.wrongStage', params: { ...d, stage: p.stage } };
  if (code === 'case.ended') return { key: 'outbox.conflict.over', params: d };
  if (code === 'case.not-visible') return { key: 'outbox.conflict.notVisible', params: d };
  const fromCatalogue = coded(code, r.params, d);
  if (fromCatalogue) return fromCatalogue;
  if (code === 'text.hostile') return { key: 'outbox.conflict.hostileText', params: d };
  if (code === 'idempotency:in-progress') return { key: 'outbox.conflict.inProgress', params: d, transient: 'same-key' };
  if (code === 'idempotency:key-reused') return { key: 'outbox.conflict.keyReused', params: d };
  if (code === 'evidence:size-mismatch' || code === 'evidence:sha256-mismatch') return { key: 'outbox.evidence.mismatch', params: d };
  if (code === 'evidence:rejected') return { key: 'outbox.evidence.rejected', params: d };
  // forensics at confirm (#15): the stored bytes are not what the upload declared, or do not decode as an image
  if (code === 'evidence.content-mismatch' || code === 'evidence.undecodable') return { key: `outbox.evidence.${code === 'evidence.undecodable' ? 'undecodable' : 'contentMismatch'}`, params: d };
  if (code === 'case-step:StepInProgress') return { key: 'outbox.conflict.stepInProgress', params: d, transient: 'new-key' };
  if (code === PRESENCE_WEAK) return { key: 'outbox.conflict.presenceWeak', params: d };
  // the visit waits for a supervisor's review (疑似虚假工单): the step can go once it is cleared
  if (code === UNDER_REVIEW || /under a supervisor's review|督查复核|稽查专责复核/i.test(detail)) return { key: 'outbox.conflict.underReview', params: d };

  // ---- momentary refusals recognised by their words (no code in a sync result)
  if (/still being processed/i.test(detail)) return { key: 'outbox.conflict.inProgress', params: d, transient: 'same-key' };
  if (/另一步骤正在办理中|another step is in progress/i.test(detail)) return { key: 'outbox.conflict.stepInProgress', params: d, transient: 'new-key' };

  // ---- who may act (403; case-step:WrongActor)
  const assignee = /assigned inspector \(([^)]*)\)/.exec(detail)?.[1];
  if (assignee !== undefined) {
    if (assignee === 'nobody yet') return { key: 'outbox.conflict.notAssigned', params: d };
    return { key: 'outbox.conflict.reassigned', params: { ...d, assignee } };
  }
  if (/is outside this case's unit/i.test(detail)) return { key: 'outbox.conflict.outsideUnit', params: d };
  if (/needs one of the roles/i.test(detail)) return { key: 'outbox.conflict.role', params: d };

  // ---- where the case is (409; case-step:WrongStage)
  if (code === 'case.ended' || /case has ended|Case closed/i.test(detail)) return { key: 'outbox.conflict.over', params: d };
  if (code === 'case.not-visible') return { key: 'outbox.conflict.notVisible', params: d };
  const ended = /the case is (closed|dismissed|cancell?ed)/i.exec(detail);
  if (ended) return { key: 'outbox.conflict.ended', params: { ...d, stage: stageOf(ended[1]!) ?? 'closed' } };
  if (/accept the assignment first/i.test(detail)) return { key: 'outbox.conflict.acceptFirst', params: d };
  if (/already accepted|accepted assignment cannot be declined/i.test(detail)) return { key: 'outbox.conflict.alreadyAccepted', params: d };
  if (/still being opened/i.test(detail)) return { key: 'outbox.conflict.opening', params: d };
  const at = /(?:while the case is at|case \S+ is at) ([^;.]+)/i.exec(detail);
  if (at) {
    const stage = stageOf(at[1]!);
    if (stage) return { key: 'outbox.conflict.wrongStage', params: { ...d, stage } };
  }
  if (/already issued/i.test(detail)) return { key: 'outbox.conflict.alreadyDone', params: d };

  // ---- by code without a recognised sentence
  if (code === 'case-step:WrongActor') return { key: 'outbox.conflict.forbidden', params: d };
  if (code === 'case-step:WrongStage') return { key: 'outbox.conflict.stage', params: d };
  if (code === 'case-step:IncompleteStep') return { key: 'outbox.conflict.incomplete', params: d };
  if (code === 'case-step:InvalidStep') return { key: 'outbox.conflict.invalid', params: d };

  // ---- by status
  switch (status) {
    case 400:
      return { key: 'outbox.conflict.invalid', params: d };
    case 403:
      return { key: 'outbox.conflict.forbidden', params: d };
    case 404:
      return { key: 'outbox.conflict.notVisible', params: d };
    case 409:
      return { key: 'outbox.conflict.stage', params: d };
    case 413:
      return { key: 'outbox.conflict.tooLarge', params: d };
    case 422:
      return /needs|justification|evidence|at least|at most|required/i.test(detail)
        ? { key: 'outbox.conflict.incomplete', params: d }
        : { key: 'outbox.conflict.invalid', params: d };
    default:
      return { key: 'outbox.conflict.generic', params: d };
  }
}

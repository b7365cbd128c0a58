import type { ApiResponse } from '../../../../client';
import { hasText, useI18n, type T } from '../../i18n';
import type { OutboxItem, PresenceReasonRef } from '../../outbox';
import { PRESENCE_WEAK } from '../../outbox/explain';
import { formatChinaTime } from '../tasks/labels';
import type { EvidenceListItem } from '../tasks/types';

// Proof of presence in the inspector's words (issue #15): the reasons the server gives for doubting a visit (findings
// refused with case-step:PresenceWeak) or a photo (its `forensics`), texts in i18n/areas/presence.ts.

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** One reason in the user's language: the app's text with the reason's figures; the server's words when it sent no figures. */
export function reasonText(t: T, r: PresenceReasonRef): string {
  const key = `presence.${r.code}`;
  if (!hasText(key)) return r.message || r.code;
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(r.params ?? {})) params[k] = v === null ? '?' : typeof v === 'string' && ISO_TIME.test(v) ? formatChinaTime(v) : v;
  const text = t(key, params);
  if (!/\{\w+\}/.test(text)) return text;
  // Figures missing: the server's own sentence says it whole (in the language the request asked for), else "?".
  return r.message || text.replace(/\{\w+\}/g, '?');
}

export function PresenceReasons({ reasons, testId }: { reasons: PresenceReasonRef[]; testId?: string }) {
  const { t } = useI18n();
  return (
    <ul className="reasons presence-reasons" data-testid={testId}>
      {reasons.map((r, i) => <li key={`${r.code}-${i}`} data-code={r.code}>{reasonText(t, r)}</li>)}
    </ul>
  );
}

/** Findings refused because the visit's proof of presence is weak (they need a justification). */
export const presenceRefused = (item: OutboxItem | undefined): item is OutboxItem => item?.status === 'conflict' && item.problem?.code === PRESENCE_WEAK;

/** Findings applied with the case put on supervisor review (the step's answer says so). */
export const awaitingReview = (item: OutboxItem | undefined): boolean =>
  item?.status === 'done' && (item.result as { needsSupervisorReview?: unknown } | null | undefined)?.needsSupervisorReview === true;

/** The confirm step's answer: the attached capture (with its forensics) and the case after it. */
export type ConfirmAnswer = ApiResponse<'/mobile/v1/tasks/{id}/evidence/{evidenceId}/confirm', 'post'>;

/** A capture as the API answers it (GET …/evidence, the confirm answer's `evidence`): its generated `forensics`. */
export type EvidenceForensics = NonNullable<EvidenceListItem['forensics']>;

/** The doubts about one evidence item: its `forensics.reasons` (null forensics: not examined, nothing to say). */
export function forensicsReasons(evidence: { forensics?: EvidenceForensics | null } | null | undefined): PresenceReasonRef[] {
  return (evidence?.forensics?.reasons ?? []).map((r) => ({ code: r.code, params: r.params }));
}

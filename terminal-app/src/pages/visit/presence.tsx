import { hasText, useI18n, type T } from '../../i18n';
import type { OutboxItem, PresenceReasonRef } from '../../outbox';
import { PRESENCE_WEAK } from '../../outbox/explain';
import { formatChinaTime } from '../tasks/labels';

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

/**
 * The doubts about one evidence item: `forensics.reasons` as the evidence list and the confirm answer carry them
 * (null or absent: none). Read defensively — the generated client gains the field when the server's types are
 * regenerated.
 */
export function forensicsReasons(evidence: unknown): PresenceReasonRef[] {
  const f = (evidence as { forensics?: { reasons?: unknown } | null } | null | undefined)?.forensics;
  if (!f || !Array.isArray(f.reasons)) return [];
  return (f.reasons as { code?: unknown; params?: unknown }[])
    .filter((r) => typeof r?.code === 'string')
    .map((r) => ({ code: r.code as string, ...(r.params && typeof r.params === 'object' ? { params: r.params as PresenceReasonRef['params'] } : {}) }));
}

import type { CaseEvent } from './useCaseQueries';
import { MAIN_STAGE_PATH, enumLabel, isTerminalStage, type CaseStage } from '../caseEnums';
import { formatDateTime } from '../../../format/dateTime';
import { formatYuan } from '../../../format/money';

export type StageStatus = 'done' | 'current' | 'pending' | 'skipped';

export interface StageStep {
  stage: CaseStage;
  status: StageStatus;
  /** When the case first entered the stage (from the log), if it did. */
  enteredAt: string | null;
  /** How many times it entered (rectification comes back after a rejected verification). */
  entries: number;
}

/**
 * The stage path of a case as a stepper: the five stages plus its end (closed, or dismissed /
 * cancelled when it ended early), each with its first entry time from the case log.
 */
export function stageProgress(events: readonly CaseEvent[], currentStage: CaseStage): StageStep[] {
  const ordered = [...events].sort((a, b) => a.seq - b.seq);
  const entered = new Map<CaseStage, { at: string; entries: number }>();
  let previous: CaseStage | null = null;
  for (const event of ordered) {
    if (event.stage !== previous) {
      const seen = entered.get(event.stage);
      entered.set(event.stage, { at: seen?.at ?? event.occurredAt, entries: (seen?.entries ?? 0) + 1 });
      previous = event.stage;
    }
  }
  const earlyEnd = (['dismissed', 'cancelled'] as const).find(
    (s) => s === currentStage || entered.has(s),
  );
  const path: CaseStage[] = earlyEnd ? [...MAIN_STAGE_PATH.slice(0, -1), earlyEnd] : [...MAIN_STAGE_PATH];
  const currentIndex = Math.max(0, path.indexOf(currentStage));
  const ended = isTerminalStage(currentStage);
  return path.map((stage, i) => {
    const seen = entered.get(stage);
    let status: StageStatus;
    if (i < currentIndex) status = seen ? 'done' : 'skipped';
    else if (i === currentIndex) status = ended ? 'done' : 'current';
    else status = 'pending';
    return { stage, status, enteredAt: seen?.at ?? null, entries: seen?.entries ?? 0 };
  });
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** One line saying what an event did, in the UI language, from its payload. */
export function describeEvent(event: CaseEvent, translate: Translate, personName: (username: string) => string = (u) => u): string {
  const p = event.payload ?? {};
  // people by name (李稽查（温泉供电所）) where the case page knows them, else the user name as logged
  const who = (v: unknown) => (typeof v === 'string' ? personName(v) : v);
  const t = (key: string, options?: Record<string, unknown>) =>
    translate(`resources.cases.timeline.${key}`, options);
  const label = (field: Parameters<typeof enumLabel>[0], value: unknown) =>
    value === null || value === undefined ? null : translate(enumLabel(field, String(value)));
  const parts: Array<string | null> = [];
  switch (event.type) {
    case 'opened':
      parts.push(label('origin', p.origin), str(p.note), str(p.duplicateReason) ? t('duplicateOpened', { reason: p.duplicateReason }) : null);
      break;
    case 'scored':
      parts.push(
        num(p.total) !== null ? t('scoreTotal', { total: p.total }) : null,
        Array.isArray(p.lines) ? t('scoreLines', { smart_count: p.lines.length }) : null,
        str(p.ruleSetVersion) ? t('ruleSetVersion', { version: p.ruleSetVersion }) : null,
      );
      break;
    case 'judged': {
      const j = (p.judgement ?? {}) as Record<string, unknown>;
      parts.push(
        num(j.score) !== null ? t('score', { score: j.score }) : null,
        label('priority', j.priority),
      );
      break;
    }
    case 'stage_entered':
      parts.push(
        str(p.assignee) ? t('offeredTo', { name: who(p.assignee) }) : null,
        str(p.deadlineAt) ? t('deadline', { time: formatDateTime(p.deadlineAt as string) }) : null,
      );
      break;
    case 'assigned':
      parts.push(t('offeredTo', { name: who(p.inspector) }));
      break;
    case 'declined':
      parts.push(str(p.reason), str(p.offeredTo) ? t('offeredTo', { name: who(p.offeredTo) }) : t('backToLead'));
      break;
    case 'reassigned':
      parts.push(t('handedTo', { name: who(p.to) }));
      break;
    case 'checked_in':
      parts.push(
        num(p.distanceM) !== null ? t('distance', { m: p.distanceM }) : null,
        translate(p.insideGeofence ? 'resources.cases.map.inside' : 'resources.cases.map.outside'),
      );
      break;
    case 'evidence_attached':
      parts.push(
        label('evidenceKind', p.kind),
        translate(p.verified ? 'resources.cases.evidence.verified' : 'resources.cases.evidence.unverified'),
      );
      break;
    case 'findings_submitted': {
      // a weak presence verdict put the case on review (疑似虚假工单)
      const presence = (p.presence ?? null) as { weak?: unknown; confidence?: unknown } | null;
      parts.push(
        label('findingsResult', p.result),
        label('problemType', p.problemType),
        str(p.summary),
        presence?.weak === true ? t('presenceWeak', { confidence: num(presence.confidence) !== null ? `${Math.round((presence.confidence as number) * 100)}%` : '—' }) : null,
      );
      break;
    }
    case 'review_decided':
      parts.push(p.decision === 'clear' ? t('reviewCleared') : p.decision === 'return' ? t('reviewReturned') : null, str(p.note));
      break;
    case 'rectification_issued': {
      const actions = Array.isArray(p.actions) ? p.actions.length : 0;
      const computations = Array.isArray(p.computations) ? (p.computations as Array<Record<string, unknown>>) : [];
      const total = computations.reduce((s, c) => s + (num(c.backBillingYuan) ?? 0) + (num(c.penaltyYuan) ?? 0), 0);
      parts.push(
        str(p.owner) ? t('owner', { name: who(p.owner) }) : null,
        t('actionCount', { smart_count: actions }),
        computations.length > 0 ? t('amountDue', { amount: formatYuan(total) }) : null,
      );
      break;
    }
    case 'rectification_reported':
      parts.push(
        str(p.summary),
        num(p.amountRecoveredYuan) !== null ? t('recovered', { amount: formatYuan(p.amountRecoveredYuan as number) }) : null,
        num(p.collectedYuan) !== null ? t('collected', { amount: formatYuan(p.collectedYuan as number) }) : null,
      );
      break;
    case 'verified':
      parts.push(t('round', { round: p.round }), label('verifyOutcome', p.outcome), str(p.reason));
      break;
    case 'reminded':
      parts.push(str(p.deadlineAt) ? t('deadline', { time: formatDateTime(p.deadlineAt as string) }) : null);
      break;
    case 'escalated':
      parts.push(label('escalationTier', p.tier));
      break;
    case 'note_added':
      parts.push(str(p.text));
      break;
    case 'dismissed':
    case 'cancelled':
      parts.push(str(p.reason));
      break;
    case 'recording_failed':
      parts.push(t('recordingFailed', { event: translate(enumLabel('eventType', String(p.eventType)), { _: String(p.eventType) }), sqlState: p.sqlState }));
      break;
    default:
      break;
  }
  const kept = parts.filter((x): x is string => !!x);
  // "已改类。" + "；" would read doubled: drop a part's own closing punctuation before the separator.
  return kept
    .map((part, i) => (i < kept.length - 1 ? part.replace(/[。；;.，,\s]+$/u, '') : part))
    .join(translate('resources.cases.timeline.separator'));
}

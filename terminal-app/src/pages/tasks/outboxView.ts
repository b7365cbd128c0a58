import type { OutboxItem, StepAction } from '../../outbox';
import type { T } from '../../i18n';

// How the pages read a case's outbox items: what is not synced yet, the latest attempt at a step, and what to tell
// the inspector about it ("已保存，待同步" until the server has applied it, "已提交" after).

/** Items the server has not applied yet (conflicts included: they need the inspector's attention). */
export const unsynced = (items: OutboxItem[]): OutboxItem[] => items.filter((i) => i.status !== 'done');

/** The newest item of a step on this case (the one whose outcome counts), if any. */
export function latestStep(items: OutboxItem[], action: StepAction): OutboxItem | undefined {
  let best: OutboxItem | undefined;
  for (const i of items) if (i.type === 'step' && i.action === action && (!best || i.seq > best.seq)) best = i;
  return best;
}

/** A step taken on this device that is applied or on its way (not refused). */
export const stepTaken = (items: OutboxItem[], action: StepAction): boolean => {
  const last = latestStep(items, action);
  return !!last && last.status !== 'conflict';
};

export type StepNotice = 'sent' | 'queued' | 'refused';
export function stepNotice(item: OutboxItem): StepNotice {
  if (item.status === 'done') return 'sent';
  if (item.status === 'conflict') return 'refused';
  return 'queued';
}

/** A step's notice in words: 已提交 / 已保存，待同步 / the refusal's reason. */
export function stepNoticeText(item: OutboxItem, t: T): string {
  const n = stepNotice(item);
  if (n === 'sent') return t('tasks.notice.sent');
  if (n === 'refused') return t('tasks.notice.refused', { reason: item.problem?.message ?? t('tasks.outbox.noReason') });
  return t('tasks.notice.queued');
}

/** What the item is: the step or the kind of evidence. */
export function itemLabel(item: OutboxItem, t: T): string {
  if (item.type === 'step') return t(`tasks.step.${item.action ?? 'unknown'}`);
  return t(`case.evidenceKind.${item.evidenceKind ?? 'photo'}`);
}

/** Its state in words; an upload under way with its percentage. */
export function itemStatusText(item: OutboxItem, t: T): string {
  if (item.status === 'sending' && item.type === 'evidence' && typeof item.progress === 'number') {
    return t('tasks.outbox.uploading', { pct: Math.round(Math.max(0, Math.min(1, item.progress)) * 100) });
  }
  return t(`tasks.outbox.${item.status}`);
}

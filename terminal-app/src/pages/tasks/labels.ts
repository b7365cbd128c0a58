import { hasText, type T } from '../../i18n';

// Labels of a task's codes (origin, stage, priority, events…) and its deadline, in the user's language. Pure, so the
// list, the task page and the tests share one reading of them.

/** A code's label from the catalogue (`<prefix>.<code>`); a code the app does not know yet shows as it is. */
export function codeLabel(t: T, prefix: string, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—';
  const key = `${prefix}.${code}`;
  return hasText(key) ? t(key) : code;
}

export type DeadlineInfo =
  | { kind: 'none' }
  | { kind: 'left' | 'today' | 'overdue'; n: number; unit: 'workday' | 'day' };

const DAY_MS = 86_400_000;
/** Deadlines are China time (UTC+8 all year, no daylight saving): a calendar day starts at 00:00 Beijing time. */
const CHINA_OFFSET_MS = 8 * 3_600_000;
const chinaDay = (ms: number): number => Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS);

/**
 * How much time a task has left. The server's `workingDaysLeft` (official calendar: weekends, holidays and make-up
 * working days; negative when overdue) wins when it is a number. Without it (an older server, or a deadline the
 * calendar cannot count) calendar days are counted from `deadlineAt`, and labelled as days, never as working days,
 * so a reader is not misled; no deadline at all is "none".
 */
export function deadlineInfo(task: { deadlineAt: string | null; workingDaysLeft?: number | null }, now: number = Date.now()): DeadlineInfo {
  const w = task.workingDaysLeft;
  if (typeof w === 'number' && Number.isFinite(w)) {
    if (w < 0) return { kind: 'overdue', n: -w, unit: 'workday' };
    return w === 0 ? { kind: 'today', n: 0, unit: 'workday' } : { kind: 'left', n: w, unit: 'workday' };
  }
  if (!task.deadlineAt) return { kind: 'none' };
  const due = Date.parse(task.deadlineAt);
  if (Number.isNaN(due)) return { kind: 'none' };
  const days = chinaDay(due) - chinaDay(now);
  if (now > due) return { kind: 'overdue', n: Math.max(1, -days), unit: 'day' };
  return days === 0 ? { kind: 'today', n: 0, unit: 'day' } : { kind: 'left', n: days, unit: 'day' };
}

export function deadlineText(info: DeadlineInfo, t: T): string {
  if (info.kind === 'none') return t('tasks.deadline.none');
  if (info.kind === 'today') return t('tasks.deadline.today');
  const key = info.unit === 'workday' ? (info.kind === 'left' ? 'tasks.deadline.workLeft' : 'tasks.deadline.workOverdue') : (info.kind === 'left' ? 'tasks.deadline.dayLeft' : 'tasks.deadline.dayOverdue');
  return t(key, { n: info.n });
}

/** The deadline as a date and time in China time, e.g. 2026-05-06 17:30. */
export function formatChinaTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const d = new Date(ms + CHINA_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** The escalation tier's tag class: tier 1 a warning, tiers 2 and 3 red. */
export const tierClass = (tier: number): string => (tier >= 2 ? 'tag tag-danger' : 'tag tag-warn');

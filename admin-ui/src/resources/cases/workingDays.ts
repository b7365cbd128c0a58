import { formatDateTime } from '../../format/dateTime';

/** What the back-office case items carry about their deadline (GET /api/cases, GET /api/cases/:id). */
export interface CaseDeadlineFacts {
  /** Working days to the deadline on the official calendar: 0 = due today, negative = overdue; null without one. */
  workingDaysLeft?: number | null;
  /** The deadline lies past the published calendar: weekends only were counted (recomputed once a year is published). */
  deadlineProvisional?: boolean;
  deadlineAt?: string | null;
}

export type DeadlineLabel =
  | { kind: 'left' | 'today' | 'overdue'; count: number; tone: 'error' | 'warning' | 'default'; provisional: boolean }
  | { kind: 'at'; at: string; provisional: boolean }
  | { kind: 'none' };

/** At most this many working days left shows amber. */
export const WARN_WORKING_DAYS = 1;

/**
 * The case's remaining time as the label shows it: the server's working days when it counted them (red when overdue,
 * amber at one or fewer); without them (an older server), the deadline instant itself in China time — never a count
 * made here, which would ignore the holidays.
 */
export function deadlineLabel(facts: CaseDeadlineFacts): DeadlineLabel {
  const provisional = facts.deadlineProvisional === true;
  const w = facts.workingDaysLeft;
  if (typeof w === 'number' && Number.isFinite(w)) {
    const tone = w < 0 ? 'error' : w <= WARN_WORKING_DAYS ? 'warning' : 'default';
    if (w < 0) return { kind: 'overdue', count: -w, tone, provisional };
    return w === 0 ? { kind: 'today', count: 0, tone, provisional } : { kind: 'left', count: w, tone, provisional };
  }
  if (facts.deadlineAt && !Number.isNaN(Date.parse(facts.deadlineAt))) return { kind: 'at', at: formatDateTime(facts.deadlineAt), provisional };
  return { kind: 'none' };
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** "剩余 3 个工作日" / "今天到期" / "超期 2 个工作日" / "2026/12/08 16:00 到期"; null without a deadline. */
export function deadlineText(label: DeadlineLabel, translate: Translate): string | null {
  const K = 'resources.calendar.deadline';
  switch (label.kind) {
    case 'left':
      return translate(`${K}.left`, { smart_count: label.count });
    case 'today':
      return translate(`${K}.today`);
    case 'overdue':
      return translate(`${K}.overdue`, { smart_count: label.count });
    case 'at':
      return translate(`${K}.dueAt`, { at: label.at });
    default:
      return null;
  }
}

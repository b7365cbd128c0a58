import { chinaDate } from '../../domain/calendar';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The China-calendar day (Asia/Shanghai) of an instant; a YYYY-MM-DD day stays as it is. */
export function chinaDay(at: Date | string): string {
  if (typeof at === 'string' && DAY.test(at)) return at;
  const t = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(t)) throw new RangeError(`not an instant or a day: ${String(at)}`);
  return chinaDate(t);
}

/**
 * The one effective-date rule of every rule set (judgement, penalty, assessment): a version is published from
 * TODAY OR A LATER DAY of the China calendar, never from a past day. (Assessment rule sets used to require tomorrow.)
 *
 * Why today: a manager who publishes a rule set — typically a correction, or rules that apply from a regulation's
 * date — expects work done from now on to use it, without waiting for midnight; the back office's publish dialog has
 * always offered today for judgement and penalty rules.
 *
 * Why that rewrites no history: every result stores the version it was computed under when it was computed — the
 * case's judgement, the penalty computation on the rectification order, the case's score lines (scoring is
 * idempotent: a retry returns the stored lines), a closed month's frozen results — and none of them is recomputed
 * from "the version in force". A case judged or scored earlier today keeps its version; what publishing today
 * changes is only which version results computed from now on use, including for an instant earlier today (a case
 * closed this morning and scored after the publication gets the new version: it is in force for the whole day).
 * The current month cannot be closed before it ends, so its monthly items are not frozen yet either.
 *
 * Why never a past day: days that are over may already have results, reports and a closed month computed under the
 * version then in force; a version reaching back would make "the version in force on that day" disagree with them.
 */
export function earliestEffectiveDay(now: Date): string {
  return chinaDay(now);
}

export function isAllowedEffectiveDay(day: string, now: Date): boolean {
  return day >= earliestEffectiveDay(now);
}

import { addMonths } from '../../domain/billingMonths';
import { chinaDate } from '../../domain/calendar';
import type { ProblemType } from '../../domain/inspectionCaseContract';
import { intBetween, logNormal, pick, rngFor, type Rng } from '../synthetic/random';

// The pilot's story for a first start (#16 item 10): six months of closed cases of the "previous system", in the
// pilot's proportions — Xianning, 2015–2016: 3,570 suspected problems, all checked on site, 1,022 confirmed (28.6 %),
// over one million yuan recovered; the pilot unit alone had 1,572 work orders in about six months, the demo city's
// count here (the full 3,570 cost a first start about 4 s more: every case event passes the log's per-row trigger) —
// spread over the demo org tree's customers, stations and inspectors. Rows are the
// legacy import's (domain/legacyCases.ts), so the history goes in through the import like a utility's own file.
// Deterministic: the same spec gives the same rows on every machine.

export const PILOT_FIGURES = { suspected: 3570, confirmed: 1022 } as const;

/** Source case numbers of the demo history start with this (the seed finds its history by it). */
export const DEMO_HISTORY_PREFIX = 'XN-PILOT-';

export interface HistoryCustomer { accountNo: string; stationId: string }

export interface HistorySpec {
  /** The history covers the `months` whole Beijing months before the month of `now`. */
  now: Date;
  months: number;
  seed: number;
  /** Suspected cases in all; confirmed ones in the pilot's proportion. */
  suspected: number;
  customers: readonly HistoryCustomer[];
  /** Inspectors (user names) by supply station; a station without any gets cases without an inspector. */
  inspectors: Readonly<Record<string, readonly string[]>>;
}

/** The pilot unit's six months: 1,572 work orders. */
export const DEMO_HISTORY_SPEC = { months: 6, seed: 2016_04_21, suspected: 1572 } as const;

/** The months the history covers, oldest first (YYYY-MM). */
export function historyMonths(now: Date, months: number): string[] {
  const current = chinaDate(now.getTime()).slice(0, 7);
  return Array.from({ length: months }, (_, i) => addMonths(current, i - months));
}

/**
 * The problem mix of confirmed cases and each type's median recovered amount (yuan): about ¥2,600 per confirmed case
 * on average, so the demo city's 450 recover about ¥1.2 M — the pilot's "over one million" for its city.
 */
const PROBLEMS: { type: ProblemType; share: number; median: number }[] = [
  { type: 'wrong_tariff', share: 0.42, median: 1600 },
  { type: 'theft', share: 0.18, median: 3600 },
  { type: 'capacity_overuse', share: 0.14, median: 2000 },
  { type: 'meter_fault', share: 0.12, median: 800 },
  { type: 'billing_error', share: 0.1, median: 700 },
  { type: 'other', share: 0.04, median: 450 },
];

const ORIGINS = [['routine', 0.7], ['special', 0.2], ['custom', 0.1]] as const;

function weighted<T>(r: Rng, xs: readonly (readonly [T, number])[]): T {
  let u = r();
  for (const [x, w] of xs) {
    u -= w;
    if (u < 0) return x;
  }
  return xs[xs.length - 1][0];
}

const dayPlus = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const minDay = (a: string, b: string) => (a < b ? a : b);
const daysIn = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();

/**
 * The history's rows as the legacy import reads them (field names of LegacyCaseRow, values as a file would give them).
 * Exactly round(suspected × 1022 / 3570) are confirmed, chosen at random; every case was checked on site and closed
 * within the window, its days in order.
 */
export function demoHistoryRows(spec: HistorySpec): Record<string, string | number>[] {
  if (!spec.customers.length) return [];
  const months = historyMonths(spec.now, spec.months);
  const lastDay = dayPlus(`${months[months.length - 1]}-01`, daysIn(months[months.length - 1]) - 1);
  const confirmedCount = Math.round((spec.suspected * PILOT_FIGURES.confirmed) / PILOT_FIGURES.suspected);
  // Which cases are confirmed: a seeded shuffle, so the proportion is the pilot's exactly.
  const order = Array.from({ length: spec.suspected }, (_, i) => i);
  const shuffle = rngFor(spec.seed, -1);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(shuffle() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const confirmed = new Set(order.slice(0, confirmedCount));
  const perMonth = Math.ceil(spec.suspected / months.length);
  return Array.from({ length: spec.suspected }, (_, i) => {
    const r = rngFor(spec.seed, i);
    const month = months[Math.min(months.length - 1, Math.floor(i / perMonth))];
    const customer = spec.customers[intBetween(r, 0, spec.customers.length - 1)];
    const inspectors = spec.inspectors[customer.stationId] ?? [];
    const opened = `${month}-${String(intBetween(r, 1, daysIn(month))).padStart(2, '0')}`;
    // each day clamped to the window's last day, which keeps them in order
    const at = (day: string) => minDay(day, lastDay);
    const fieldLate = r() < 0.1 ? intBetween(r, 1, 3) : 0;
    const field = at(dayPlus(opened, intBetween(r, 1, 6) + fieldLate));
    const row: Record<string, string | number> = {
      source_case_no: `${DEMO_HISTORY_PREFIX}${month.replace('-', '')}-${String(i + 1).padStart(5, '0')}`,
      account_no: customer.accountNo,
      origin: weighted(r, ORIGINS),
      opened_on: at(opened),
      field_checked_on: field,
      field_late_days: fieldLate,
      evidence_complete: r() < 0.97 ? 'true' : 'false',
      escalation_tier: weighted(r, [[0, 0.88], [1, 0.08], [2, 0.03], [3, 0.01]] as const),
    };
    if (inspectors.length) row.inspector = pick(r, inspectors);
    if (!confirmed.has(i)) return { ...row, outcome: 'not_confirmed', closed_on: at(dayPlus(field, intBetween(r, 0, 2))) };
    const problem = weighted(r, PROBLEMS.map((p) => [p, p.share] as const));
    const total = Math.max(50, Math.round(logNormal(r, problem.median, 0.9) * 100) / 100);
    // the penalty is a multiple of the back-billing where the rules charge one (wrong tariff 2×, theft 3×)
    const multiple = problem.type === 'wrong_tariff' ? 2 : problem.type === 'theft' ? 3 : problem.type === 'capacity_overuse' ? 1 : 0;
    const back = Math.round((total / (1 + multiple)) * 100) / 100;
    const issued = at(dayPlus(field, intBetween(r, 0, 2)));
    const rectLate = r() < 0.15 ? intBetween(r, 1, 4) : 0;
    const rectified = at(dayPlus(issued, intBetween(r, 3, 15) + rectLate));
    const verified = at(dayPlus(rectified, intBetween(r, 1, 5)));
    return {
      ...row,
      outcome: 'confirmed',
      problem_type: problem.type,
      rectification_issued_on: issued,
      rectified_on: rectified,
      verified_on: verified,
      closed_on: at(dayPlus(verified, intBetween(r, 0, 1))),
      back_billing_yuan: back.toFixed(2),
      penalty_yuan: (Math.round((total - back) * 100) / 100).toFixed(2),
      rectification_late_days: rectLate,
      verification_rounds: weighted(r, [[1, 0.85], [2, 0.12], [3, 0.03]] as const),
    };
  });
}

import { z } from 'zod';
import { ProblemType, type ProblemType as ProblemTypeT } from './inspectionCaseContract';
import type { AnomalyType } from './judgementRules';

// 四必查: what an inspector must check on site for each problem type, as maintained data (must_check_items,
// seeded by migration 058). The judgement's check items come from here, by the problem family of the rules that fired.

export const MustCheckItem = z.strictObject({
  code: z.string().regex(/^[A-Z][A-Z0-9_]{1,49}$/, 'upper-case letters, digits and underscores; 2–50'),
  textZh: z.string().trim().min(2).max(200),
  textEn: z.string().trim().min(2).max(200),
});
export type MustCheckItem = z.infer<typeof MustCheckItem>;

export const MustCheckItems = z.array(MustCheckItem).min(1).max(20).refine((items) => new Set(items.map((i) => i.code)).size === items.length, 'each code once');

export const MustCheckConfig = z.object({
  problemType: ProblemType,
  items: z.array(MustCheckItem),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type MustCheckConfig = z.infer<typeof MustCheckConfig>;

/** The problem family a judgement rule's anomaly type suspects (what the field visit would confirm). */
export const PROBLEM_TYPE_OF_ANOMALY: Record<AnomalyType, ProblemTypeT> = {
  tariff_misuse: 'wrong_tariff',
  whitelist_large: 'wrong_tariff',
  theft: 'theft',
  meter_tamper: 'theft',
  over_capacity: 'capacity_overuse',
  zero_consumption: 'meter_fault',
};

/** The configured items of the suspected problem types, in order, each code once. */
export function mustCheckItemsFor(config: ReadonlyMap<string, readonly MustCheckItem[]>, problemTypes: readonly string[]): MustCheckItem[] {
  const out = new Map<string, MustCheckItem>();
  for (const t of problemTypes) for (const i of config.get(t) ?? []) if (!out.has(i.code)) out.set(i.code, i);
  return [...out.values()];
}

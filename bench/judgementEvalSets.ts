import type { OrgUnitSeed } from '../db/synthetic/generator';

// The populations the judgement is evaluated on (`eval:judgement`, and `eval:area-supply` beside it): a seed and an
// as-of month per generator. Kept in one place so that both scripts read the same sets.

export interface EvalCase { seed: number; endMonth: string }
export interface EvalSet { generator: EvalCase[]; independent: EvalCase[] }

/** The default run, where thresholds are tuned: the project generator as of August, the independent one as of March. */
export const DEFAULT_SET: EvalSet = { generator: [{ seed: 20160415, endMonth: '2026-08' }], independent: [{ seed: 2024, endMonth: '2026-03' }] };

/**
 * Held out: other seeds and other months of the year (the project generator to February, the independent one to
 * September) — populations no threshold was chosen on.
 */
export const HOLDOUT_SET: EvalSet = { generator: [{ seed: 20250901, endMonth: '2026-02' }], independent: [{ seed: 4242, endMonth: '2026-09' }] };

/**
 * Fresh (#21: the default and held-out runs had been seen by earlier tuning): new seeds for both generators, judged as of
 * a month of each season (spring, summer, autumn, winter), to read once after a change's thresholds are frozen.
 */
const FRESH_MONTHS = ['2026-04', '2026-07', '2026-11', '2027-01'];
export const FRESH_SET: EvalSet = {
  generator: FRESH_MONTHS.map((endMonth) => ({ seed: 20270311, endMonth })),
  independent: FRESH_MONTHS.map((endMonth) => ({ seed: 6151, endMonth })),
};

/** The county the generated stations go under. */
export const EVAL_ROOT: OrgUnitSeed = { id: 'HB.XN.XA', parentId: 'HB.XN', level: 'county', nameZh: '咸安区供电公司', nameEn: "Xian'an District Power Supply Co." };

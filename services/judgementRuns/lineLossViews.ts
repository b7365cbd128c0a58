import type pg from 'pg';
import { addMonths, chinaMidnight, firstDay } from '../../domain/billingMonths';
import { chinaDate } from '../../domain/calendar';
import { areaAbnormal, DEFAULT_AREA_LINE_LOSS_PARAMS, prepareAreaLineLoss } from '../../domain/lineLossRules';
import { expectedVersusActual, type FamilyComparison } from '../../db/calibration';
import { areaLossRates } from '../../db/lineLossSql';
import { inForceLineLossParams } from '../../db/judgementRuns';

/**
 * The areas of an org subtree with their loss rate of a month, judged by the line-loss rule of the rule set in force
 * (its first), or by the family's default parameters while the rule set in force has none.
 */
export async function areaLosses(pool: pg.Pool, unit: string, month: string) {
  const params = (await inForceLineLossParams(pool, chinaDate(Date.now()))) ?? DEFAULT_AREA_LINE_LOSS_PARAMS;
  const prepared = prepareAreaLineLoss(params);
  return (await areaLossRates(pool, unit, month)).map((a) => ({
    ...a,
    norm: params.normPercent[a.areaType] / 100,
    abnormal: areaAbnormal(prepared, {
      areaId: a.areaId, areaType: a.areaType, suppliedCenti: a.suppliedKwh === null ? null : Math.round(a.suppliedKwh * 100), billedCenti: Math.round(a.billedKwh * 100),
    }),
  }));
}

/** Expected against actual confirmation rates per family over cases closed in the months from..to (Beijing time). */
export function calibrationComparison(pool: pg.Pool, orgUnit: string, from: string, to: string): Promise<FamilyComparison[]> {
  return expectedVersusActual(pool, orgUnit, chinaMidnight(firstDay(from)), chinaMidnight(firstDay(addMonths(to, 1))));
}

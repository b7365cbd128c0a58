import type pg from 'pg';
import { addMonths, chinaMidnight, firstDay } from '../../domain/billingMonths';
import { chinaDate } from '../../domain/calendar';
import { DEFAULT_JUDGEMENT_RULE_SET } from '../../domain/defaultJudgementRules';
import { areaAbnormal, prepareAreaLineLoss } from '../../domain/lineLossRules';
import { expectedVersusActual, type FamilyComparison } from '../../db/calibration';
import { areaLossRates } from '../../db/lineLossSql';
import { ruleSetInForceOn } from '../../db/ruleSets';

/**
 * The areas of an org subtree with their loss rate of a month, judged by the line-loss rule of the rule set in force
 * (its first; none: norm null, nothing abnormal).
 */
export async function areaLosses(pool: pg.Pool, unit: string, month: string) {
  const ruleSet = (await ruleSetInForceOn(pool, 'judgement', chinaDate(Date.now())))?.document ?? DEFAULT_JUDGEMENT_RULE_SET;
  const rule = ruleSet.rules.find((r) => r.kind === 'area_line_loss');
  const prepared = rule?.kind === 'area_line_loss' ? prepareAreaLineLoss(rule.params) : null;
  return (await areaLossRates(pool, unit, month)).map((a) => ({
    ...a,
    norm: rule?.kind === 'area_line_loss' ? rule.params.normPercent[a.areaType] / 100 : null,
    abnormal: prepared !== null && areaAbnormal(prepared, {
      areaId: a.areaId, areaType: a.areaType, suppliedCenti: a.suppliedKwh === null ? null : Math.round(a.suppliedKwh * 100), billedCenti: Math.round(a.billedKwh * 100),
    }),
  }));
}

/** Expected against actual confirmation rates per family over cases closed in the months from..to (Beijing time). */
export function calibrationComparison(pool: pg.Pool, orgUnit: string, from: string, to: string): Promise<FamilyComparison[]> {
  return expectedVersusActual(pool, orgUnit, chinaMidnight(firstDay(from)), chinaMidnight(firstDay(addMonths(to, 1))));
}

// `npm run eval:judgement [-- --customers 200000 --seed 7]`: precision and recall of the default judgement rules
// per anomaly type against the synthetic utility's planted labels. Last line: overall (micro-averaged) F1.
import { ANOMALY_TYPES, prepareRuleSet, type AnomalyType } from '../domain/judgementRules';
import { DEFAULT_JUDGEMENT_RULE_SET } from '../domain/defaultJudgementRules';
import { generatePopulation, type PopulationSpec } from '../db/synthetic/generator';
import { judgeGenerated } from '../db/synthetic/inMemoryJudgement';
import { numberArg } from './args';

const spec: PopulationSpec = {
  name: 'eval', seed: numberArg('seed', 20160415), customers: numberArg('customers', 200_000), endMonth: '2026-08',
  root: { id: 'HB.XN.XA', parentId: 'HB.XN', level: 'county', nameZh: '咸安区供电公司', nameEn: "Xian'an District Power Supply Co." }, accountPrefix: '6',
};

const t0 = Date.now();
const customers = [...generatePopulation(spec)];
const rs = DEFAULT_JUDGEMENT_RULE_SET;
const evaluations = judgeGenerated(prepareRuleSet(rs, spec.endMonth), spec, customers);
const typeOf = new Map(rs.rules.map((r) => [r.code, r.anomalyType]));

const pct = (x: number) => (Number.isNaN(x) ? '   n/a' : `${(100 * x).toFixed(1).padStart(5)}%`);
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
let [tpAll, fpAll, fnAll] = [0, 0, 0];
console.log(`judgement rule set ${rs.version} over ${customers.length} synthetic customers (seed ${spec.seed}, as of ${spec.endMonth})`);
console.log('anomaly type       labelled  flagged  precision  recall     F1');
for (const type of ANOMALY_TYPES) {
  let [tp, fp, fn] = [0, 0, 0];
  customers.forEach((c, i) => {
    const flagged = evaluations[i].fired.some((code) => typeOf.get(code) === type);
    const labelled = c.label === (type as AnomalyType);
    if (flagged && labelled) tp += 1;
    else if (flagged) fp += 1;
    else if (labelled) fn += 1;
  });
  [tpAll, fpAll, fnAll] = [tpAll + tp, fpAll + fp, fnAll + fn];
  const p = tp / (tp + fp);
  const r = tp / (tp + fn);
  console.log(`${type.padEnd(18)} ${String(tp + fn).padStart(8)} ${String(tp + fp).padStart(8)}     ${pct(p)}  ${pct(r)}  ${f1(p || 0, r || 0).toFixed(3)}`);
}
const p = tpAll / (tpAll + fpAll);
const r = tpAll / (tpAll + fnAll);
console.log(`(${((Date.now() - t0) / 1000).toFixed(1)} s) overall precision ${pct(p).trim()}, recall ${pct(r).trim()}`);
console.log(`overall F1 ${f1(p, r).toFixed(3)}`);

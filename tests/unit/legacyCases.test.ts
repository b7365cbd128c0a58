import { validateRows } from '../../db/imports/importRows';
import { DEMO_HISTORY_SPEC, demoHistoryRows, historyMonths, PILOT_FIGURES, type HistorySpec } from '../../db/seed/demoHistory';
import { resolveHeader } from '../../domain/importHeaders';
import { LegacyCaseRow, legacyCaseEvents, legacyScoringFacts, LEGACY_STAGE_DAYS } from '../../domain/legacyCases';
import type { ZodType } from 'zod';

// 历史工单导入 (#16 item 9): the legacy row's parsing and checks, the case log it becomes, and the demo history's
// generator (#16 item 10) in the pilot's proportions.

const kind = { schema: LegacyCaseRow as unknown as ZodType<Record<string, unknown>>, key: ['source_case_no'] };
const validate = (rows: Record<string, unknown>[]) => validateRows(kind, rows.map((values, i) => ({ line: i + 2, values })), { name: 'legacy-cases', lang: 'zh-CN' });

const good = {
  source_case_no: 'XN-2016-0415', account_no: '4210000001', origin: '专项稽查', problem_type: '高价低接', outcome: '查实',
  opened_on: '2016-04-05', field_checked_on: '2016-04-08', rectification_issued_on: '2016-04-09', rectified_on: '2016-04-15', verified_on: '2016-04-21',
  closed_on: '2016-04-22', back_billing_yuan: '3280.50', penalty_yuan: '6561', inspector: '李稽查', source_score: '5', evidence_complete: '是',
};

describe('a legacy row', () => {
  test('Chinese headers name its columns and Chinese names its coded values', () => {
    const header = ['原工单编号', '户号', '稽查来源', '问题类型', '核查结果', '派单日期', '现场核查日期', '归档日期', '追补电费', '违约使用电费', '稽查员'];
    const resolved = resolveHeader('legacy-cases', header, ['source_case_no', 'account_no', 'origin', 'outcome', 'opened_on', 'closed_on']);
    expect(resolved).toEqual({ fields: ['source_case_no', 'account_no', 'origin', 'problem_type', 'outcome', 'opened_on', 'field_checked_on', 'closed_on', 'back_billing_yuan', 'penalty_yuan', 'inspector'] });
    const { valid, rejected } = validate([good]);
    expect(rejected).toEqual([]);
    expect(valid[0].row).toMatchObject({ origin: 'special', problem_type: 'wrong_tariff', outcome: 'confirmed', back_billing_yuan: 3280.5, penalty_yuan: 6561, evidence_complete: true, source_score: 5 });
  });

  test('is refused with the field at fault: the stage days out of order, a rectification of an unconfirmed case, a confirmed case without its problem, an unknown value', () => {
    const { rejected } = validate([
      { ...good, source_case_no: 'a', rectified_on: '2016-04-07' },
      { ...good, source_case_no: 'b', outcome: '未查实' },
      { ...good, source_case_no: 'c', problem_type: '' },
      { ...good, source_case_no: 'd', outcome: '不知道' },
      { ...good, source_case_no: 'e', verified_on: '', back_billing_yuan: '10' },
      { ...good, source_case_no: 'f', outcome: 'dismissed', field_checked_on: '', rectification_issued_on: '', rectified_on: '', verified_on: '', back_billing_yuan: '', penalty_yuan: '' },
      { ...good, source_case_no: 'g', outcome: 'not_confirmed', field_checked_on: '', problem_type: '', rectification_issued_on: '', rectified_on: '', verified_on: '', back_billing_yuan: '', penalty_yuan: '' },
      { ...good, source_case_no: 'f' },
      { ...good, source_case_no: 'h', closed_on: '2016-02-30' },
    ]);
    const byLine = Object.fromEntries(rejected.map((r) => [r.line, r.errors.map((e) => e.field)]));
    expect(byLine).toEqual({
      2: ['rectified_on'],
      3: ['rectification_issued_on', 'rectified_on', 'verified_on', 'back_billing_yuan', 'penalty_yuan'],
      4: ['problem_type'],
      5: ['outcome'],
      6: ['verified_on'],
      8: ['field_checked_on'],
      9: ['source_case_no'],
      10: ['closed_on'],
    });
    expect(rejected.find((r) => r.line === 5)!.errors[0]).toMatchObject({ code: 'import.value.unknown', params: { value: '不知道' } });
  });
});

describe('the case log of an imported case', () => {
  const row = LegacyCaseRow.parse({ ...good, origin: 'special', problem_type: 'wrong_tariff', outcome: 'confirmed', inspector: 'inspector', evidence_complete: 'true' });

  test('a confirmed case: its stage days as events, the amounts on the order, the verification passed', () => {
    const log = legacyCaseEvents('c1', row, 'inspector');
    expect(log.map((e) => [e.type, e.stage, e.occurredAt.slice(0, 10)])).toEqual([
      ['opened', 'judgement', '2016-04-05'], ['findings_submitted', 'rectification', '2016-04-08'], ['rectification_issued', 'rectification', '2016-04-09'],
      ['rectification_reported', 'verification', '2016-04-15'], ['verified', 'assessment', '2016-04-21'], ['closed', 'closed', '2016-04-22'],
    ]);
    // 10:00 Beijing time keeps each event in its Beijing day and month
    expect(log[0].occurredAt).toBe('2016-04-05T02:00:00.000Z');
    expect(log[1]).toMatchObject({ actor: 'inspector', payload: { result: 'confirmed', problemType: 'wrong_tariff' } });
    expect(log[2].payload).toEqual({ actions: [], computations: [{ backBillingYuan: 3280.5, penaltyYuan: 6561 }] });
    expect(log[4].payload).toEqual({ round: 1, outcome: 'pass' });
    expect(legacyScoringFacts('c1', row, { inspector: 'inspector', stationId: 'S', countyId: 'C' })).toMatchObject({
      outcome: 'confirmed', fieldLateDays: 0, rectificationLateDays: 0, verificationRounds: 1, recoveredYuan: 9841.5, closedAt: '2016-04-22T02:00:00.000Z',
    });
  });

  test('an unconfirmed case ends after its findings; a dismissed one without any', () => {
    const not = LegacyCaseRow.parse({ source_case_no: 'n', account_no: '4210000001', origin: 'routine', outcome: 'not_confirmed', opened_on: '2016-04-01', field_checked_on: '2016-04-02', closed_on: '2016-04-03' });
    expect(legacyCaseEvents('n', not, null).map((e) => [e.type, e.stage])).toEqual([['opened', 'judgement'], ['findings_submitted', 'assessment'], ['closed', 'closed']]);
    expect(legacyScoringFacts('n', not, { inspector: null, stationId: 'S', countyId: 'C' })).toMatchObject({ rectificationLateDays: null, verificationRounds: 0, recoveredYuan: 0 });
    const dismissed = LegacyCaseRow.parse({ source_case_no: 'd', account_no: '4210000001', origin: 'custom', outcome: 'dismissed', opened_on: '2016-04-01', closed_on: '2016-04-01' });
    expect(legacyCaseEvents('d', dismissed, null).map((e) => [e.type, e.stage])).toEqual([['opened', 'judgement'], ['dismissed', 'dismissed']]);
  });
});

describe('the demo history (a first start that tells the pilot\'s story)', () => {
  const customers = Array.from({ length: 300 }, (_, i) => ({ accountNo: `42110${String(i).padStart(5, '0')}`, stationId: i % 3 === 0 ? 'HB.XN.XA.WQ' : i % 3 === 1 ? 'HB.XN.JY.YY' : 'HB.XN.XA.S01' }));
  const spec: HistorySpec = { ...DEMO_HISTORY_SPEC, now: new Date('2026-12-04T08:00:00Z'), customers, inspectors: { 'HB.XN.XA.WQ': ['inspector'], 'HB.XN.JY.YY': ['inspector2'] } };
  const rows = demoHistoryRows(spec);

  test('is the same on every run, and every row passes the import\'s checks', () => {
    expect(demoHistoryRows(spec)).toEqual(rows);
    const { valid, rejected } = validate(rows);
    expect(rejected).toEqual([]);
    expect(valid).toHaveLength(DEMO_HISTORY_SPEC.suspected);
  });

  test('has the pilot\'s proportions: all checked on site, 28.6 % confirmed, about a million yuan recovered', () => {
    const confirmed = rows.filter((r) => r.outcome === 'confirmed');
    expect(rows.every((r) => r.field_checked_on)).toBe(true);
    expect(confirmed.length).toBe(Math.round((rows.length * PILOT_FIGURES.confirmed) / PILOT_FIGURES.suspected));
    expect(confirmed.length / rows.length).toBeCloseTo(0.286, 2);
    const recovered = confirmed.reduce((s, r) => s + Number(r.back_billing_yuan) + Number(r.penalty_yuan), 0);
    expect(recovered).toBeGreaterThan(900_000);
    expect(recovered).toBeLessThan(1_600_000);
    expect(new Set(confirmed.map((r) => r.problem_type)).size).toBe(6);
  });

  test('lies in the six closed months before now, each case\'s days in order, inspectors only at their own stations', () => {
    expect(historyMonths(spec.now, 6)).toEqual(['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    const byMonth = new Map<string, number>();
    for (const r of rows) {
      const days = LEGACY_STAGE_DAYS.map((f) => r[f]).filter(Boolean) as string[];
      expect([...days].sort()).toEqual(days);
      expect(days[0] >= '2026-06-01' && days[days.length - 1] <= '2026-11-30').toBe(true);
      byMonth.set(String(r.closed_on).slice(0, 7), (byMonth.get(String(r.closed_on).slice(0, 7)) ?? 0) + 1);
      const station = customers.find((c) => c.accountNo === r.account_no)!.stationId;
      expect(r.inspector ?? null).toBe(station === 'HB.XN.XA.WQ' ? 'inspector' : station === 'HB.XN.JY.YY' ? 'inspector2' : null);
    }
    expect([...byMonth.keys()].sort()).toEqual(historyMonths(spec.now, 6));
    expect(new Set(rows.map((r) => r.source_case_no)).size).toBe(rows.length);
  });
});

import { DEFAULT_JUDGEMENT_RULE_SET, DEFAULT_JUDGEMENT_RULE_SETS } from '../../domain/defaultJudgementRules';
import { chinaDayNumber } from '../../domain/calendar';
import { buildFacts, evaluateFacts, JudgementRuleSet, prepareRuleSet, toJudgementResult, type CustomerFacts } from '../../domain/judgementRules';
import { judgementReasonText } from '../../domain/judgementReasonTexts';
import { IMPORT_KINDS } from '../../db/imports/importKinds';
import { validateRows } from '../../db/imports/importRows';
import { namedValues } from '../../domain/importValues';
import { fieldOfHeader } from '../../domain/importHeaders';

// METER_TAMPER and metering work orders (计量工单): an event within N China days of a completed order's visit on the
// same account does not count; the import of the orders (Chinese headers and values, a completed order needs its time).

const AS_OF = '2026-03';
const ruleSet = (days: number | null | undefined) => JudgementRuleSet.parse({
  version: 't', source: 't', priorityThresholds: { urgent: 90, high: 60, normal: 30 }, campaignMinScore: 40,
  rules: [{
    code: 'TAMPER', kind: 'meter_events', anomalyType: 'meter_tamper', weight: 60, textZh: '开盖', textEn: 'cover', checkItems: [],
    params: { windowDays: 90, kinds: ['tamper', 'cover_open'], minCount: 1, ...(days === undefined ? {} : { excludeNearWorkOrderDays: days }) },
  }],
});
const archive = { accountNo: '4210000001', tariffCategory: 'residential' as const, whitelist: false, status: 'active' as const, stationId: 'S', contractCapacityKva: 8 };
/** One customer's facts: events and completed visits as ISO instants (China time written out). */
const factsOf = (days: number | null | undefined, events: string[], visits: string[]): CustomerFacts =>
  buildFacts(prepareRuleSet(ruleSet(days), AS_OF), archive, [], [], [], events.map((occurredAt) => ({ kind: 'cover_open', occurredAt })), null, null, visits.map((doneAt) => ({ doneAt })));
const judge = (days: number | null | undefined, events: string[], visits: string[]) => evaluateFacts(prepareRuleSet(ruleSet(days), AS_OF), factsOf(days, events, visits));

describe('events near a completed metering work order', () => {
  test('within N China days before or after the visit they do not count; a day further they do', () => {
    const visit = '2026-03-10T15:00:00+08:00';
    expect(judge(3, ['2026-03-07T00:00:00+08:00'], [visit]).fired).toEqual([]);
    expect(judge(3, ['2026-03-13T23:59:59+08:00'], [visit]).fired).toEqual([]);
    expect(judge(3, ['2026-03-06T23:59:59+08:00'], [visit]).fired).toEqual(['TAMPER']);
    expect(judge(3, ['2026-03-14T00:00:00+08:00'], [visit]).fired).toEqual(['TAMPER']);
  });

  test('days are China calendar days, not 24-hour spans: 0 is the visit\'s own day', () => {
    // 23:59 and 00:01 China time are two minutes and one day apart
    expect(judge(0, ['2026-03-10T23:59:00+08:00'], ['2026-03-10T00:01:00+08:00']).fired).toEqual([]);
    expect(judge(0, ['2026-03-11T00:01:00+08:00'], ['2026-03-10T23:59:00+08:00']).fired).toEqual(['TAMPER']);
    expect(judge(1, ['2026-03-11T00:01:00+08:00'], ['2026-03-10T23:59:00+08:00']).fired).toEqual([]);
    // the same instants in UTC fall on the same China days
    expect(judge(0, ['2026-03-10T15:59:00Z'], ['2026-03-09T16:01:00Z']).fired).toEqual([]);
    expect(chinaDayNumber(Date.parse('2026-03-09T16:00:00Z'))).toBe(chinaDayNumber(Date.parse('2026-03-10T23:59:59+08:00')));
  });

  test('the other events still count, and the flag says how many a work order accounted for (zh-CN, en)', () => {
    const e = judge(3, ['2026-02-01T10:00:00+08:00', '2026-03-10T10:00:00+08:00', '2026-03-11T09:00:00+08:00'], ['2026-03-10T12:00:00+08:00']);
    expect(e.fired).toEqual(['TAMPER']);
    expect(e.details!.TAMPER).toEqual({ count: 1, kinds: 'tamper,cover_open', workOrderEvents: 2 });
    expect(judgementReasonText('judgement.reason.meter-events', 'zh-CN', e.details!.TAMPER)).toBe('统计期内计量装置事件 1 次（另有 2 次发生在本户计量工单现场作业前后，视为供电企业作业未计入）');
    expect(judgementReasonText('judgement.reason.meter-events', 'en', e.details!.TAMPER)).toBe('1 meter event(s) in the window (not counting 2 near a completed metering work order on the account: the utility\'s own visit)');
    // without any left out, the reason is the plain count
    const plain = judge(3, ['2026-02-01T10:00:00+08:00'], ['2026-03-10T12:00:00+08:00']);
    expect(plain.details!.TAMPER).toEqual({ count: 1, kinds: 'tamper,cover_open' });
    expect(toJudgementResult(prepareRuleSet(ruleSet(3), AS_OF), e).reasons[0]).toMatchObject({ reasonCode: 'judgement.reason.meter-events', params: { workOrderEvents: 2 } });
  });

  test('every event near a visit: no flag, and minCount counts only the rest', () => {
    const events = ['2026-03-10T10:00:00+08:00', '2026-03-28T10:00:00+08:00'];
    expect(judge(3, events, ['2026-03-10T12:00:00+08:00', '2026-03-27T12:00:00+08:00']).fired).toEqual([]);
    const two = JudgementRuleSet.parse({ ...ruleSet(3), rules: ruleSet(3).rules.map((r) => (r.kind === 'meter_events' ? { ...r, params: { ...r.params, minCount: 2 } } : r)) });
    const p2 = prepareRuleSet(two, AS_OF);
    const f = buildFacts(p2, archive, [], [], [], events.map((occurredAt) => ({ kind: 'tamper', occurredAt })), null, null, [{ doneAt: '2026-03-27T12:00:00+08:00' }]);
    expect(evaluateFacts(p2, f).fired).toEqual([]);
    expect(evaluateFacts(p2, { ...f, visitDays: [] }).fired).toEqual(['TAMPER']);
  });

  test('null or absent: every event counts, and the facts read no work orders', () => {
    const events = ['2026-03-10T10:00:00+08:00'];
    const visits = ['2026-03-10T12:00:00+08:00'];
    expect(judge(null, events, visits).fired).toEqual(['TAMPER']);
    expect(judge(undefined, events, visits).fired).toEqual(['TAMPER']);
    expect(prepareRuleSet(ruleSet(null), AS_OF).visits).toBeNull();
    expect(factsOf(undefined, events, visits)).not.toHaveProperty('visitDays');
  });

  test('the visit window: the event window widened by the widest rule\'s days (China midnights); visits outside it are not read', () => {
    const p = prepareRuleSet(ruleSet(3), AS_OF);
    // events from 2026-01-01 (90 days to 2026-03-31) to 2026-04-01 China midnight
    expect(p.events).toEqual({ from: '2025-12-31T16:00:00.000Z', to: '2026-03-31T16:00:00.000Z' });
    expect(p.visits).toEqual({ from: '2025-12-28T16:00:00.000Z', to: '2026-04-03T16:00:00.000Z' });
    const f = factsOf(3, [], ['2025-12-29T00:00:00+08:00', '2025-12-28T23:59:59+08:00', '2026-04-03T23:59:59+08:00', '2026-04-04T00:00:00+08:00']);
    expect(f.visitDays).toEqual([chinaDayNumber(Date.parse('2025-12-29T00:00:00+08:00')), chinaDayNumber(Date.parse('2026-04-03T12:00:00+08:00'))]);
  });

  test('bounds: 0–90 whole days', () => {
    for (const bad of [-1, 91, 1.5]) expect(() => ruleSet(bad)).toThrow();
    expect(ruleSet(0).rules[0].params).toMatchObject({ excludeNearWorkOrderDays: 0 });
  });

  test('jicha-default-2026.4 excludes 3 days; the versions before it read no work orders', () => {
    expect(prepareRuleSet(DEFAULT_JUDGEMENT_RULE_SET, AS_OF).visits).not.toBeNull();
    for (const d of DEFAULT_JUDGEMENT_RULE_SETS.slice(0, 2)) expect(prepareRuleSet(d.ruleSet, AS_OF).visits).toBeNull();
  });
});

describe('the metering work-order import', () => {
  const kind = IMPORT_KINDS['metering-work-orders'];
  test('Chinese headers and values become the fields and codes', () => {
    expect(['工单编号', '户号', '工单类型', '工单状态', '申请日期', '完成时间', '表号', '备注'].map((h) => fieldOfHeader('metering-work-orders', h))).toEqual(
      ['order_no', 'account_no', 'kind', 'status', 'applied_on', 'done_at', 'meter_no', 'note'],
    );
    const named = namedValues('metering-work-orders', { kind: '换表', status: '已完成' });
    expect(named).toEqual({ values: { kind: 'meter_replacement', status: 'completed' }, unknown: [] });
    expect(['现场检验', '校验', '轮换', '故障处理', '装表'].map((k) => namedValues('metering-work-orders', { kind: k }).values.kind))
      .toEqual(['verification', 'verification', 'rotation', 'fault_repair', 'installation']);
  });

  test('a completed order needs the time of its visit (a catalogue code, in the caller\'s language); one instant however written', () => {
    const row = { order_no: 'JL1', account_no: '4210000001', kind: '校验', status: '已完成', applied_on: '2026-03-01' };
    for (const lang of ['zh-CN', 'en'] as const) {
      const { rejected } = validateRows(kind, [{ line: 2, values: row }], { name: 'metering-work-orders', lang });
      expect(rejected).toEqual([{ line: 2, errors: [{
        field: 'done_at', code: 'import.metering.done-at-required',
        message: lang === 'en' ? 'required when the order is completed (a date-time with offset)' : '工单状态为已完成时，须填写完成时间（带时区）',
      }] }]);
    }
    const { valid, rejected } = validateRows(kind, [
      { line: 2, values: { ...row, done_at: '2026-03-02T10:30:00+08:00' } },
      { line: 3, values: { ...row, order_no: 'JL2', status: '处理中' } },
      { line: 4, values: { ...row, order_no: 'JL3', kind: '抄表' } },
    ], { name: 'metering-work-orders', lang: 'zh-CN' });
    expect(valid.map((v) => v.row)).toEqual([
      { order_no: 'JL1', account_no: '4210000001', kind: 'verification', status: 'completed', applied_on: '2026-03-01', done_at: '2026-03-02T02:30:00.000Z' },
      { order_no: 'JL2', account_no: '4210000001', kind: 'verification', status: 'in_progress', applied_on: '2026-03-01', done_at: undefined },
    ]);
    expect(rejected).toEqual([{ line: 4, errors: [expect.objectContaining({ field: 'kind', code: 'import.value.unknown' })] }]);
  });
});

import { describe, expect, it } from 'vitest';
import { liveState } from '../../../test/fixtures';
import { computedTotalOf, hasMoney, initialIssueForm, initialReportForm, toIssueBody, toReportBody } from './rectificationModel';

const NOW = Date.parse('2026-04-15T02:00:00Z');
const findings = { result: 'confirmed', problemType: 'wrong_tariff', checklist: [], summary: '实为餐馆', at: '2026-04-10T17:00:00Z', by: 'inspector' } as never;

describe('the issue form', () => {
  it('starts from the findings: their problem type, detected on their China day', () => {
    const f = initialIssueForm(liveState({ findings }), NOW);
    expect(f.problem).toBe('wrong_tariff');
    expect(f.detectedOn).toBe('2026-04-11'); // 17:00 UTC is 01:00 the next day in China
    expect(initialIssueForm(liveState({ findings: null }), NOW).problem).toBe('none');
  });

  it('needs the categories and consumption of a wrong tariff before anything is computed', () => {
    const f = initialIssueForm(liveState({ findings }), NOW);
    const r = toIssueBody(f);
    expect(r.body).toBeNull();
    expect(r.invalid).toEqual(expect.arrayContaining(['appliedCategory', 'correctCategory', 'monthlyKwh']));
    expect(toIssueBody({ ...f, appliedCategory: 'residential', correctCategory: 'commercial', monthlyKwh: 'abc' }).invalid).toEqual(['monthlyKwh']);
  });

  it('builds the re-classification and the back-billing from the categories, never typed prices or amounts', () => {
    const f = { ...initialIssueForm(liveState({ findings }), NOW), appliedCategory: 'residential', correctCategory: 'commercial', monthlyKwh: ' 3000 ', owner: 'lead' };
    const { body } = toIssueBody(f);
    expect(body).toEqual({
      owner: 'lead',
      actions: [
        { kind: 'tariff_reclassification', fromCategory: 'residential', toCategory: 'commercial', effectiveDate: '2026-04-15' },
        { kind: 'back_billing_and_penalty', penalty: { kind: 'wrong_tariff', appliedCategory: 'residential', correctCategory: 'commercial', monthlyKwh: 3000, detectedOn: '2026-04-11' } },
      ],
    });
    expect(hasMoney(body)).toBe(true);
    // a chosen multiple travels with its justification; a start date replaces the default period
    const chosen = toIssueBody({ ...f, reclassify: false, penaltyMultiplier: '1.5', justification: '情节较轻', startDate: '2026-01-01' }).body!;
    expect(chosen.actions).toEqual([
      { kind: 'back_billing_and_penalty', penalty: expect.objectContaining({ penaltyMultiplier: 1.5, justification: '情节较轻', startDate: '2026-01-01' }) },
    ]);
  });

  it('an order without money needs at least one action, and has nothing to preview', () => {
    const f = initialIssueForm(liveState({ findings: null }), NOW);
    expect(toIssueBody(f).invalid).toEqual(['otherNote']);
    const { body } = toIssueBody({ ...f, meterReplacement: true });
    expect(body).toEqual({ actions: [{ kind: 'meter_replacement' }] });
    expect(hasMoney(body)).toBe(false);
  });

  it('theft and capacity take their own inputs', () => {
    const base = initialIssueForm(liveState({ findings: null }), NOW);
    expect(toIssueBody({ ...base, problem: 'theft', capacityKw: '5', priceYuanPerKwh: '0.56', detectedOn: '2026-04-11' }).body!.actions[0]).toEqual({
      kind: 'back_billing_and_penalty',
      penalty: { kind: 'theft', capacityKw: 5, priceYuanPerKwh: 0.56, detectedOn: '2026-04-11', lighting: false },
    });
    expect(toIssueBody({ ...base, problem: 'capacity_overuse', excessKva: '20', basicFeeYuanPerKvaMonth: '28', months: '2' }).body!.actions[0]).toEqual({
      kind: 'back_billing_and_penalty',
      penalty: { kind: 'capacity_overuse', excessKva: 20, basicFeeYuanPerKvaMonth: 28, months: 2, detectedOn: '2026-04-15', tariffStructure: 'two_part' },
    });
    expect(toIssueBody({ ...base, problem: 'capacity_overuse', excessKva: '-1', basicFeeYuanPerKvaMonth: '28' }).invalid).toEqual(['excessKva']);
  });
});

describe('the report form', () => {
  const order = { computations: [{ backBillingYuan: 2250.1, penaltyYuan: 4500.2 }] };

  it('sums the computed total to the fen', () => {
    expect(computedTotalOf(order)).toBe(6750.3);
    expect(computedTotalOf({ computations: [] })).toBeNull();
    expect(initialReportForm(6750.3, NOW)).toMatchObject({ collectedYuan: '6750.3', tariffChangedOn: '2026-04-15' });
  });

  it('needs a summary, at most the computed total collected, and a receipt for any amount', () => {
    const o = { computedTotalYuan: 6750.3, reclassified: true };
    const f = initialReportForm(6750.3, NOW);
    expect(toReportBody(f, o).invalid).toEqual(['summary', 'receiptNo']);
    expect(toReportBody({ ...f, summary: '已改类', receiptNo: 'R-1', collectedYuan: '7000' }, o).invalid).toEqual(['collectedYuan']);
    expect(toReportBody({ ...f, summary: '已改类', receiptNo: ' R-1 ' }, o).body).toEqual({ summary: '已改类', tariffChangedOn: '2026-04-15', collectedYuan: 6750.3, receiptNo: 'R-1' });
    expect(toReportBody({ ...f, summary: '客户拒缴', collectedYuan: '0' }, o).body).toEqual({ summary: '客户拒缴', tariffChangedOn: '2026-04-15', collectedYuan: 0 });
  });

  it('sends no money on an order without any', () => {
    expect(toReportBody({ ...initialReportForm(null, NOW), summary: '已换表' }, { computedTotalYuan: null, reclassified: false }).body).toEqual({ summary: '已换表' });
  });
});

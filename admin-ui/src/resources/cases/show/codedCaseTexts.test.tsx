// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { renderWithAdmin } from '../../../test/renderWithAdmin';
import { ScoreBreakdownPanel } from './ScoreBreakdownPanel';
import { RectificationPanel } from './RectificationPanel';
import type { CaseLive } from './useCaseQueries';

// #16: score items, score reasons and tariff changes read in Chinese on a zh-CN case page, not as program names.
describe('coded texts on the case page', () => {
  it('names score items and says their reasons from code + params; a stored line without a code shows its text', () => {
    const score = {
      ruleSetVersion: 'pilot-2016',
      total: 1,
      lines: [
        { party: { kind: 'inspector', id: 'inspector2' }, item: 'fieldLateDays', points: -1, reason: 'field check 2 working day(s) late', code: 'score.reason.field-late', params: { days: 2 } },
        { party: { kind: 'station', id: 'HB.XN.XA.WQ' }, item: 'fieldOnTime', points: 2, reason: '旧记录' },
      ],
    } as NonNullable<CaseLive['score']>;
    renderWithAdmin(<ScoreBreakdownPanel score={score} />);
    const panel = screen.getByTestId('case-score').textContent!;
    expect(panel).toContain('现场核查超期 2 个工作日');
    expect(panel).toContain('现场核查按期完成');
    expect(panel).toContain('旧记录');
    expect(panel).not.toMatch(/fieldOnTime|fieldLateDays|working day/);
  });

  it('names the tariff categories of a re-classification', () => {
    const rectification = {
      owner: 'lead1', issuedBy: 'lead1', issuedAt: '2026-04-10T02:00:00Z', round: 1, report: null, computations: [],
      actions: [{ kind: 'tariff_reclassification', fromCategory: 'residential', toCategory: 'commercial', effectiveDate: '2026-04-15' }],
    } as unknown as NonNullable<CaseLive['rectification']>;
    renderWithAdmin(<RectificationPanel rectification={rectification} />);
    const panel = screen.getByTestId('case-rectification').textContent!;
    expect(panel).toMatch(/居民生活\S* → 一般工商业/);
    expect(panel).not.toMatch(/residential|commercial/);
  });
});

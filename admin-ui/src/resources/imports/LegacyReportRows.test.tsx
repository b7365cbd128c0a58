// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { i18nProvider } from '../../i18n/i18nProvider';
import { renderWithAdmin } from '../../test/renderWithAdmin';
import { ImportReportView } from './ImportReportView';
import { legacyDuplicateReason } from './LegacyReportRows';
import type { LegacyImportReport } from './importKinds';
import { ImportedCaseChip, ImportedCaseNotice } from '../cases/ImportedCaseChip';
import type { CaseEvent } from '../cases/show/useCaseQueries';

const report: LegacyImportReport = {
  importId: '00000000-0000-4000-8000-0000000000aa', kind: 'legacy-cases', rows: 4, unscored: 0,
  imported: [{ line: 2, sourceCaseNo: 'XN-1', caseId: '00000000-0000-4000-8000-0000000000a1' }],
  duplicates: [
    { line: 3, sourceCaseNo: 'XN-1', reason: 'the same case as line 2', code: 'import.duplicate.in-file', params: { line: 2 }, caseId: '00000000-0000-4000-8000-0000000000a1' },
    { line: 4, sourceCaseNo: 'XN-0', reason: 'this case was imported before', code: 'import.duplicate.imported-before', params: {}, caseId: '00000000-0000-4000-8000-0000000000a0' },
  ],
  rejected: [],
};

describe('the report of a history import (历史工单导入)', () => {
  it('words a duplicate source case in Chinese and in English', async () => {
    await i18nProvider.changeLocale('zh-CN');
    expect(legacyDuplicateReason(report.duplicates[0]!, i18nProvider.translate)).toBe('与本文件第 2 行是同一原工单');
    expect(legacyDuplicateReason(report.duplicates[1]!, i18nProvider.translate)).toBe('该原工单以前已导入，未作改动');
    await i18nProvider.changeLocale('en');
    expect(legacyDuplicateReason(report.duplicates[1]!, i18nProvider.translate)).toBe('This source case was imported before; left as it was');
    await i18nProvider.changeLocale('zh-CN');
  });

  it('counts the cases imported and lists them with their source case numbers', () => {
    renderWithAdmin(<ImportReportView report={report} />);
    const view = screen.getByTestId('import-report');
    expect(view.textContent).toContain('历史导入 1');
    expect(view.textContent).toContain('重复 2');
    expect(screen.getByTestId('imported-rows').textContent).toContain('XN-1');
  });
});

describe('an imported case (历史导入)', () => {
  it('is marked beside its number and says why it has no steps; a workflow case is not marked', () => {
    const opened = { seq: 1, type: 'opened', stage: 'judgement', actor: null, payload: { origin: 'special', imported: { sourceCaseNo: 'XN-2016-0415' } }, occurredAt: '2016-04-05T02:00:00.000Z', hash: 'h' } as CaseEvent;
    renderWithAdmin(<><ImportedCaseChip record={{ imported: true }} /><ImportedCaseNotice events={[opened]} /></>);
    expect(screen.getByTestId('imported-chip').textContent).toBe('历史导入');
    expect(screen.getByTestId('imported-notice').textContent).toContain('没有流程，不能办理');
    expect(screen.getByTestId('imported-source').textContent).toBe('原系统工单编号：XN-2016-0415');
    renderWithAdmin(<ImportedCaseChip record={{ imported: false }} />);
    expect(screen.getAllByTestId('imported-chip')).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { i18nProvider } from '../../i18n/i18nProvider';
import { caseCsv } from './caseExporter';
import type { CaseRecord } from './caseEnums';

describe('caseCsv', () => {
  it('writes Chinese headers, enum labels and Beijing times', () => {
    const record: CaseRecord = {
      id: 'c-1',
      caseNo: 'JC-2026-000001',
      customerAccountNo: '4210000001',
      customerName: '合作社',
      origin: 'special',
      stage: 'rectification',
      priority: 'high',
      orgUnitId: 'HB.XN.XA.WQ',
      orgUnitName: '温泉供电所',
      workflowId: 'inspectionCase-c-1',
      createdBy: 'supervisor',
      lastEventSeq: 9,
      createdAt: '2026-04-01T00:30:00Z',
      updatedAt: '2026-04-02T00:30:00Z',
      note: null,
      deadlineAt: null,
      deadlineProvisional: false,
      handler: 'inspector',
      handlerName: '李稽查',
      handlerStation: '温泉供电所',
      pendingRole: 'inspector',
      escalationTier: 0,
      problemType: 'wrong_tariff',
      workingDaysLeft: null, imported: false,
    };
    const lines = caseCsv([record], i18nProvider.translate).slice(1).split('\r\n');
    expect(lines[0]).toBe('工单编号,户号,客户名称,稽查类型,当前环节,优先级,所属单位,创建时间,更新时间,备注,ID');
    expect(lines[1]).toBe('JC-2026-000001,4210000001,合作社,专项稽查,督办整改,高,温泉供电所,2026/04/01 08:30,2026/04/02 08:30,,c-1');
  });
});

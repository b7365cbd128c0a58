// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { renderWithAdmin } from '../../test/renderWithAdmin';
import { fakeApi } from '../../test/fakeApi';
import { EscalationCard } from './EscalationCard';
import type { EscalationRecord } from './EscalationBoard';

const ESCALATION = {
  id: 'c1:rectification:1:2', caseId: '0b4f1a2e-8c1d-4c39-9a51-0f4f3f0e8a11', caseNo: 'JC-2026-000042', customerName: '温泉老街饭店',
  orgUnitId: 'HB.XN.XA.WQ', stage: 'rectification', tier: 2, raisedAt: '2026-04-02T01:00:00Z', resolvedAt: null,
  pendingRole: 'station_lead', pendingUser: null, deadlineAt: null,
} as EscalationRecord;

describe('<EscalationCard>', () => {
  it('names the case\'s unit, not its code', async () => {
    const { callApi } = fakeApi({
      'GET /api/org-units': [{ id: 'HB.XN.XA.WQ', parentId: 'HB.XN.XA', level: 'station', nameZh: '温泉供电所', nameEn: 'Wenquan station' }],
    });
    renderWithAdmin(<EscalationCard escalation={ESCALATION} now={Date.parse('2026-04-03T01:00:00Z')} />, { dataProvider: { callApi } as never });
    await waitFor(() => expect(screen.getByText(/升级 · 温泉供电所$/)).toBeTruthy());
    expect(screen.queryByText(/HB\.XN\.XA\.WQ/)).toBeNull();
  });
});

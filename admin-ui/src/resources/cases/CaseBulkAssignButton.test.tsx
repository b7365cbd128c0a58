// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { HttpError } from 'ra-core';
import { ListContextProvider, usePermissions } from 'react-admin';
import { renderWithAdmin } from '../../test/renderWithAdmin';
import { fakeApi } from '../../test/fakeApi';
import { CaseBulkAssignButton } from './CaseBulkAssignButton';

const LI = { id: 'inspector', displayName: '李稽查', role: 'inspector', orgUnitId: 'HB.XN.XA.WQ', stationName: '温泉供电所', openCases: 3 };
const CASES = [
  { id: 'a', caseNo: 'JC-2026-000001', orgUnitId: 'HB.XN.XA.WQ' },
  { id: 'b', caseNo: 'JC-2026-000002', orgUnitId: 'HB.XN.XA.WQ' },
  { id: 'c', caseNo: 'JC-2026-000003', orgUnitId: 'HB.XN.JY.YY' },
];
/** Shows once the roles have been read, so an absent button is the policy's answer, not a page still loading. */
function RolesRead() {
  const { permissions } = usePermissions<string[]>();
  return Array.isArray(permissions) ? <span data-testid="roles-read">{permissions.join(',')}</span> : null;
}
const list = (selectedIds: string[]) => ({ selectedIds, data: CASES, onUnselectItems: vi.fn() }) as never;

describe('<CaseBulkAssignButton>', { timeout: 30_000 }, () => {
  it('assigns each selected case of one station to the inspector picked by name, and lists which were refused and why', async () => {
    const { callApi } = fakeApi({ 'GET /api/people': [LI] });
    const caseAction = vi.fn(async (id: string) => {
      if (id === 'b') throw new HttpError('Mr. X has already accepted; use reassign.', 409, { code: 'case-step:WrongStage', detail: 'x' });
      return {};
    });
    renderWithAdmin(
      <ListContextProvider value={list(['a', 'b'])}>
        <CaseBulkAssignButton />
      </ListContextProvider>,
      { roles: ['station_lead'], dataProvider: { callApi, caseAction } as never },
    );
    fireEvent.click(await screen.findByTestId('bulk-assign'));
    const input = screen.getByTestId('person-picker-bulk');
    act(() => input.focus());
    fireEvent.change(input, { target: { value: '李' } });
    fireEvent.click(await screen.findByRole('option', { name: /^李稽查（温泉供电所）/ }, { timeout: 10_000 }));
    fireEvent.click(screen.getByTestId('bulk-assign-submit'));
    const summary = await screen.findByTestId('bulk-assign-summary');
    expect(summary.textContent).toBe('1 件已派单，1 件被拒绝');
    expect(caseAction.mock.calls).toEqual([['a', 'assign', { inspector: 'inspector' }], ['b', 'assign', { inspector: 'inspector' }]]);
    const rows = within(screen.getByTestId('bulk-assign-results')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-ok'))).toEqual(['true', 'false']);
    expect(rows[1]!.textContent).toContain('被拒绝：工单当前所处环节不允许此操作');
  });

  it('refuses a selection that spans stations before sending anything', async () => {
    const caseAction = vi.fn();
    renderWithAdmin(
      <ListContextProvider value={list(['a', 'c'])}>
        <CaseBulkAssignButton />
      </ListContextProvider>,
      { roles: ['supervisor'], dataProvider: { caseAction, callApi: fakeApi({}).callApi } as never },
    );
    fireEvent.click(await screen.findByTestId('bulk-assign'));
    expect(screen.getByTestId('bulk-assign-stations').textContent).toContain('2 个供电所');
    expect((screen.getByTestId('bulk-assign-submit') as HTMLButtonElement).disabled).toBe(true);
    await waitFor(() => expect(caseAction).not.toHaveBeenCalled());
  });

  it('is not offered to a role that does not assign', async () => {
    renderWithAdmin(
      <ListContextProvider value={list(['a'])}>
        <CaseBulkAssignButton />
        <RolesRead />
      </ListContextProvider>,
      { roles: ['manager'] },
    );
    expect((await screen.findByTestId('roles-read')).textContent).toBe('manager');
    expect(screen.queryByTestId('bulk-assign')).toBeNull();
  });
});

// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { renderWithAdmin } from '../../test/renderWithAdmin';
import { fakeApi } from '../../test/fakeApi';
import { PersonPicker } from './PersonPicker';

const LI = { id: 'inspector', displayName: '李稽查', role: 'inspector', orgUnitId: 'HB.XN.XA.WQ', stationName: '温泉供电所', openCases: 3 };

describe('<PersonPicker>', { timeout: 30_000 }, () => {
  it('searches people by their Chinese name in the station and role asked, and answers the user name', async () => {
    const { callApi, requests } = fakeApi({ 'GET /api/people': (r: Request) => (new URL(r.url).searchParams.get('q') === '李稽' ? [LI] : []) });
    const onChange = vi.fn();
    renderWithAdmin(
      <PersonPicker value={null} onChange={onChange} filter={{ role: 'inspector', station: 'HB.XN.XA.WQ' }} label="稽查员" data-testid="picker" />,
      { dataProvider: { callApi } as never },
    );
    const input = screen.getByTestId('picker');
    act(() => input.focus()); // as a user typing: MUI resets the text of an unfocused input
    fireEvent.change(input, { target: { value: '李稽' } });
    const option = await screen.findByRole('option', {}, { timeout: 10_000 });
    expect(option.textContent).toBe('李稽查（温泉供电所） · 3 件在办');
    const asked = new URL(requests.at(-1)!.url).searchParams;
    expect(Object.fromEntries(asked)).toEqual({ role: 'inspector', station: 'HB.XN.XA.WQ', q: '李稽' });
    fireEvent.click(option);
    expect(onChange).toHaveBeenCalledWith('inspector');
    await waitFor(() => expect((input as HTMLInputElement).value).toBe('李稽查（温泉供电所）'));
  });
});

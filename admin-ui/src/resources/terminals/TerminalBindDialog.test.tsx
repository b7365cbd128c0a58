// @vitest-environment jsdom
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderWithAdmin } from '../../test/renderWithAdmin';
import { fakeApi, jsonResponse } from '../../test/fakeApi';
import { TerminalBindDialog } from './TerminalBindDialog';

const PEOPLE = [
  { id: 'inspector', displayName: '李稽查', role: 'inspector', orgUnitId: 'HB.XN.XA.WQ', orgUnitName: '温泉供电所', devices: [] },
  { id: 'inspector2', displayName: '王用检', role: 'inspector', orgUnitId: 'HB.XN.JY.YY', orgUnitName: '鱼岳供电所', devices: ['pda-1'] },
];

/** The bind call's answer; `bound` gets each body sent. */
function setup(bind: () => unknown = () => ({ id: 'pda-1' }), boundUser: string | null = null) {
  const bound: unknown[] = [];
  const { callApi } = fakeApi({ 'POST /api/terminals/pda-1/bind': async (r: Request) => (bound.push(await r.json()), bind()) });
  const getList = vi.fn(async (_resource: string, params: { filter: { q?: string } }) => {
    const q = params.filter.q ?? '';
    const data = PEOPLE.filter((p) => p.id.includes(q) || p.displayName.includes(q));
    return { data, total: data.length };
  });
  const onClose = vi.fn();
  renderWithAdmin(<TerminalBindDialog terminalId="pda-1" boundUser={boundUser} open onClose={onClose} />, { roles: ['admin'], dataProvider: { callApi, getList } as never });
  return { getList, onClose, bound };
}

// Whole react-admin renders take seconds on a loaded machine; the default 5 s limit is too tight.
describe('<TerminalBindDialog>', { timeout: 30_000 }, () => {
  it('searches active people by the typed text, binds the chosen one and closes', async () => {
    const { getList, onClose, bound } = setup(() => ({ id: 'pda-1', boundUser: 'inspector' }));
    const submit = screen.getByRole('button', { name: '绑定' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    const combo = screen.getByRole('combobox', { name: /人员/ });
    fireEvent.change(combo, { target: { value: '李' } });
    await waitFor(() => expect(getList).toHaveBeenCalledWith('personnel', expect.objectContaining({ filter: { active: true, q: '李' } })));
    fireEvent.click(await screen.findByRole('option', { name: /李稽查（inspector）/ }));
    expect(submit.disabled).toBe(false);
    fireEvent.click(submit);
    await waitFor(() => expect(bound).toEqual([{ username: 'inspector' }]));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });

  it('says whom a rebind replaces, and the current holder cannot be picked again', async () => {
    setup(undefined, 'inspector2');
    expect(screen.getByTestId('terminal-bind-replaces').textContent).toContain('inspector2');
    fireEvent.mouseDown(screen.getByRole('combobox', { name: /人员/ }));
    const current = await screen.findByRole('option', { name: /王用检/ });
    expect(current.getAttribute('aria-disabled')).toBe('true');
  });

  it('shows the refusal (422 unknown or inactive user) and stays open', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    onTestFinished(() => consoleError.mockRestore());
    const { onClose } = setup(() => jsonResponse(422, { title: 'Inactive user', status: 422, detail: 'inspector is inactive.', errors: [{ path: 'username', message: 'inactive user' }] }));
    fireEvent.mouseDown(screen.getByRole('combobox', { name: /人员/ }));
    fireEvent.click(await screen.findByRole('option', { name: /李稽查/ }));
    fireEvent.click(screen.getByRole('button', { name: '绑定' }));
    expect((await screen.findByTestId('terminal-bind-form-error')).textContent).toContain('inspector is inactive.');
    expect(onClose).not.toHaveBeenCalled();
  });

  it('a terminal without a registered key: the catalogue says why it cannot be bound and what to do', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    onTestFinished(() => consoleError.mockRestore());
    const { onClose } = setup(() => jsonResponse(422, { type: 'urn:jicha:device.key-missing', title: 'Device has no key', status: 422, code: 'device.key-missing', detail: 'server words' }));
    fireEvent.mouseDown(screen.getByRole('combobox', { name: /人员/ }));
    fireEvent.click(await screen.findByRole('option', { name: /李稽查/ }));
    fireEvent.click(screen.getByRole('button', { name: '绑定' }));
    const error = await screen.findByTestId('terminal-bind-form-error');
    expect(error.textContent).toContain('终端 pda-1 没有登记公钥，不能绑定。请在该终端上打开移动作业终端');
    expect(error.textContent).not.toContain('server words');
    expect(onClose).not.toHaveBeenCalled();
  });
});

// @vitest-environment jsdom
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderWithAdmin } from '../../test/renderWithAdmin';
import { fakeApi, jsonResponse } from '../../test/fakeApi';
import { ConsultationActions } from './ConsultationActions';

const ID = '0b7e7a52-2222-4333-8444-955566667777';
const REGULATIONS = [
  { id: 'reg-business-rules-1996', title: '供电营业规则（1996）', docNo: null },
  { id: 'notice-whitelist-campaign', title: '关于开展白名单居民大电量专项检查的通知', docNo: '咸供营销〔演示〕1号' },
];

// Whole react-admin renders take seconds on a loaded machine; the default 5 s limit is too tight.
describe('<ConsultationActions>', { timeout: 30_000 }, () => {
  it('the asker (close only) sees no answer button', async () => {
    renderWithAdmin(<ConsultationActions record={{ id: ID, actions: ['close'] }} />, { roles: ['inspector'] });
    await screen.findByRole('button', { name: '关闭' });
    expect(screen.queryByRole('button', { name: '答复' })).toBeNull();
  });

  it('answers with the text and the chosen regulation', async () => {
    const answer = vi.fn(() => ({ id: ID, status: 'answered' }));
    const { callApi, requests } = fakeApi({ [`POST /api/consultations/${ID}/answer`]: answer });
    const getList = vi.fn(async () => ({ data: REGULATIONS, total: REGULATIONS.length }));
    renderWithAdmin(<ConsultationActions record={{ id: ID, actions: ['answer', 'close'] }} />, { dataProvider: { callApi, getList } as never });
    fireEvent.click(await screen.findByRole('button', { name: '答复' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByRole('textbox', { name: /^答复/ }), { target: { value: '应改为一般工商业电价并追补差额。' } });
    const combo = within(dialog).getByRole('combobox', { name: /依据/ });
    fireEvent.mouseDown(combo);
    fireEvent.click(await screen.findByRole('option', { name: '供电营业规则（1996）' }));
    fireEvent.click(within(dialog).getByRole('button', { name: '提交答复' }));
    await waitFor(() => expect(answer).toHaveBeenCalledTimes(1));
    expect(await requests[0]!.json()).toEqual({ answer: '应改为一般工商业电价并追补差额。', regulationId: 'reg-business-rules-1996' });
    expect(getList).toHaveBeenCalledWith('regulations', expect.objectContaining({ sort: { field: 'effectiveOn', order: 'DESC' } }));
  });

  it('shows a refused answer\'s reason (409: already answered) in the dialog', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    onTestFinished(() => consoleError.mockRestore());
    const reason = 'The consultation is answered; "answer" applies only when it is open.';
    const { callApi } = fakeApi({ [`POST /api/consultations/${ID}/answer`]: () => jsonResponse(409, { title: 'Illegal status change', status: 409, detail: reason }) });
    const getList = vi.fn(async () => ({ data: [], total: 0 }));
    renderWithAdmin(<ConsultationActions record={{ id: ID, actions: ['answer'] }} />, { dataProvider: { callApi, getList } as never });
    fireEvent.click(await screen.findByRole('button', { name: '答复' }));
    fireEvent.change(screen.getByRole('textbox', { name: /^答复/ }), { target: { value: '按规定处理。' } });
    fireEvent.click(screen.getByRole('button', { name: '提交答复' }));
    expect((await screen.findByTestId('consultation-answer-form-error')).textContent).toContain(reason);
  });

  it('closes after confirmation', async () => {
    const close = vi.fn(() => ({ id: ID, status: 'closed' }));
    const { callApi, requests } = fakeApi({ [`POST /api/consultations/${ID}/close`]: close });
    renderWithAdmin(<ConsultationActions record={{ id: ID, actions: ['close'] }} />, { dataProvider: { callApi } as never });
    fireEvent.click(await screen.findByRole('button', { name: '关闭' }));
    expect(close).not.toHaveBeenCalled();
    fireEvent.click(await screen.findByRole('button', { name: /确认|Confirm/ }));
    await waitFor(() => expect(close).toHaveBeenCalledTimes(1));
    expect(await requests[0]!.json()).toEqual({});
  });
});

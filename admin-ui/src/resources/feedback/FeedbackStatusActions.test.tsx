// @vitest-environment jsdom
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderWithAdmin } from '../../test/renderWithAdmin';
import { fakeApi, jsonResponse } from '../../test/fakeApi';

/** The generated client answering the feedback's status changes; `moved` records each one's action and body. */
function feedbackApi(answer: (action: string) => Response | object = () => ({ id: ID })) {
  const moved: { action: string; body: unknown }[] = [];
  const routes = Object.fromEntries(
    ['start', 'answer', 'close', 'reopen'].map((action) => [
      `POST /api/feedback/${ID}/${action}`,
      async (r: Request) => (moved.push({ action, body: await r.json() }), answer(action)),
    ]),
  );
  return { callApi: fakeApi(routes).callApi, moved };
}
import { FeedbackStatusActions } from './FeedbackStatusActions';

const ID = '8f0c1e9a-1111-4222-8333-944455556666';

// Whole react-admin renders take seconds on a loaded machine; the default 5 s limit is too tight.
describe('<FeedbackStatusActions>', { timeout: 30_000 }, () => {
  it('offers exactly the legal moves the API lists, in workflow order', async () => {
    renderWithAdmin(<FeedbackStatusActions record={{ id: ID, actions: ['close', 'answer', 'start'] }} />);
    const group = await screen.findByTestId('feedback-status-actions');
    expect([...group.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['开始处理', '答复', '关闭']);
  });

  it('renders nothing when no move is legal (e.g. unknown status)', () => {
    renderWithAdmin(<FeedbackStatusActions record={{ id: ID, actions: [] }} />);
    expect(screen.queryByTestId('feedback-status-actions')).toBeNull();
  });

  it('starts at once, posting to /feedback/:id/start without a reply', async () => {
    const { callApi, moved } = feedbackApi();
    renderWithAdmin(<FeedbackStatusActions record={{ id: ID, actions: ['start', 'answer', 'close'] }} />, { dataProvider: { callApi } as never });
    fireEvent.click(await screen.findByRole('button', { name: '开始处理' }));
    await waitFor(() => expect(moved).toEqual([{ action: 'start', body: {} }]));
  });

  it('answer needs a reply of two characters or more, then sends it and closes the dialog', async () => {
    const { callApi, moved } = feedbackApi();
    renderWithAdmin(<FeedbackStatusActions record={{ id: ID, actions: ['answer', 'close'] }} />, { dataProvider: { callApi } as never });
    fireEvent.click(await screen.findByRole('button', { name: '答复' }));
    const submit = screen.getByRole('button', { name: '提交' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    const box = screen.getByRole('textbox', { name: /答复/ });
    fireEvent.change(box, { target: { value: ' 好' } });
    expect(submit.disabled).toBe(true);
    fireEvent.change(box, { target: { value: '  已修复，请升级。 ' } });
    expect(submit.disabled).toBe(false);
    fireEvent.click(submit);
    await waitFor(() => expect(moved).toEqual([{ action: 'answer', body: { reply: '已修复，请升级。' } }]));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('close may go without a reason', async () => {
    const { callApi, moved } = feedbackApi();
    renderWithAdmin(<FeedbackStatusActions record={{ id: ID, actions: ['close'] }} />, { dataProvider: { callApi } as never });
    fireEvent.click(await screen.findByRole('button', { name: '关闭' }));
    fireEvent.click(screen.getByRole('button', { name: '提交' }));
    await waitFor(() => expect(moved).toEqual([{ action: 'close', body: {} }]));
  });

  it('shows the server\'s reason when the move was refused (409: someone moved it first), and stays open', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    onTestFinished(() => consoleError.mockRestore());
    const reason = 'The feedback is answered; "answer" applies only when it is open or in_progress.';
    const { callApi } = feedbackApi(() => jsonResponse(409, { title: 'Illegal status change', status: 409, detail: reason }));
    renderWithAdmin(<FeedbackStatusActions record={{ id: ID, actions: ['answer'] }} />, { dataProvider: { callApi } as never });
    fireEvent.click(await screen.findByRole('button', { name: '答复' }));
    fireEvent.change(screen.getByRole('textbox', { name: /答复/ }), { target: { value: '再答一次' } });
    fireEvent.click(screen.getByRole('button', { name: '提交' }));
    expect((await screen.findByTestId('feedback-reply-form-answer-error')).textContent).toContain(reason);
    expect(screen.getByRole('dialog')).toBeTruthy();
  });
});

// @vitest-environment jsdom
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { HttpError } from 'ra-core';
import { renderWithAdmin } from '../../../test/renderWithAdmin';
import { liveState } from '../../../test/fixtures';
import { CaseActionsBar } from './CaseActionsBar';

const REASON = 'Verification is not possible while the case is at rectification (督办整改); it needs verification (复核).';

describe('<CaseActionsBar> and its dialogs', () => {
  it('shows the buttons of the role and stage only', async () => {
    renderWithAdmin(<CaseActionsBar caseId="c-1" live={liveState({ stage: 'verification' })} />, { roles: ['station_lead'] });
    await screen.findByRole('button', { name: '添加备注' });
    expect(screen.queryByRole('button', { name: '复核通过' })).toBeNull();
    expect(screen.queryByRole('button', { name: '撤销' })).toBeNull();
  });

  it('sends the step and closes on success', async () => {
    const caseAction = vi.fn(async () => liveState({ stage: 'assessment' }));
    renderWithAdmin(<CaseActionsBar caseId="c-1" live={liveState({ stage: 'verification' })} />, {
      roles: ['supervisor'],
      dataProvider: { caseAction } as never,
    });
    fireEvent.click(await screen.findByRole('button', { name: '复核通过' }));
    fireEvent.click(screen.getByRole('button', { name: '提交' }));
    await waitFor(() => expect(caseAction).toHaveBeenCalledWith('c-1', 'verify', { outcome: 'pass' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('shows the refusal in Chinese and the workflow validator reason verbatim when the step is refused, and stays open', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined); // react-admin logs failed calls
    onTestFinished(() => consoleError.mockRestore());
    const caseAction = vi.fn(async () => {
      throw new HttpError(REASON, 409, { type: 'urn:jicha:case-step:WrongStage', code: 'case-step:WrongStage', title: 'Step refused', status: 409, detail: REASON });
    });
    renderWithAdmin(<CaseActionsBar caseId="c-1" live={liveState({ stage: 'verification' })} />, {
      roles: ['supervisor'],
      dataProvider: { caseAction } as never,
    });
    fireEvent.click(await screen.findByRole('button', { name: '退回整改' }));
    const submit = screen.getByRole('button', { name: '提交' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true); // a rejection needs a reason
    fireEvent.change(screen.getByRole('textbox', { name: /原因/ }), { target: { value: '违约金未追回' } });
    fireEvent.click(submit);
    const alert = await screen.findByTestId('case-action-error');
    expect(alert.textContent).toContain(REASON);
    // the refusal's code in the user's words, above the validator's own sentence
    expect(screen.getByTestId('case-action-reason').textContent).toBe('工单当前所处环节不允许此操作（可能已由他人处理），请刷新后查看。');
    expect(caseAction).toHaveBeenCalledWith('c-1', 'verify', { outcome: 'reject', reason: '违约金未追回' });
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('turns both buttons off while the step is on its way; cancelled, it opens again empty and without the refusal', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    onTestFinished(() => consoleError.mockRestore());
    let refuse!: () => void;
    const caseAction = vi.fn(() => new Promise((_, reject) => {
      refuse = () => reject(new HttpError(REASON, 409, { type: 'urn:jicha:case-step:WrongStage', code: 'case-step:WrongStage', title: 'Step refused', status: 409, detail: REASON }));
    }));
    renderWithAdmin(<CaseActionsBar caseId="c-1" live={liveState({ stage: 'verification' })} />, {
      roles: ['supervisor'],
      dataProvider: { caseAction } as never,
    });
    fireEvent.click(await screen.findByRole('button', { name: '退回整改' }));
    fireEvent.change(screen.getByRole('textbox', { name: /原因/ }), { target: { value: '违约金未追回' } });
    const submit = screen.getByRole('button', { name: '提交' }) as HTMLButtonElement;
    const cancel = screen.getByRole('button', { name: '取消' }) as HTMLButtonElement;
    fireEvent.click(submit);
    await waitFor(() => expect(submit.disabled).toBe(true));
    expect(cancel.disabled).toBe(true);
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' }); // closing is ignored while sending
    expect(screen.getByRole('dialog')).toBeTruthy();
    refuse();
    await screen.findByTestId('case-action-error');
    expect(submit.disabled).toBe(false);
    fireEvent.click(cancel);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: '退回整改' }));
    expect((screen.getByRole('textbox', { name: /原因/ }) as HTMLTextAreaElement).value).toBe('');
    expect(screen.queryByTestId('case-action-error')).toBeNull();
    expect(caseAction).toHaveBeenCalledTimes(1);
  }, 30_000);
});

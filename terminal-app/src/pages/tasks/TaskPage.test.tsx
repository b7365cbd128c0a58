// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { CASE_ID, fakeOutbox, renderWithApp, taskDetail } from './testKit';
import type { TaskDetail } from './types';

vi.mock('../../outbox', async () => (await import('./testKit')).outboxModule);
const { TaskPage } = await import('./TaskPage');
const { DeclineSheet } = await import('./DeclineSheet');

function api(detail: () => TaskDetail) {
  return (path: string) => {
    if (path === '/mobile/v1/tasks/{id}') return detail();
    if (path === '/mobile/v1/tasks/{id}/evidence') return [];
    throw new Error(`unexpected ${path}`);
  };
}

beforeEach(() => {
  localStorage.clear();
  fakeOutbox.reset();
  window.location.hash = '';
});
afterEach(cleanup);

describe('task page', () => {
  it('shows the archive with a link to the customer 360, the judgement, the check items and the history', async () => {
    renderWithApp(<TaskPage id={CASE_ID} />, api(() => taskDetail()));
    const customer = await screen.findByTestId('task-customer');
    expect(within(customer).getByTestId('task-customer-link').getAttribute('href')).toBe('#/customers/4200000001');
    within(customer).getByText('居民生活');
    within(screen.getByTestId('task-judgement')).getByText('居民户月用电量远高于同类');
    expect(within(screen.getByTestId('task-check-items')).getAllByRole('listitem')).toHaveLength(2);
    within(screen.getByTestId('task-history')).getByText('创建工单');
  });

  it('says under each flag what the judgement compared, from its code and figures; an older flag keeps its name alone', async () => {
    const base = taskDetail();
    const judgement = {
      ...base.judgement!,
      reasons: [
        { code: 'ZERO', weight: 40, textZh: '无故零电量', textEn: 'Unexplained zero', reasonCode: 'judgement.reason.zero-unexplained', params: { from: '2026-01', to: '2026-02', priorFrom: '2025-07', priorTo: '2025-12', priorAvgKwh: 180.5 } },
        ...base.judgement!.reasons,
      ],
    };
    renderWithApp(<TaskPage id={CASE_ID} />, api(() => taskDetail({ judgement })));
    const items = within(await screen.findByTestId('task-judgement')).getAllByTestId('task-reason');
    expect(within(items[0]!).getByTestId('task-reason-why').textContent).toBe('2026-01 至 2026-02 零电量；此前 2025-07 至 2025-12 月均 180.5 千瓦时');
    expect(items[1]!.textContent).toBe('居民户月用电量远高于同类');
  });

  it('offers accept and decline while offered to me, and queues the accept with its state shown at once', async () => {
    let detail = taskDetail();
    renderWithApp(<TaskPage id={CASE_ID} />, api(() => detail));
    fireEvent.click(await screen.findByTestId('task-accept'));
    await waitFor(() => expect(fakeOutbox.steps).toEqual([{ caseId: CASE_ID, action: 'accept', payload: {} }]));
    const notice = await screen.findByTestId('accept-notice');
    expect(notice.textContent).toContain('已保存，待同步');
    // A queued accept counts: the visit can start offline.
    expect(screen.queryByTestId('task-accept')).toBeNull();
    screen.getByTestId('task-visit');
    screen.getByTestId('task-findings');
    // Applied by the server: "已提交", and the page reloads the task.
    detail = taskDetail({ assignment: 'accepted' });
    act(() => fakeOutbox.update(fakeOutbox.all()[0]!.id, { status: 'done' }));
    await waitFor(() => expect(screen.getByTestId('accept-notice').textContent).toContain('已提交'));
  });

  it('findings refused for a weak proof of presence: the reasons and the way back to the findings; applied: 待督查复核', async () => {
    const findings = { id: 'f', key: 'f', seq: 2, caseId: CASE_ID, type: 'step' as const, action: 'findings' as const, attempts: 1, createdAt: '2026-03-10T02:00:00Z' };
    fakeOutbox.set([{ ...findings, status: 'conflict', problem: { message: '现场真实性存疑', code: 'case-step:PresenceWeak', reasons: [{ code: 'track.jump', params: { seconds: 10, distanceM: 3500, speedKmh: 1260 } }] } }]);
    const page = renderWithApp(<TaskPage id={CASE_ID} />, api(() => taskDetail({ assignment: 'accepted' })));
    const box = await screen.findByTestId('findings-presence-notice');
    expect(box.textContent).toContain('轨迹跳变：10 秒内移动 3500 米（约 1260 公里/小时）');
    expect(within(box).getByTestId('findings-resubmit').getAttribute('href')).toBe(`#/tasks/${CASE_ID}/findings`);
    expect(screen.queryByTestId('findings-review')).toBeNull();
    page.unmount();

    fakeOutbox.set([{ ...findings, status: 'done', result: { caseId: CASE_ID, stage: 'field_evidence', needsSupervisorReview: true } }]);
    renderWithApp(<TaskPage id={CASE_ID} />, api(() => taskDetail({ assignment: 'accepted' })));
    expect((await screen.findByTestId('findings-review')).textContent).toContain('待督查复核');
    expect(screen.queryByTestId('findings-presence-notice')).toBeNull();
  });

  it('shows a refused step with its reason and offers to discard it', async () => {
    fakeOutbox.set([{ id: 'x', key: 'x', seq: 1, caseId: CASE_ID, type: 'step', action: 'accept', status: 'conflict', attempts: 1, createdAt: '2026-03-10T02:00:00Z', problem: { message: '任务已改派给 inspector2' } }]);
    renderWithApp(<TaskPage id={CASE_ID} />, api(() => taskDetail()));
    expect((await screen.findByTestId('accept-notice')).textContent).toContain('任务已改派给 inspector2');
    const row = within(screen.getByTestId('case-outbox')).getByTestId('outbox-item');
    expect(row.getAttribute('data-status')).toBe('conflict');
    // A refused accept does not count as accepted.
    screen.getByTestId('task-accept');
    fireEvent.click(within(row).getByTestId('outbox-discard'));
    expect(fakeOutbox.all()).toHaveLength(1); // the first tap only arms
    fireEvent.click(within(row).getByTestId('outbox-discard'));
    await waitFor(() => expect(fakeOutbox.all()).toHaveLength(0));
  });

  it('declines only with a reason', async () => {
    renderWithApp(<TaskPage id={CASE_ID} />, api(() => taskDetail()));
    fireEvent.click(await screen.findByTestId('task-decline'));
    const sheet = screen.getByTestId('decline-sheet');
    fireEvent.click(within(sheet).getByTestId('decline-submit'));
    expect(within(sheet).getByTestId('decline-error').textContent).toBe('必填');
    expect(fakeOutbox.steps).toEqual([]);
    fireEvent.change(within(sheet).getByTestId('decline-reason'), { target: { value: '  本人请假一周  ' } });
    fireEvent.click(within(sheet).getByTestId('decline-submit'));
    await waitFor(() => expect(fakeOutbox.steps).toEqual([{ caseId: CASE_ID, action: 'decline', payload: { reason: '本人请假一周' } }]));
    await waitFor(() => expect(screen.queryByTestId('decline-sheet')).toBeNull());
    expect(screen.getByTestId('decline-notice').textContent).toContain('已保存，待同步');
    expect(screen.queryByTestId('task-accept')).toBeNull();
  });

  it('shows no field actions on someone else\'s task or after findings', async () => {
    renderWithApp(<TaskPage id={CASE_ID} />, api(() => taskDetail({ assignee: 'inspector2' })));
    await screen.findByTestId('task-customer');
    expect(screen.queryByTestId('task-accept')).toBeNull();
    expect(screen.queryByTestId('task-visit')).toBeNull();
    screen.getByTestId('task-map');
    cleanup();
    fakeOutbox.set([{ id: 'f', key: 'f', seq: 1, caseId: CASE_ID, type: 'step', action: 'findings', status: 'queued', attempts: 0, createdAt: '' }]);
    renderWithApp(<TaskPage id={CASE_ID} />, api(() => taskDetail({ assignment: 'accepted' })));
    await screen.findByTestId('findings-notice');
    expect(screen.queryByTestId('task-visit')).toBeNull();
  });
});

describe('decline sheet', () => {
  it('explains each rule in words and fills a common reason with one tap', () => {
    const submitted: string[] = [];
    renderWithApp(<DeclineSheet onCancel={() => undefined} onSubmit={(r) => submitted.push(r)} />, () => null);
    const box = screen.getByTestId('decline-reason');
    fireEvent.change(box, { target: { value: '好' } });
    fireEvent.click(screen.getByTestId('decline-submit'));
    expect(screen.getByTestId('decline-error').textContent).toBe('至少 2 个字');
    fireEvent.change(box, { target: { value: 'x'.repeat(501) } });
    expect(screen.getByTestId('decline-error').textContent).toBe('最多 500 个字');
    fireEvent.click(screen.getByText('本人请假，无法按期到现场'));
    expect((box as HTMLTextAreaElement).value).toBe('本人请假，无法按期到现场');
    fireEvent.click(screen.getByTestId('decline-submit'));
    expect(submitted).toEqual(['本人请假，无法按期到现场']);
  });
});

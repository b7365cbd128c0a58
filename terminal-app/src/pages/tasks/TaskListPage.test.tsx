// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { TerminalError } from '../../api/client';
import { CASE_ID, fakeOutbox, renderWithApp } from './testKit';
import type { TaskItem, TaskPage } from './types';

vi.mock('../../outbox', async () => (await import('./testKit')).outboxModule);
const { TaskListPage } = await import('./TaskListPage');

const task = (p: Partial<TaskItem> = {}): TaskItem => ({
  caseId: CASE_ID, caseNo: 'JC-2026-000123', stage: 'field_evidence', priority: 'urgent', origin: 'special', assignment: 'offered', pendingRole: 'inspector',
  deadlineAt: '2026-03-13T09:00:00Z', workingDaysLeft: null, escalationTier: 2,
  customer: { accountNo: '4200000001', name: '咸宁市某专业合作社', address: '咸安区温泉路 1 号', tariffCategory: 'residential', lat: 29.8, lon: 114.3 },
  ...p,
});
const page = (items: TaskItem[], total = items.length): TaskPage => ({ items, page: 1, pageSize: 50, total });

beforeEach(() => {
  localStorage.clear();
  fakeOutbox.reset();
});
afterEach(cleanup);

describe('我的任务', () => {
  it('lists each task with customer, stage, origin, assignment, tier and the server\'s working days (overdue in red)', async () => {
    renderWithApp(<TaskListPage />, () => page([
      task({ workingDaysLeft: -2 }),
      task({ caseId: 'aaaaaaaa-2222-4333-8444-555555555555', origin: 'routine', assignment: 'accepted', escalationTier: 0, priority: 'normal', workingDaysLeft: 4, customer: { ...task().customer, name: '李四' } }),
    ]));
    const rows = await screen.findAllByTestId('task-item');
    expect(rows).toHaveLength(2);
    const first = within(rows[0]!);
    first.getByText('咸宁市某专业合作社');
    first.getByText('现场取证');
    first.getByText('专项稽查');
    first.getByText('待接单');
    first.getByText('二级督办');
    first.getByText('紧急');
    const overdue = first.getByTestId('task-deadline');
    expect(overdue.textContent).toContain('已超期 2 个工作日');
    expect(overdue.className).toContain('overdue');
    const second = within(rows[1]!);
    second.getByText('常态稽查');
    second.getByText('已接单');
    expect(second.getByTestId('task-deadline').textContent).toContain('剩余 4 个工作日');
    expect(second.getByTestId('task-deadline').className).not.toContain('overdue');
    expect(second.queryByTestId('task-tier')).toBeNull();
    expect(rows[0]!.querySelector('a')!.getAttribute('href')).toBe(`#/tasks/${CASE_ID}`);
  });

  it('labels calendar days as days when the server sends no working days', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-10T02:00:00Z'));
    try {
      renderWithApp(<TaskListPage />, () => page([task()]));
      expect((await screen.findByTestId('task-deadline')).textContent).toContain('剩余 3 天');
    } finally {
      vi.useRealTimers();
    }
  });

  it('badges a task with its items not yet synced, conflicts included', async () => {
    fakeOutbox.set([
      { id: 'a', key: 'a', seq: 1, caseId: CASE_ID, type: 'step', action: 'accept', status: 'done', attempts: 1, createdAt: '' },
      { id: 'b', key: 'b', seq: 2, caseId: CASE_ID, type: 'step', action: 'check-in', status: 'queued', attempts: 0, createdAt: '' },
      { id: 'c', key: 'c', seq: 3, caseId: CASE_ID, type: 'evidence', evidenceKind: 'photo', status: 'conflict', attempts: 1, createdAt: '', problem: { message: '任务已改派' } },
    ]);
    renderWithApp(<TaskListPage />, () => page([task()]));
    expect((await screen.findByTestId('task-unsynced')).textContent).toBe('↑2');
    screen.getByText('1 项被服务器拒绝，请打开任务查看原因');
  });

  it('says so when there is nothing to do', async () => {
    renderWithApp(<TaskListPage />, () => page([]));
    await screen.findByTestId('tasks-empty');
    screen.getByText('暂无待办任务');
  });

  it('shows a failure as an error with a retry, not as an empty list', async () => {
    let fail = true;
    renderWithApp(<TaskListPage />, () => {
      if (fail) throw new TerminalError(403, { title: 'Forbidden', status: 403, type: 'urn:jicha:device:unbound', detail: '终端未绑定' } as never, '终端未绑定');
      return page([task()]);
    });
    const err = await screen.findByTestId('tasks-error');
    expect(err.textContent).toContain('未绑定');
    expect(screen.queryByTestId('tasks-empty')).toBeNull();
    fail = false;
    fireEvent.click(within(err).getByText('重试'));
    await screen.findByTestId('task-item');
  });

  it('keeps the last list when a refresh fails, saying it is not fresh', async () => {
    let fail = false;
    renderWithApp(<TaskListPage />, () => {
      if (fail) throw new TypeError('Failed to fetch');
      return page([task()]);
    });
    await screen.findByTestId('task-item');
    fail = true;
    fireEvent.click(screen.getByTestId('tasks-refresh'));
    const stale = await screen.findByTestId('tasks-stale');
    expect(stale.textContent).toContain('无法更新');
    screen.getByTestId('task-item');
  });

  it('starts from the device\'s copy when the network is gone (a fresh page, same user)', async () => {
    const first = renderWithApp(<TaskListPage />, () => page([task()]));
    await screen.findByTestId('task-item');
    first.unmount();
    renderWithApp(<TaskListPage />, () => { throw new TypeError('Failed to fetch'); });
    await screen.findByTestId('tasks-stale');
    screen.getByText('咸宁市某专业合作社');
    // Another user on the same terminal does not see it.
    cleanup();
    renderWithApp(<TaskListPage />, () => { throw new TypeError('Failed to fetch'); }, 'inspector2');
    await screen.findByTestId('tasks-error');
  });

  it('reloads on a pull from the top past the threshold, not on a short one', async () => {
    let n = 0;
    renderWithApp(<TaskListPage />, () => {
      n += 1;
      return page([task()]);
    });
    await screen.findByTestId('task-item');
    const area = screen.getByTestId('tasks-pull-area');
    const pull = (dy: number) => {
      fireEvent.touchStart(area, { touches: [{ clientY: 100 }] });
      fireEvent.touchMove(area, { touches: [{ clientY: 100 + dy }] });
      fireEvent.touchEnd(area, { touches: [] });
    };
    pull(40);
    await new Promise((r) => setTimeout(r, 20));
    expect(n).toBe(1);
    pull(200);
    await waitFor(() => expect(n).toBe(2));
  });
});

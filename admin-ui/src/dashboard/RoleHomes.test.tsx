// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { DataProvider } from 'react-admin';
import { renderWithAdmin } from '../test/renderWithAdmin';
import { AdminHome, InspectorHome, OPEN_STAGES } from './RoleHomes';

const task = (id: string, caseNo: string, workingDaysLeft: number | null, stage = 'field_evidence') => ({
  id, caseNo, workflowId: `wf-${id}`, customerAccountNo: '4210000001', customerName: '咸宁某厂', orgUnitId: 'HB.XN.XA.WQ', orgUnitName: '温泉供电所', origin: 'custom',
  stage, priority: 'high', note: null, createdBy: 'supervisor', createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z', lastEventSeq: 3,
  deadlineAt: null, deadlineProvisional: false, workingDaysLeft,
});
const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => c.textContent);
const fail = () => Promise.reject(Object.assign(new Error('Internal Server Error'), { status: 500 }));

describe('inspector home', () => {
  it('lists their open cases, overdue first, and points to the terminal app', async () => {
    const getList = vi.fn(async () => ({ data: [task('a', 'JC-1', 5), task('b', 'JC-2', -2, 'rectification'), task('c', 'JC-3', null)], total: 3 }));
    renderWithAdmin(<InspectorHome />, { dataProvider: { getList } as unknown as Partial<DataProvider>, roles: ['inspector'] });
    const table = await screen.findByTestId('home-tasks');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(cells)).toEqual([
      ['JC-2', '咸宁某厂 (4210000001)', '督办整改', '高', '已超期 2 个工作日'],
      ['JC-1', '咸宁某厂 (4210000001)', '现场取证', '高', '剩余 5 个工作日'],
      ['JC-3', '咸宁某厂 (4210000001)', '现场取证', '高', '—'],
    ]);
    expect(getList).toHaveBeenCalledWith('cases', expect.objectContaining({ filter: { stage: OPEN_STAGES } }));
    expect(OPEN_STAGES).not.toContain('closed');
    expect(screen.getByTestId('home-terminal-link').getAttribute('href')).toBe('/terminal/');
    expect(screen.getByTestId('home-terminal-link').textContent).toBe('打开移动作业终端');
  });

  it('says nothing is waiting when there is nothing, and a load error as an error', async () => {
    const empty = vi.fn(async () => ({ data: [], total: 0 }));
    const { unmount } = renderWithAdmin(<InspectorHome />, { dataProvider: { getList: empty } as unknown as Partial<DataProvider>, roles: ['inspector'] });
    expect((await screen.findByTestId('empty-state')).textContent).toBe('当前没有待您办理的工单。');
    expect(screen.queryByRole('alert')).toBeNull();
    unmount();
    renderWithAdmin(<InspectorHome />, { dataProvider: { getList: vi.fn(fail) } as unknown as Partial<DataProvider>, roles: ['inspector'] });
    expect((await screen.findByRole('alert', {}, { timeout: 10_000 })).textContent).toContain('读取失败');
    expect(screen.queryByTestId('empty-state')).toBeNull();
    expect(screen.getByTestId('home-terminal-link')).toBeTruthy();
  }, 20_000);
});

const coverage = (c: Partial<{ knownThrough: string | null; coversNext90Days: boolean; provisionalOpenCases: number }>) => ({
  items: [], coverage: { knownThrough: '2026-12-31', coversNext90Days: true, provisionalOpenCases: 0, ...c },
});

describe('admin home', () => {
  it('shows terminals waiting to be bound, the latest imports and the calendar\'s coverage', async () => {
    const getList = vi.fn(async (resource: string) =>
      resource === 'terminals'
        ? { data: [{ id: 'pda-7', label: '温泉所 PDA 7', registeredBy: 'zhangsan', registeredAt: '2026-12-01T02:00:00Z', boundUser: null }], total: 3 }
        : { data: [{ id: 'i1', kind: 'customers', rows: 10, accepted: 9, rejected: 1, importedBy: 'admin', orgUnitId: 'HB', createdAt: '2026-12-02T02:00:00Z' }], total: 1 });
    const getCalendarYears = vi.fn(async () => coverage({ knownThrough: '2026-12-31', coversNext90Days: false, provisionalOpenCases: 4 }));
    renderWithAdmin(<AdminHome />, { dataProvider: { getList, getCalendarYears } as unknown as Partial<DataProvider>, roles: ['admin'] });
    const terminals = await screen.findByTestId('home-terminals');
    await waitFor(() => expect(within(terminals).getByText('温泉所 PDA 7')).toBeTruthy());
    expect(within(terminals).getByRole('heading').textContent).toBe('等待绑定的终端（3 台）');
    expect(getList).toHaveBeenCalledWith('terminals', expect.objectContaining({ filter: { bound: false } }));
    const imports = screen.getByTestId('home-imports');
    await waitFor(() => expect(within(imports).getAllByRole('row')).toHaveLength(2));
    expect((await screen.findByTestId('home-coverage')).textContent).toBe('已发布的工作日历覆盖至 2026-12-31。 不足未来 90 天，请尽快发布下一年度日历。4 张未结工单的时限超出日历范围（暂定）。');
  });

  it('keeps empty and failed sections apart: nothing waiting, no import yet, the calendar unreadable', async () => {
    const getList = vi.fn(async () => ({ data: [], total: 0 }));
    renderWithAdmin(<AdminHome />, { dataProvider: { getList, getCalendarYears: vi.fn(fail) } as unknown as Partial<DataProvider>, roles: ['admin'] });
    expect((await within(await screen.findByTestId('home-terminals')).findByTestId('empty-state')).textContent).toBe('没有等待绑定的终端。');
    expect((await within(screen.getByTestId('home-imports')).findByTestId('empty-state')).textContent).toBe('尚无导入记录。');
    const calendar = screen.getByTestId('home-calendar');
    expect((await within(calendar).findByRole('alert', {}, { timeout: 10_000 })).textContent).toContain('读取失败');
    expect(within(screen.getByTestId('home-terminals')).queryByRole('alert')).toBeNull();
  }, 20_000);

  it('says when no calendar year is published', async () => {
    const getList = vi.fn(async () => ({ data: [], total: 0 }));
    renderWithAdmin(<AdminHome />, { dataProvider: { getList, getCalendarYears: vi.fn(async () => coverage({ knownThrough: null, coversNext90Days: false })) } as unknown as Partial<DataProvider>, roles: ['admin'] });
    expect((await screen.findByTestId('home-coverage')).textContent).toBe('尚未发布任何年度的工作日历：时限只按周末计算，均为暂定。');
  });
});

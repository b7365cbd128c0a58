// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { renderWithAdmin } from '../../test/renderWithAdmin';
import { CampaignProgressBar } from './CampaignProgressBar';
import { progressOf } from './campaignProgressModel';
import { availableControl } from './CampaignActions';
import type { CampaignRecord } from './campaignProgressModel';

const stored = { selected: null, created: 0, failed: 0, progress: null } as const;
const live = (p: Partial<NonNullable<CampaignRecord['progress']>>) => ({
  campaignId: 'c', phase: 'creating' as const, paused: false, matched: 40, selected: 40, created: 0, failed: 0, ...p,
});

describe('campaign progress', () => {
  it('counts created and failed cases out of the customers selected, from the live progress', () => {
    expect(progressOf({ status: 'running', ...stored, progress: live({ created: 9, failed: 1 }) })).toMatchObject({ percent: 25, pending: 30, paused: false, phase: 'creating' });
    expect(progressOf({ status: 'running', ...stored, progress: live({ phase: 'selecting', selected: 0 }) })).toMatchObject({ percent: null, selected: null, phase: 'selecting' });
    expect(progressOf({ status: 'paused', ...stored, progress: live({ created: 20, paused: true }) })).toMatchObject({ percent: 50, paused: true });
  });

  it('uses the stored counts when there is no live progress', () => {
    expect(progressOf({ status: 'draft', ...stored })).toMatchObject({ percent: 0, phase: 'draft' });
    expect(progressOf({ status: 'completed', selected: 12, created: 11, failed: 1, progress: null })).toMatchObject({ percent: 100, pending: 0, phase: 'completed' });
    expect(progressOf({ status: 'paused', selected: 10, created: 3, failed: 0, progress: null })).toMatchObject({ percent: 30, paused: true });
  });

  it('offers run for a draft, pause while running, resume while paused, nothing once completed', () => {
    const base = { id: 'c', status: 'running', ...stored } as unknown as CampaignRecord;
    expect(availableControl({ ...base, status: 'draft' })).toBe('run');
    expect(availableControl({ ...base, progress: live({}) })).toBe('pause');
    expect(availableControl({ ...base, progress: live({ paused: true }) })).toBe('resume');
    expect(availableControl({ ...base, progress: live({ phase: 'completed' }) })).toBeNull();
    expect(availableControl({ ...base, status: 'completed' })).toBeNull();
  });

  it('renders the bar, the percentage, the counts and a paused badge', () => {
    renderWithAdmin(<CampaignProgressBar record={{ status: 'paused', ...stored, progress: live({ created: 9, failed: 1, paused: true }) }} />);
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('25');
    expect(screen.getByTestId('campaign-percent').textContent).toBe('25%');
    expect(screen.getByTestId('campaign-counts').textContent).toBe('已建单 9，失败 1，待派发 30（共 40 户）');
    expect(screen.getByTestId('campaign-paused').textContent).toBe('已暂停');
  });

  it('shows an indeterminate bar while customers are being selected', () => {
    renderWithAdmin(<CampaignProgressBar record={{ status: 'running', ...stored, progress: live({ phase: 'selecting', selected: 0 }) }} />);
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBeNull();
    expect(screen.getByTestId('campaign-counts').textContent).toBe('正在按规则筛选客户…');
  });
});

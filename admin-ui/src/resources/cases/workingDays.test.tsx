// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { getMessages, i18nProvider } from '../../i18n/i18nProvider';
import { renderWithAdmin } from '../../test/renderWithAdmin';
import { WorkingDaysLeft } from './WorkingDaysLeft';
import { deadlineLabel, deadlineText } from './workingDays';
import polyglotI18nProvider from 'ra-i18n-polyglot';

const zh = (key: string, options?: Record<string, unknown>) => i18nProvider.translate(key, options);
const enProvider = polyglotI18nProvider(getMessages, 'en');
const en = (key: string, options?: Record<string, unknown>) => enProvider.translate(key, options);

describe('working days left', () => {
  it('reads the server\'s count: left, due today, overdue', () => {
    expect(deadlineText(deadlineLabel({ workingDaysLeft: 5 }), zh)).toBe('剩余 5 个工作日');
    expect(deadlineText(deadlineLabel({ workingDaysLeft: 0 }), zh)).toBe('今天到期');
    expect(deadlineText(deadlineLabel({ workingDaysLeft: -3 }), zh)).toBe('超期 3 个工作日');
    expect(deadlineText(deadlineLabel({ workingDaysLeft: 5 }), en)).toBe('5 working days left');
    expect(deadlineText(deadlineLabel({ workingDaysLeft: 1 }), en)).toBe('One working day left');
    expect(deadlineText(deadlineLabel({ workingDaysLeft: 0 }), en)).toBe('Due today');
    expect(deadlineText(deadlineLabel({ workingDaysLeft: -1 }), en)).toBe('Overdue by one working day');
  });

  it('is red when overdue, amber at one working day or fewer', () => {
    const tone = (w: number) => (deadlineLabel({ workingDaysLeft: w }) as { tone: string }).tone;
    expect([-1, 0, 1, 2, 3].map(tone)).toEqual(['error', 'warning', 'warning', 'default', 'default']);
  });

  it('without a count, falls back to the deadline instant in China time (never UTC); nothing without a deadline', () => {
    // 2026-12-31 17:30 UTC is 1 January 2027 01:30 in Beijing
    expect(deadlineText(deadlineLabel({ deadlineAt: '2026-12-31T17:30:00Z' }), zh)).toBe('2027/01/01 01:30 到期');
    expect(deadlineText(deadlineLabel({ workingDaysLeft: null, deadlineAt: '2026-12-31T17:30:00Z' }), en)).toBe('Due 2027/01/01 01:30');
    expect(deadlineLabel({ workingDaysLeft: null, deadlineAt: null })).toEqual({ kind: 'none' });
    expect(deadlineText(deadlineLabel({}), zh)).toBeNull();
  });

  it('tags a provisional deadline 暂定 and explains why', () => {
    renderWithAdmin(<WorkingDaysLeft facts={{ workingDaysLeft: 1, deadlineProvisional: true }} />);
    const label = screen.getByTestId('working-days-label');
    expect(label.textContent).toBe('剩余 1 个工作日');
    expect(label.className).toContain('colorWarning');
    const tag = screen.getByTestId('deadline-provisional');
    expect(tag.textContent).toBe('暂定');
    expect(tag.getAttribute('aria-label')).toBeNull(); // the hint describes the tag; it does not rename it
    expect(zh('resources.calendar.deadline.provisionalHint')).toContain('节假日尚未计入');
  });

  it('shows no tag when the deadline is on the published calendar, and red when overdue', () => {
    renderWithAdmin(<WorkingDaysLeft facts={{ workingDaysLeft: -4, deadlineProvisional: false }} />);
    expect(screen.getByTestId('working-days-label').className).toContain('colorError');
    expect(screen.queryByTestId('deadline-provisional')).toBeNull();
  });
});

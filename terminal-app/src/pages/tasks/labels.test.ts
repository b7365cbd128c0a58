import { describe, expect, it } from 'vitest';
import { translate, type T } from '../../i18n';
import { codeLabel, deadlineInfo, deadlineText, formatChinaTime } from './labels';

const zh: T = (k, p) => translate('zh-CN', k, p);
const en: T = (k, p) => translate('en', k, p);

// 2026-03-10 10:00 Beijing time (02:00 UTC).
const NOW = Date.parse('2026-03-10T02:00:00Z');

describe('deadline label', () => {
  it('uses the server\'s working days when the answer carries them', () => {
    expect(deadlineText(deadlineInfo({ deadlineAt: '2026-03-20T09:00:00Z', workingDaysLeft: 5 }, NOW), zh)).toBe('剩余 5 个工作日');
    expect(deadlineText(deadlineInfo({ deadlineAt: '2026-03-20T09:00:00Z', workingDaysLeft: 5 }, NOW), en)).toBe('5 working day(s) left');
    // Negative = overdue, shown as a positive count; the calendar date is not consulted.
    const over = deadlineInfo({ deadlineAt: '2026-03-20T09:00:00Z', workingDaysLeft: -3 }, NOW);
    expect(over).toEqual({ kind: 'overdue', n: 3, unit: 'workday' });
    expect(deadlineText(over, zh)).toBe('已超期 3 个工作日');
    expect(deadlineText(over, en)).toBe('Overdue by 3 working day(s)');
    expect(deadlineText(deadlineInfo({ deadlineAt: '2026-03-10T09:00:00Z', workingDaysLeft: 0 }, NOW), zh)).toBe('今天到期');
  });

  it('says "no deadline" only without a date; a date the server could not count in working days is counted in days', () => {
    expect(deadlineInfo({ deadlineAt: null, workingDaysLeft: null }, NOW)).toEqual({ kind: 'none' });
    expect(deadlineInfo({ deadlineAt: '2026-03-20T09:00:00Z', workingDaysLeft: null }, NOW)).toMatchObject({ kind: 'left', unit: 'day' });
    expect(deadlineText(deadlineInfo({ deadlineAt: null }, NOW), zh)).toBe('无期限');
    expect(deadlineText(deadlineInfo({ deadlineAt: null }, NOW), en)).toBe('No deadline');
  });

  it('falls back to calendar days in China time, labelled as days (not working days)', () => {
    // Due 2026-03-13 17:00 Beijing: three calendar days ahead.
    const left = deadlineInfo({ deadlineAt: '2026-03-13T09:00:00Z' }, NOW);
    expect(left).toEqual({ kind: 'left', n: 3, unit: 'day' });
    expect(deadlineText(left, zh)).toBe('剩余 3 天');
    expect(deadlineText(left, en)).toBe('3 day(s) left');
    // Due 2026-03-10 23:30 Beijing (15:30 UTC): today, although less than a day is left.
    expect(deadlineInfo({ deadlineAt: '2026-03-10T15:30:00Z' }, NOW).kind).toBe('today');
    // 2026-03-11 00:30 Beijing is 2026-03-10 16:30 UTC — the next day in China although the same UTC date.
    expect(deadlineInfo({ deadlineAt: '2026-03-10T16:30:00Z' }, NOW)).toEqual({ kind: 'left', n: 1, unit: 'day' });
  });

  it('counts overdue calendar days, at least one once the deadline has passed', () => {
    const twoDays = deadlineInfo({ deadlineAt: '2026-03-08T09:00:00Z' }, NOW);
    expect(twoDays).toEqual({ kind: 'overdue', n: 2, unit: 'day' });
    expect(deadlineText(twoDays, zh)).toBe('已超期 2 天');
    // Passed an hour ago, the same day.
    expect(deadlineInfo({ deadlineAt: '2026-03-10T01:00:00Z' }, NOW)).toEqual({ kind: 'overdue', n: 1, unit: 'day' });
  });

  it('treats an unreadable date as no deadline rather than NaN days', () => {
    expect(deadlineInfo({ deadlineAt: 'soon' }, NOW)).toEqual({ kind: 'none' });
  });
});

describe('code labels', () => {
  it('translates origin and stage codes in both languages', () => {
    expect(codeLabel(zh, 'case.origin', 'special')).toBe('专项稽查');
    expect(codeLabel(zh, 'case.origin', 'custom')).toBe('自定义稽查');
    expect(codeLabel(zh, 'case.origin', 'routine')).toBe('常态稽查');
    expect(codeLabel(en, 'case.origin', 'special')).toBe('Special audit');
    expect(codeLabel(zh, 'case.stage', 'field_evidence')).toBe('现场取证');
    expect(codeLabel(zh, 'case.stage', 'rectification')).toBe('督办整改');
    expect(codeLabel(en, 'case.stage', 'field_evidence')).toBe('Field evidence');
    expect(codeLabel(en, 'case.tier', '2')).toBe('Escalation tier 2');
    expect(codeLabel(zh, 'case.tier', '3')).toBe('三级督办');
  });

  it('shows a code the app does not know as it is, and nothing as a dash', () => {
    expect(codeLabel(zh, 'case.origin', 'campaign_x')).toBe('campaign_x');
    expect(codeLabel(en, 'case.stage', null)).toBe('—');
  });

  it('has every zh text in English too', async () => {
    const { tasks } = await import('../../i18n/areas/tasks');
    const { visit } = await import('../../i18n/areas/visit');
    const { problems } = await import('../../i18n/areas/problems');
    for (const a of [tasks, visit, problems]) {
      expect(Object.keys(a.en).sort()).toEqual(Object.keys(a.zh).sort());
      // Same placeholders on both sides.
      for (const k of Object.keys(a.zh)) expect((a.en[k]!.match(/\{\w+\}/g) ?? []).sort(), k).toEqual((a.zh[k]!.match(/\{\w+\}/g) ?? []).sort());
    }
  });
});

describe('China time', () => {
  it('formats an instant as a Beijing wall-clock time', () => {
    expect(formatChinaTime('2026-03-10T16:30:00Z')).toBe('2026-03-11 00:30');
    expect(formatChinaTime(null)).toBe('—');
  });
});

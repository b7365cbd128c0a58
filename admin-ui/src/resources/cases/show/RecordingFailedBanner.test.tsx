// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import { AdminContext, memoryStore } from 'react-admin';
import { getMessages, i18nProvider } from '../../../i18n/i18nProvider';
import { event } from '../../../test/fixtures';
import { renderWithAdmin } from '../../../test/renderWithAdmin';
import { describeEvent } from './caseTimelineModel';
import { RecordingFailedBanner } from './RecordingFailedBanner';
import type { RecordingFailure } from '../caseEnums';

const failure: RecordingFailure = { code: 'CASE_LOG_VALUE_REFUSED', eventType: 'findings_submitted', seq: 9, at: '2026-04-01T08:09:00Z', sqlState: '22P05', total: 1 };

describe('<RecordingFailedBanner>', () => {
  it('says in Chinese which event was not recorded, that the case goes on and that supervisors know', () => {
    renderWithAdmin(<RecordingFailedBanner failure={failure} />);
    const banner = screen.getByTestId('recording-failed');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.textContent).toMatch(/^记录失败第 9 条事件「提交核查结论」（.+）含有数据库无法保存的内容，未写入案件日志；/);
    expect(banner.textContent).toContain('工单照常办理，已通知稽查专责。（SQLSTATE 22P05）');
    expect(banner.textContent).not.toContain('共有');
  });

  it('counts earlier failures and reads in English', () => {
    render(
      <AdminContext i18nProvider={polyglotI18nProvider(getMessages, 'en')} store={memoryStore()}>
        <RecordingFailedBanner failure={{ ...failure, eventType: 'note_added', seq: 12, total: 3 }} />
      </AdminContext>,
    );
    const text = screen.getByTestId('recording-failed').textContent;
    expect(text).toMatch(/^Recording failedEvent 12 "Note added" \(.+\) held content the database cannot store and was not written to the case log;/);
    expect(text).toContain('3 events of this case failed to record.');
  });

  it('falls back to the raw event type when it has no label', () => {
    renderWithAdmin(<RecordingFailedBanner failure={{ ...failure, eventType: 'future_event' }} />);
    expect(screen.getByTestId('recording-failed').textContent).toContain('「future_event」');
  });
});

describe('the recording_failed log row', () => {
  it('names the event it stands for and the SQLSTATE', () => {
    const row = event(4, 'recording_failed', 'field_evidence', { eventType: 'note_added', code: 'CASE_LOG_VALUE_REFUSED', sqlState: '22P05' }, 'lead');
    expect(describeEvent(row, i18nProvider.translate)).toBe('「添加备注」未能写入日志（SQLSTATE 22P05）');
  });
});

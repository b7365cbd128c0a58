import { describe, expect, it } from 'vitest';
import { checkAsk, checkFeedback, orderAnnouncements, TOPICS, type Announcement } from './content';

const CASE = '00000000-0000-4000-8000-000000000001';

describe('asking a question (咨询)', () => {
  it('sends the trimmed question with its topic and case', () => {
    expect(checkAsk({ topic: 'tariff', subject: '  合作社电价 ', question: ' 经营餐馆是否改类？ ', caseId: CASE })).toEqual({
      ok: true, body: { topic: 'tariff', subject: '合作社电价', question: '经营餐馆是否改类？', caseId: CASE },
    });
    expect(checkAsk({ topic: 'other', subject: '问题', question: '这是一个问题', caseId: null })).toEqual({ ok: true, body: { topic: 'other', subject: '问题', question: '这是一个问题' } });
  });

  it('names each field that the API would refuse', () => {
    const r = checkAsk({ topic: 'weather', subject: '问', question: '太短', caseId: 'not-a-uuid' });
    expect(r).toEqual({
      ok: false,
      errors: {
        topic: { key: 'content.v.choose' },
        subject: { key: 'content.v.min', params: { min: 2 } },
        question: { key: 'content.v.min', params: { min: 5 } },
        caseId: { key: 'content.v.caseId' },
      },
    });
    expect(checkAsk({ topic: 'tariff', subject: '   ', question: 'x'.repeat(4001) })).toMatchObject({
      ok: false, errors: { subject: { key: 'content.v.required' }, question: { key: 'content.v.max', params: { max: 4000 } } },
    });
    expect(checkAsk({ topic: 'tariff', subject: '电价\u0000问题', question: '正常的问题内容' })).toMatchObject({ ok: false, errors: { subject: { key: 'content.v.control' } } });
  });

  it('offers every topic the API knows', () => {
    expect(TOPICS).toEqual(['tariff', 'penalty', 'theft', 'metering', 'business_expansion', 'procedure', 'system', 'other']);
  });
});

describe('feedback (意见反馈)', () => {
  it('sends category, text, case and app version', () => {
    expect(checkFeedback({ category: 'bug', text: ' 拍照后闪退 ', caseId: CASE.toUpperCase(), appVersion: '0.1.0' })).toEqual({
      ok: true, body: { category: 'bug', text: '拍照后闪退', caseId: CASE, appVersion: '0.1.0' },
    });
  });

  it('refuses an empty or unknown one', () => {
    expect(checkFeedback({ category: '', text: ' ' })).toEqual({ ok: false, errors: { category: { key: 'content.v.choose' }, text: { key: 'content.v.required' } } });
    expect(checkFeedback({ category: 'other', text: '好' })).toEqual({ ok: false, errors: { text: { key: 'content.v.min', params: { min: 2 } } } });
  });
});

describe('announcements', () => {
  const a = (id: string, pinned: boolean, publishedAt: string): Announcement => ({ id, orgUnitId: null, title: id, body: '', pinned, publishedAt, expiresAt: null, createdBy: 'admin' });
  it('come pinned first, then newest first', () => {
    const list = [a('old', false, '2026-01-01T00:00:00Z'), a('pin-old', true, '2025-01-01T00:00:00Z'), a('new', false, '2026-06-01T00:00:00Z'), a('pin-new', true, '2026-02-01T00:00:00Z')];
    expect(orderAnnouncements(list).map((x) => x.id)).toEqual(['pin-new', 'pin-old', 'new', 'old']);
  });
});

// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { renderWithAdmin } from '../../../test/renderWithAdmin';
import { event, eventsToVerification } from '../../../test/fixtures';
import { CaseTimeline } from './CaseTimeline';
import { describeEvent, stageProgress } from './caseTimelineModel';
import { i18nProvider } from '../../../i18n/i18nProvider';

describe('stageProgress', () => {
  it('marks stages done, current and pending with their first entry times', () => {
    const steps = stageProgress(eventsToVerification, 'verification');
    expect(steps.map((s) => [s.stage, s.status])).toEqual([
      ['judgement', 'done'],
      ['field_evidence', 'done'],
      ['rectification', 'done'],
      ['verification', 'current'],
      ['assessment', 'pending'],
      ['closed', 'pending'],
    ]);
    expect(steps[1]!.enteredAt).toBe(eventsToVerification[2]!.occurredAt);
    expect(steps[2]!.enteredAt).toBe(eventsToVerification[5]!.occurredAt);
  });

  it('counts a second rectification round and shows an early end instead of "closed"', () => {
    const events = [
      ...eventsToVerification,
      event(10, 'verified', 'rectification', { round: 1, outcome: 'reject', reason: '未追回' }, 'supervisor'),
      event(11, 'dismissed', 'dismissed', { reason: '重复工单' }, 'supervisor'),
    ];
    const steps = stageProgress(events, 'dismissed');
    expect(steps.map((s) => s.stage)).toEqual(['judgement', 'field_evidence', 'rectification', 'verification', 'assessment', 'dismissed']);
    expect(steps.find((s) => s.stage === 'rectification')!.entries).toBe(2);
    expect(steps.find((s) => s.stage === 'assessment')!.status).toBe('skipped');
    expect(steps.find((s) => s.stage === 'dismissed')!.status).toBe('done');
  });

  it('says what an event did from its payload', () => {
    const t = i18nProvider.translate;
    expect(describeEvent(eventsToVerification[6]!, t)).toBe('责任人 lead；2 项整改措施；应追补及违约金合计 ¥3,000.00');
    expect(describeEvent(event(1, 'escalated', 'rectification', { tier: 2 }), t)).toBe('二级督办');
    expect(describeEvent(event(1, 'verified', 'rectification', { round: 1, outcome: 'reject', reason: '未追回' }), t)).toBe(
      '第 1 轮；退回整改；未追回',
    );
  });

  it('says when findings put the visit on review (疑似虚假工单) and what the review decided', () => {
    const t = i18nProvider.translate;
    expect(describeEvent(event(6, 'findings_submitted', 'rectification', { result: 'confirmed', problemType: 'wrong_tariff', summary: '实为餐馆', presence: { weak: true, confidence: 0.0168 } }), t))
      .toBe('问题属实；电价错误 / 改类；实为餐馆；现场取证存疑，转稽查专责核实（可信度 2%）');
    expect(describeEvent(event(7, 'review_decided', 'field_evidence', { decision: 'return', note: '签到位置不可信', reasons: ['checkin.outside'] }), t)).toBe('退回现场取证；签到位置不可信');
    expect(describeEvent(event(7, 'review_decided', 'rectification', { decision: 'clear', note: '已电话核实' }), t)).toBe('核实通过；已电话核实');
    expect(t('resources.cases.enums.eventType.review_decided')).toBe('核实裁定');
  });

  it('shows the score recorded in the case log, and why a second case was opened deliberately', () => {
    const t = i18nProvider.translate;
    const lines = [{ party: { kind: 'person', id: 'inspector' }, item: 'confirmed', points: 10, reason: '问题属实' }, { party: { kind: 'unit', id: 'HB.XN.XA.WQ' }, item: 'recovered', points: 2.5, reason: '追回' }];
    expect(describeEvent(event(13, 'scored', 'assessment', { ruleSetVersion: 'assessment-2026.1', lines, total: 12.5 }), t)).toBe('考核得分 12.5；2 项评分；考核规则 assessment-2026.1');
    expect(t('resources.cases.enums.eventType.scored')).toBe('考核评分');
    expect(describeEvent(event(1, 'opened', 'judgement', { origin: 'custom', note: null, duplicateReason: '另有一处表计' }), t)).toBe('自定义稽查；重复立案原因：另有一处表计');
  });
});

describe('<CaseTimeline>', () => {
  it('renders every log row in seq order with its Chinese label, actor and summary', () => {
    renderWithAdmin(<CaseTimeline events={[...eventsToVerification].reverse()} currentStage="verification" />);
    const rows = screen.getAllByTestId('timeline-event');
    expect(rows.map((r) => r.dataset.eventType)).toEqual(eventsToVerification.map((e) => e.type));
    expect(within(rows[0]!).getByText('创建工单')).toBeTruthy();
    expect(within(rows[0]!).getByText(/supervisor/)).toBeTruthy();
    expect(within(rows[4]!).getByText('距客户 35 米；范围内')).toBeTruthy();
    expect(within(rows[7]!).getByText('升级督办', { selector: 'p' })).toBeTruthy();
    expect(within(rows[1]!).getByText(/系统$/)).toBeTruthy(); // no actor → 系统
  });

  it('shows the stage path with the current stage active', () => {
    renderWithAdmin(<CaseTimeline events={eventsToVerification} currentStage="verification" />);
    const progress = screen.getByTestId('stage-progress');
    const steps = progress.querySelectorAll<HTMLElement>('[data-stage]');
    expect([...steps].map((s) => `${s.dataset.stage}:${s.dataset.status}`)).toEqual([
      'judgement:done',
      'field_evidence:done',
      'rectification:done',
      'verification:current',
      'assessment:pending',
      'closed:pending',
    ]);
    expect(within(progress).getByText('复核')).toBeTruthy();
  });

  it('has an empty state', () => {
    renderWithAdmin(<CaseTimeline events={[]} currentStage="judgement" />);
    expect(screen.getByTestId('empty-state').textContent).toBe('暂无日志');
  });
});

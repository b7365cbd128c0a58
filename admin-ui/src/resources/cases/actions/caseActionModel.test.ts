import { describe, expect, it } from 'vitest';
import { liveState } from '../../../test/fixtures';
import { availableActionDialogs, toActionRequest } from './caseActionModel';

describe('availableActionDialogs', () => {
  const fieldOffered = liveState({ stage: 'field_evidence', assignment: 'offered' });

  it('offers each role its steps at field evidence', () => {
    expect(availableActionDialogs(['supervisor'], fieldOffered)).toEqual(['assign', 'reassign', 'dismiss', 'cancel', 'note']);
    expect(availableActionDialogs(['station_lead'], fieldOffered)).toEqual(['assign', 'reassign', 'note']);
    expect(availableActionDialogs(['manager'], fieldOffered)).toEqual(['cancel', 'note']);
    expect(availableActionDialogs(['inspector'], fieldOffered)).toEqual(['note']);
    expect(availableActionDialogs(['admin'], fieldOffered)).toEqual([]);
  });

  it('offers verification only at the verification stage, and assign only before acceptance', () => {
    expect(availableActionDialogs(['supervisor'], liveState({ stage: 'verification' }))).toEqual([
      'verify-pass',
      'verify-reject',
      'dismiss',
      'cancel',
      'note',
    ]);
    expect(availableActionDialogs(['supervisor'], liveState({ assignment: 'accepted' }))).not.toContain('assign');
  });

  it('offers the rectification order to the station lead at rectification, then its report, then nothing', () => {
    const order = { owner: 'lead', actions: [], computations: [], issuedAt: '2026-04-12T00:00:00Z', issuedBy: 'lead', round: 1, report: null };
    expect(availableActionDialogs(['station_lead'], liveState({ stage: 'rectification' }))).toEqual(['reassign', 'rectification', 'note']);
    expect(availableActionDialogs(['station_lead'], liveState({ stage: 'rectification', rectification: order }))).toEqual(['reassign', 'rectification-report', 'note']);
    const reported = { ...order, report: { summary: '已改类', at: '2026-04-13T00:00:00Z', by: 'lead', lateDays: 0 } };
    expect(availableActionDialogs(['supervisor'], liveState({ stage: 'rectification', rectification: reported }))).not.toContain('rectification-report');
    // a visit on review (疑似虚假工单) holds the order until it is decided
    const review = { status: 'pending', reasons: [], openedAt: '2026-04-12T00:00:00Z' } as never;
    expect(availableActionDialogs(['station_lead'], liveState({ stage: 'rectification', review }))).not.toContain('rectification');
    expect(availableActionDialogs(['inspector', 'manager'], liveState({ stage: 'rectification' }))).not.toContain('rectification');
  });

  it('offers nothing on an ended or not yet recorded case', () => {
    expect(availableActionDialogs(['supervisor'], liveState({ stage: 'closed' }))).toEqual([]);
    expect(availableActionDialogs(['supervisor'], liveState({ recorded: false }))).toEqual([]);
    expect(availableActionDialogs(['supervisor'], null)).toEqual([]);
  });
});

describe('toActionRequest', () => {
  it('builds each step body, trimmed, optional fields left out when blank', () => {
    expect(toActionRequest('assign', { inspector: ' inspector2 ' })).toEqual({ action: 'assign', body: { inspector: 'inspector2' } });
    expect(toActionRequest('reassign', { to: 'lead2' })).toEqual({ action: 'reassign', body: { to: 'lead2' } });
    expect(toActionRequest('dismiss', { reason: ' 重复工单 ' })).toEqual({ action: 'dismiss', body: { reason: '重复工单' } });
    expect(toActionRequest('note', { text: '已电话联系' })).toEqual({ action: 'note', body: { text: '已电话联系' } });
    expect(toActionRequest('verify-pass', { reason: '  ' })).toEqual({ action: 'verify', body: { outcome: 'pass' } });
    expect(toActionRequest('verify-pass', { confirmCollectedYuan: ' 500.5 ' })).toEqual({ action: 'verify', body: { outcome: 'pass', confirmCollectedYuan: 500.5 } });
    expect(toActionRequest('verify-pass', { confirmCollectedYuan: 'abc' }).body).toEqual({ outcome: 'pass' });
    expect(toActionRequest('verify-reject', { reason: '未追回违约金', newDeadlineWorkingDays: '5' })).toEqual({
      action: 'verify',
      body: { outcome: 'reject', reason: '未追回违约金', newDeadlineWorkingDays: 5 },
    });
    expect(toActionRequest('verify-reject', { reason: 'x', newDeadlineWorkingDays: 'abc' }).body).toEqual({ outcome: 'reject', reason: 'x' });
  });
});

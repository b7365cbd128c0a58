import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../outbox';
import { translate } from '../../i18n';
import {
  checkInStatus, emptyDraft, evidenceState, findingsBody, hasErrors, justificationRequired, photoStatus, validateFindings, type EvidenceState, type FindingsDraft,
} from './findingsForm';
import type { TaskDetail } from '../tasks/types';

let seq = 0;
function item(p: Partial<OutboxItem>): OutboxItem {
  seq += 1;
  return { id: `k-${seq}`, key: `k-${seq}`, seq, caseId: 'c1', type: 'step', status: 'queued', attempts: 0, createdAt: '2026-03-10T02:00:00Z', ...p } as OutboxItem;
}
const photo = (evidenceId: string, status: 'pending' | 'confirmed' | 'rejected' = 'confirmed'): TaskDetail['evidence'][number] => ({
  evidenceId, kind: 'photo', sizeBytes: 1000, capturedAt: '2026-03-10T02:00:00Z', by: 'inspector', status,
});
const checkIn = (insideGeofence: boolean, distanceM: number | null, deviceTime = '2026-03-10T02:00:00.000Z'): TaskDetail['checkIns'][number] => ({
  lat: 30, lon: 114, accuracyM: 8, deviceTime, at: deviceTime, distanceM, insideGeofence,
});
const base = { minVerifiedPhotos: 2, radiusM: 200 };

describe('evidence rule (as the workflow\'s submitFindings validator)', () => {
  it('is complete with enough verified photos and one check-in inside the geofence', () => {
    const e = evidenceState({ ...base, evidence: [photo('a'), photo('b')], checkIns: [checkIn(false, 900), checkIn(true, 12)], outbox: [] });
    expect(e.state).toBe('complete');
    expect(justificationRequired(e)).toBe(false);
    expect(e.checkIn.bestDistanceM).toBe(12);
  });

  it('is short with too few verified photos (unverified and other kinds do not count)', () => {
    const e = evidenceState({
      ...base,
      evidence: [photo('a'), photo('b', 'pending'), photo('c', 'rejected'), { ...photo('d'), kind: 'video' }],
      checkIns: [checkIn(true, 5)],
      outbox: [],
    });
    expect(e.state).toBe('short');
    expect(e.photos).toEqual({ verified: 1, pending: 0, need: 2 });
    expect(justificationRequired(e)).toBe(true);
    expect(translate('zh-CN', photoStatus(e).key, photoStatus(e).params)).toBe('已核验照片 1 张，至少需要 2 张');
  });

  it('is short when no check-in lies inside the geofence, naming the nearest distance', () => {
    const e = evidenceState({ ...base, evidence: [photo('a'), photo('b')], checkIns: [checkIn(false, 450), checkIn(false, 320)], outbox: [] });
    expect(e.state).toBe('short');
    const s = checkInStatus(e);
    expect(translate('zh-CN', s.key, s.params)).toBe('签到位置距客户 320 米，超出 200 米范围');
    const none = evidenceState({ ...base, evidence: [photo('a'), photo('b')], checkIns: [], outbox: [] });
    expect(checkInStatus(none).key).toBe('findings.evidence.noCheckIn');
  });

  it('says why a check-in near the customer does not count: a fix wider than the fence, or the device clock off', () => {
    // 15 m from the customer with ±250 m: the server cannot place it inside the 200 m fence (distance + accuracy)
    const wide = { ...checkIn(false, 15), accuracyM: 250 };
    const e = evidenceState({ ...base, evidence: [photo('a'), photo('b')], checkIns: [checkIn(false, 900), wide], outbox: [] });
    expect(e.state).toBe('short');
    expect(e.checkIn.best).toEqual({ distanceM: 15, accuracyM: 250 });
    const s = checkInStatus(e);
    expect(translate('zh-CN', s.key, s.params)).toBe('签到定位精度 250 米，无法证明在 200 米范围内');
    expect(translate('en', s.key, s.params)).toBe('the check-in\'s accuracy of 250 m cannot show it lies within 200 m');
    // near and precise, refused for the clock: the skew is named
    const skewed = { ...checkIn(false, 20), accuracyM: 10, clockSkewS: -900 };
    const c = checkInStatus(evidenceState({ ...base, evidence: [], checkIns: [skewed], outbox: [] }));
    expect(translate('zh-CN', c.key, c.params)).toBe('签到时终端时钟与服务器相差 900 秒，签到不予认可（请校准手机时间后重新签到）');
  });

  it('is pending while queued photos and check-ins could still complete it, so a justification is asked for', () => {
    const e = evidenceState({
      ...base,
      evidence: [photo('a')],
      checkIns: [],
      outbox: [
        item({ type: 'evidence', evidenceKind: 'photo', status: 'sending', progress: 0.4 }),
        item({ type: 'step', action: 'check-in', status: 'queued' }),
        // A signature is not a photo, and a refused upload will never count.
        item({ type: 'evidence', evidenceKind: 'signature', status: 'queued' }),
        item({ type: 'evidence', evidenceKind: 'photo', status: 'conflict' }),
      ],
    });
    expect(e.state).toBe('pending');
    expect(e.photos).toEqual({ verified: 1, pending: 1, need: 2 });
    expect(e.checkIn.pending).toBe(1);
    expect(justificationRequired(e)).toBe(true);
  });

  it('stays short when even the queued items cannot reach the minimum', () => {
    const e = evidenceState({ ...base, evidence: [], checkIns: [], outbox: [item({ type: 'evidence', evidenceKind: 'photo' }), item({ type: 'step', action: 'check-in' })] });
    expect(e.state).toBe('short');
  });

  it('counts answers that came back through the outbox once, also when the reloaded task lists them too', () => {
    const answer = { ...checkIn(true, 30, '2026-03-10T02:05:00.000Z') };
    const outbox = [
      item({ type: 'evidence', evidenceKind: 'photo', status: 'done', result: { evidenceId: 'a' } }),
      item({ type: 'evidence', evidenceKind: 'photo', status: 'done', result: { evidenceId: 'b' } }),
      item({ type: 'step', action: 'check-in', status: 'done', result: answer }),
    ];
    const before = evidenceState({ ...base, evidence: [], checkIns: [], outbox });
    expect(before.state).toBe('complete');
    expect(before.photos.verified).toBe(2);
    const after = evidenceState({ ...base, evidence: [photo('a'), photo('b')], checkIns: [answer], outbox });
    expect(after.photos.verified).toBe(2);
    expect(after.checkIn.count).toBe(1);
    // An answer outside the fence does not complete it.
    const outside = evidenceState({ ...base, evidence: [photo('a'), photo('b')], checkIns: [], outbox: [item({ type: 'step', action: 'check-in', status: 'done', result: checkIn(false, 800) })] });
    expect(outside.state).toBe('short');
  });

  it('follows the policy\'s minimum (0 photos: a check-in inside is enough)', () => {
    expect(evidenceState({ minVerifiedPhotos: 0, radiusM: 100, evidence: [], checkIns: [checkIn(true, 3)], outbox: [] }).state).toBe('complete');
  });
});

const items = [{ code: 'tariff' }, { code: 'meter' }];
const complete: EvidenceState = { state: 'complete', photos: { verified: 2, pending: 0, need: 2 }, checkIn: { inside: true, pending: 0, bestDistanceM: 5, count: 1, best: { distanceM: 5, accuracyM: 8 } }, radiusM: 200 };
const short: EvidenceState = { ...complete, state: 'short', photos: { verified: 0, pending: 0, need: 2 } };
const pending: EvidenceState = { ...complete, state: 'pending', checkIn: { inside: false, pending: 1, bestDistanceM: null, count: 0, best: null } };
const REFUSED = '（客户拒绝在用电检查工作单上签字）';
const good = (p: Partial<FindingsDraft> = {}): FindingsDraft => ({
  ...emptyDraft(),
  result: 'confirmed',
  problemType: 'wrong_tariff',
  checklist: { tariff: { answer: 'fail', note: '实为餐馆' }, meter: { answer: 'pass', note: '' } },
  summary: '现场为餐馆，用电性质与档案不符',
  ...p,
});

describe('findings form validation', () => {
  it('accepts a complete form with complete evidence and a signature', () => {
    expect(validateFindings(good(), items, complete, { signed: true, refusedText: REFUSED })).toEqual({});
  });

  it('names every missing part of an empty form', () => {
    const e = validateFindings(emptyDraft(), items, complete, { signed: false, refusedText: REFUSED });
    expect(e.result?.key).toBe('findings.error.result');
    expect(e.checklist).toEqual({ key: 'findings.error.checklist', params: { n: 2 } });
    expect(Object.keys(e.items ?? {})).toEqual(['tariff', 'meter']);
    expect(e.summary?.key).toBe('form.required');
    expect(e.signature?.key).toBe('findings.error.signature');
    expect(e.justification).toBeUndefined();
    expect(translate('zh-CN', e.checklist!.key, e.checklist!.params)).toBe('还有 2 项必查项目未填写');
  });

  it('needs a problem type only for a confirmed problem', () => {
    expect(validateFindings(good({ problemType: '' }), items, complete, { signed: true, refusedText: REFUSED }).problemType?.key).toBe('findings.error.problemType');
    expect(validateFindings(good({ result: 'not_confirmed', problemType: '' }), items, complete, { signed: true, refusedText: REFUSED })).toEqual({});
  });

  it('applies the workflow\'s lengths: summary 2–2000 (trimmed), justification at least 5, notes at most 500', () => {
    expect(validateFindings(good({ summary: ' 好 ' }), items, complete, { signed: true, refusedText: REFUSED }).summary).toEqual({ key: 'form.tooShort', params: { min: 2 } });
    expect(validateFindings(good({ summary: 'x'.repeat(2001) }), items, complete, { signed: true, refusedText: REFUSED }).summary?.key).toBe('form.tooLong');
    expect(validateFindings(good({ justification: '太短' }), items, complete, { signed: true, refusedText: REFUSED }).justification).toEqual({ key: 'form.tooShort', params: { min: 5 } });
    const long = validateFindings(good({ checklist: { tariff: { answer: 'fail', note: 'x'.repeat(501) }, meter: { answer: 'pass', note: '' } } }), items, complete, { signed: true, refusedText: REFUSED });
    expect(long.items?.tariff?.key).toBe('form.tooLong');
    expect(long.checklist).toBeUndefined();
  });

  it('requires a justification when evidence falls short, or may (pending), with different words', () => {
    const s = validateFindings(good(), items, short, { signed: true, refusedText: REFUSED });
    expect(s.justification).toEqual({ key: 'findings.error.justification', params: { min: 5 } });
    const p = validateFindings(good(), items, pending, { signed: true, refusedText: REFUSED });
    expect(p.justification?.key).toBe('findings.error.justificationPending');
    expect(validateFindings(good({ justification: '客户拒绝拍照，已录音' }), items, short, { signed: true, refusedText: REFUSED })).toEqual({});
  });

  it('refuses control characters a paste may carry', () => {
    expect(validateFindings(good({ summary: '现场\u0000情况' }), items, complete, { signed: true, refusedText: REFUSED }).summary?.key).toBe('form.hostile');
  });

  it('takes a recorded refusal to sign instead of a signature, and counts its line in the summary\'s length', () => {
    expect(validateFindings(good({ signatureRefused: true }), items, complete, { signed: false, refusedText: REFUSED })).toEqual({});
    const nearFull = good({ signatureRefused: true, summary: 'x'.repeat(1995) });
    expect(validateFindings(nearFull, items, complete, { signed: false, refusedText: REFUSED }).summary?.key).toBe('form.tooLong');
  });
});

describe('findings body', () => {
  it('is exactly what FindingsInput takes', () => {
    expect(findingsBody(good({ justification: '  ' }), items, REFUSED)).toEqual({
      result: 'confirmed',
      problemType: 'wrong_tariff',
      checklist: [{ code: 'tariff', passed: false, note: '实为餐馆' }, { code: 'meter', passed: true }],
      summary: '现场为餐馆，用电性质与档案不符',
    });
  });

  it('drops the problem type when not confirmed, keeps a justification, and records a refusal to sign', () => {
    const b = findingsBody(good({ result: 'not_confirmed', justification: ' 地下室无 GPS 信号 ', signatureRefused: true }), items, REFUSED);
    expect(b).not.toHaveProperty('problemType');
    expect(b.justification).toBe('地下室无 GPS 信号');
    expect(b.summary).toBe(`现场为餐馆，用电性质与档案不符\n${REFUSED}`);
  });

  it('is not built from a form without a result', () => {
    expect(() => findingsBody(emptyDraft(), items, REFUSED)).toThrow();
    expect(hasErrors(validateFindings(emptyDraft(), [], complete, { signed: true, refusedText: REFUSED }))).toBe(true);
  });
});

import { chinaDay, earliestEffectiveDay, isAllowedEffectiveDay } from '../../services/ruleSets/effectiveDate';
import type { RuleSetRefusal } from '../../services/ruleSets/outcome';
import { refusalProblem, ruleSetEnvelope } from '../../api/ruleSetHttp';

// The pure rules of the one rule-set lifecycle (services/ruleSets/): the effective-date rule and how refusals answer.

describe('effective dates (China calendar)', () => {
  test('the day of an instant is its day in Asia/Shanghai; a day stays a day', () => {
    expect(chinaDay('2026-11-27T15:59:59.999Z')).toBe('2026-11-27');
    expect(chinaDay('2026-11-27T16:00:00Z')).toBe('2026-11-28');
    expect(chinaDay(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
    expect(chinaDay('2026-02-28')).toBe('2026-02-28');
    expect(() => chinaDay('yesterday')).toThrow(RangeError);
  });

  test('today or later: today is allowed, yesterday is not — at the edges of the China day', () => {
    const lateEvening = new Date('2026-11-27T15:59:00Z'); // 23:59 on the 27th in Beijing, still the 27th
    const afterMidnight = new Date('2026-11-27T16:01:00Z'); // 00:01 on the 28th in Beijing, still the 27th in UTC
    expect(earliestEffectiveDay(lateEvening)).toBe('2026-11-27');
    expect(earliestEffectiveDay(afterMidnight)).toBe('2026-11-28');
    expect(isAllowedEffectiveDay('2026-11-27', lateEvening)).toBe(true);
    expect(isAllowedEffectiveDay('2026-11-26', lateEvening)).toBe(false);
    expect(isAllowedEffectiveDay('2026-11-27', afterMidnight)).toBe(false);
    expect(isAllowedEffectiveDay('2026-11-28', afterMidnight)).toBe(true);
    expect(isAllowedEffectiveDay('2999-01-01', afterMidnight)).toBe(true);
  });
});

describe('refusals answer alike for every kind', () => {
  const cases: [RuleSetRefusal, number, string, string[], string][] = [
    [{ reason: 'missing', version: 'v9' }, 404, 'urn:jicha:rule-set:missing', [], 'v9'],
    [{ reason: 'version_taken', version: 'v1' }, 409, 'urn:jicha:rule-set:version-taken', ['version'], 'v1'],
    [{ reason: 'published', version: 'v1' }, 409, 'urn:jicha:rule-set:published', [], 'v1'],
    [{ reason: 'date_not_allowed', version: 'v1', effectiveFrom: '2026-11-26', earliest: '2026-11-27' }, 422, 'urn:jicha:rule-set:date-not-allowed', ['effectiveFrom'], '2026-11-27'],
    [{ reason: 'date_taken', version: 'v2', effectiveFrom: '2026-12-01', takenBy: 'v1' }, 409, 'urn:jicha:rule-set:date-taken', ['effectiveFrom'], 'v1'],
  ];
  test.each(cases)('%j → %i %s', (refusal, status, type, paths, mentions) => {
    const p = refusalProblem('penalty', refusal);
    expect({ status: p.status, type: p.type, paths: (p.errors ?? []).map((e) => e.path) }).toEqual({ status, type, paths });
    expect(p.code).toBe(type.replace('urn:jicha:', '').replace(':', '.'));
    expect(p.detail).toContain(mentions);
    expect(refusalProblem('penalty', refusal, 'en').detail).toContain(mentions);
  });

  test('the date refusal names the earliest day on the field', () => {
    const p = refusalProblem('assessment', { reason: 'date_not_allowed', version: 'v1', effectiveFrom: '2026-11-26', earliest: '2026-11-27' });
    expect(p.errors).toEqual([{ path: 'effectiveFrom', message: 'must be 2026-11-27 or later' }]);
  });
});

test('every kind\'s record carries the same envelope; `active` and `inForce` agree', () => {
  const view = {
    version: 'v1', status: 'published' as const, effectiveFrom: '2026-12-01', createdBy: 'manager', createdAt: '2026-11-01T00:00:00.000Z', updatedBy: 'manager',
    updatedAt: '2026-11-02T00:00:00.000Z', publishedBy: 'manager', publishedAt: '2026-11-03T00:00:00.000Z', document: { anything: true }, inForce: true,
  };
  const { document: _d, inForce: _i, ...meta } = view;
  expect(ruleSetEnvelope(view)).toEqual({ id: 'v1', ...meta, active: true, inForce: true });
});

import { observedClockSkew } from '../../services/cases/caseSteps';

// X-Device-Time: the terminal's clock as it sent the request, against the server's at arrival.
describe('observedClockSkew', () => {
  const now = Date.parse('2026-12-04T05:00:00Z');
  test('seconds the device clock is ahead (positive) or behind (negative)', () => {
    expect(observedClockSkew('2026-12-04T05:02:00Z', now)).toBe(120);
    expect(observedClockSkew('2026-12-04T13:00:00+08:00', now)).toBe(0);
    expect(observedClockSkew('2026-12-04T04:00:00.400Z', now)).toBe(-3600);
  });
  test('no header or an unreadable one: nothing measured, the check-in is judged by its own device time', () => {
    expect(observedClockSkew(undefined, now)).toBeNull();
    expect(observedClockSkew('', now)).toBeNull();
    expect(observedClockSkew('yesterday-ish', now)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { BACKOFF, backoffMs, parseRetryAfter } from './backoff';

describe('backoffMs', () => {
  it('doubles per failed try, between half and the whole nominal delay', () => {
    expect(backoffMs(1, () => 0)).toBe(1_000);
    expect(backoffMs(1, () => 0.999999)).toBe(2_000);
    expect(backoffMs(2, () => 0)).toBe(2_000);
    expect(backoffMs(3, () => 0.5)).toBe(6_000);
    expect(backoffMs(5, () => 0)).toBe(16_000);
  });
  it('is capped', () => {
    expect(backoffMs(40, () => 1)).toBe(BACKOFF.capMs);
    expect(backoffMs(1000, () => 0)).toBe(BACKOFF.capMs / 2);
  });
  it('spreads terminals that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffMs(4)));
    expect(delays.size).toBeGreaterThan(10);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(8_000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-02T08:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 08:01:30 GMT', now)).toBe(90_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 07:00:00 GMT', now)).toBe(0);
  });
  it('ignores what it cannot read, and caps what is absurd', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('86400', now)).toBe(BACKOFF.retryAfterCapMs);
  });
});

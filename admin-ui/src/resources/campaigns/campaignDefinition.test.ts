import { describe, expect, it } from 'vitest';
import { toDefinition } from './campaignDefinition';

describe('the create form → the campaign definition', () => {
  it('sends the minimum 预计查实率 as a share, and nothing when it is blank', () => {
    const base = { name: ' 线损专项 ', scope: ['HB.XN'], caseCap: 100 };
    expect(toDefinition({ ...base, minExpectedRatePercent: 35 })).toEqual({ name: '线损专项', scope: ['HB.XN'], caseCap: 100, minExpectedRate: 0.35 });
    expect(toDefinition({ ...base, minExpectedRatePercent: 7 }).minExpectedRate).toBe(0.07);
    expect(toDefinition({ ...base, minExpectedRatePercent: null })).not.toHaveProperty('minExpectedRate');
  });
});

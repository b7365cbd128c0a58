import { describe, expect, it } from 'vitest';
import { ACCOUNT_NO_PATTERN, toCaseCreateInput } from './caseCreateInput';
import { temporalWorkflowUrl } from './temporalLink';

describe('toCaseCreateInput', () => {
  it('keeps the three API fields, trims, and drops a blank note', () => {
    expect(
      toCaseCreateInput({ customerAccountNo: ' 4200000001 ', origin: 'special', note: '  ', extra: 1 }),
    ).toEqual({ customerAccountNo: '4200000001', origin: 'special' });
    expect(toCaseCreateInput({ customerAccountNo: '4200000001', note: null })).toEqual({
      customerAccountNo: '4200000001',
      origin: 'custom',
    });
  });

  it('sends a non-blank note', () => {
    expect(
      toCaseCreateInput({ customerAccountNo: '4200000001', origin: 'routine', note: '疑似改类' }),
    ).toEqual({ customerAccountNo: '4200000001', origin: 'routine', note: '疑似改类' });
  });

  it('account numbers are exactly 10 digits', () => {
    expect(ACCOUNT_NO_PATTERN.test('4200000001')).toBe(true);
    expect(ACCOUNT_NO_PATTERN.test('420000001')).toBe(false);
    expect(ACCOUNT_NO_PATTERN.test('42000000011')).toBe(false);
    expect(ACCOUNT_NO_PATTERN.test('42000000a1')).toBe(false);
  });
});

describe('temporalWorkflowUrl', () => {
  it('builds the Temporal UI link in namespace default', () => {
    expect(temporalWorkflowUrl('http://localhost:8233', 'case-123')).toBe(
      'http://localhost:8233/namespaces/default/workflows/case-123',
    );
    expect(temporalWorkflowUrl('http://localhost:8233/', 'a/b c')).toBe(
      'http://localhost:8233/namespaces/default/workflows/a%2Fb%20c',
    );
  });

  it('is undefined without a base URL or a workflow id', () => {
    expect(temporalWorkflowUrl(undefined, 'case-1')).toBeUndefined();
    expect(temporalWorkflowUrl('http://t', null)).toBeUndefined();
  });
});

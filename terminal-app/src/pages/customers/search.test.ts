import { describe, expect, it } from 'vitest';
import { checkQuery, isAccountNo, SEARCH_MAX } from './search';

describe('customer search query', () => {
  it('asks for at least two characters, as the API does (one Chinese character is too few)', () => {
    expect(checkQuery('')).toEqual({ ok: false, reason: 'empty' });
    expect(checkQuery('   ')).toEqual({ ok: false, reason: 'empty' });
    expect(checkQuery('路')).toEqual({ ok: false, reason: 'short' });
    expect(checkQuery(' 4 ')).toEqual({ ok: false, reason: 'short' });
    expect(checkQuery('温泉')).toEqual({ ok: true, q: '温泉', kind: 'text' });
  });

  it('trims, and treats digits as an account-number prefix', () => {
    expect(checkQuery('  42100 ')).toEqual({ ok: true, q: '42100', kind: 'account' });
    expect(checkQuery('温泉路 88')).toEqual({ ok: true, q: '温泉路 88', kind: 'text' });
  });

  it('refuses what the API would refuse: too long, control characters, lone surrogates', () => {
    expect(checkQuery('x'.repeat(SEARCH_MAX))).toMatchObject({ ok: true });
    expect(checkQuery('x'.repeat(SEARCH_MAX + 1))).toEqual({ ok: false, reason: 'long' });
    expect(checkQuery('ab\u0000c')).toEqual({ ok: false, reason: 'control' });
    expect(checkQuery('ab\u001bc')).toEqual({ ok: false, reason: 'control' });
    expect(checkQuery('ab\ud800')).toEqual({ ok: false, reason: 'control' });
    expect(checkQuery('合作社😀')).toMatchObject({ ok: true }); // a surrogate pair is a character
  });

  it('knows a whole account number', () => {
    expect(isAccountNo('4210000001')).toBe(true);
    expect(isAccountNo('421000000')).toBe(false);
    expect(isAccountNo('42100000011')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { UTF8_BOM, toCsv } from './toCsv';

describe('toCsv', () => {
  it('writes a BOM, a header and CRLF rows, quoting when needed', () => {
    const csv = toCsv(['工单编号', '备注'], [
      ['JC-1', '含,逗号'],
      ['JC-2', '含"引号"'],
      ['JC-3', null],
    ]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual(['工单编号,备注', 'JC-1,"含,逗号"', 'JC-2,"含""引号"""', 'JC-3,', '']);
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(toCsv(['a'], [['=1+1'], ['-2']]).slice(1).split('\r\n')).toEqual(['a', `"'=1+1"`, `"'-2"`, '']);
  });
});

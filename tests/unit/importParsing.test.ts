import { parseCsv, parseJsonRows, parseNdjson, UnreadableUpload } from '../../db/imports/parseRows';
import { validateRows } from '../../db/imports/importRows';
import { IMPORT_KINDS } from '../../db/imports/importKinds';

describe('CSV', () => {
  test('quoted fields with commas, doubled quotes and line breaks; rows keep the line they start on', () => {
    const text = '\ufeffa,b,c\r\n1,"x, y",3\r\n2,"he said ""hi""",4\n3,"two\nlines",5\n\n4,,6';
    const { header, rows } = parseCsv(text);
    expect(header).toEqual(['a', 'b', 'c']);
    expect(rows).toEqual([
      { line: 2, values: { a: '1', b: 'x, y', c: '3' } },
      { line: 3, values: { a: '2', b: 'he said "hi"', c: '4' } },
      { line: 4, values: { a: '3', b: 'two\nlines', c: '5' } },
      { line: 7, values: { a: '4', b: '', c: '6' } },
    ]);
  });

  test('a row with the wrong number of fields is reported, not dropped; an unclosed quote makes the file unreadable', () => {
    expect(parseCsv('a,b\n1\n1,2,3\n').rows).toEqual([
      { line: 2, error: 'expected 2 fields, found 1' },
      { line: 3, error: 'expected 2 fields, found 3' },
    ]);
    expect(() => parseCsv('a,b\n"1,2\n')).toThrow(UnreadableUpload);
    expect(() => parseCsv('')).toThrow('no header');
  });
});

test('NDJSON lines and JSON array positions', () => {
  expect(parseNdjson('{"a":1}\n\n[1]\n{oops\n')).toEqual([
    { line: 1, values: { a: 1 } }, { line: 3, error: 'must be a JSON object' }, { line: 4, error: 'not valid JSON' },
  ]);
  expect(parseJsonRows([{ a: 1 }, 'x'])).toEqual([{ line: 1, values: { a: 1 } }, { line: 2, error: 'must be a JSON object' }]);
  expect(parseJsonRows({ rows: [{ a: 1 }] })).toEqual([{ line: 1, values: { a: 1 } }]);
  expect(() => parseJsonRows({ a: 1 })).toThrow(UnreadableUpload);
});

test('row validation: every problem of a row named by field; a repeated key is a duplicate of its first line', () => {
  const kind = IMPORT_KINDS['monthly-consumption'];
  const { valid, rejected } = validateRows(kind, [
    { line: 2, values: { account_no: '4210000001', month: '2026-01', kwh: '10.5', amount_yuan: '5.86', tariff_category: 'residential' } },
    { line: 3, values: { account_no: '42', month: '2026-1', kwh: '1.234', amount_yuan: '-1', tariff_category: 'residential' } },
    { line: 4, values: { account_no: '4210000001', month: '2026-01', kwh: '11', amount_yuan: '6', tariff_category: 'residential' } },
    { line: 5, error: 'expected 5 fields, found 4' },
  ], { name: 'monthly-consumption', lang: 'en' });
  expect(valid).toEqual([{ line: 2, row: { account_no: '4210000001', month: '2026-01-01', kwh: 10.5, amount_yuan: 5.86, tariff_category: 'residential' } }]);
  expect(rejected).toEqual([
    { line: 3, errors: [
      { field: 'account_no', message: 'must be a 10-digit account number (户号)' },
      { field: 'month', message: 'must be a month YYYY-MM' },
      { field: 'kwh', message: 'must be a number with at most 2 decimals' },
      { field: 'amount_yuan', message: 'must not be negative' },
    ] },
    { line: 4, errors: [{ field: 'account_no+month', message: 'duplicate of line 2' }] },
    { line: 5, errors: [{ field: '(row)', message: 'expected 5 fields, found 4' }] },
  ]);
});

test('meter events: the same instant written two ways is one key', () => {
  const { rejected } = validateRows(IMPORT_KINDS['meter-events'], [
    { line: 2, values: { account_no: '4210000001', occurred_at: '2026-04-01T08:00:00+08:00', kind: 'tamper' } },
    { line: 3, values: { account_no: '4210000001', occurred_at: '2026-04-01T00:00:00Z', kind: 'tamper' } },
  ], { name: 'meter-events', lang: 'en' });
  expect(rejected).toEqual([{ line: 3, errors: [{ field: 'account_no+occurred_at+kind', message: 'duplicate of line 2' }] }]);
});

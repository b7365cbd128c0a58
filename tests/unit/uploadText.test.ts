import { charsetOf, decodeUpload, EncodingRefusal, UploadDecoder } from '../../services/imports/uploadText';
import { CsvRows, parseCsv, type ParsedRow } from '../../db/imports/parseRows';
import { RejectionLog, rejectionFields } from '../../domain/importReport';
import { toGbk } from '../support/gbk';

// Upload bytes → text chunk by chunk (services/imports/uploadText.ts): a character cut by a chunk's end must come out
// whole, whichever encoding, wherever the cut; and the CSV reader must read the same records wherever the text is cut.

/** The text decoded from `bytes` cut at every position in turn (two chunks), and cut into single bytes. */
function decodedEveryWay(bytes: Uint8Array, charset?: string): { texts: Set<string>; encodings: Set<string> } {
  const texts = new Set<string>();
  const encodings = new Set<string>();
  const run = (chunks: Uint8Array[]) => {
    const d = new UploadDecoder(charset);
    texts.add(chunks.map((c) => d.write(c)).join('') + d.end());
    encodings.add(d.encoding!);
  };
  for (let cut = 0; cut <= bytes.length; cut += 1) run([bytes.subarray(0, cut), bytes.subarray(cut)]);
  run([...bytes].map((b) => Uint8Array.of(b)));
  return { texts, encodings };
}

const TEXT = '户号,户名,地址\r\n4210000001,王建国,咸宁市咸安区温泉路 1 号\r\n4210000002,"李""秀英",鄂州 €\r\n';

test('UTF-8 without a BOM: the same text wherever the chunks are cut', () => {
  expect(decodedEveryWay(Buffer.from(TEXT, 'utf8'))).toEqual({ texts: new Set([TEXT]), encodings: new Set(['utf-8']) });
  const astral = 'a𠀀b,😀\n'; // 4-byte sequences
  expect(decodedEveryWay(Buffer.from(astral, 'utf8'))).toEqual({ texts: new Set([astral]), encodings: new Set(['utf-8']) });
});

test('UTF-8 with a BOM, UTF-16 LE and BE with a BOM: the BOM dropped, the text whole', () => {
  expect(decodedEveryWay(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]))).toEqual({ texts: new Set([TEXT]), encodings: new Set(['utf-8']) });
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
  expect(decodedEveryWay(le)).toEqual({ texts: new Set([TEXT]), encodings: new Set(['utf-16le']) });
  const be = Buffer.from(le.subarray(2));
  be.swap16();
  expect(decodedEveryWay(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual({ texts: new Set([TEXT]), encodings: new Set(['utf-16be']) });
});

test('GBK without a charset is read as GB18030 wherever the chunks are cut, an ASCII start included', () => {
  const gbk = toGbk(TEXT.replace('€', '鱼'));
  expect(decodedEveryWay(gbk)).toEqual({ texts: new Set([TEXT.replace('€', '鱼')]), encodings: new Set(['gb18030']) });
  // English headers first: UTF-8 until the first Chinese byte, which turns the rest (and nothing before) to GB18030.
  const asciiFirst = 'account_no,name\n4210000001,王建国\n';
  expect(decodedEveryWay(toGbk(asciiFirst))).toEqual({ texts: new Set([asciiFirst]), encodings: new Set(['gb18030']) });
  // A four-byte GB18030 code (𠀀 = 95 32 82 36) cut anywhere, after Chinese in two-byte codes.
  const four = Buffer.concat([toGbk('户名,'), Buffer.from([0x95, 0x32, 0x82, 0x36]), toGbk('\n')]);
  expect(decodedEveryWay(four)).toEqual({ texts: new Set(['户名,𠀀\n']), encodings: new Set(['gb18030']) });
});

test('an explicit charset is honoured (gbk, gb18030, utf-8) and a charset the bytes break is refused, not guessed', () => {
  expect(decodedEveryWay(toGbk(TEXT.replace('€', '鱼')), 'gbk').texts).toEqual(new Set([TEXT.replace('€', '鱼')]));
  expect(decodedEveryWay(toGbk('王建国'), 'gb18030')).toEqual({ texts: new Set(['王建国']), encodings: new Set(['gb18030']) });
  expect(() => decodeUpload(toGbk('王建国'), 'utf-8')).toThrow(expect.objectContaining({ code: 'import.encoding.invalid', params: { charset: 'utf-8' } }));
  expect(() => new UploadDecoder('klingon')).toThrow(expect.objectContaining({ code: 'import.encoding.unsupported', params: { charset: 'klingon' } }));
  expect(charsetOf('text/csv; charset="GB18030"')).toBe('gb18030');
  expect(charsetOf('text/csv;charset=utf-8; header=present')).toBe('utf-8');
  expect(charsetOf('text/csv')).toBeUndefined();
});

test('bytes neither UTF-8 nor GB18030 are refused; so is UTF-8 Chinese followed by bytes that are not', () => {
  for (const bytes of [Buffer.from([0x61, 0x2c, 0xff, 0xfe]), Buffer.concat([Buffer.from('a,b\n', 'utf8'), Buffer.from([0xd5, 0xff, 0x0a])])]) {
    for (let cut = 0; cut <= bytes.length; cut += 1) {
      const d = new UploadDecoder();
      expect(() => d.write(bytes.subarray(0, cut)) + d.write(bytes.subarray(cut)) + d.end()).toThrow(EncodingRefusal);
    }
  }
  // Valid UTF-8 Chinese, then GBK: the text before cannot be read again as GB18030, so the file is refused whole.
  const mixed = Buffer.concat([Buffer.from('王建国\n', 'utf8'), toGbk('李秀英\n')]);
  expect(() => decodeUpload(mixed)).toThrow(expect.objectContaining({ code: 'import.encoding.unknown' }));
});

test('the CSV reader reads the same records wherever the text is cut (quotes, doubled quotes, CRLF, line breaks in quotes)', () => {
  const text = '\ufeffa,b\r\n1,"x,""y"""\r\n"多\r\n行",2\r\r\n3,\n';
  const whole = parseCsv(text);
  expect(whole.header).toEqual(['a', 'b']);
  expect(whole.rows).toEqual([
    { line: 2, values: { a: '1', b: 'x,"y"' } },
    { line: 3, values: { a: '多\r\n行', b: '2' } },
    { line: 6, values: { a: '3', b: '' } },
  ]);
  for (let cut = 0; cut <= text.length; cut += 1) {
    const rows: ParsedRow[] = [];
    let header: string[] = [];
    const csv = new CsvRows((h) => { header = h; }, (r) => rows.push(r));
    csv.push(text.slice(0, cut));
    csv.push(text.slice(cut));
    csv.end();
    expect({ cut, header, rows }).toEqual({ cut, header: whole.header, rows: whole.rows });
  }
});

test('the rejection log keeps the first rows by line in full and counts the rest exactly by code and by field', () => {
  const log = new RejectionLog(3);
  // Out of order, as schema rejections (while reading) and database rejections (after) arrive.
  const lines = [900, 5, 700, 2, 800, 3, ...Array.from({ length: 1000 }, (_, i) => 1000 + i), 4];
  for (const line of lines) {
    log.add({ line, errors: line % 2 ? [{ field: 'tariff_category', message: 'm', code: 'import.value.unknown' }, { field: 'status', message: 'm', code: 'import.value.unknown' }] : [{ field: 'account_no', message: 'short' }] });
  }
  const r = rejectionFields(log);
  expect(r.rejected.map((x) => x.line)).toEqual([2, 3, 4]);
  expect(r.rejectedRows).toBe(lines.length);
  const omittedOdd = lines.filter((l) => l > 4 && l % 2).length;
  const omittedEven = lines.filter((l) => l > 4 && l % 2 === 0).length;
  expect(r.rejectedOmitted).toEqual({
    rows: lines.length - 3,
    byCode: { 'import.value.unknown': 2 * omittedOdd, 'import.row.rejected': omittedEven },
    byField: { tariff_category: omittedOdd, status: omittedOdd, account_no: omittedEven },
  });
});

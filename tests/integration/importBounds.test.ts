import crypto from 'node:crypto';
import { startHarness, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { toGbk } from '../support/gbk';

// Imports within bounds (#18), through the real API and Postgres: GBK / GB18030 files (exports of Chinese marketing
// systems) are decoded, with or without a charset; a file neither UTF-8 nor GB18030 is refused whole with a code; a file
// of thousands of bad rows answers the first 100 in full and counts the rest exactly, in a report whose size does not
// grow with the file.
let h: Harness;
let manager: string;

const run = String(crypto.randomInt(0, 100_000)).padStart(5, '0');
const acct = (n: number) => `86${run}${String(n).padStart(3, '0')}`;
// The customers' columns by their Chinese headers (户号, 户名, 用电地址…), as the marketing system exports them.
const HEADER = '户号,户名,用电地址,纬度,经度,电价类别,合同容量,电能表编号,白名单,供电所编码,网格编码,用户状态';
const STATION = 'HB.XN.XA.WQ';

beforeAll(async () => {
  h = await startHarness({ inProcessWorker: false });
  manager = await tokenFor('manager');
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

async function upload(body: Buffer, contentType: string, lang = 'zh-CN') {
  const res = await fetch(`${h.baseUrl}/api/imports/customers`, {
    method: 'POST', headers: { authorization: `Bearer ${manager}`, 'content-type': contentType, 'accept-language': lang }, body,
  });
  const text = await res.text();
  return { status: res.status, bytes: Buffer.byteLength(text), body: JSON.parse(text) };
}

const names = async (accounts: string[]) => (await h.pool.query<{ account_no: string; name: string; address: string; tariff_category: string }>(
  'select account_no, name, address, tariff_category from customers where account_no = any($1) order by account_no', [accounts],
)).rows;

test('a GBK file sent without a charset imports its Chinese names as they are', async () => {
  const csv = [
    HEADER,
    `${acct(1)},王建国,咸宁市咸安区温泉路 1 号,,,居民生活用电,8,,否,${STATION},,正常用电`,
    `${acct(2)},"温泉""老街""饭店","咸宁市咸安区温泉路 2 号, 一楼",,,一般工商业用电（商业）,50,,否,${STATION},,正常用电`,
  ].join('\r\n');
  const res = await upload(toGbk(csv), 'text/csv');
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ rows: 2, inserted: 2, rejected: [], rejectedRows: 0 });
  expect(await names([acct(1), acct(2)])).toEqual([
    { account_no: acct(1), name: '王建国', address: '咸宁市咸安区温泉路 1 号', tariff_category: 'residential' },
    { account_no: acct(2), name: '温泉"老街"饭店', address: '咸宁市咸安区温泉路 2 号, 一楼', tariff_category: 'commercial' },
  ]);
  const batch = await h.pool.query('select content_sha256 from import_batches where id = $1', [res.body.importId]);
  expect(batch.rows[0].content_sha256).toBe(crypto.createHash('sha256').update(toGbk(csv)).digest('hex'));
});

test('a GB18030 file with its charset imports a character outside GBK (four bytes) too', async () => {
  const before = toGbk(`${HEADER}\n${acct(3)},李秀英,咸宁市咸安区`);
  const after = toGbk(`村 3 号,,,居民生活用电,8,,否,${STATION},,正常用电\n`);
  const res = await upload(Buffer.concat([before, Buffer.from([0x95, 0x32, 0x82, 0x36]), after]), 'text/csv; charset=GB18030');
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ rows: 1, inserted: 1, rejected: [] });
  expect(await names([acct(3)])).toEqual([{ account_no: acct(3), name: '李秀英', address: '咸宁市咸安区𠀀村 3 号', tariff_category: 'residential' }]);
});

test('a file neither UTF-8 nor GB18030 is refused with a code and nothing of it is imported', async () => {
  const good = Buffer.from(`${HEADER}\n${acct(4)},张伟,咸宁市咸安区温泉路 4 号,,,居民生活用电,8,,否,${STATION},,正常用电\n`, 'utf8');
  const file = Buffer.concat([good, Buffer.from(`${acct(5)},`), Buffer.from([0xc0, 0xff, 0xfe]), Buffer.from(',x\n')]);
  const res = await upload(file, 'text/csv');
  expect(res.status).toBe(422);
  expect(res.body).toMatchObject({ code: 'import.encoding.unknown', detail: expect.stringContaining('请将文件另存为 UTF-8 或 GBK') });
  const en = await upload(Buffer.from([0x61, 0xff, 0x0a]), 'text/csv', 'en');
  expect(en.body).toMatchObject({ status: 422, code: 'import.encoding.unknown', detail: expect.stringContaining('save the file as UTF-8 or GBK') });
  // A declared charset the bytes break is refused too, not guessed around.
  const declared = await upload(toGbk(`${HEADER}\n${acct(6)},王五,地址,,,居民生活用电,8,,否,${STATION},,正常用电\n`), 'text/csv; charset=utf-8');
  expect(declared.body).toMatchObject({ status: 422, code: 'import.encoding.invalid', params: { charset: 'utf-8' } });
  const unknownCharset = await upload(Buffer.from('a\n'), 'text/csv; charset=x-klingon');
  expect(unknownCharset.body).toMatchObject({ status: 415, code: 'import.encoding.unsupported' });
  expect(await names([acct(4), acct(5), acct(6)])).toEqual([]);
  const sha = crypto.createHash('sha256').update(file).digest('hex');
  expect((await h.pool.query('select id from import_batches where content_sha256 = $1', [sha])).rows).toEqual([]);
});

/** n bad rows of four kinds (row i: i % 4), then two good ones. */
function badFile(n: number): string {
  const lines = [HEADER];
  for (let i = 1; i <= n; i += 1) {
    const a = `88${String(i).padStart(8, '0')}`; // unique in the file; none of these rows is imported
    lines.push([
      `${a},未知类别,地址,,,industrial,8,,否,${STATION},,销户中`, // two unknown coded values: import.value.unknown × 2
      `12345,短户号,地址,,,居民生活用电,8,,否,${STATION},,正常用电`, // account_no: schema (no code)
      `${a},少一列,地址,,,居民生活用电,8,,否,${STATION},`, // (row): 11 fields of 12
      `${a},外单位,地址,,,居民生活用电,8,,否,HB.EZ.NOPE,,正常用电`, // station_id: the database check (no code)
    ][i % 4]);
  }
  lines.push(`${acct(7)},好行一,地址,,,居民生活用电,8,,否,${STATION},,正常用电`, `${acct(8)},好行二,地址,,,居民生活用电,8,,否,${STATION},,正常用电`);
  return lines.join('\n');
}

test('5,000 bad rows: the first 100 in full, the rest counted exactly by code and field, the report no bigger for 20,000', async () => {
  const res = await upload(Buffer.from(badFile(5000), 'utf8'), 'text/csv');
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ rows: 5002, inserted: expect.any(Number), rejectedRows: 5000 });
  expect(res.body.inserted + res.body.unchanged).toBe(2);
  expect(res.body.rejected).toHaveLength(100);
  expect(res.body.rejected.map((r: { line: number }) => r.line)).toEqual(Array.from({ length: 100 }, (_, i) => i + 2));
  expect(res.body.rejected.slice(0, 4)).toEqual([
    { line: 2, errors: [{ field: 'account_no', message: 'must be a 10-digit account number (户号)' }] },
    { line: 3, errors: [{ field: '(row)', message: 'expected 12 fields, found 11' }] },
    { line: 4, errors: [{ field: 'station_id', message: 'no supply station with this id' }] },
    {
      line: 5,
      errors: [
        { field: 'tariff_category', code: 'import.value.unknown', message: expect.stringContaining('industrial'), params: expect.objectContaining({ value: 'industrial' }) },
        { field: 'status', code: 'import.value.unknown', message: expect.stringContaining('销户中'), params: expect.objectContaining({ value: '销户中' }) },
      ],
    },
  ]);
  // Rows 101..5000 (lines 102..5001) are counted: row i is of kind i % 4.
  const of = (k: number) => Array.from({ length: 4900 }, (_, j) => j + 101).filter((i) => i % 4 === k).length;
  expect(res.body.rejectedOmitted).toEqual({
    rows: 4900,
    byCode: { 'import.value.unknown': 2 * of(0), 'import.row.rejected': of(1) + of(2) + of(3) },
    byField: { tariff_category: of(0), status: of(0), account_no: of(1), '(row)': of(2), station_id: of(3) },
  });
  // The stored report is the answered one; the batch counts every rejected row.
  const batch = await h.pool.query('select rejected, row_count, report from import_batches where id = $1', [res.body.importId]);
  expect(batch.rows[0]).toMatchObject({ rejected: 5000, row_count: 5002 });
  expect(batch.rows[0].report).toEqual(res.body);

  const bigger = await upload(Buffer.from(badFile(20_000), 'utf8'), 'text/csv');
  expect(bigger.body).toMatchObject({ rows: 20_002, rejectedRows: 20_000 });
  expect(bigger.body.rejected).toHaveLength(100);
  expect(bigger.body.rejectedOmitted.rows).toBe(19_900);
  // Four times the bad rows, the same report but for the figures' digits (and the import id).
  expect(Math.abs(bigger.bytes - res.bytes)).toBeLessThan(100);
  expect(res.bytes).toBeLessThan(160_000);
}, 120_000);

test('a large upload refused on its first line is answered with its code, and the next upload goes through', async () => {
  // 8 MB after a header the kind does not know: the refusal comes after the first chunk; the rest is read and dropped.
  const body = Buffer.concat([Buffer.from('不是表头,也不是\n'), Buffer.alloc(8 * 2 ** 20, 'x,y\n')]);
  const res = await upload(body, 'text/csv');
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({ code: 'import.header.mismatch' });
  const next = await upload(toGbk(`${HEADER}\n${acct(9)},赵六,地址,,,居民生活用电,8,,否,${STATION},,正常用电\n`), 'text/csv');
  expect(next.body).toMatchObject({ rows: 1, rejected: [] });
  expect(await names([acct(9)])).toEqual([{ account_no: acct(9), name: '赵六', address: '地址', tariff_category: 'residential' }]);
});

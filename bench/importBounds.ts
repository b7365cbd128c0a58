// npm run bench:import-bounds [-- --mb 64 --full 100]
//
// Imports within bounds (#18): a customers upload of --mb MB (generated; nearly every row bad, the kinds a real export
// gets wrong: an unknown tariff and status, a short account number, a missing column, a station outside the importer's org unit),
// once as UTF-8 and once as GBK without a charset, through the real API (bench/importBoundsServer.ts, a child process
// on the bench database jicha_bench) with a manager's real Keycloak token. Measured per upload: the API process's peak
// RSS (VmHWM from /proc, reset before each upload) and its sampled V8 heap peak, and the size of the answered report.
// Floors measured in the same run: the same process's peak importing a tiny file (a few rows) just before, and the
// upload's size. Lines: peak RSS / tiny-import RSS, heap peak / tiny-import heap, report bytes / upload bytes.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/env';
import { migrate } from '../db/migrate';
import { createPool } from '../db/pool';
import { seedReferenceData } from '../db/seed/seedReference';
import { numberArg } from './args';
import { ensureBenchDb } from './benchDb';
import { demoToken } from './demoToken';
import { toGbk } from '../tests/support/gbk';

const MB = numberArg('mb', 64);
const HEADER = 'account_no,name,address,lat,lon,tariff_category,contract_capacity_kva,meter_no,whitelist,station_id,grid_id,status';

/** Row i of the generated upload: 1 in 50 good (fixed account numbers, so a rerun changes nothing), the rest bad four ways. */
function row(i: number): string {
  const acct = `84${String(i % 100_000_000).padStart(8, '0')}`;
  switch (i % 50 === 0 ? 'good' : (['tariff', 'short', 'columns', 'outside'] as const)[i % 4]) {
    case 'good': return `${`85${String((i / 50) % 1000).padStart(8, '0')}`},王建国${i % 1000},咸宁市咸安区温泉路 ${i % 1000} 号,,,residential,8,,false,HB.XN.XA.WQ,,active`;
    case 'tariff': return `${acct},李秀英,咸宁市咸安区温泉路 2 号,,,industrial,8,,false,HB.XN.XA.WQ,,销户中`;
    case 'short': return `12345,张伟,咸宁市咸安区温泉路 3 号,,,residential,8,,false,HB.XN.XA.WQ,,active`;
    case 'columns': return `${acct},刘洋,咸宁市咸安区温泉路 4 号,,,residential,8,,false,HB.XN.XA.WQ,`;
    default: return `${acct},陈静,鄂州市鄂城区 5 号,,,residential,8,,false,HB.EZ.EC.S1,,active`;
  }
}

function generate(bytes: number, encode: (s: string) => Buffer): Buffer {
  const parts: Buffer[] = [encode(`${HEADER}\r\n`)];
  let size = parts[0].length;
  for (let i = 1; size < bytes; i += 1) {
    const b = encode(`${row(i)}\r\n`);
    if (size + b.length > bytes) break;
    parts.push(b);
    size += b.length;
  }
  return Buffer.concat(parts);
}

const rssPeak = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
/** Resets the kernel's peak-RSS mark of the process to its RSS now (Linux clear_refs 5). */
const resetRssPeak = (pid: number) => fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');

function ask(child: ChildProcess, m: string): Promise<{ rss: number; heapUsed: number; heapPeak: number }> {
  return new Promise((resolve) => {
    child.once('message', (x) => resolve(x as { rss: number; heapUsed: number; heapPeak: number }));
    child.send(m);
  });
}

interface Measured { status: number; reportBytes: number; rssPeak: number; heapPeak: number; summary: string }

async function upload(child: ChildProcess, url: string, token: string, body: Buffer, contentType: string): Promise<Measured> {
  await ask(child, 'mem'); // resets the sampled heap peak
  resetRssPeak(child.pid!);
  const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body });
  const text = await res.text();
  const mem = await ask(child, 'mem');
  let summary = text.slice(0, 200);
  try {
    const r = JSON.parse(text) as { rows: number; inserted: number; updated: number; unchanged: number; rejected: unknown[]; rejectedRows?: number };
    summary = `rows ${r.rows}, inserted ${r.inserted}, updated ${r.updated}, unchanged ${r.unchanged}, rejected ${r.rejectedRows ?? r.rejected.length} (${r.rejected.length} in full)`;
  } catch { /* not JSON: the status says why */ }
  return { status: res.status, reportBytes: Buffer.byteLength(text), rssPeak: rssPeak(child.pid!), heapPeak: mem.heapPeak, summary };
}

const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;

async function main() {
  const base = loadConfig();
  const dbUrl = await ensureBenchDb(base.DATABASE_URL);
  await migrate(dbUrl);
  const pool = createPool(dbUrl, 2);
  await seedReferenceData(pool);
  await pool.end();
  // A fresh token per upload: a 64 MB import can outlast a token's lifetime on a busy machine.
  const token = () => demoToken(base.KEYCLOAK_URL, base.KEYCLOAK_REALM, 'manager');
  const files = [
    { name: `UTF-8, ${MB} MB`, body: generate(MB * 2 ** 20, (s) => Buffer.from(s, 'utf8')), contentType: 'text/csv' },
    { name: `GBK without charset, ${MB} MB`, body: generate(MB * 2 ** 20, toGbk), contentType: 'text/csv' },
  ];
  const tiny = generate(2000, (s) => Buffer.from(s, 'utf8'));
  console.log(`uploads generated: ${files.map((f) => `${f.name} = ${f.body.length} bytes`).join('; ')}; tiny floor file ${tiny.length} bytes`);

  for (const f of files) {
    // A fresh API process per upload, so one upload's garbage does not count against the next.
    const child = fork(path.join(__dirname, 'importBoundsServer.ts'), [], { env: { ...process.env, BENCH_DATABASE_URL: dbUrl }, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    try {
      const { port } = await new Promise<{ port: number }>((resolve, reject) => {
        child.once('message', (m) => resolve(m as { port: number }));
        child.once('exit', (code) => reject(new Error(`API process exited (${code})`)));
      });
      const url = `http://127.0.0.1:${port}/api/imports/customers`;
      await upload(child, url, await token(), tiny, 'text/csv'); // warm-up: routes, pool, token keys
      const floor = await upload(child, url, await token(), tiny, 'text/csv');
      const big = await upload(child, url, await token(), f.body, f.contentType);
      console.log(`${f.name}: ${big.status}; ${big.summary}`);
      console.log(`  floor (tiny import, same process): peak RSS ${mib(floor.rssPeak)}, heap ${mib(floor.heapPeak)}`);
      console.log(`  peak RSS ${mib(big.rssPeak)} = ${(big.rssPeak / floor.rssPeak).toFixed(2)}× floor; heap peak ${mib(big.heapPeak)} = ${(big.heapPeak / floor.heapPeak).toFixed(2)}× floor`);
      console.log(`  report ${big.reportBytes} bytes = ${(big.reportBytes / f.body.length).toFixed(4)}× the upload`);
    } finally {
      child.send('exit');
      await new Promise((r) => child.once('exit', r));
    }
  }
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});

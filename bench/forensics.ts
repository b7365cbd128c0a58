// npm run bench:forensics [-- --mp 3 --runs 15 --rows 200000]
//
// 1. The confirm step's evidence forensics per photo (services/evidence/forensics/examineBytes: content sniffing, the
//    decode down to the perceptual-hash thumbnail, EXIF, the capture compared with the declaration and the site) on a
//    phone-like JPEG of `--mp` megapixels, against a floor measured in the same run on the same bytes: their SHA-256,
//    which the confirm step computes anyway. Median of `--runs`, after a warm-up.
// 2. The near-duplicate search (db/evidenceForensics.ts nearestEarlierPhoto, the SQL the confirm step runs) over
//    `--rows` examined photos, in temporary tables that shadow the real ones (pg_temp comes first in the search path):
//    nothing is written to a real table. Needs Postgres (DATABASE_URL; the bench database jicha_bench); `--rows 0` skips it.
// Last line: forensics/sha256 <ratio> per photo.
import crypto from 'node:crypto';
import pg from 'pg';
import { migrate } from '../db/migrate';
import { NEAREST_EARLIER_PHOTO_SQL, nearestEarlierPhoto, nearestEarlierPhotoParams } from '../db/evidenceForensics';
import { decodeImage, sniffMediaType } from '../services/evidence/forensics/sniff';
import { readExif } from '../services/evidence/forensics/imageProbe';
import { examineBytes, NEAR_DUPLICATE_MAX_DISTANCE } from '../services/evidence/forensics/examine';
import { cameraPhoto } from '../scripts/terminal/photos';
import { ensureBenchDb } from './benchDb';
import { numberArg } from './args';

const MP = numberArg('mp', 3);
const RUNS = Math.max(3, numberArg('runs', 15));
const ROWS = numberArg('rows', 200_000);
const SITE = { lat: 29.8413, lon: 114.3223 };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function timed(fn: () => unknown): Promise<number> {
  await fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t0 = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(ms);
}

async function perPhoto(): Promise<number> {
  const width = Math.round(Math.sqrt(MP * 1e6 * (4 / 3)));
  const height = Math.round((width * 3) / 4);
  const takenAt = new Date();
  const photo = await cameraPhoto({ width, height, grain: 24, takenAt, ...SITE });
  const upload = { id: crypto.randomUUID(), kind: 'photo' as const, contentType: 'image/jpeg', capturedAt: takenAt.toISOString(), ...SITE };
  const site = { customer: SITE, geofenceRadiusM: 200 };
  const check = await examineBytes(photo, upload, site);
  if (check.rejection || check.reasons.length || !check.probe?.phash) throw new Error(`the bench photo should pass the forensics: ${JSON.stringify(check)}`);

  const floor = await timed(() => crypto.createHash('sha256').update(photo).digest('hex'));
  const whole = await timed(() => examineBytes(photo, upload, site));
  const sniff = await timed(() => sniffMediaType(photo));
  const decode = await timed(() => decodeImage(photo, 'image/jpeg'));
  const exif = await timed(() => readExif(photo));
  console.log(`photo: ${width}×${height} JPEG (${(width * height / 1e6).toFixed(1)} MP, ${(photo.length / 1024).toFixed(0)} KiB), median of ${RUNS}`);
  console.log(`  floor: SHA-256 of the bytes               ${floor.toFixed(2)} ms`);
  console.log(`  forensics (examineBytes), whole          ${whole.toFixed(2)} ms`);
  console.log(`    sniff ${sniff.toFixed(3)} ms, decode to the 9×8 dHash thumbnail ${decode.toFixed(2)} ms, EXIF ${exif.toFixed(2)} ms`);
  return whole / floor;
}

async function nearDuplicateScan(): Promise<void> {
  const url = await ensureBenchDb(process.env.DATABASE_URL ?? 'postgres://jicha:jicha@127.0.0.1:54329/jicha');
  await migrate(url);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    // the real tables' shape and indexes, session-local; temporary tables are cached in temp_buffers (8 MB by
    // default), which would make every scan a read from the OS: give them room, as shared_buffers gives real ones
    await db.query("set temp_buffers = '1GB'");
    await db.query('create temp table cases (like public.cases including all)');
    await db.query('create temp table evidence_uploads (like public.evidence_uploads including all)');
    const t0 = Date.now();
    await db.query(
      `insert into evidence_uploads (id, case_id, username, device_id, kind, content_type, size_bytes, sha256, captured_at, lat, lon, object_key, status,
                                     upload_expires_at, confirmed_at, detected_type, phash, exif_taken_at, exif_lat, exif_lon, exif_make, exif_model, forensic_reasons, forensics_at)
       select gen_random_uuid(), gen_random_uuid(), 'inspector', 'bench-device', 'photo', 'image/jpeg', 2000000, encode(sha256(g::text::bytea), 'hex'), now(), 29.84, 114.32,
              'evidence/bench/' || g, 'confirmed', now(), now(), 'image/jpeg',
              (floor(random() * 4294967296)::bigint::bit(32) || floor(random() * 4294967296)::bigint::bit(32))::bit(64),
              now(), 29.84, 114.32, 'HUAWEI', 'Mate 60', '[]', now() - make_interval(secs => g)
         from generate_series(1, $1::int) g`,
      [ROWS],
    );
    await db.query('vacuum analyze evidence_uploads');
    const loadS = (Date.now() - t0) / 1000;
    const probeOf = () => ({
      id: crypto.randomUUID(), caseId: crypto.randomUUID(), at: new Date().toISOString(), maxDistance: NEAR_DUPLICATE_MAX_DISTANCE,
      phash: Array.from(crypto.randomBytes(8)).map((b) => b.toString(2).padStart(8, '0')).join(''),
    });
    // in a transaction, as the confirm step runs it (the search sets its planner setting for the transaction)
    await db.query('begin');
    const ms = await timed(() => nearestEarlierPhoto(db, probeOf()));
    const plan = (await db.query(`explain ${NEAREST_EARLIER_PHOTO_SQL}`, nearestEarlierPhotoParams(probeOf()))).rows.map((r) => r['QUERY PLAN'] as string);
    await db.query('rollback');
    const scan = plan.find((l) => /Scan on evidence_uploads|Scan using evidence_uploads/.test(l))?.trim().replace(/\s+\(cost.*$/, '');
    console.log(`near-duplicate search over ${ROWS.toLocaleString('en')} photos (loaded in ${loadS.toFixed(1)} s): ${ms.toFixed(1)} ms a photo, ${((ms / ROWS) * 1e6).toFixed(0)} ns a row (${scan})`);
  } finally {
    await db.end();
  }
}

async function main() {
  const ratio = await perPhoto();
  if (ROWS > 0) await nearDuplicateScan();
  console.log(`forensics/sha256 ${ratio.toFixed(1)} per ${MP} MP photo`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

import { parse as parseExif } from 'exifr';
import sharp from 'sharp';
import { DHASH_H, DHASH_W, decodeImage } from './sniff';

// What a photo's own bytes say about it: the camera's EXIF (capture time, GPS, make and model) and a perceptual hash
// that survives re-encoding and mild resizing, so a copy of another case's photo is found even when its bytes differ.

/** EXIF facts of a photo; each null when the photo does not carry it. */
export interface ExifFacts {
  /** DateTimeOriginal with its offset, as ISO 8601 (UTC). */
  takenAt: string | null;
  lat: number | null;
  lon: number | null;
  make: string | null;
  model: string | null;
}

export interface ImageProbe {
  /** Null when the photo has no EXIF at all (stripped, a screenshot, an edited export). */
  exif: ExifFacts | null;
  /** The 64-bit difference hash as 64 characters '0'/'1' (Postgres bit(64) text); null when the image was not decoded or is featureless. */
  phash: string | null;
}

/**
 * The offset assumed when a photo has DateTimeOriginal but no OffsetTimeOriginal (EXIF 2.31, 2016; many Android
 * cameras still omit it): EXIF times are the camera's wall clock, and every terminal of a Chinese grid company runs
 * on China Standard Time (Asia/Shanghai: UTC+8 all year, no daylight saving). The server's own time zone plays no part.
 */
export const ASSUMED_EXIF_OFFSET = '+08:00';

const EXIF_OPTIONS: Exclude<Parameters<typeof parseExif>[1], boolean | unknown[] | undefined> = {
  tiff: true, exif: true, gps: true, // IFD0 (make, model) comes with tiff
  ifd1: false, interop: false, xmp: false, icc: false, iptc: false, jfif: false, ihdr: false, makerNote: false, userComment: false,
  // Raw strings: revived dates would be read in the server's time zone, and the offset is applied here instead.
  reviveValues: false,
  pick: ['Make', 'Model', 'DateTimeOriginal', 'CreateDate', 'OffsetTimeOriginal', 'OffsetTime', 'GPSLatitude', 'GPSLatitudeRef', 'GPSLongitude', 'GPSLongitudeRef'],
};

/** EXIF "YYYY:MM:DD HH:MM:SS" plus an offset "+HH:MM" as an ISO instant; null for the zeros cameras write when unset. */
export function exifInstant(dateTime: unknown, offset: unknown): string | null {
  if (typeof dateTime !== 'string') return null;
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(dateTime.trim());
  if (!m) return null;
  const off = typeof offset === 'string' && /^[+-](0\d|1[0-4]):[0-5]\d$/.test(offset.trim()) ? offset.trim() : ASSUMED_EXIF_OFFSET;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  if (y < 1990 || h > 23 || mi > 59 || s > 59) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(wall);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null; // 31 February would roll into March
  const offsetMin = (off[0] === '-' ? -1 : 1) * (Number(off.slice(1, 3)) * 60 + Number(off.slice(4, 6)));
  return new Date(wall - offsetMin * 60_000).toISOString();
}

/** Text from the bytes goes into the database and onto screens: no control characters, no lone surrogates, short. */
function cleanText(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const s = v
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .trim();
  return Array.from(s).slice(0, 100).join('') || null; // by code points: a pair is never cut
}

/** A GPS fix from EXIF; (0, 0) is what cameras write without a fix (a grid company works nowhere near it). */
function gpsOf(lat: unknown, lon: unknown): { lat: number; lon: number } | null {
  if (typeof lat !== 'number' || typeof lon !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180 || (lat === 0 && lon === 0)) return null;
  return { lat: Math.round(lat * 1e7) / 1e7, lon: Math.round(lon * 1e7) / 1e7 };
}

/**
 * The photo's EXIF, read from the EXIF block libvips finds in any still format (JPEG APP1, PNG eXIf, WebP, HEIF), so
 * one path serves them all. Null when there is none; a malformed block counts as none.
 */
export async function readExif(bytes: Buffer): Promise<ExifFacts | null> {
  let block: Buffer | undefined;
  try {
    block = (await sharp(bytes).metadata()).exif;
  } catch {
    return null;
  }
  if (!block || block.length < 8) return null;
  // JPEG and WebP hand the APP1 payload ("Exif\0\0" + TIFF), PNG the TIFF structure itself
  const tiff = block.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? block.subarray(6) : block;
  let raw: Record<string, unknown> | undefined;
  try {
    raw = await parseExif(tiff, EXIF_OPTIONS);
  } catch {
    return null;
  }
  if (!raw) return null;
  const pos = gpsOf(raw.latitude, raw.longitude);
  const facts: ExifFacts = {
    takenAt: exifInstant(raw.DateTimeOriginal, raw.OffsetTimeOriginal ?? raw.OffsetTime) ?? exifInstant(raw.CreateDate, raw.OffsetTimeOriginal ?? raw.OffsetTime),
    lat: pos?.lat ?? null,
    lon: pos?.lon ?? null,
    make: cleanText(raw.Make),
    model: cleanText(raw.Model),
  };
  return Object.values(facts).some((v) => v !== null) ? facts : null;
}

/**
 * dHash: on the 9×8 greyscale thumbnail, each bit says whether a pixel is brighter than its right neighbour
 * (8 comparisons × 8 rows). Re-encoding and resizing move pixel values a little and gradients hardly at all, so a copy
 * stays within a few bits; unrelated photos differ in about half of the 64.
 */
export function dHashBits(grey: Buffer): string {
  if (grey.length !== DHASH_W * DHASH_H) throw new Error(`dHash wants a ${DHASH_W}×${DHASH_H} greyscale thumbnail, not ${grey.length} bytes`);
  let bits = '';
  for (let y = 0; y < DHASH_H; y += 1) {
    for (let x = 0; x < DHASH_W - 1; x += 1) bits += grey[y * DHASH_W + x] > grey[y * DHASH_W + x + 1] ? '1' : '0';
  }
  return bits;
}

/** Neighbours at least this far apart in brightness count as a real gradient; closer ones are ties that noise decides. */
const DHASH_MIN_STEP = 2;
/** A hash needs this many real gradients (of 64) to say anything about the picture. */
export const DHASH_MIN_DETAIL = 16;

/**
 * Whether the thumbnail has enough detail for its hash to identify the picture. A black frame from a basement, a
 * white wall, an over-exposed sky: their neighbours tie, the hash is nearly all zeros, and every such photo would be a
 * "near duplicate" of every other — so they get no perceptual hash (exact copies are still found by SHA-256).
 */
export function hasDetail(grey: Buffer): boolean {
  let steps = 0;
  for (let y = 0; y < DHASH_H; y += 1) {
    for (let x = 0; x < DHASH_W - 1; x += 1) if (Math.abs(grey[y * DHASH_W + x] - grey[y * DHASH_W + x + 1]) >= DHASH_MIN_STEP) steps += 1;
  }
  return steps >= DHASH_MIN_DETAIL;
}

/** The perceptual hash of an image's bytes (decoding it once); null when it does not decode or has too little detail. */
export async function imageDHash(bytes: Buffer, detected = 'image/jpeg'): Promise<string | null> {
  const d = await decodeImage(bytes, detected);
  return d.ok && d.grey && hasDetail(d.grey) ? dHashBits(d.grey) : null;
}

export function hammingDistance(a: string, b: string): number {
  if (a.length !== b.length) throw new Error('hashes of different lengths');
  let n = 0;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) n += 1;
  return n;
}

/** EXIF and perceptual hash of a photo already decoded by the decode check (its thumbnail, or null for HEIC). */
export async function probeImage(bytes: Buffer, grey: Buffer | null): Promise<ImageProbe> {
  return { exif: await readExif(bytes), phash: grey && hasDetail(grey) ? dHashBits(grey) : null };
}

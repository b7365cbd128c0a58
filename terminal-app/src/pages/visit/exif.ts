import piexif, { type ExifDict, type Ifd } from 'piexifjs';
import { FIX_MAX_AGE_MS, type Fix } from './geo';

// Capture metadata (EXIF) in the photos the terminal uploads. The server reads the capture time and position from
// the stored JPEG's EXIF and compares them with what the upload declares, the check-ins and the customer's place
// (issue #15, 防虚假现场工单); a photo without them is flagged `evidence.exif-missing`. The app draws shutter
// photos (and files it must re-encode) through a canvas, which writes no EXIF, so it writes it itself:
// DateTimeOriginal + OffsetTimeOriginal (+ SubSecTimeOriginal), the GPS fix with its accuracy
// (GPSHPositioningError), Make/Model as the device registered them, and Software — the very capturedAt/lat/lon the
// upload request declares. The hash and size the outbox records are taken after this (enqueueEvidence).
//
// What the app writes is only what it can vouch for:
// - a shutter photo: now, and the fix (when the fix is as recent as the shot);
// - a file whose own EXIF has a capture time (a camera's): its time and position are kept and declared, never
//   overwritten — the bytes go as they are, or, re-encoded, with those tags copied;
// - a file without, fresh from the system camera (its modification time within the hour): that time, and the fix when
//   near it;
// - any other file (a picture of unknown age and origin): no EXIF is made up, and the server's `exif-missing` says so.

// piexifjs 1.0.6 predates EXIF 2.31's time-zone tags; it skips tags it does not know (reading) and fails on them
// (writing). They are ASCII "±HH:MM".
const OFFSET_TIME = 36880;
const OFFSET_TIME_ORIGINAL = 36881;
const OFFSET_TIME_DIGITIZED = 36882;
for (const [tag, name] of [[OFFSET_TIME, 'OffsetTime'], [OFFSET_TIME_ORIGINAL, 'OffsetTimeOriginal'], [OFFSET_TIME_DIGITIZED, 'OffsetTimeDigitized']] as const) {
  piexif.TAGS.Exif[tag] ??= { name, type: 'Ascii' };
}

const IMG = { Make: 271, Model: 272, Software: 305, DateTime: 306 } as const;
const EXIF = { DateTimeOriginal: 36867, DateTimeDigitized: 36868, SubSecTimeOriginal: 37521 } as const;
const GPS = {
  VersionID: 0, LatitudeRef: 1, Latitude: 2, LongitudeRef: 3, Longitude: 4, TimeStamp: 7, MapDatum: 18, DateStamp: 29, HPositioningError: 31,
} as const;

// ---------------------------------------------------------------- bytes

/** latin1 "binary string" ↔ bytes: piexifjs's currency. */
const toBinary = (b: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return s;
};
const fromBinary = (s: string): Uint8Array<ArrayBuffer> => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

interface Segment {
  marker: number;
  start: number;
  end: number;
}

/** The JPEG's marker segments before the image data (SOS); null when the bytes are not a JPEG. */
function segments(b: Uint8Array): Segment[] | null {
  if (b[0] !== 0xff || b[1] !== 0xd8) return null;
  const out: Segment[] = [];
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break; // the scan (or the end): metadata lies before it
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    if (len < 2) return null;
    out.push({ marker, start: i, end: i + 2 + len });
    i += 2 + len;
  }
  return out;
}

const isExifApp1 = (b: Uint8Array, s: Segment) =>
  s.marker === 0xe1 && b[s.start + 4] === 0x45 && b[s.start + 5] === 0x78 && b[s.start + 6] === 0x69 && b[s.start + 7] === 0x66 && b[s.start + 8] === 0 && b[s.start + 9] === 0;

/** True for JPEG bytes (SOI). */
export const isJpeg = (b: Uint8Array): boolean => b[0] === 0xff && b[1] === 0xd8;

/**
 * The JPEG with `exif` (a piexifjs dump, "Exif\0\0…") as its only EXIF segment: after the JFIF APP0 when there is
 * one (a canvas writes it; JFIF wants it first), else right after SOI. Every byte of the image itself is kept.
 */
export function insertExif(jpeg: Uint8Array, exif: string): Uint8Array<ArrayBuffer> {
  const segs = segments(jpeg);
  if (!segs) throw new Error('not a JPEG');
  const payload = fromBinary(exif);
  if (payload.length + 2 > 0xffff) throw new Error('EXIF too large for one segment');
  const app1 = new Uint8Array(4 + payload.length);
  app1.set([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]);
  app1.set(payload, 4);
  const jfif = segs[0]?.marker === 0xe0 ? segs[0] : null;
  const at = jfif ? jfif.end : 2;
  const drop = segs.filter((s) => isExifApp1(jpeg, s));
  const parts: Uint8Array[] = [jpeg.subarray(0, at), app1];
  let from = at;
  for (const s of drop) {
    parts.push(jpeg.subarray(from, s.start));
    from = s.end;
  }
  parts.push(jpeg.subarray(from));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** The EXIF a JPEG carries (piexifjs's dict), read from its APP1 segment only; null when it has none. */
export function exifOf(jpeg: Uint8Array): ExifDict | null {
  const segs = segments(jpeg);
  const seg = segs?.find((s) => isExifApp1(jpeg, s));
  if (!seg) return null;
  try {
    return piexif.load(toBinary(jpeg.subarray(seg.start + 4, seg.end)));
  } catch {
    return null; // damaged EXIF: as good as none
  }
}

// ---------------------------------------------------------------- values

const pad = (n: number, w = 2) => String(Math.trunc(n)).padStart(w, '0');

/** "+08:00" for an offset of 480 minutes east of UTC. */
export function offsetText(minutes: number): string {
  const m = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(m / 60)}:${pad(m % 60)}`;
}

/** The device's offset at that instant (minutes east of UTC), as its clock shows local time. */
export const deviceOffsetMinutes = (at: Date): number => -at.getTimezoneOffset();

/** EXIF local date-time "YYYY:MM:DD HH:MM:SS" and the milliseconds, of an instant at an offset. */
export function exifDateTime(iso: string, offsetMinutes: number): { dateTime: string; subSec: string } {
  const d = new Date(Date.parse(iso) + offsetMinutes * 60_000);
  return {
    dateTime: `${d.getUTCFullYear()}:${pad(d.getUTCMonth() + 1)}:${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
    subSec: pad(d.getUTCMilliseconds(), 3),
  };
}

/** Degrees as one rational (1e-7° ≈ 1 cm, the upload's own precision), which EXIF readers take as d/1, 0, 0. */
const degRational = (deg: number): [number, number][] => [[Math.round(Math.abs(deg) * 1e7), 1e7], [0, 1], [0, 1]];

const rationalValue = (v: unknown): number | null => {
  if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'number' || typeof v[1] !== 'number' || v[1] === 0) return null;
  return v[0] / v[1];
};

function dmsValue(v: unknown, ref: unknown): number | null {
  if (!Array.isArray(v) || v.length !== 3) return null;
  const [d, m, s] = v.map(rationalValue);
  if (d == null || m == null || s == null) return null;
  const deg = d + m / 60 + s / 3600;
  return ref === 'S' || ref === 'W' ? -deg : deg;
}

const OFFSET_RE = /^([+-])(\d{2}):(\d{2})$/;

/** What a photo's own EXIF says about when and where it was taken. */
export interface ExifFacts {
  /** ISO instant; null without DateTimeOriginal. Read at OffsetTimeOriginal, else at the device's own offset. */
  capturedAt: string | null;
  lat: number | null;
  lon: number | null;
  accuracyM: number | null;
}

export function factsOf(dict: ExifDict | null): ExifFacts {
  const exif = dict?.Exif ?? {};
  const gps = dict?.GPS ?? {};
  let capturedAt: string | null = null;
  const dt = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(String(exif[EXIF.DateTimeOriginal] ?? '').trim());
  if (dt) {
    const [y, mo, d, h, mi, s] = dt.slice(1).map(Number) as [number, number, number, number, number, number];
    const ms = Number(String(exif[EXIF.SubSecTimeOriginal] ?? '').trim().padEnd(3, '0').slice(0, 3)) || 0;
    const off = OFFSET_RE.exec(String(exif[OFFSET_TIME_ORIGINAL] ?? exif[OFFSET_TIME] ?? '').trim());
    // Without an offset the camera's clock is taken to be this device's local time (a phone's camera is the phone).
    const t = off
      ? Date.UTC(y, mo - 1, d, h, mi, s, ms) - (off[1] === '-' ? -1 : 1) * (Number(off[2]) * 60 + Number(off[3])) * 60_000
      : new Date(y, mo - 1, d, h, mi, s, ms).getTime();
    if (Number.isFinite(t) && mo >= 1 && mo <= 12 && d >= 1) capturedAt = new Date(t).toISOString();
  }
  const lat = dmsValue(gps[GPS.Latitude], gps[GPS.LatitudeRef]);
  const lon = dmsValue(gps[GPS.Longitude], gps[GPS.LongitudeRef]);
  const ok = lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && !(lat === 0 && lon === 0);
  return { capturedAt, lat: ok ? lat : null, lon: ok ? lon : null, accuracyM: ok ? rationalValue(gps[GPS.HPositioningError]) : null };
}

// ---------------------------------------------------------------- writing

/** What the app writes into a photo. */
export interface ExifStamp {
  capturedAt: string;
  /** The device's offset at capture, minutes east of UTC. */
  offsetMinutes: number;
  fix?: Pick<Fix, 'lat' | 'lon' | 'accuracyM' | 'at'> | null;
  /** As the device registered: its platform (android, ios…) and model. */
  make?: string;
  model?: string;
  software?: string;
}

export function exifDict(s: ExifStamp): ExifDict {
  const { dateTime, subSec } = exifDateTime(s.capturedAt, s.offsetMinutes);
  const offset = offsetText(s.offsetMinutes);
  const zeroth: Ifd = { [IMG.DateTime]: dateTime };
  if (s.make) zeroth[IMG.Make] = s.make;
  if (s.model) zeroth[IMG.Model] = s.model;
  if (s.software) zeroth[IMG.Software] = s.software;
  const exif: Ifd = {
    [EXIF.DateTimeOriginal]: dateTime, [EXIF.DateTimeDigitized]: dateTime, [EXIF.SubSecTimeOriginal]: subSec,
    [OFFSET_TIME]: offset, [OFFSET_TIME_ORIGINAL]: offset, [OFFSET_TIME_DIGITIZED]: offset,
  };
  const gps: Ifd = {};
  const f = s.fix;
  if (f && Number.isFinite(f.lat) && Number.isFinite(f.lon)) {
    const at = new Date(f.at);
    Object.assign(gps, {
      [GPS.VersionID]: [2, 3, 0, 0],
      [GPS.LatitudeRef]: f.lat < 0 ? 'S' : 'N', [GPS.Latitude]: degRational(f.lat),
      [GPS.LongitudeRef]: f.lon < 0 ? 'W' : 'E', [GPS.Longitude]: degRational(f.lon),
      [GPS.MapDatum]: 'WGS-84', // the browser's fix, not GCJ-02
      [GPS.DateStamp]: `${at.getUTCFullYear()}:${pad(at.getUTCMonth() + 1)}:${pad(at.getUTCDate())}`,
      [GPS.TimeStamp]: [[at.getUTCHours(), 1], [at.getUTCMinutes(), 1], [at.getUTCSeconds() * 1000 + at.getUTCMilliseconds(), 1000]],
    });
    if (Number.isFinite(f.accuracyM) && f.accuracyM >= 0) gps[GPS.HPositioningError] = [Math.round(f.accuracyM * 100), 100];
  }
  return { '0th': zeroth, Exif: exif, GPS: gps };
}

/** The JPEG with `dict` written as its EXIF. */
export const writeExif = (jpeg: Uint8Array, dict: ExifDict): Uint8Array<ArrayBuffer> => insertExif(jpeg, piexif.dump(dict));

/**
 * The capture's own tags, copied from a photo's EXIF for its re-encoded copy: when and where (the GPS directory as it
 * was) and by what camera; not the orientation (the copy is drawn upright) nor the thumbnail.
 */
export function capturedTags(dict: ExifDict): ExifDict {
  const pick = (ifd: Ifd | undefined, tags: number[]): Ifd => Object.fromEntries(tags.filter((t) => ifd?.[t] !== undefined).map((t) => [t, ifd![t]!]));
  return {
    '0th': pick(dict['0th'], [IMG.Make, IMG.Model, IMG.DateTime]),
    Exif: pick(dict.Exif, [EXIF.DateTimeOriginal, EXIF.DateTimeDigitized, EXIF.SubSecTimeOriginal, OFFSET_TIME, OFFSET_TIME_ORIGINAL, OFFSET_TIME_DIGITIZED]),
    GPS: { ...(dict.GPS ?? {}) },
  };
}

/**
 * The re-encoded copy with the original's capture tags; should piexifjs fail on one of them (an odd GPS tag of some
 * camera), with the time and position they say rebuilt in the app's own tags.
 */
function copyExif(jpeg: Uint8Array, original: ExifDict, facts: ExifFacts): Uint8Array<ArrayBuffer> {
  try {
    return writeExif(jpeg, capturedTags(original));
  } catch {
    const at = facts.capturedAt!;
    const off = OFFSET_RE.exec(String(original.Exif?.[OFFSET_TIME_ORIGINAL] ?? ''));
    const offsetMinutes = off ? (off[1] === '-' ? -1 : 1) * (Number(off[2]) * 60 + Number(off[3])) : deviceOffsetMinutes(new Date(at));
    const fix = facts.lat !== null && facts.lon !== null ? { lat: facts.lat, lon: facts.lon, accuracyM: facts.accuracyM ?? NaN, at } : null;
    return writeExif(jpeg, exifDict({ capturedAt: at, offsetMinutes, fix }));
  }
}

// ---------------------------------------------------------------- a photo, as uploaded

/** How a photo came to be (Camera.tsx). */
export type PhotoOrigin =
  | { kind: 'shutter' }
  | {
    kind: 'file';
    /** The declared time is the file's own (fresh from the system camera), not "now" for a file of unknown age. */
    timeFromFile: boolean;
    /** When the app re-encoded the file (a canvas keeps no EXIF): the original's EXIF, null when it had none. */
    originalExif?: ExifDict | null;
  };

export interface DeviceMake {
  make?: string;
  model?: string;
  software?: string;
}

export interface PhotoUpload {
  blob: Blob;
  capturedAt: string;
  lat?: number;
  lon?: number;
  accuracyM?: number;
}

/** The fix, if it was taken close enough to the capture to say where the photo was taken. */
export function fixNear(fix: Fix | null | undefined, capturedAt: string): Fix | null {
  if (!fix) return null;
  return Math.abs(Date.parse(fix.at) - Date.parse(capturedAt)) <= FIX_MAX_AGE_MS ? fix : null;
}

const position = (f: { lat: number; lon: number; accuracyM?: number | null } | null): Pick<PhotoUpload, 'lat' | 'lon' | 'accuracyM'> =>
  f ? { lat: f.lat, lon: f.lon, ...(typeof f.accuracyM === 'number' ? { accuracyM: f.accuracyM } : {}) } : {};

/**
 * The photo's bytes and what its upload declares, the two in agreement (see the rules at the top). Never throws for
 * a JPEG whose metadata cannot be handled: it is then sent as it is, as before.
 */
export async function photoUpload(
  shot: { blob: Blob; contentType: string; capturedAt: string; origin?: PhotoOrigin },
  fix: Fix | null,
  device: DeviceMake,
): Promise<PhotoUpload> {
  const origin = shot.origin ?? { kind: 'shutter' };
  const plain = (): PhotoUpload => ({ blob: shot.blob, capturedAt: shot.capturedAt, ...position(fixNear(fix, shot.capturedAt)) });
  if (shot.contentType !== 'image/jpeg') return plain(); // PNG, HEIC, WebP as picked: their own metadata, untouched
  const bytes = new Uint8Array(await shot.blob.arrayBuffer());
  if (!isJpeg(bytes)) return plain();
  try {
    const reencoded = origin.kind === 'file' && origin.originalExif !== undefined;
    const own = origin.kind === 'file' ? (reencoded ? origin.originalExif ?? null : exifOf(bytes)) : null;
    const facts = factsOf(own);
    if (own && facts.capturedAt) {
      // The camera's word: declared as it stands; its position if it has one, else the fix if taken near that time.
      const where = facts.lat !== null && facts.lon !== null ? { lat: facts.lat, lon: facts.lon, accuracyM: facts.accuracyM } : fixNear(fix, facts.capturedAt);
      const blob = reencoded ? new Blob([copyExif(bytes, own, facts)], { type: 'image/jpeg' }) : shot.blob;
      return { blob, capturedAt: facts.capturedAt, ...position(where) };
    }
    if (origin.kind === 'file' && !origin.timeFromFile) return plain(); // age and origin unknown: nothing to vouch for
    const near = fixNear(fix, shot.capturedAt);
    const dict = exifDict({ capturedAt: shot.capturedAt, offsetMinutes: deviceOffsetMinutes(new Date(shot.capturedAt)), fix: near, ...device });
    return { blob: new Blob([writeExif(bytes, dict)], { type: 'image/jpeg' }), capturedAt: shot.capturedAt, ...position(near) };
  } catch (e) {
    console.warn('photo: EXIF not written', e);
    return plain();
  }
}

import { describe, expect, it } from 'vitest';
import piexif, { type ExifDict } from 'piexifjs';
import { exifDict, exifOf, factsOf, insertExif, offsetText, photoUpload, writeExif } from './exif';
import type { Fix } from './geo';
import { BARE, JFIF } from './testJpeg';

// The photos the terminal uploads, parsed back with piexifjs as a reader would: the tags are there, they say what
// the upload declares, and what a camera wrote is never replaced.

const bin = (b: Uint8Array) => Array.from(b, (x) => String.fromCharCode(x)).join('');
const load = async (blob: Blob) => piexif.load(bin(new Uint8Array(await blob.arrayBuffer())));
const dms = (v: unknown) => (v as [number, number][]).reduce((deg, [n, d], i) => deg + n / d / [1, 60, 3600][i]!, 0);

const AT = '2026-03-10T02:15:30.250Z'; // 10:15:30.250 in China
const fix: Fix = { lat: 29.8412345, lon: 114.3212345, accuracyM: 6.5, at: '2026-03-10T02:15:28.000Z' };
const device = { make: 'android', model: 'Pixel 8', software: 'jicha-terminal 0.1.0' };
const CHINA = 480;

describe('writing EXIF', () => {
  it('a JPEG parsed back has the capture time with its offset, the fix with its accuracy, make and model', () => {
    const out = writeExif(JFIF, exifDict({ capturedAt: AT, offsetMinutes: CHINA, fix, ...device }));
    const d = piexif.load(bin(out));
    expect(d.Exif[36867]).toBe('2026:03:10 10:15:30'); // DateTimeOriginal, local
    expect(d.Exif[36881]).toBe('+08:00'); // OffsetTimeOriginal
    expect(d.Exif[37521]).toBe('250'); // SubSecTimeOriginal
    expect(d.GPS[1]).toBe('N');
    expect(d.GPS[3]).toBe('E');
    expect(dms(d.GPS[2])).toBeCloseTo(fix.lat, 7);
    expect(dms(d.GPS[4])).toBeCloseTo(fix.lon, 7);
    expect(d.GPS[31]).toEqual([650, 100]); // GPSHPositioningError
    expect(d.GPS[18]).toBe('WGS-84');
    expect(d['0th'][271]).toBe('android');
    expect(d['0th'][272]).toBe('Pixel 8');
    // read back as the app reads it: the same instant and place
    expect(factsOf(d)).toEqual({ capturedAt: AT, lat: expect.closeTo(fix.lat, 7), lon: expect.closeTo(fix.lon, 7), accuracyM: 6.5 });
  });

  it('keeps the image bytes: the EXIF segment after APP0, the rest untouched; replaces an old EXIF segment', () => {
    const out = writeExif(JFIF, exifDict({ capturedAt: AT, offsetMinutes: CHINA }));
    expect(Array.from(out.subarray(0, 4))).toEqual([0xff, 0xd8, 0xff, 0xe0]);
    expect(Array.from(out.subarray(20, 22))).toEqual([0xff, 0xe1]);
    expect(bin(out).endsWith(bin(JFIF.subarray(20)))).toBe(true);
    const again = insertExif(out, piexif.dump(exifDict({ capturedAt: '2026-03-10T03:00:00.000Z', offsetMinutes: CHINA })));
    expect(bin(again).split('Exif\0\0').length).toBe(2); // one EXIF segment
    expect(factsOf(exifOf(again)).capturedAt).toBe('2026-03-10T03:00:00.000Z');
    expect(Array.from(writeExif(BARE, exifDict({ capturedAt: AT, offsetMinutes: CHINA })).subarray(0, 4))).toEqual([0xff, 0xd8, 0xff, 0xe1]);
  });

  it('southern and western fixes, other offsets', () => {
    expect(offsetText(480)).toBe('+08:00');
    expect(offsetText(-210)).toBe('-03:30');
    const d = piexif.load(bin(writeExif(BARE, exifDict({ capturedAt: AT, offsetMinutes: -210, fix: { ...fix, lat: -33.5, lon: -70.25 } }))));
    expect([d.GPS[1], d.GPS[3]]).toEqual(['S', 'W']);
    expect(d.Exif[36867]).toBe('2026:03:09 22:45:30');
    expect(factsOf(d)).toMatchObject({ capturedAt: AT, lat: -33.5, lon: -70.25 });
  });
});

describe('the photo as uploaded', () => {
  const jpeg = (b: Uint8Array = JFIF) => new Blob([b as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' });

  it('shutter: EXIF written; the upload declares exactly what it says', async () => {
    const up = await photoUpload({ blob: jpeg(), contentType: 'image/jpeg', capturedAt: AT, origin: { kind: 'shutter' } }, fix, device);
    const d = await load(up.blob);
    const facts = factsOf(d);
    expect(up).toMatchObject({ capturedAt: AT, lat: fix.lat, lon: fix.lon, accuracyM: fix.accuracyM });
    expect(facts.capturedAt).toBe(up.capturedAt);
    expect(facts.lat).toBeCloseTo(up.lat!, 7);
    expect(facts.lon).toBeCloseTo(up.lon!, 7);
    expect(d['0th'][272]).toBe('Pixel 8');
    expect(up.blob.size).toBeGreaterThan(JFIF.length);
  });

  it('shutter with a fix older than the shot by minutes: the time, no position (in EXIF and in the upload alike)', async () => {
    const stale = { ...fix, at: '2026-03-10T02:05:00.000Z' };
    const up = await photoUpload({ blob: jpeg(), contentType: 'image/jpeg', capturedAt: AT, origin: { kind: 'shutter' } }, stale, device);
    expect(up.lat).toBeUndefined();
    const d = await load(up.blob);
    expect(d.Exif[36867]).toBeTruthy();
    expect(Object.keys(d.GPS)).toHaveLength(0);
  });

  it('a picked camera photo keeps its own EXIF byte for byte, and the upload declares its time and place', async () => {
    const cameraSaid = writeExif(BARE, exifDict({ capturedAt: '2026-03-09T06:00:00.000Z', offsetMinutes: CHINA, fix: { lat: 30.1, lon: 114.9, accuracyM: 12, at: '2026-03-09T06:00:00.000Z' }, make: 'HUAWEI', model: 'NOH-AN00' }));
    const blob = jpeg(cameraSaid);
    const up = await photoUpload({ blob, contentType: 'image/jpeg', capturedAt: AT, origin: { kind: 'file', timeFromFile: true } }, fix, device);
    expect(up.blob).toBe(blob);
    expect(up).toMatchObject({ capturedAt: '2026-03-09T06:00:00.000Z', lat: expect.closeTo(30.1, 7), lon: expect.closeTo(114.9, 7), accuracyM: 12 });
  });

  it('a re-encoded camera photo gets the original\'s time, place and camera, not this device\'s', async () => {
    const original: ExifDict = piexif.load(bin(writeExif(BARE, exifDict({ capturedAt: '2026-03-09T06:00:00.000Z', offsetMinutes: CHINA, fix: { lat: 30.1, lon: 114.9, accuracyM: 12, at: '2026-03-09T06:00:00.000Z' }, make: 'HUAWEI', model: 'NOH-AN00' }))));
    const up = await photoUpload({ blob: jpeg(), contentType: 'image/jpeg', capturedAt: AT, origin: { kind: 'file', timeFromFile: false, originalExif: original } }, fix, device);
    const d = await load(up.blob);
    expect(d.Exif[36867]).toBe('2026:03:09 14:00:00');
    expect(d['0th'][272]).toBe('NOH-AN00');
    expect(factsOf(d)).toMatchObject({ capturedAt: '2026-03-09T06:00:00.000Z', lat: expect.closeTo(30.1, 7) });
    expect(up.capturedAt).toBe('2026-03-09T06:00:00.000Z');
  });

  it('a fresh file without EXIF (system camera): stamped with its time; a file of unknown age: left without', async () => {
    const fresh = await photoUpload({ blob: jpeg(), contentType: 'image/jpeg', capturedAt: AT, origin: { kind: 'file', timeFromFile: true } }, fix, device);
    expect(factsOf(await load(fresh.blob)).capturedAt).toBe(AT);
    const unknown = jpeg();
    const old = await photoUpload({ blob: unknown, contentType: 'image/jpeg', capturedAt: AT, origin: { kind: 'file', timeFromFile: false } }, fix, device);
    expect(old.blob).toBe(unknown);
    expect(exifOf(new Uint8Array(await old.blob.arrayBuffer()))).toBeNull();
  });

  it('not a JPEG: as it is', async () => {
    const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' });
    const up = await photoUpload({ blob: png, contentType: 'image/png', capturedAt: AT, origin: { kind: 'file', timeFromFile: true } }, fix, device);
    expect(up.blob).toBe(png);
    expect(up.lat).toBe(fix.lat);
  });
});

import piexif from 'piexifjs';
import sharp from 'sharp';
import { ASSUMED_EXIF_OFFSET, exifInstant, hammingDistance, imageDHash, readExif } from '../../services/evidence/forensics/imageProbe';
import { NEAR_DUPLICATE_MAX_DISTANCE } from '../../services/evidence/forensics/examine';
import { reEncoded, testPhoto } from '../support/testPhotos';

// A photo's EXIF as a phone writes it (generated here: sharp draws, piexifjs writes the EXIF) and its perceptual hash.

const SITE = { lat: 29.8413, lon: 114.3223 }; // 咸宁, a demo customer's premises

test('EXIF capture time with its offset, GPS, make and model are read from the bytes', async () => {
  const photo = await testPhoto({ takenAt: '2026-03-02T01:02:03Z', offset: '+08:00', ...SITE, make: 'HUAWEI', model: 'Mate 60' });
  expect(piexif.load(photo.toString('latin1')).Exif?.[piexif.ExifIFD.DateTimeOriginal]).toBe('2026:03:02 09:02:03'); // the wall clock in China
  const exif = await readExif(photo);
  expect(exif).toEqual({ takenAt: '2026-03-02T01:02:03.000Z', lat: expect.closeTo(SITE.lat, 6), lon: expect.closeTo(SITE.lon, 6), make: 'HUAWEI', model: 'Mate 60' });

  // another zone's camera writes its own wall clock and offset: the same instant
  const abroad = await readExif(await testPhoto({ takenAt: '2026-03-02T01:02:03Z', offset: '-05:30' }));
  expect(abroad?.takenAt).toBe('2026-03-02T01:02:03.000Z');
  expect(abroad).toMatchObject({ lat: null, lon: null });
});

test('without OffsetTimeOriginal the wall clock is read as China time (+08:00)', async () => {
  expect(ASSUMED_EXIF_OFFSET).toBe('+08:00');
  const photo = await testPhoto({ takenAt: '2026-03-02T01:02:03Z', offset: null });
  expect(Object.keys(piexif.load(photo.toString('latin1')).Exif ?? {})).not.toContain(String(0x9011));
  expect((await readExif(photo))?.takenAt).toBe('2026-03-02T01:02:03.000Z');
  expect(exifInstant('2026:03:02 09:02:03', undefined)).toBe('2026-03-02T01:02:03.000Z');
  expect(exifInstant('2026:03:02 09:02:03', '+00:00')).toBe('2026-03-02T09:02:03.000Z');
  // what cameras write when the clock was never set, and dates no calendar has
  expect(exifInstant('0000:00:00 00:00:00', '+08:00')).toBeNull();
  expect(exifInstant('2026:02:31 10:00:00', '+08:00')).toBeNull();
  expect(exifInstant('    :  :     :  :  ', '+08:00')).toBeNull();
  expect(exifInstant(20260302, '+08:00')).toBeNull();
});

test('a stripped photo, a PNG without EXIF, a broken EXIF block and (0, 0) GPS give no EXIF facts', async () => {
  expect(await readExif(await testPhoto({ exif: false }))).toBeNull();
  expect(await readExif(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } }).png().toBuffer())).toBeNull();
  expect(await readExif(Buffer.from('not an image at all'))).toBeNull();
  const nullIsland = await readExif(await testPhoto({ lat: 0, lon: 0, takenAt: '2026-01-01T00:00:00Z' }));
  expect(nullIsland).toMatchObject({ lat: null, lon: null, takenAt: '2026-01-01T00:00:00.000Z' });
  // a Make with control characters (hostile bytes) is cleaned before it reaches the database
  const odd = await readExif(await testPhoto({ make: 'Evil\u0001\u0007Cam', model: ' X ' }));
  expect(odd).toMatchObject({ make: 'EvilCam', model: 'X' });
});

test('dHash: a re-encoded or resized copy stays within the near-duplicate distance, another picture does not', async () => {
  const original = await testPhoto({ seed: 'meter-box-1', width: 1600, height: 1200 });
  const h = (await imageDHash(original))!;
  expect(h).toMatch(/^[01]{64}$/);
  const copies = [
    await reEncoded(original, { scale: 0.5, quality: 60 }),
    await reEncoded(original, { scale: 0.3, quality: 40 }),
    await sharp(original).resize(1400, 1100, { fit: 'fill' }).jpeg({ quality: 90 }).toBuffer(), // mildly squeezed
    await sharp(original).modulate({ brightness: 1.1 }).jpeg({ quality: 80 }).toBuffer(), // a little brighter
  ];
  for (const c of copies) expect(hammingDistance(h, (await imageDHash(c))!)).toBeLessThanOrEqual(NEAR_DUPLICATE_MAX_DISTANCE);

  const distances = [];
  for (const seed of ['meter-box-2', 'signboard', 'restaurant', 'transformer']) {
    distances.push(hammingDistance(h, (await imageDHash(await testPhoto({ seed, width: 1600, height: 1200 })))!));
  }
  for (const d of distances) expect(d).toBeGreaterThan(NEAR_DUPLICATE_MAX_DISTANCE * 2);
  // unrelated pictures differ in about half the bits
  expect(distances.reduce((a, b) => a + b, 0) / distances.length).toBeGreaterThan(20);
});

test('the same seed draws the same picture; EXIF does not change its hash (it hashes pixels, not bytes)', async () => {
  const a = await testPhoto({ seed: 7, takenAt: '2026-01-01T00:00:00Z' });
  const b = await testPhoto({ seed: 7, takenAt: '2026-06-01T00:00:00Z', ...SITE });
  expect(a.equals(b)).toBe(false);
  expect(await imageDHash(a)).toBe(await imageDHash(b));
  expect(await imageDHash(Buffer.from('text'))).toBeNull();
});

test('a featureless photo (dark frame, blank wall) gets no perceptual hash: it would match every other one', async () => {
  const flat = (r: number, g: number, b: number) => sharp({ create: { width: 800, height: 600, channels: 3, background: { r, g, b } } }).jpeg().toBuffer();
  expect(await imageDHash(await flat(3, 3, 3))).toBeNull();
  expect(await imageDHash(await flat(240, 238, 230))).toBeNull();
  // a faint vignette is still nothing to recognise a picture by
  const faint = await sharp(await flat(120, 120, 120)).composite([{ input: Buffer.from('<svg width="800" height="600"><rect x="0" y="0" width="400" height="600" fill="#797979"/></svg>') }]).jpeg().toBuffer();
  expect(await imageDHash(faint)).toBeNull();
  const photo = await testPhoto({ seed: 'with detail' });
  expect(await imageDHash(photo)).toMatch(/^[01]{64}$/);
});

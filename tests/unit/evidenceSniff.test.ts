import sharp from 'sharp';
import { EVIDENCE_CONTENT_TYPES } from '../../services/evidence/evidencePolicy';
import { DHASH_H, DHASH_W, decodeImage, sameMedia, sniffMediaType } from '../../services/evidence/forensics/sniff';

// Content sniffing by magic bytes: the first bytes of each container as its specification (and every phone) writes
// them. Images come from libvips itself; audio and video headers are written out byte by byte.

const bytes = (...parts: (string | number[] | Buffer)[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
/** An ISO BMFF `ftyp` box: major brand, minor version 0, compatible brands; then the start of an `mdat`. */
const ftyp = (major: string, ...compatible: string[]) => bytes(u32(16 + 4 * compatible.length), 'ftyp', major, [0, 0, 0, 0], ...compatible, u32(16), 'mdat', [1, 2, 3, 4, 5, 6, 7, 8]);
/** An EBML header with its DocType ("webm" or "matroska"). */
const ebml = (docType: string) => bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0xf2, 0x81, 0x04, 0x42, 0xf3, 0x81, 0x08, 0x42, 0x82, 0x80 | docType.length], docType, [0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02]);
const MP3_FRAME = [0xff, 0xfb, 0x90, 0x64, 0x00, 0x00]; // MPEG-1 layer III, 128 kbit/s, 44.1 kHz
const ADTS_FRAME = [0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f, 0xfc]; // AAC LC, 44.1 kHz, stereo

let still: Record<'jpeg' | 'png' | 'webp' | 'avif', Buffer>;
beforeAll(async () => {
  const img = sharp({ create: { width: 32, height: 24, channels: 3, background: { r: 10, g: 120, b: 200 } } });
  still = {
    jpeg: await img.clone().jpeg().toBuffer(),
    png: await img.clone().png().toBuffer(),
    webp: await img.clone().webp().toBuffer(),
    avif: await img.clone().avif().toBuffer(),
  };
});

const samples = (): [string, Buffer][] => [
  ['image/jpeg', still.jpeg],
  ['image/png', still.png],
  ['image/webp', still.webp],
  ['image/heic', ftyp('heic', 'mif1', 'heic')],
  ['image/heic', ftyp('mif1', 'mif1', 'heic')], // iPhone 'mif1' major brand with 'heic' compatible
  ['image/heif', ftyp('mif1', 'mif1')],
  ['image/avif', still.avif],
  ['audio/mpeg', bytes('ID3', [4, 0, 0, 0, 0, 0, 10], Buffer.alloc(10), MP3_FRAME)], // ID3v2.4 tag of 10 bytes, then a frame
  ['audio/mpeg', bytes(MP3_FRAME)],
  ['audio/aac', bytes(ADTS_FRAME)],
  ['audio/mp4', ftyp('M4A ', 'M4A ', 'mp42', 'isom')],
  ['video/mp4', ftyp('isom', 'isom', 'iso2', 'avc1', 'mp41')],
  ['video/mp4', ftyp('mp42', 'mp42', 'isom')],
  ['video/quicktime', ftyp('qt  ', 'qt  ')],
  ['video/3gpp', ftyp('3gp4', '3gp4', 'isom')],
  ['audio/amr', bytes('#!AMR\n', [0x3c, 0x48, 0xf5])],
  ['audio/amr-wb', bytes('#!AMR-WB\n', [0x04])],
  ['audio/wav', bytes('RIFF', [0x24, 0x08, 0, 0], 'WAVEfmt ', [16, 0, 0, 0, 1, 0, 1, 0])],
  ['audio/ogg', bytes('OggS', [0, 2, 0, 0, 0, 0, 0, 0, 0, 0])],
  ['video/webm', ebml('webm')],
  ['video/x-matroska', ebml('matroska')],
];

test('each container is recognised from its first bytes', () => {
  for (const [type, b] of samples()) expect([type, sniffMediaType(b)]).toEqual([type, type]);
});

test('every media type a terminal may declare has bytes that pass as it, and is refused for bytes of another kind', () => {
  const declared = [...new Set(Object.values(EVIDENCE_CONTENT_TYPES).flat())];
  for (const type of declared) {
    const passing = samples().filter(([, b]) => sameMedia(sniffMediaType(b), type));
    expect([type, passing.length > 0]).toEqual([type, true]);
  }
  // a photo is never a recording, nor the other way round
  expect(sameMedia(sniffMediaType(still.jpeg), 'audio/mpeg')).toBe(false);
  expect(sameMedia(sniffMediaType(ftyp('isom', 'isom')), 'image/jpeg')).toBe(false);
  expect(sameMedia(sniffMediaType(still.png), 'image/jpeg')).toBe(false);
  expect(sameMedia(sniffMediaType(bytes(MP3_FRAME)), 'audio/aac')).toBe(false);
  // within a container family the first bytes cannot tell, so the declaration stands
  expect(sameMedia('video/mp4', 'audio/mp4')).toBe(true);
  expect(sameMedia('image/heif', 'image/heic')).toBe(true);
  expect(sameMedia('audio/wav', 'audio/x-wav')).toBe(true);
  expect(sameMedia('video/webm', 'audio/webm')).toBe(true);
});

test('plain text, random bytes and other files are named as what they are, never as the declared type', () => {
  expect(sniffMediaType(Buffer.from('这不是照片 — this is not a photo\nline two\n'))).toBe('text/plain');
  expect(sniffMediaType(Buffer.from('{"photo": "image/jpeg"}'))).toBe('text/plain');
  expect(sniffMediaType(Buffer.from('%PDF-1.7\n%\xe2\xe3'))).toBe('application/pdf');
  expect(sniffMediaType(bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).toBe('application/zip');
  expect(sniffMediaType(bytes('GIF89a', [1, 0, 1, 0]))).toBe('image/gif');
  expect(sniffMediaType(bytes([0x00, 0x01, 0x02, 0x03, 0x10, 0x20, 0x30, 0xfe, 0x07]))).toBeNull();
  expect(sniffMediaType(Buffer.alloc(0))).toBeNull();
  expect(sameMedia(null, 'image/jpeg')).toBe(false);
  expect(sameMedia('text/plain', 'image/jpeg')).toBe(false);
  // a text cut inside a multi-byte character at the end of the window is still text
  const long = Buffer.from('稽查'.repeat(400));
  expect(sniffMediaType(long.subarray(0, 1025))).toBe('text/plain');
});

test('the decode check decodes the whole image: a truncated or corrupted JPEG fails, a good one gives the 9×8 thumbnail', async () => {
  const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 90, g: 90, b: 90 } } })
    .composite([{ input: Buffer.from('<svg width="400" height="300"><rect x="50" y="40" width="120" height="200" fill="#fff"/></svg>') }])
    .jpeg()
    .toBuffer();
  const ok = await decodeImage(photo, 'image/jpeg');
  expect(ok.ok && ok.grey?.length).toBe(DHASH_W * DHASH_H);
  expect((await decodeImage(photo.subarray(0, Math.floor(photo.length / 2)), 'image/jpeg')).ok).toBe(false);
  const corrupt = Buffer.from(photo);
  corrupt.fill(0x5a, 700, 1400); // entropy-coded data overwritten
  expect((await decodeImage(corrupt, 'image/jpeg')).ok).toBe(false);
  expect((await decodeImage(still.png, 'image/png')).ok).toBe(true);
  expect((await decodeImage(still.webp, 'image/webp')).ok).toBe(true);
  // a HEIF container without any image item in it is not a photo
  expect((await decodeImage(ftyp('heic', 'mif1', 'heic'), 'image/heic')).ok).toBe(false);
});

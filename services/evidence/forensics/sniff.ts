import sharp from 'sharp';

// What the stored bytes are, by their magic numbers, for every media type a terminal may declare
// (services/evidence/evidencePolicy.ts EVIDENCE_CONTENT_TYPES). `file-type` would do this, but it ships as ESM only and
// this project is CommonJS; the signatures below are the published ones (JPEG/JFIF, PNG, RIFF, ISO BMFF `ftyp`
// brands, EBML DocType, ID3v2, MPEG audio and ADTS frame headers, AMR and Ogg magic).

/**
 * Bytes read from the start of an audio or video object. Their containers say what they are in the first bytes; a
 * video may be 300 MB, so the confirm step never buffers one (and never decodes one: no codec runs on the server).
 * 64 KiB also skips a typical ID3v2 tag in front of an MP3's first frame.
 */
export const SNIFF_BYTES = 64 * 1024;

const ascii = (b: Uint8Array, from: number, to: number) => (b.length >= to ? Buffer.from(b.buffer, b.byteOffset + from, to - from).toString('latin1') : '');
const startsWith = (b: Uint8Array, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

// ISO base media file format (ftyp box) brands → media type. HEIF stills and MP4/MOV/3GP movies share the container.
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const HEIF_BRANDS = new Set(['mif1', 'msf1', 'miaf', 'heif']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
const M4A_BRANDS = new Set(['M4A ', 'M4B ', 'M4P ', 'F4A ', 'F4B ']);
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'iso7', 'iso8', 'iso9', 'mp41', 'mp42', 'mp71', 'avc1', 'dash', 'MSNV', 'mmp4', 'M4V ', 'M4VH', 'M4VP', 'f4v ', 'NDAS', 'XAVC']);

function isoBmff(b: Uint8Array): string | null {
  const type = ascii(b, 4, 8);
  // QuickTime files written before ftyp existed open with one of these atoms.
  if (['moov', 'mdat', 'wide', 'free', 'skip', 'pnot'].includes(type)) return 'video/quicktime';
  if (type !== 'ftyp') return null;
  const size = ((b[0] << 24) >>> 0) + (b[1] << 16) + (b[2] << 8) + b[3];
  const major = ascii(b, 8, 12);
  const compatible: string[] = [];
  for (let at = 16; at + 4 <= Math.min(size, b.length, 256); at += 4) compatible.push(ascii(b, at, at + 4));
  const all = [major, ...compatible];
  if (HEIC_BRANDS.has(major)) return 'image/heic';
  if (AVIF_BRANDS.has(major)) return 'image/avif';
  if (HEIF_BRANDS.has(major)) return compatible.some((x) => HEIC_BRANDS.has(x)) ? 'image/heic' : compatible.some((x) => AVIF_BRANDS.has(x)) ? 'image/avif' : 'image/heif';
  if (M4A_BRANDS.has(major)) return 'audio/mp4';
  if (major === 'qt  ') return 'video/quicktime';
  if (/^3g[2gpe s]/.test(major) || major === 'kddi') return major.startsWith('3g2') ? 'video/3gpp2' : 'video/3gpp';
  if (MP4_BRANDS.has(major) || all.some((x) => MP4_BRANDS.has(x))) return 'video/mp4';
  return null;
}

/** EBML (Matroska, WebM): the DocType element (0x4282) names which, within the header's first bytes. */
function ebml(b: Uint8Array): string | null {
  if (!startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) return null;
  const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.length, 128)).toString('latin1');
  const at = head.indexOf('\x42\x82');
  if (at >= 0) {
    const rest = head.slice(at + 3, at + 3 + 8);
    if (rest.startsWith('webm')) return 'video/webm';
    if (rest.startsWith('matroska')) return 'video/x-matroska';
  }
  return 'video/webm';
}

/** An MPEG-1/2/2.5 audio frame header (layer I–III) or an AAC ADTS header at `at`. */
function mpegAudio(b: Uint8Array, at: number): string | null {
  if (b.length < at + 4 || b[at] !== 0xff || (b[at + 1] & 0xe0) !== 0xe0) return null;
  const version = (b[at + 1] >> 3) & 3;
  const layer = (b[at + 1] >> 1) & 3;
  if (layer === 0) {
    // ADTS: 12 sync bits, MPEG-2/4 id, layer 00; then a profile, a sampling index below 13, a channel configuration
    if ((b[at + 1] & 0xf6) !== 0xf0) return null;
    return ((b[at + 2] >> 2) & 0x0f) < 13 ? 'audio/aac' : null;
  }
  if (version === 1) return null; // reserved
  const bitrate = b[at + 2] >> 4;
  const rate = (b[at + 2] >> 2) & 3;
  return bitrate !== 15 && rate !== 3 ? 'audio/mpeg' : null;
}

function id3Audio(b: Uint8Array): string | null {
  if (!startsWith(b, [0x49, 0x44, 0x33])) return null; // "ID3"
  // the tag's size is a 28-bit "syncsafe" integer; a footer adds 10 bytes
  const size = ((b[6] & 0x7f) << 21) | ((b[7] & 0x7f) << 14) | ((b[8] & 0x7f) << 7) | (b[9] & 0x7f);
  const end = 10 + size + (b[5] & 0x10 ? 10 : 0);
  // ID3v2 prefixes MP3 in practice (sometimes ADTS AAC); when the frame lies past what was read, say MP3.
  return mpegAudio(b, end) ?? 'audio/mpeg';
}

/** Printable UTF-8 text (with tabs and line ends), as the plain-text fakes of the issue are. */
function isText(b: Uint8Array): boolean {
  const head = b.subarray(0, Math.min(b.length, 1024));
  if (head.length === 0) return false;
  let text: string;
  try {
    // stream: a multi-byte character cut at the end of the window is held back, not an error
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: head.length < b.length });
  } catch {
    return false;
  }
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);
}

/**
 * The media type the bytes are (from their first bytes; `SNIFF_BYTES` are enough for every type), or null when they
 * are nothing we know. A few types no terminal may upload (GIF, BMP, TIFF, PDF, ZIP, plain text) are named too, so a
 * refusal can say what was sent instead.
 */
export function sniffMediaType(b: Uint8Array): string | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(b, 0, 4) === 'RIFF') {
    const form = ascii(b, 8, 12);
    if (form === 'WEBP') return 'image/webp';
    if (form === 'WAVE') return 'audio/wav';
    return null;
  }
  if (ascii(b, 0, 9) === '#!AMR-WB\n') return 'audio/amr-wb';
  if (ascii(b, 0, 6) === '#!AMR\n') return 'audio/amr';
  if (ascii(b, 0, 4) === 'OggS') return 'audio/ogg';
  const bmff = isoBmff(b);
  if (bmff) return bmff;
  const mkv = ebml(b);
  if (mkv) return mkv;
  const audio = id3Audio(b) ?? mpegAudio(b, 0);
  if (audio) return audio;
  if (ascii(b, 0, 4) === 'GIF8') return 'image/gif';
  if (ascii(b, 0, 2) === 'BM' && [12, 40, 52, 56, 64, 108, 124].includes(b[14]) && b[15] === 0) return 'image/bmp';
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (ascii(b, 0, 5) === '%PDF-') return 'application/pdf';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return 'application/zip';
  if (isText(b)) return 'text/plain';
  return null;
}

/**
 * Types whose difference the first bytes cannot settle, or that are aliases: HEIC, HEIF and AVIF are one container;
 * an MP4 holding only sound is still brand `isom`/`mp42` (whether it has a video track is deep in its `moov` box), and
 * phones label MPEG-4 recordings as MP4, M4A, 3GP or MOV interchangeably; a WebM's header does not say whether it
 * has video. Inside one family a declared type is taken as the bytes' own.
 */
const FAMILIES: readonly (readonly string[])[] = [
  ['image/heic', 'image/heif', 'image/avif'],
  ['audio/wav', 'audio/x-wav'],
  ['audio/amr', 'audio/amr-wb'],
  ['audio/mp4', 'video/mp4', 'video/quicktime', 'video/3gpp', 'video/3gpp2'],
  ['audio/webm', 'video/webm', 'video/x-matroska'],
];

/** Whether bytes sniffed as `detected` are what `declared` says (exactly, or within one container family). */
export function sameMedia(detected: string | null, declared: string): boolean {
  if (detected === null) return false;
  const d = declared.toLowerCase();
  return detected === d || FAMILIES.some((f) => f.includes(detected) && f.includes(d));
}

/** Image kinds the server decodes (photos, the drawn signature); audio and video are only sniffed. */
export const isImageType = (t: string | null) => t !== null && t.startsWith('image/');
const isHeif = (t: string) => ['image/heic', 'image/heif', 'image/avif'].includes(t);

/** The decode check's outcome: the greyscale thumbnail the perceptual hash is computed from, when there is one. */
export type Decoded = { ok: true; grey: Buffer | null } | { ok: false; error: string };

/** Thumbnail size of the difference hash (imageProbe.ts): 9 columns give 8 left/right comparisons per row. */
export const DHASH_W = 9;
export const DHASH_H = 8;

/**
 * Decodes the whole image (libvips, aborting on a warning: a truncated or corrupt JPEG fails here) after applying its
 * EXIF orientation, down to the 9×8 greyscale thumbnail the perceptual hash needs, so one decode serves both. JPEG
 * decodes with shrink-on-load, which still reads every block of the file.
 *
 * HEIC: the prebuilt libvips carries no HEVC decoder (a patent-encumbered codec), so for an HEIC photo the check is that
 * its HEIF container and image items parse; it gets no perceptual hash (grey: null).
 */
export async function decodeImage(bytes: Buffer, detected: string): Promise<Decoded> {
  try {
    const grey = await sharp(bytes, { failOn: 'warning' }).rotate().greyscale().resize(DHASH_W, DHASH_H, { fit: 'fill' }).raw().toBuffer();
    return { ok: true, grey };
  } catch (e) {
    if (!isHeif(detected)) return { ok: false, error: (e as Error).message };
  }
  try {
    const m = await sharp(bytes).metadata();
    return m.width && m.height ? { ok: true, grey: null } : { ok: false, error: 'no image in the HEIF container' };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

import crypto from 'node:crypto';
import piexif from 'piexifjs';
import sharp from 'sharp';

// A phone camera's photo for the simulator and the tests: a JPEG whose picture depends on a seed (different seeds
// give pictures whose perceptual hashes differ in about half their bits) and whose EXIF says when and where it was
// taken, as a phone writes it: DateTimeOriginal on the camera's wall clock, OffsetTimeOriginal, GPS, make and model.
// The server's evidence forensics read exactly these (services/evidence/forensics/).

// piexifjs 1.0.6 predates EXIF 2.31's offset tags; teach it OffsetTime (0x9010) and OffsetTimeOriginal (0x9011).
const OFFSET_TIME = 0x9010;
const OFFSET_TIME_ORIGINAL = 0x9011;
piexif.TAGS.Exif[OFFSET_TIME] ??= { name: 'OffsetTime', type: 'Ascii' };
piexif.TAGS.Exif[OFFSET_TIME_ORIGINAL] ??= { name: 'OffsetTimeOriginal', type: 'Ascii' };

export interface CameraPhotoOptions {
  /** When the shutter was pressed (default now). */
  takenAt?: Date | string;
  /**
   * The camera's UTC offset, written as OffsetTimeOriginal (default '+08:00'); null writes none, as many Android
   * cameras do — the wall-clock time is then China time, as on every phone in China.
   */
  offset?: string | null;
  /** The camera's GPS fix; omitted or null: no GPS in the EXIF. */
  lat?: number | null;
  lon?: number | null;
  /** What the picture shows: the same seed draws the same picture (default: a new one each call). */
  seed?: string | number;
  /** false: no EXIF at all (a stripped or edited photo). Default true. */
  exif?: boolean;
  width?: number;
  height?: number;
  quality?: number;
  /**
   * Sensor noise and fine texture, 0–64 (default 0: smooth). A phone photo's detail is what makes it 1–4 MB and what
   * a decoder spends its time on; the benchmarks use it. The grain is random (the seed draws only the picture), and
   * too fine to move the perceptual hash.
   */
  grain?: number;
  make?: string;
  model?: string;
}

/**
 * Blocks from the seed, smoothly enlarged: structure at every scale a perceptual hash looks at. Each block's
 * brightness is random and its colour only a tint of it, as in a photo, where light and shade (not hue) draw the
 * shapes; a perceptual hash works on brightness.
 */
async function picture(seed: string, width: number, height: number, quality: number, grain: number): Promise<Buffer> {
  const cols = 16;
  const rows = 12;
  let pool = Buffer.alloc(0);
  for (let i = 0; pool.length < cols * rows * 4; i += 1) pool = Buffer.concat([pool, crypto.createHash('sha256').update(`${seed}/${i}`).digest()]);
  const px = Buffer.alloc(cols * rows * 3);
  for (let k = 0; k < cols * rows; k += 1) {
    const light = pool[k * 4];
    for (let c = 0; c < 3; c += 1) px[k * 3 + c] = Math.max(0, Math.min(255, Math.round(light + (pool[k * 4 + 1 + c] - 128) * 0.25)));
  }
  const smooth = sharp(px, { raw: { width: cols, height: rows, channels: 3 } }).resize(width, height, { kernel: 'cubic', fit: 'fill' });
  if (!grain) return smooth.jpeg({ quality }).toBuffer();
  const { data, info } = await smooth.raw().toBuffer({ resolveWithObject: true });
  const noise = crypto.randomBytes(data.length);
  for (let i = 0; i < data.length; i += 1) data[i] = Math.max(0, Math.min(255, data[i] + (((noise[i] - 128) * grain) >> 7)));
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).jpeg({ quality }).toBuffer();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** EXIF "YYYY:MM:DD HH:MM:SS": the wall clock at `offset` (China time when the camera writes no offset). */
function exifDateTime(at: Date, offset: string): string {
  const minutes = (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const w = new Date(at.getTime() + minutes * 60_000);
  return `${w.getUTCFullYear()}:${pad(w.getUTCMonth() + 1)}:${pad(w.getUTCDate())} ${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())}`;
}

/** Degrees as EXIF's degrees/minutes/seconds rationals (seconds to 1/1000). */
function dms(deg: number): [number, number][] {
  const a = Math.abs(deg);
  const d = Math.floor(a);
  const m = Math.floor((a - d) * 60);
  const s = Math.round(((a - d) * 60 - m) * 60 * 1000);
  return [[d, 1], [m, 1], [s, 1000]];
}

/** A JPEG as a phone camera writes it (see CameraPhotoOptions). */
export async function cameraPhoto(o: CameraPhotoOptions = {}): Promise<Buffer> {
  const jpeg = await picture(String(o.seed ?? crypto.randomUUID()), o.width ?? 1024, o.height ?? 768, o.quality ?? 85, o.grain ?? 0);
  if (o.exif === false) return jpeg;
  const at = o.takenAt === undefined ? new Date() : new Date(o.takenAt);
  const offset = o.offset === undefined ? '+08:00' : o.offset;
  const exif: Record<number, string> = { [piexif.ExifIFD.DateTimeOriginal]: exifDateTime(at, offset ?? '+08:00') };
  if (offset !== null) exif[OFFSET_TIME_ORIGINAL] = offset;
  const gps = o.lat != null && o.lon != null
    ? {
        [piexif.GPSIFD.GPSVersionID]: [2, 3, 0, 0],
        [piexif.GPSIFD.GPSLatitudeRef]: o.lat < 0 ? 'S' : 'N',
        [piexif.GPSIFD.GPSLatitude]: dms(o.lat),
        [piexif.GPSIFD.GPSLongitudeRef]: o.lon < 0 ? 'W' : 'E',
        [piexif.GPSIFD.GPSLongitude]: dms(o.lon),
      }
    : {};
  const dump = piexif.dump({
    '0th': { [piexif.ImageIFD.Make]: o.make ?? 'HUAWEI', [piexif.ImageIFD.Model]: o.model ?? 'jicha terminal simulator' },
    Exif: exif,
    GPS: gps,
  });
  return Buffer.from(piexif.insert(dump, jpeg.toString('latin1')), 'latin1');
}

/** A grainy camera photo (4:3) of about `kib` KiB, as a phone's camera writes them, for the benchmarks. */
export async function cameraPhotoOfAbout(kib: number, o: CameraPhotoOptions = {}): Promise<Buffer> {
  const grain = o.grain ?? 24;
  const probe = await cameraPhoto({ ...o, width: 800, height: 600, grain });
  const bytesPerPixel = probe.length / (800 * 600);
  const width = Math.max(64, Math.round(Math.sqrt(((kib * 1024) / bytesPerPixel) * (4 / 3))));
  return cameraPhoto({ ...o, width, height: Math.round((width * 3) / 4), grain });
}

import crypto from 'node:crypto';
import sharp from 'sharp';
import { cameraPhoto, type CameraPhotoOptions } from '../../scripts/terminal/photos';

// Real photos for the tests that upload evidence: the confirm step decodes the stored bytes and reads their EXIF, and
// it flags a copy of any photo confirmed before (on any case, in any earlier test run) — so every test draws its own
// picture (a new seed unless it passes one) with the capture time and place it declares.

export type TestPhotoOptions = CameraPhotoOptions;

/** A JPEG with EXIF (capture time, offset +08:00, GPS when lat/lon are given), 640×480 unless told otherwise. */
export function testPhoto(o: TestPhotoOptions = {}): Promise<Buffer> {
  return cameraPhoto({ width: 640, height: 480, ...o });
}

/** The same picture re-encoded (other quality) and resized, EXIF dropped: what a forger's copy looks like. */
export async function reEncoded(bytes: Buffer, o: { scale?: number; quality?: number } = {}): Promise<Buffer> {
  const { width } = await sharp(bytes).metadata();
  return sharp(bytes).resize(Math.round((width ?? 640) * (o.scale ?? 0.75))).jpeg({ quality: o.quality ?? 70 }).toBuffer();
}

export const sha256Hex = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

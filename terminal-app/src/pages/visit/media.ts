// What the evidence upload accepts, and how a capture on this device is made to fit it. The lists restate
// services/evidence/evidencePolicy.ts (EVIDENCE_CONTENT_TYPES, EVIDENCE_MAX_BYTES): the generated client carries no
// such constants, and an upload of another type is refused (400) only when the outbox sends it — too late to record
// again. Keep the two in step; evidencePolicy is the authority.

export type MediaKind = 'photo' | 'audio' | 'video';

export const ACCEPTED_TYPES: Record<MediaKind, readonly string[]> = {
  photo: ['image/jpeg', 'image/png', 'image/heic', 'image/heif', 'image/webp'],
  audio: ['audio/mpeg', 'audio/mp4', 'audio/aac', 'audio/amr', 'audio/wav', 'audio/x-wav', 'audio/ogg', 'audio/webm'],
  video: ['video/mp4', 'video/quicktime', 'video/3gpp', 'video/webm'],
};

const MB = 1024 * 1024;
export const MAX_BYTES: Record<MediaKind, number> = { photo: 15 * MB, audio: 50 * MB, video: 300 * MB };

/**
 * The media type without parameters: MediaRecorder reports `audio/webm;codecs=opus`, but the API takes
 * `type/subtype` only (UploadRequest: /^[a-z]+\/[a-z0-9.+-]+$/) and compares it with the list as is.
 */
export function baseType(mime: string): string {
  return (mime.split(';')[0] ?? '').trim().toLowerCase();
}

/** The type to declare for an upload of this kind, or null when the API would refuse it. */
export function acceptedType(kind: MediaKind, mime: string): string | null {
  const b = baseType(mime);
  return ACCEPTED_TYPES[kind].includes(b) ? b : null;
}

/**
 * MediaRecorder formats in order of preference. WebM/Opus is what Chromium and Firefox on Android record; Safari
 * (iOS ≥ 14.3) records MP4/AAC. Each base type is in the accepted list above.
 */
export const RECORDER_CANDIDATES: Record<'audio' | 'video', readonly string[]> = {
  audio: ['audio/webm;codecs=opus', 'audio/webm', 'audio/mp4', 'audio/ogg;codecs=opus', 'audio/ogg'],
  video: ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm', 'video/mp4'],
};

/** The first format this browser records that the API accepts; null when none (offer the file picker instead). */
export function pickRecorderType(kind: 'audio' | 'video', isSupported: (mime: string) => boolean): { recorderType: string; contentType: string } | null {
  for (const m of RECORDER_CANDIDATES[kind]) {
    let ok = false;
    try {
      ok = isSupported(m);
    } catch {
      ok = false;
    }
    const contentType = acceptedType(kind, m);
    if (ok && contentType) return { recorderType: m, contentType };
  }
  return null;
}

/** Scale a frame so its longer side is at most `max` px (a phone's 4K frame as a JPEG stays well under 15 MB). */
export function fitWithin(width: number, height: number, max: number): { width: number; height: number } {
  if (width <= 0 || height <= 0) return { width: 0, height: 0 };
  const k = Math.min(1, max / Math.max(width, height));
  return { width: Math.round(width * k), height: Math.round(height * k) };
}

/** 3.2 MB, 640 KB: sizes as an inspector reads them. */
export function formatBytes(n: number): string {
  if (n >= MB) return `${(n / MB).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(n / 1024))} KB`;
}

/** 01:05 */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

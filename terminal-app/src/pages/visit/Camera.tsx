import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import { ACCEPTED_TYPES, MAX_BYTES, acceptedType, fitWithin } from './media';
import { canvasToBlob } from './signature';
import type { PhotoOrigin } from './exif';

// Photos: the rear camera's live preview (getUserMedia, facingMode environment) and a big shutter; each press is one
// JPEG. Without getUserMedia, or when the camera is refused, the system camera through a file input
// (capture="environment") takes its place — Android and iOS open their own camera app for it.

/** Longer side of a saved photo, px: sharp enough to read a meter's plate, a few MB as JPEG. */
const MAX_SIDE = 2560;
const JPEG_QUALITY = 0.85;

export interface Shot {
  blob: Blob;
  contentType: string;
  capturedAt: string;
  /** Photos: how it was made, for the EXIF the visit writes into it (exif.ts). */
  origin?: PhotoOrigin;
}

type CamState = { s: 'starting' } | { s: 'live' } | { s: 'fallback'; reason: 'unsupported' | 'denied' | 'failed' };

export function Camera({ onShot, onClose }: { onShot: (shot: Shot) => void; onClose: () => void }) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const [state, setState] = useState<CamState>({ s: 'starting' });
  const [shots, setShots] = useState(0);
  const [flash, setFlash] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const md = navigator.mediaDevices;
    if (!md?.getUserMedia) {
      setState({ s: 'fallback', reason: 'unsupported' });
      return;
    }
    md.getUserMedia({ video: { facingMode: { ideal: 'environment' }, width: { ideal: 1920 }, height: { ideal: 1080 } }, audio: false })
      .then(async (s) => {
        if (cancelled) {
          s.getTracks().forEach((tr) => tr.stop());
          return;
        }
        stream.current = s;
        const v = video.current;
        if (v) {
          v.srcObject = s;
          await v.play().catch(() => undefined);
        }
        setState({ s: 'live' });
      })
      .catch((e: unknown) => {
        if (!cancelled) setState({ s: 'fallback', reason: e instanceof DOMException && (e.name === 'NotAllowedError' || e.name === 'SecurityError') ? 'denied' : 'failed' });
      });
    return () => {
      cancelled = true;
      stream.current?.getTracks().forEach((tr) => tr.stop());
      stream.current = null;
    };
  }, []);

  const shoot = async () => {
    const v = video.current;
    if (!v || !v.videoWidth) return;
    const capturedAt = new Date().toISOString();
    setError(null);
    setFlash(true);
    window.setTimeout(() => setFlash(false), 120);
    try {
      const blob = await scaledJpeg(v, v.videoWidth, v.videoHeight);
      onShot({ blob, contentType: 'image/jpeg', capturedAt, origin: { kind: 'shutter' } });
      setShots((n) => n + 1);
    } catch {
      setError(t('visit.camera.shotFailed'));
    }
  };

  const fromFile = async (files: FileList | null) => {
    setError(null);
    for (const file of Array.from(files ?? [])) {
      try {
        onShot(await photoFromFile(file));
        setShots((n) => n + 1);
      } catch {
        setError(t('visit.camera.fileRefused', { type: file.type || '?' }));
      }
    }
  };

  return (
    <div className="capture-overlay" role="dialog" aria-modal="true" aria-label={t('visit.camera.title')} data-testid="camera">
      <div className="capture-top">
        <span>{t('visit.camera.title')}{shots ? ` · ${t('visit.camera.saved', { n: shots })}` : ''}</span>
        <button type="button" className="btn capture-close" onClick={onClose} data-testid="camera-close">{t('visit.camera.done')}</button>
      </div>
      <div className={`capture-stage${flash ? ' flash' : ''}`}>
        <video ref={video} playsInline muted autoPlay hidden={state.s !== 'live'} data-testid="camera-preview" />
        {state.s === 'starting' ? <p className="capture-msg">{t('visit.camera.starting')}</p> : null}
        {state.s === 'fallback' ? <p className="capture-msg" role="status" data-testid="camera-fallback">{t(`visit.camera.fallback.${state.reason}`)}</p> : null}
      </div>
      {error ? <p className="capture-error" role="alert">{error}</p> : null}
      <div className="capture-controls">
        <label className="btn btn-secondary file-btn">
          {t('visit.camera.system')}
          <input type="file" accept="image/*" capture="environment" onChange={(e) => { void fromFile(e.target.files); e.target.value = ''; }} data-testid="camera-file" />
        </label>
        {state.s === 'live' ? (
          <button type="button" className="shutter" onClick={() => void shoot()} aria-label={t('visit.camera.shutter')} data-testid="camera-shutter" />
        ) : null}
      </div>
    </div>
  );
}

/**
 * A photo picked or taken by the system camera, as the API accepts it: a JPEG/PNG/HEIC/WebP up to 15 MB as it is;
 * anything else (or larger) re-encoded as a JPEG through a canvas, which keeps no EXIF — so the original's is read
 * first and handed on (exif.ts copies its capture tags). Its capture time is the file's modification time when the
 * camera set one in the last hour, else now (a file's own EXIF time, when it has one, wins later on).
 */
export async function photoFromFile(file: File): Promise<Shot> {
  const fresh = !!file.lastModified && Date.now() - file.lastModified < 3_600_000;
  const capturedAt = new Date(fresh ? file.lastModified : Date.now()).toISOString();
  const type = acceptedType('photo', file.type);
  if (type && file.size <= MAX_BYTES.photo) return { blob: file, contentType: type, capturedAt, origin: { kind: 'file', timeFromFile: fresh } };
  if (typeof createImageBitmap !== 'function') throw new Error(`unsupported photo type ${file.type}; accepted: ${ACCEPTED_TYPES.photo.join(', ')}`);
  // EXIF lies in the first 64 KB of a JPEG (one APP1 segment), after at most a few small segments.
  const originalExif = /^image\/jpe?g$/i.test(file.type) ? (await import('./exif')).exifOf(new Uint8Array(await file.slice(0, 256 * 1024).arrayBuffer())) : null;
  const bmp = await createImageBitmap(file);
  try {
    return { blob: await scaledJpeg(bmp, bmp.width, bmp.height), contentType: 'image/jpeg', capturedAt, origin: { kind: 'file', timeFromFile: fresh, originalExif } };
  } finally {
    bmp.close();
  }
}

/** A frame or an image drawn at most MAX_SIDE on its longer side, as a JPEG. */
async function scaledJpeg(source: CanvasImageSource, width: number, height: number): Promise<Blob> {
  const size = fitWithin(width, height, MAX_SIDE);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas');
  ctx.drawImage(source, 0, 0, size.width, size.height);
  return canvasToBlob(canvas, 'image/jpeg', JPEG_QUALITY);
}

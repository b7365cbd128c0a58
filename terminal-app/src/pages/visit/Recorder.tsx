import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import { MAX_BYTES, acceptedType, formatBytes, formatDuration, pickRecorderType } from './media';
import type { Shot } from './Camera';

// Audio and video recording with MediaRecorder, in a format the evidence upload accepts (media.ts). A recording stops
// by itself just short of the kind's size limit. Without MediaRecorder, a format to record in, or the microphone /
// camera, the system recorder through a file input takes its place.

type RecState =
  | { s: 'starting' }
  | { s: 'ready' }
  | { s: 'recording'; since: number }
  | { s: 'fallback'; reason: 'unsupported' | 'denied' | 'failed' };

/** Stop at this share of the size limit: the last chunk may still arrive after stop(). */
const LIMIT_SHARE = 0.95;

export function Recorder({ kind, onShot, onClose }: { kind: 'audio' | 'video'; onShot: (shot: Shot) => void; onClose: () => void }) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const recorder = useRef<MediaRecorder | null>(null);
  const format = useRef<{ recorderType: string; contentType: string } | null>(null);
  const [state, setState] = useState<RecState>({ s: 'starting' });
  const [bytes, setBytes] = useState(0);
  const [now, setNow] = useState(Date.now());
  const [saved, setSaved] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const md = navigator.mediaDevices;
    const MR = typeof MediaRecorder === 'undefined' ? null : MediaRecorder;
    format.current = MR ? pickRecorderType(kind, (m) => MR.isTypeSupported(m)) : null;
    if (!md?.getUserMedia || !MR || !format.current) {
      setState({ s: 'fallback', reason: 'unsupported' });
      return;
    }
    const constraints: MediaStreamConstraints = kind === 'audio'
      ? { audio: { echoCancellation: false, noiseSuppression: false }, video: false }
      : { audio: true, video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } } };
    md.getUserMedia(constraints)
      .then(async (s) => {
        if (cancelled) {
          s.getTracks().forEach((tr) => tr.stop());
          return;
        }
        stream.current = s;
        if (kind === 'video' && video.current) {
          video.current.srcObject = s;
          await video.current.play().catch(() => undefined);
        }
        setState({ s: 'ready' });
      })
      .catch((e: unknown) => {
        if (!cancelled) setState({ s: 'fallback', reason: e instanceof DOMException && (e.name === 'NotAllowedError' || e.name === 'SecurityError') ? 'denied' : 'failed' });
      });
    return () => {
      cancelled = true;
      if (recorder.current && recorder.current.state !== 'inactive') recorder.current.stop();
      stream.current?.getTracks().forEach((tr) => tr.stop());
      stream.current = null;
    };
  }, [kind]);

  useEffect(() => {
    if (state.s !== 'recording') return;
    const timer = window.setInterval(() => setNow(Date.now()), 500);
    return () => window.clearInterval(timer);
  }, [state.s]);

  const start = () => {
    const s = stream.current;
    const f = format.current;
    if (!s || !f) return;
    setError(null);
    const capturedAt = new Date().toISOString();
    const chunks: Blob[] = [];
    let size = 0;
    let r: MediaRecorder;
    try {
      r = new MediaRecorder(s, { mimeType: f.recorderType });
    } catch {
      setState({ s: 'fallback', reason: 'unsupported' });
      return;
    }
    r.ondataavailable = (e) => {
      if (!e.data.size) return;
      chunks.push(e.data);
      size += e.data.size;
      setBytes(size);
      if (size >= MAX_BYTES[kind] * LIMIT_SHARE && r.state === 'recording') r.stop();
    };
    r.onstop = () => {
      recorder.current = null;
      setState({ s: 'ready' });
      if (!size) {
        setError(t('visit.recorder.empty'));
        return;
      }
      // The recorder may add codec parameters; the upload declares the bare type (media.ts baseType).
      onShot({ blob: new Blob(chunks, { type: f.contentType }), contentType: f.contentType, capturedAt });
      setSaved((n) => n + 1);
    };
    r.onerror = () => setError(t('visit.recorder.failed'));
    recorder.current = r;
    setBytes(0);
    r.start(1000);
    const since = Date.now();
    setNow(since);
    setState({ s: 'recording', since });
  };

  const stop = () => {
    if (recorder.current && recorder.current.state !== 'inactive') recorder.current.stop();
  };

  const fromFile = (files: FileList | null) => {
    setError(null);
    for (const file of Array.from(files ?? [])) {
      const type = acceptedType(kind, file.type);
      if (!type) setError(t('visit.camera.fileRefused', { type: file.type || '?' }));
      else if (file.size > MAX_BYTES[kind]) setError(t('visit.recorder.tooLarge', { max: formatBytes(MAX_BYTES[kind]) }));
      else {
        onShot({ blob: file, contentType: type, capturedAt: new Date(file.lastModified || Date.now()).toISOString() });
        setSaved((n) => n + 1);
      }
    }
  };

  const recording = state.s === 'recording';
  return (
    <div className="capture-overlay" role="dialog" aria-modal="true" aria-label={t(`visit.recorder.title.${kind}`)} data-testid={`recorder-${kind}`}>
      <div className="capture-top">
        <span>{t(`visit.recorder.title.${kind}`)}{saved ? ` · ${t('visit.camera.saved', { n: saved })}` : ''}</span>
        <button type="button" className="btn capture-close" onClick={() => { stop(); onClose(); }} data-testid="recorder-close">{t('visit.camera.done')}</button>
      </div>
      <div className="capture-stage">
        {kind === 'video' ? <video ref={video} playsInline muted autoPlay hidden={state.s === 'fallback' || state.s === 'starting'} /> : null}
        {state.s === 'starting' ? <p className="capture-msg">{t('visit.camera.starting')}</p> : null}
        {state.s === 'fallback' ? <p className="capture-msg" role="status" data-testid="recorder-fallback">{t(`visit.recorder.fallback.${state.reason}`)}</p> : null}
        {state.s === 'ready' && kind === 'audio' ? <p className="capture-msg">{t('visit.recorder.ready')}</p> : null}
        {recording ? (
          <p className="rec-status" role="status" data-testid="recorder-status">
            <span className="rec-dot" aria-hidden /> {formatDuration(now - state.since)} · {formatBytes(bytes)}
          </p>
        ) : null}
      </div>
      {error ? <p className="capture-error" role="alert">{error}</p> : null}
      <div className="capture-controls">
        {state.s === 'fallback' ? (
          <label className="btn btn-primary file-btn">
            {t(`visit.recorder.system.${kind}`)}
            <input type="file" accept={kind === 'audio' ? 'audio/*' : 'video/*'} capture={kind === 'audio' ? 'user' : 'environment'} onChange={(e) => { fromFile(e.target.files); e.target.value = ''; }} data-testid="recorder-file" />
          </label>
        ) : (
          <button
            type="button"
            className={`btn ${recording ? 'btn-danger' : 'btn-primary'} rec-btn`}
            disabled={state.s !== 'ready' && !recording}
            onClick={recording ? stop : start}
            data-testid="recorder-toggle"
          >
            {recording ? t('visit.recorder.stop') : t('visit.recorder.start')}
          </button>
        )}
      </div>
    </div>
  );
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { useTaskDetail } from '../tasks/useTaskDetail';
import { useApp } from '../../AppContext';
import { useI18n } from '../../i18n';
import { href, navigate } from '../../router';
import { enqueueEvidence, enqueueStep, startTrack, stopTrack, useCaseOutbox, useTrackState, type OutboxItem } from '../../outbox';
import { ErrorBox, Loading, Page, errorText } from '../../ui/ui';
import { codeLabel, formatChinaTime } from '../tasks/labels';
import { itemStatusText, stepNoticeText } from '../tasks/outboxView';
import { taskActions } from '../tasks/taskActions';
import type { CheckInAnswer, TaskDetail } from '../tasks/types';
import { Camera, type Shot } from './Camera';
import { Recorder } from './Recorder';
import { FIX_MAX_AGE_MS, GeoError, MAX_CHECKIN_ACCURACY_M, accuracyLevel, checkInPayload, currentFix, distanceM, type Fix } from './geo';
import { formatBytes } from './media';
import type { DeviceMake } from './exif';
import { PresenceReasons, forensicsReasons, type ConfirmAnswer } from './presence';
import { modelOf, platformOf } from '../../device/registration';
import { APP_VERSION } from '../settings/appVersion';
import '../tasks/tasks.css';
import './visit.css';

// 现场: what an inspector does at the customer — record the GPS track of the approach, check in with a fresh fix
// (its accuracy shown before it is sent), take photos, audio and video. Every step and capture goes into the outbox
// and is sent when the network allows; the server's answer to a check-in (distance, inside the geofence) appears
// when it comes back.

/** The camera the EXIF names: the platform and model this terminal registered with, and the app that wrote it. */
const THIS_DEVICE: DeviceMake = (() => {
  const ua = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  const model = modelOf(ua);
  return { make: platformOf(ua), ...(model ? { model } : {}), software: `jicha-terminal ${APP_VERSION}` };
})();

export function VisitPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { session, config } = useApp();
  const me = session.identity.username;
  const task = useTaskDetail(id);
  const outbox = useCaseOutbox(id);
  const track = useTrackState();
  const [capture, setCapture] = useState<null | 'photo' | 'audio' | 'video'>(null);
  const lastFix = useRef<Fix | null>(null);
  const [captureError, setCaptureError] = useState<unknown>(null);
  const [saving, setSaving] = useState(0);
  const { urls: previewUrls, add: addPreview } = usePreviews();

  const d = task.data;
  const radiusM = d?.evidencePolicy?.geofenceRadiusM ?? config.map.geofenceM;

  /** Where the capture was taken: the newest fix of this page or of the track recorder within 2 minutes, else a quick one. */
  const positionNow = useCallback(async (): Promise<Fix | null> => {
    const candidates = [lastFix.current, track.lastFix ? { ...track.lastFix } : null].filter((f): f is Fix => !!f);
    const fresh = candidates.filter((f) => Date.now() - Date.parse(f.at) < FIX_MAX_AGE_MS).sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
    if (fresh) return fresh;
    try {
      const f = await currentFix({ enableHighAccuracy: true, timeout: 8000, maximumAge: 60_000 });
      lastFix.current = f;
      return f;
    } catch {
      return null; // evidence without a position is still evidence; the server takes lat/lon as optional
    }
  }, [track.lastFix]);

  const onShot = useCallback(async (kind: 'photo' | 'audio' | 'video', shot: Shot) => {
    setCaptureError(null);
    setSaving((n) => n + 1);
    try {
      const fix = await positionNow();
      // A photo gets its capture time and place written into its EXIF (what the server reads back), and declares the
      // same; the outbox hashes the bytes as they are then. Audio and video declare the fix as before.
      // exif.ts (piexifjs's tag tables) loads with the first photo; the service worker precaches the chunk for offline.
      const declared = kind === 'photo'
        ? await (await import('./exif')).photoUpload(shot, fix, THIS_DEVICE)
        : { blob: shot.blob, capturedAt: shot.capturedAt, ...(fix ? { lat: fix.lat, lon: fix.lon, accuracyM: fix.accuracyM } : {}) };
      const item = await enqueueEvidence(id, { kind, contentType: shot.contentType, ...declared });
      if (kind === 'photo') addPreview(item.id, declared.blob);
    } catch (e) {
      setCaptureError(e);
    } finally {
      setSaving((n) => n - 1);
    }
  }, [id, positionNow, addPreview]);

  if (!d) {
    return (
      <Page title={t('visit.title')} back={href(`/tasks/${id}`)}>
        {task.error ? <ErrorBox error={task.error} onRetry={() => void task.reload()} /> : <Loading />}
      </Page>
    );
  }
  const can = taskActions(d, me, outbox);
  const captures = outbox.filter((i) => i.type === 'evidence' && i.evidenceKind !== 'signature').sort((a, b) => b.seq - a.seq);

  return (
    <Page title={t('visit.title')} back={href(`/tasks/${id}`)}>
      <section className="card" data-testid="visit-customer">
        <strong>{d.customer?.name ?? d.caseNo}</strong>
        <div className="muted small">{d.customer?.accountNo} · {d.caseNo}</div>
        {d.customer ? <div>{d.customer.address}</div> : null}
        {d.location ? <p><a className="btn btn-secondary btn-block link-btn" href={href(`/tasks/${id}/map`)} data-testid="visit-map">{t('tasks.action.map')}</a></p> : null}
      </section>

      {!can.visit ? (
        <div className="queued-box" role="status" data-testid="visit-not-open">
          {can.findingsGiven ? t('visit.closed.findings') : !can.accepted ? t('visit.closed.notAccepted') : t('visit.closed.other', { stage: codeLabel(t, 'case.stage', d.stage) })}
        </div>
      ) : null}

      <TrackCard caseId={id} track={track} radiusM={radiusM} />
      <CheckInCard caseId={id} task={d} outbox={outbox} radiusM={radiusM} disabled={!can.visit} recorderFix={track.recording ? track.lastFix : null} onFix={(f) => { lastFix.current = f; }} />

      <section className="card" data-testid="visit-evidence">
        <h2>{t('visit.evidence.title')}</h2>
        <div className="capture-buttons">
          <button type="button" className="btn btn-primary" disabled={!can.visit} onClick={() => setCapture('photo')} data-testid="capture-photo">{t('visit.capture.photo')}</button>
          <button type="button" className="btn btn-secondary" disabled={!can.visit} onClick={() => setCapture('audio')} data-testid="capture-audio">{t('visit.capture.audio')}</button>
          <button type="button" className="btn btn-secondary" disabled={!can.visit} onClick={() => setCapture('video')} data-testid="capture-video">{t('visit.capture.video')}</button>
        </div>
        {saving > 0 ? <p className="muted" role="status">{t('visit.capture.saving')}</p> : null}
        {captureError ? <div className="error-box" role="alert">{errorText(captureError, t)}</div> : null}
        <CaptureList items={captures} previews={previewUrls} />
      </section>

      <div className="action-bar">
        <button type="button" className="btn btn-secondary" disabled={!can.visit} onClick={() => setCapture('photo')} data-testid="visit-photo">{t('visit.capture.photo')}</button>
        <button type="button" className="btn btn-primary" disabled={!can.visit} onClick={() => navigate(`/tasks/${id}/findings`)} data-testid="visit-to-findings">{t('tasks.action.findings')}</button>
      </div>

      {capture === 'photo' ? <Camera onShot={(s) => void onShot('photo', s)} onClose={() => setCapture(null)} /> : null}
      {capture === 'audio' || capture === 'video' ? <Recorder kind={capture} onShot={(s) => void onShot(capture, s)} onClose={() => setCapture(null)} /> : null}
    </Page>
  );
}

// ---------------------------------------------------------------- GPS track

function TrackCard({ caseId, track, radiusM }: { caseId: string; track: ReturnType<typeof useTrackState>; radiusM: number }) {
  const { t } = useI18n();
  const mine = track.recording && track.caseId === caseId;
  const other = track.recording && track.caseId !== caseId;
  const [error, setError] = useState<unknown>(null);
  const act = (f: () => void) => {
    setError(null);
    try {
      f();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="card" data-testid="visit-track">
      <h2>{t('visit.track.title')}</h2>
      <p role="status" data-testid="track-state" data-recording={mine ? 'yes' : 'no'}>
        {mine ? t('visit.track.recording') : other ? t('visit.track.other') : t('visit.track.stopped')}
      </p>
      {mine || track.points > 0 ? (
        <dl className="kv">
          <dt>{t('visit.track.points')}</dt><dd data-testid="track-points">{track.points}</dd>
          <dt>{t('visit.track.unsent')}</dt><dd data-testid="track-unsent">{track.unsent}</dd>
          {track.lastFix ? (
            <>
              <dt>{t('visit.track.lastFix')}</dt>
              <dd className={`acc-${accuracyLevel(track.lastFix.accuracyM, radiusM)}`}>
                {t('visit.accuracy', { m: Math.round(track.lastFix.accuracyM) })} · {formatChinaTime(track.lastFix.at)}
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {track.error ? <p className="error-text" role="alert">{track.error}</p> : null}
      {error ? <p className="error-text" role="alert">{errorText(error, t)}</p> : null}
      <p className="muted small">{t('visit.track.help')}</p>
      <button
        type="button"
        className={`btn btn-block ${mine ? 'btn-danger' : 'btn-secondary'}`}
        onClick={() => act(() => {
          if (mine) stopTrack();
          else {
            if (other) stopTrack();
            startTrack(caseId);
          }
        })}
        data-testid="track-toggle"
      >
        {mine ? t('visit.track.stop') : other ? t('visit.track.switch') : t('visit.track.start')}
      </button>
    </section>
  );
}

// ---------------------------------------------------------------- check-in

type Locate = { s: 'idle' } | { s: 'locating' } | { s: 'fix'; fix: Fix } | { s: 'error'; reason: string };

/** A fix the running track recorder took this recently is as fresh as a new one (and asking the GPS for a second one
 * while it is being watched can time out on some devices). */
const RECORDER_FIX_FRESH_MS = 15_000;

function CheckInCard({ caseId, task, outbox, radiusM, disabled, recorderFix, onFix }: {
  caseId: string; task: TaskDetail; outbox: OutboxItem[]; radiusM: number; disabled: boolean; recorderFix: Fix | null; onFix: (f: Fix) => void;
}) {
  const { t } = useI18n();
  const [loc, setLoc] = useState<Locate>({ s: 'idle' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const items = outbox.filter((i) => i.type === 'step' && i.action === 'check-in').sort((a, b) => b.seq - a.seq);

  const locate = async () => {
    setError(null);
    setLoc({ s: 'locating' });
    try {
      const fresh = recorderFix && Date.now() - Date.parse(recorderFix.at) <= RECORDER_FIX_FRESH_MS ? recorderFix : null;
      const fix = fresh ?? await currentFix();
      onFix(fix);
      setLoc({ s: 'fix', fix });
    } catch (e) {
      setLoc({ s: 'error', reason: e instanceof GeoError ? e.reason : 'unavailable' });
    }
  };

  const send = async (fix: Fix) => {
    if (Date.now() - Date.parse(fix.at) > FIX_MAX_AGE_MS) {
      setLoc({ s: 'idle' });
      setError(new Error(t('visit.checkIn.stale')));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await enqueueStep(caseId, 'check-in', checkInPayload(fix));
      setLoc({ s: 'idle' });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const fix = loc.s === 'fix' ? loc.fix : null;
  const level = fix ? accuracyLevel(fix.accuracyM, radiusM) : null;
  const estimate = fix && task.location ? Math.round(distanceM(fix, task.location)) : null;
  return (
    <section className="card" data-testid="visit-checkin">
      <h2>{t('visit.checkIn.title')}</h2>
      {task.checkIns.length ? (
        <p className="muted small">{t('visit.checkIn.before', { n: task.checkIns.length, inside: task.checkIns.filter((c) => c.insideGeofence).length })}</p>
      ) : null}
      {loc.s === 'locating' ? <p role="status">{t('visit.checkIn.locating')}</p> : null}
      {loc.s === 'error' ? <p className="error-text" role="alert" data-testid="checkin-geo-error">{t(`visit.geo.${loc.reason}`)}</p> : null}
      {fix && level ? (
        <div className={`fix-box acc-${level}`} data-testid="checkin-fix" data-level={level}>
          <p className="fix-accuracy" data-testid="checkin-accuracy">{t('visit.accuracy', { m: Math.round(fix.accuracyM) })}</p>
          <p className="small">{t(`visit.accuracyLevel.${level}`)}</p>
          {estimate !== null ? <p className="small">{t('visit.checkIn.estimate', { m: estimate, radius: radiusM })}</p> : null}
          <p className="muted small">{fix.lat.toFixed(6)}, {fix.lon.toFixed(6)} · {formatChinaTime(fix.at)}</p>
        </div>
      ) : null}
      {error ? <p className="error-text" role="alert" data-testid="checkin-error">{errorText(error, t)}</p> : null}
      <div className="row-actions">
        <button type="button" className="btn btn-secondary" disabled={disabled || loc.s === 'locating'} onClick={() => void locate()} data-testid="checkin-locate">
          {fix ? t('visit.checkIn.relocate') : t('visit.checkIn.locate')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={disabled || busy || !fix || fix.accuracyM > MAX_CHECKIN_ACCURACY_M}
          onClick={() => fix && void send(fix)}
          data-testid="checkin-submit"
        >
          {t('visit.checkIn.submit')}
        </button>
      </div>
      {fix && fix.accuracyM > MAX_CHECKIN_ACCURACY_M ? <p className="error-text">{t('visit.checkIn.tooInaccurate')}</p> : null}
      {items.length ? (
        <ul className="list" data-testid="checkin-results">
          {items.map((i) => <CheckInRow key={i.id} item={i} />)}
        </ul>
      ) : null}
    </section>
  );
}

function CheckInRow({ item }: { item: OutboxItem }) {
  const { t } = useI18n();
  const r = item.status === 'done' ? (item.result as CheckInAnswer | undefined) : undefined;
  return (
    <li className="row" data-testid="checkin-result" data-status={item.status} data-inside={r ? String(r.insideGeofence) : undefined}>
      <div className="row-line">
        <span>{formatChinaTime(item.createdAt)}</span>
        {r ? (
          <span className={r.insideGeofence ? 'tag tag-ok' : 'tag tag-danger'}>{r.insideGeofence ? t('visit.checkIn.inside') : t('visit.checkIn.outside')}</span>
        ) : <span className={item.status === 'conflict' ? 'tag tag-danger' : 'tag'}>{itemStatusText(item, t)}</span>}
      </div>
      {r ? (
        <div className="small">{r.distanceM !== null ? t('visit.checkIn.distance', { m: r.distanceM }) : t('visit.checkIn.noLocation')} · {t('visit.accuracy', { m: Math.round(r.accuracyM) })}</div>
      ) : <div className="muted small">{stepNoticeText(item, t)}</div>}
    </li>
  );
}

// ---------------------------------------------------------------- captures

/** Object URLs of the photos taken on this page, to show them before they are uploaded; revoked when the page closes. */
function usePreviews() {
  const [urls, setUrls] = useState<Record<string, string>>({});
  const live = useRef<Record<string, string>>({});
  useEffect(() => () => {
    for (const u of Object.values(live.current)) URL.revokeObjectURL(u);
  }, []);
  const add = useCallback((id: string, blob: Blob) => {
    if (typeof URL.createObjectURL !== 'function') return; // no preview, the capture itself is queued
    const u = URL.createObjectURL(blob);
    live.current[id] = u;
    setUrls((m) => ({ ...m, [id]: u }));
  }, []);
  return { urls, add };
}

/** What the server found doubtful about an uploaded capture (issue #15): the `forensics` of its confirm answer. */
function doubtsAbout(item: OutboxItem) {
  if (item.status !== 'done') return [];
  return forensicsReasons((item.result as Partial<ConfirmAnswer> | null | undefined)?.evidence);
}

function CaptureList({ items, previews }: { items: OutboxItem[]; previews: Record<string, string> }) {
  const { t } = useI18n();
  if (!items.length) return <p className="muted" data-testid="captures-empty">{t('visit.capture.none')}</p>;
  return (
    <ul className="list captures" data-testid="captures-list">
      {items.map((i) => {
        const doubts = doubtsAbout(i);
        return (
          <li key={i.id} className={`row capture-row${doubts.length ? ' flagged' : ''}`} data-testid="capture-item" data-kind={i.evidenceKind} data-status={i.status} data-flagged={doubts.length ? 'yes' : undefined}>
            <div className="capture-main">
              <div className="capture-thumb" aria-hidden>
                {previews[i.id] ? <img src={previews[i.id]} alt="" /> : <span>{i.evidenceKind === 'audio' ? '♪' : i.evidenceKind === 'video' ? '▶' : '▣'}</span>}
              </div>
              <div className="capture-info">
                <div className="row-line">
                  <strong>{codeLabel(t, 'case.evidenceKind', i.evidenceKind)}</strong>
                  {doubts.length ? <span className="tag tag-warn">{t('presence.flagged')}</span> : null}
                  <span className={i.status === 'conflict' ? 'tag tag-danger' : i.status === 'done' ? 'tag tag-ok' : i.status === 'failed' ? 'tag tag-warn' : 'tag'}>{itemStatusText(i, t)}</span>
                </div>
                <div className="muted small">{formatChinaTime(i.createdAt)}{i.sizeBytes ? ` · ${formatBytes(i.sizeBytes)}` : ''}</div>
                {i.status === 'sending' && typeof i.progress === 'number' ? <progress max={1} value={i.progress} aria-label={itemStatusText(i, t)} /> : null}
                {i.problem ? <p className={i.status === 'conflict' ? 'error-text small' : 'muted small'}>{i.problem.message}</p> : null}
              </div>
            </div>
            {doubts.length ? (
              <div className="capture-doubts" role="note" aria-label={t('presence.flagged.title')}>
                <PresenceReasons reasons={doubts} testId="capture-doubts" />
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

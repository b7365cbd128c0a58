import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../i18n';
import { Button } from '../ui/ui';
import type { LatLon } from '../../../ui-map/coords';
import { formatDistance, formatDuration } from './format';
import { playbackMs, positionAtFraction, prepareReplay } from '../../../ui-map/replay';
import type { TaskTrack } from './taskData';

// 回放轨迹: a marker walks the recorded track (one per device) in proportion to the real time between fixes; a
// slider scrubs; the panel shows the track's length, how long it took, and the moment and distance shown.

export type ReplayTrack = TaskTrack;

const STEPS = 1000;

export function ReplayPanel({ tracks, onPosition }: { tracks: ReplayTrack[]; onPosition: (p: LatLon | null) => void }) {
  const { t, lang } = useI18n();
  const usable = useMemo(() => tracks.filter((tr) => tr.points.length > 0), [tracks]);
  const [chosen, setChosen] = useState(0);
  const track = usable[Math.min(chosen, usable.length - 1)];
  const replay = useMemo(() => (track ? prepareReplay(track.points) : null), [track]);
  const [fraction, setFraction] = useState(0);
  const [playing, setPlaying] = useState(false);
  const report = useRef(onPosition);
  report.current = onPosition;
  const fractionNow = useRef(fraction);
  fractionNow.current = fraction;

  /**
   * Move the replay to `f` and tell the map. The map is told here, where the move happens (slider, animation
   * frame), not from an effect: an effect that sets the parent's state on every frame chains renders without end.
   */
  const go = useCallback((f: number) => {
    setFraction(f);
    if (replay) {
      const p = positionAtFraction(replay, f);
      report.current({ lat: p.lat, lon: p.lon });
    } else {
      report.current(null);
    }
  }, [replay]);

  // A new track starts at its beginning, paused.
  useEffect(() => {
    setPlaying(false);
    go(0);
  }, [go]);
  useEffect(() => () => report.current(null), []);

  // Animation: advance by real elapsed time over the playback length, from where the slider stands.
  useEffect(() => {
    if (!playing || !replay) return undefined;
    const total = playbackMs(replay.durationMs);
    let f = fractionNow.current;
    let last = performance.now();
    let frame = requestAnimationFrame(function step(now) {
      f = Math.min(1, f + (now - last) / total);
      last = now;
      go(f);
      if (f >= 1) setPlaying(false);
      else frame = requestAnimationFrame(step);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, replay, go]);

  const pos = replay ? positionAtFraction(replay, fraction) : null;

  if (!track || !replay || !pos) return <div className="card map-replay" data-testid="replay-panel"><p className="muted">{t('map.replay.none')}</p></div>;

  const durationMs = Math.max(0, Date.parse(track.endedAt) - Date.parse(track.startedAt)) || replay.durationMs;
  // The API measures the full track; the points are simplified, so scale the distance walked to the true length.
  const done = replay.lengthM > 0 ? (pos.distM / replay.lengthM) * track.lengthM : 0;
  const time = new Date(pos.t).toLocaleTimeString(lang === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });

  return (
    <div className="card map-replay" data-testid="replay-panel">
      {usable.length > 1 ? (
        <label>
          {t('map.replay.choose')}
          <select value={chosen} onChange={(e) => setChosen(Number(e.target.value))}>
            {usable.map((tr, i) => <option key={tr.deviceId} value={i}>{t('map.replay.track', { user: tr.username, device: tr.deviceId })}</option>)}
          </select>
        </label>
      ) : null}
      <p className="map-replay-summary" data-testid="replay-summary">
        {t('map.replay.summary', { length: formatDistance(t, track.lengthM), duration: formatDuration(t, durationMs), count: track.pointCount })}
      </p>
      <div className="map-replay-controls">
        <Button kind="secondary" onClick={() => { if (fraction >= 1) go(0); setPlaying((p) => !p); }} testId="replay-play">
          {playing ? t('map.replay.pause') : t('map.replay.play')}
        </Button>
        <input
          type="range"
          min={0}
          max={STEPS}
          step={1}
          value={Math.round(fraction * STEPS)}
          aria-label={t('map.replay.slider')}
          data-testid="replay-slider"
          onChange={(e) => { setPlaying(false); go(Number(e.target.value) / STEPS); }}
        />
      </div>
      <p className="muted" data-testid="replay-at">{t('map.replay.at', { time, done: formatDistance(t, done) })}</p>
    </div>
  );
}

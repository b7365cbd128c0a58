import { useCallback, useEffect, useRef, useState } from 'react';
import { Box, IconButton, MenuItem, Slider, TextField, Typography } from '@mui/material';
import PlayIcon from '@mui/icons-material/PlayArrow';
import PauseIcon from '@mui/icons-material/Pause';
import { useTranslate } from 'react-admin';
import { advanceFraction, defaultSpeed, REPLAY_SPEEDS, type Replay } from '../../../../../ui-map/replay';

const STEPS = 1000;

/**
 * 轨迹回放: a time scrubber over the visit (by the fixes' own times) and a speed in multiples of real time. The
 * fraction lives with the parent (the map draws the marker there); this only moves it.
 */
export function ReplayControls({ replay, fraction, onFraction, label }: {
  replay: Replay;
  fraction: number;
  onFraction: (f: number) => void;
  label: string;
}) {
  const translate = useTranslate();
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(() => defaultSpeed(replay.durationMs));
  const now = useRef(fraction);
  now.current = fraction;
  const report = useRef(onFraction);
  report.current = onFraction;

  useEffect(() => setSpeed(defaultSpeed(replay.durationMs)), [replay.durationMs]);

  // Advance by real elapsed time × speed, from wherever the scrubber stands.
  useEffect(() => {
    if (!playing) return undefined;
    let f = now.current;
    let last = performance.now();
    let frame = requestAnimationFrame(function step(t) {
      f = advanceFraction(replay, f, t - last, speed);
      last = t;
      report.current(f);
      if (f >= 1) setPlaying(false);
      else frame = requestAnimationFrame(step);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, replay, speed]);

  const toggle = useCallback(() => {
    if (!playing && now.current >= 1) report.current(0);
    setPlaying((p) => !p);
  }, [playing]);

  return (
    <Box data-testid="map-replay-controls" sx={{ display: 'grid', gridTemplateColumns: 'auto 1fr auto', alignItems: 'center', columnGap: 1.5, mt: 1 }}>
      <IconButton onClick={toggle} aria-label={translate(playing ? 'caseMap.replay.pause' : 'caseMap.replay.play')} data-testid="map-replay-play">
        {playing ? <PauseIcon /> : <PlayIcon />}
      </IconButton>
      <Slider
        value={Math.round(fraction * STEPS)}
        min={0}
        max={STEPS}
        step={1}
        onChange={(_, v) => {
          setPlaying(false);
          report.current((Array.isArray(v) ? v[0]! : v) / STEPS);
        }}
        slotProps={{ input: { 'aria-label': translate('caseMap.replay.slider'), 'data-testid': 'map-replay-slider' } as Record<string, string> }}
      />
      <TextField
        select
        size="small"
        label={translate('caseMap.replay.speed')}
        value={speed}
        onChange={(e) => setSpeed(Number(e.target.value))}
        sx={{ minWidth: 96 }}
        slotProps={{ htmlInput: { 'data-testid': 'map-replay-speed' } }}
      >
        {REPLAY_SPEEDS.map((s) => <MenuItem key={s} value={s}>{translate('caseMap.replay.speedX', { n: s })}</MenuItem>)}
      </TextField>
      <Typography variant="caption" color="text.secondary" data-testid="map-replay-label" sx={{ gridColumn: '1 / -1' }}>
        {label}
      </Typography>
    </Box>
  );
}

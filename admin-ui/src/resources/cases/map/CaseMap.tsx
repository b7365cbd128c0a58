import { useEffect, useMemo, useState } from 'react';
import { Box, IconButton, Slider, Stack, Typography } from '@mui/material';
import PlayIcon from '@mui/icons-material/PlayArrow';
import PauseIcon from '@mui/icons-material/Pause';
import { useTranslate } from 'react-admin';
import type { CheckIn } from '../show/useCaseQueries';
import { formatDateTime } from '../../../format/dateTime';
import { EmptyState } from '../../../ui/LoadStates';
import type { TimedPoint } from './caseTrack';
import { MapLegend } from './MapLegend';
import { niceScaleLength, projectLocal, toSvg, viewHalfExtent, type LatLon } from './projection';

export const DEFAULT_GEOFENCE_RADIUS_M = 200;
/** Milliseconds between two replay steps. */
export const REPLAY_STEP_MS = 700;

export interface CaseMapProps {
  customer: LatLon | null;
  checkIns: readonly CheckIn[];
  track: readonly TimedPoint[];
  geofenceRadiusM?: number;
}

const formatMetres = (m: number) => (m >= 1000 ? `${m / 1000} km` : `${m} m`);

/**
 * The customer, check-ins with the geofence, and the track with replay, drawn as SVG in local
 * metres around the customer (north up, one SVG unit = one metre). No tiles: works offline.
 */
export function CaseMap({ customer, checkIns, track, geofenceRadiusM = DEFAULT_GEOFENCE_RADIUS_M }: CaseMapProps) {
  const translate = useTranslate();
  const [shown, setShown] = useState(track.length);
  const [playing, setPlaying] = useState(false);

  // A new track (after a refetch) is shown whole again.
  useEffect(() => {
    setShown(track.length);
    setPlaying(false);
  }, [track.length]);

  useEffect(() => {
    if (!playing) return undefined;
    const timer = setInterval(() => {
      setShown((k) => {
        if (k >= track.length) {
          setPlaying(false);
          return k;
        }
        return k + 1;
      });
    }, REPLAY_STEP_MS);
    return () => clearInterval(timer);
  }, [playing, track.length]);

  const geometry = useMemo(() => {
    if (!customer) return null;
    const checkInPoints = checkIns.map((c) => ({ checkIn: c, ...toSvg(projectLocal(customer, c)) }));
    const trackPoints = track.map((p) => ({ point: p, ...toSvg(projectLocal(customer, p)) }));
    const half = viewHalfExtent(
      [...checkInPoints, ...trackPoints].map((p) => ({ x: p.x, y: -p.y })),
      geofenceRadiusM,
    );
    return { checkInPoints, trackPoints, half, scaleM: niceScaleLength(half * 0.5) };
  }, [customer, checkIns, track, geofenceRadiusM]);

  if (!customer || !geometry) return <EmptyState message="resources.cases.map.noCustomerLocation" />;

  const { checkInPoints, trackPoints, half, scaleM } = geometry;
  // Sizes in metres proportional to the view, so markers and text keep their size on screen.
  const r = half * 0.032;
  const font = half * 0.075;
  const visible = trackPoints.slice(0, shown);
  const current = visible[visible.length - 1];
  const scaleX = -half + half * 0.08;
  const scaleY = half - half * 0.08;

  const togglePlay = () => {
    if (!playing && shown >= track.length) setShown(track.length > 0 ? 1 : 0);
    setPlaying((p) => !p);
  };

  return (
    <Box data-testid="case-map">
      <Box sx={{ maxWidth: 560, mx: 'auto', border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: '#f7f9f4' }}>
        <svg
          viewBox={`${-half} ${-half} ${2 * half} ${2 * half}`}
          width="100%"
          role="img"
          aria-label={translate('resources.cases.map.title')}
          style={{ display: 'block', aspectRatio: '1 / 1', touchAction: 'pan-y' }}
          data-half-extent-m={half}
        >
          {/* grid every scale length */}
          {Array.from({ length: Math.floor(half / scaleM) * 2 + 1 }, (_, i) => (i - Math.floor(half / scaleM)) * scaleM).map((v) => (
            <g key={v} stroke="#dde3d6" strokeWidth={1} vectorEffect="non-scaling-stroke">
              <line x1={v} y1={-half} x2={v} y2={half} vectorEffect="non-scaling-stroke" />
              <line x1={-half} y1={v} x2={half} y2={v} vectorEffect="non-scaling-stroke" />
            </g>
          ))}

          <circle
            data-testid="map-geofence"
            cx={0}
            cy={0}
            r={geofenceRadiusM}
            fill="rgba(25,118,210,0.06)"
            stroke="#1976d2"
            strokeDasharray="6 4"
            strokeWidth={1.5}
            vectorEffect="non-scaling-stroke"
          />

          {visible.length > 1 && (
            <polyline
              data-testid="map-track"
              points={visible.map((p) => `${p.x},${p.y}`).join(' ')}
              fill="none"
              stroke="#ef6c00"
              strokeWidth={2.5}
              strokeLinejoin="round"
              vectorEffect="non-scaling-stroke"
            />
          )}
          {visible.map((p, i) => (
            <circle key={i} data-testid="map-track-point" cx={p.x} cy={p.y} r={r * 0.45} fill="#ef6c00" />
          ))}
          {current && (
            <circle
              data-testid="map-track-current"
              cx={current.x}
              cy={current.y}
              r={r * 1.2}
              fill="none"
              stroke="#ef6c00"
              strokeWidth={3}
              vectorEffect="non-scaling-stroke"
            />
          )}

          {checkInPoints.map(({ checkIn, x, y }, i) => (
            <g key={`${checkIn.at}-${i}`}>
              {checkIn.accuracyM > 0 && (
                <circle cx={x} cy={y} r={checkIn.accuracyM} fill="rgba(0,0,0,0.05)" stroke="none" />
              )}
              <circle
                data-testid="map-checkin"
                data-inside={checkIn.insideGeofence}
                cx={x}
                cy={y}
                r={r}
                fill={checkIn.insideGeofence ? '#2e7d32' : '#d32f2f'}
                stroke="#fff"
                strokeWidth={2}
                vectorEffect="non-scaling-stroke"
              >
                <title>
                  {`${formatDateTime(checkIn.at)} · ${checkIn.distanceM ?? '—'} m`}
                </title>
              </circle>
            </g>
          ))}

          <rect
            data-testid="map-customer"
            x={-r}
            y={-r}
            width={2 * r}
            height={2 * r}
            transform="rotate(45)"
            fill="#1976d2"
            stroke="#fff"
            strokeWidth={2}
            vectorEffect="non-scaling-stroke"
          />

          {/* north arrow */}
          <g transform={`translate(${half - half * 0.1}, ${-half + half * 0.14})`}>
            <path d={`M0 ${-font * 1.6} L${font * 0.5} 0 L${-font * 0.5} 0 Z`} fill="#333" />
            <text y={font * 1.1} fontSize={font} textAnchor="middle" fill="#333">N</text>
          </g>

          {/* scale bar: scaleM metres long in SVG units */}
          <g data-testid="map-scale" data-length-m={scaleM}>
            <line x1={scaleX} y1={scaleY} x2={scaleX + scaleM} y2={scaleY} stroke="#333" strokeWidth={3} vectorEffect="non-scaling-stroke" />
            <line x1={scaleX} y1={scaleY - font * 0.4} x2={scaleX} y2={scaleY} stroke="#333" strokeWidth={2} vectorEffect="non-scaling-stroke" />
            <line x1={scaleX + scaleM} y1={scaleY - font * 0.4} x2={scaleX + scaleM} y2={scaleY} stroke="#333" strokeWidth={2} vectorEffect="non-scaling-stroke" />
            <text x={scaleX + scaleM / 2} y={scaleY - font * 0.6} fontSize={font} textAnchor="middle" fill="#333">
              {formatMetres(scaleM)}
            </text>
          </g>
        </svg>
      </Box>

      <MapLegend geofenceRadiusM={geofenceRadiusM} derivedTrack={track.length > 0 && track[0]!.source !== 'track'} />

      {track.length > 0 && (
        <Stack direction="row" spacing={2} alignItems="center" sx={{ mt: 1, maxWidth: 560, mx: 'auto' }} data-testid="map-replay">
          <IconButton
            onClick={togglePlay}
            aria-label={translate(playing ? 'resources.cases.map.pause' : 'resources.cases.map.play')}
            size="large"
          >
            {playing ? <PauseIcon /> : <PlayIcon />}
          </IconButton>
          <Slider
            value={shown}
            min={0}
            max={track.length}
            step={1}
            marks
            onChange={(_, v) => {
              setPlaying(false);
              setShown(Array.isArray(v) ? v[0]! : v);
            }}
            slotProps={{ input: { 'aria-label': translate('resources.cases.map.replay') } }}
          />
          <Typography variant="caption" sx={{ minWidth: 120, textAlign: 'right' }} data-testid="map-replay-label">
            {shown} / {track.length}
            {current ? ` · ${formatDateTime(current.point.at)}` : ''}
          </Typography>
        </Stack>
      )}
    </Box>
  );
}

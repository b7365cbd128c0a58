import { useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { Box, IconButton, Stack } from '@mui/material';
import ZoomInIcon from '@mui/icons-material/Add';
import ZoomOutIcon from '@mui/icons-material/Remove';
import FitIcon from '@mui/icons-material/CenterFocusStrong';
import { useTranslate } from 'react-admin';
import type { MapFeatures } from '../../../../../ui-map/features';
import { distanceM } from '../../../../../ui-map/geo';
import { fitView, gridPositions, panView, scaleBar, screenProjector, zoomView, type SvgView } from '../../../../../ui-map/svgView';
import { observeSize, type Size } from '../../../../../ui-map/elementSize';
import { formatDistance } from './caseMapModel';

// The case map without WebGL or MapLibre: the shared view arithmetic (ui-map/svgView — local metres around the
// customer, north up) drawn as SVG, with a metric grid, a scale bar, a north arrow and each check-in's distance to the
// customer written beside it, so a track can be judged without any basemap. Drag to pan; the buttons zoom.

const DEFAULT_SIZE = { width: 560, height: 380 };
const PADDING = { top: 24, right: 56, bottom: 44, left: 24 };

function useSize(el: HTMLElement | null): Size {
  const [size, setSize] = useState(DEFAULT_SIZE);
  useEffect(() => (el ? observeSize(el, setSize) : undefined), [el]);
  return size;
}

export function CaseSvgMap({ features }: { features: MapFeatures }) {
  const translate = useTranslate();
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  const { width, height } = useSize(box);
  const [userView, setUserView] = useState<SvgView | null>(null);
  const fitted = useMemo(() => fitView(features, width, height, PADDING), [features, width, height]);
  const view = userView ? { ...userView, width, height } : fitted;
  const drag = useRef<{ x: number; y: number; view: SvgView } | null>(null);

  if (!view) return <Box ref={setBox} sx={{ position: 'absolute', inset: 0 }} />;

  const project = screenProjector(view);
  const px = (m: number) => m / view.mPerPx;
  const { xs, ys } = gridPositions(view);
  const bar = scaleBar(view, Math.min(140, width / 3));
  const c = features.customer ? project(features.customer) : null;
  const rp = features.replay ? project(features.replay) : null;
  const track = features.tracks[0]?.points ?? [];

  const onDown = (e: ReactPointerEvent<SVGSVGElement>) => {
    drag.current = { x: e.clientX, y: e.clientY, view };
    e.currentTarget.setPointerCapture?.(e.pointerId);
  };
  const onMove = (e: ReactPointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (d) setUserView(panView(d.view, e.clientX - d.x, e.clientY - d.y));
  };
  const onUp = () => { drag.current = null; };

  return (
    <Box ref={setBox} sx={{ position: 'absolute', inset: 0, bgcolor: '#eef1f4' }}>
      <svg
        width="100%"
        height="100%"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={translate('caseMap.aria')}
        data-testid="map-svg"
        style={{ display: 'block', touchAction: 'none', userSelect: 'none', cursor: 'grab' }}
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onPointerCancel={onUp}
      >
        <g stroke="#cfd6de" strokeWidth={1}>
          {xs.map((x) => <line key={`x${x}`} x1={x} y1={0} x2={x} y2={height} />)}
          {ys.map((y) => <line key={`y${y}`} x1={0} y1={y} x2={width} y2={y} />)}
        </g>
        {c && features.geofenceM > 0 ? (
          <circle data-testid="map-geofence" data-radius-m={features.geofenceM} cx={c.x} cy={c.y} r={px(features.geofenceM)} fill="rgba(11,83,148,0.08)" stroke="#0b5394" strokeWidth={2} strokeDasharray="6 4" />
        ) : null}
        {track.length > 1 ? (
          <polyline data-testid="map-track" points={track.map((p) => { const s = project(p); return `${s.x.toFixed(1)},${s.y.toFixed(1)}`; }).join(' ')} fill="none" stroke="#c2185b" strokeWidth={3} strokeLinejoin="round" strokeLinecap="round" />
        ) : null}
        {(features.checkIns ?? []).map((ci, i) => {
          const s = project(ci);
          const d = features.customer ? distanceM(features.customer, ci) : null;
          return (
            <g key={i} data-testid="map-checkin" data-inside={ci.inside}>
              {ci.accuracyM > 0 ? <circle cx={s.x} cy={s.y} r={px(ci.accuracyM)} fill="rgba(0,0,0,0.06)" /> : null}
              <circle cx={s.x} cy={s.y} r={7} fill={ci.inside ? '#2e7d32' : '#d32f2f'} stroke="#fff" strokeWidth={2} />
              {d !== null ? (
                <text x={s.x + 10} y={s.y + 4} fontSize={12} fill="#111" stroke="#fff" strokeWidth={3} paintOrder="stroke" data-testid="map-checkin-distance">
                  {formatDistance(translate, d)}
                </text>
              ) : null}
            </g>
          );
        })}
        {c ? (
          <g data-testid="map-customer" transform={`translate(${c.x},${c.y})`}>
            <title>{translate('caseMap.legend.customer')}</title>
            <path d="M0,0 C-4,-10 -12,-14 -12,-23 A12,12 0 1 1 12,-23 C12,-14 4,-10 0,0 Z" fill="#b00020" stroke="#fff" strokeWidth={2} />
            <circle cx={0} cy={-23} r={4.5} fill="#fff" />
          </g>
        ) : null}
        {rp ? (
          <circle data-testid="map-replay" cx={rp.x} cy={rp.y} r={9} fill="#ef6c00" stroke="#fff" strokeWidth={3}>
            <title>{translate('caseMap.legend.replay')}</title>
          </circle>
        ) : null}
        <g transform={`translate(12,${height - 14})`} data-testid="map-scale" data-length-m={bar.lengthM} data-px={bar.px}>
          <rect x={-4} y={-22} width={bar.px + 8} height={28} fill="rgba(255,255,255,0.85)" rx={3} />
          <path d={`M0,-6 V0 H${bar.px} V-6`} fill="none" stroke="#111" strokeWidth={2} />
          <text x={bar.px / 2} y={-9} textAnchor="middle" fontSize={12} fill="#111">{formatDistance(translate, bar.lengthM)}</text>
        </g>
        <g transform={`translate(${width - 26},${height - 30})`} data-testid="map-north">
          <circle r={16} fill="rgba(255,255,255,0.85)" />
          <path d="M0,-12 L6,4 L0,1 L-6,4 Z" fill="#111" />
          <text y={14} textAnchor="middle" fontSize={10} fill="#111">{translate('caseMap.north')}</text>
        </g>
      </svg>
      <Stack spacing={0.5} sx={{ position: 'absolute', right: 8, top: 8 }}>
        <IconButton size="small" sx={{ bgcolor: 'background.paper' }} aria-label={translate('caseMap.zoomIn')} onClick={() => setUserView(zoomView(view, 2))}><ZoomInIcon /></IconButton>
        <IconButton size="small" sx={{ bgcolor: 'background.paper' }} aria-label={translate('caseMap.zoomOut')} onClick={() => setUserView(zoomView(view, 0.5))}><ZoomOutIcon /></IconButton>
        <IconButton size="small" sx={{ bgcolor: 'background.paper' }} aria-label={translate('caseMap.fit')} onClick={() => setUserView(null)}><FitIcon /></IconButton>
      </Stack>
    </Box>
  );
}

import { useEffect, useMemo, useState, type ComponentType } from 'react';
import { Alert, Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { BasemapState } from '../../../../../ui-map/glMap';
import { positionAtFraction, prepareReplay } from '../../../../../ui-map/replay';
import { rasterBasemap } from '../../../../../ui-map/tiles';
import { hasWebGL2 } from '../../../../../ui-map/webgl';
import { useMapTiles } from '../../../boot/PublicConfigContext';
import { EmptyState } from '../../../ui/LoadStates';
import type { CheckIn } from '../show/useCaseQueries';
import type { CaseGlMapProps } from './CaseGlMap';
import { CaseSvgMap } from './CaseSvgMap';
import type { TimedPoint } from './caseTrack';
import { caseMapFeatures, formatClock, formatDistance, formatDuration, fromCustomerM } from './caseMapModel';
import { MapLegend } from './MapLegend';
import { ReplayControls } from './ReplayControls';
import type { LatLon } from '../../../../../ui-map/coords';

export const DEFAULT_GEOFENCE_RADIUS_M = 200;

export interface CaseMapProps {
  customer: LatLon | null;
  checkIns: readonly CheckIn[];
  track: readonly TimedPoint[];
  geofenceRadiusM?: number;
  /** Test seam: pretend WebGL is (not) there. */
  webgl?: boolean;
}

type Mode = { kind: 'probing' } | { kind: 'gl'; Gl: ComponentType<CaseGlMapProps> } | { kind: 'svg' };

/**
 * The customer, the check-ins with the geofence, and the visit's track with replay — the map shared with the terminal
 * app (ui-map): MapLibre over the configured basemap (天地图 WMTS or XYZ), else over its vector fallback (a metric
 * grid), and an SVG drawing where WebGL or MapLibre are missing. A note says in words what is missing; the scale bar,
 * the distances and the replay's distance to the customer keep the track readable without any basemap.
 */
export function CaseMap({ customer, checkIns, track, geofenceRadiusM = DEFAULT_GEOFENCE_RADIUS_M, webgl }: CaseMapProps) {
  const translate = useTranslate();
  const tiles = useMapTiles();
  const source = useMemo(() => rasterBasemap(tiles), [tiles]);
  const [mode, setMode] = useState<Mode>({ kind: 'probing' });
  const [basemapState, setBasemapState] = useState<BasemapState>('loading');
  const replay = useMemo(() => prepareReplay(track), [track]);
  const [fraction, setFraction] = useState(0);
  useEffect(() => setFraction(0), [replay]);

  useEffect(() => {
    let live = true;
    if (!(webgl ?? hasWebGL2())) {
      setMode({ kind: 'svg' });
      return undefined;
    }
    // MapLibre is its own chunk, fetched only here; if it cannot be fetched, draw SVG.
    import('./CaseGlMap')
      .then((m) => { if (live) setMode({ kind: 'gl', Gl: m.default }); })
      .catch((e: unknown) => {
        console.warn('map: MapLibre could not be loaded', e);
        if (live) setMode({ kind: 'svg' });
      });
    return () => { live = false; };
  }, [webgl]);

  const at = replay ? positionAtFraction(replay, fraction) : null;
  const features = useMemo(
    () => caseMapFeatures({ customer, checkIns, track, geofenceRadiusM, replay: at ? { lat: at.lat, lon: at.lon } : null }),
    // `at` is derived from replay + fraction
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [customer, checkIns, track, geofenceRadiusM, replay, fraction],
  );

  if (!customer && track.length === 0 && checkIns.length === 0) return <EmptyState message="resources.cases.map.noCustomerLocation" />;

  const notes: string[] = [];
  if (!customer) notes.push(translate('resources.cases.map.noCustomerLocation'));
  if (mode.kind === 'svg') notes.push(translate('caseMap.note.noWebgl'));
  else if (!source.basemap) notes.push(translate(source.problem === 'unsupported-grid' ? 'caseMap.note.unsupportedGrid' : 'caseMap.note.noBasemap'));
  else if (mode.kind === 'gl' && basemapState === 'failed') notes.push(translate('caseMap.note.basemapFailed'));

  const away = fromCustomerM(customer, at);
  const replayLabel = at && replay
    ? [
      formatClock(at.t),
      translate('caseMap.replay.walked', { d: formatDistance(translate, at.distM), total: formatDistance(translate, replay.lengthM) }),
      ...(away !== null ? [translate('caseMap.replay.fromCustomer', { d: formatDistance(translate, away) })] : []),
    ].join(' · ')
    : '';

  return (
    <Box data-testid="case-map" data-map-mode={mode.kind} data-basemap={source.basemap ? 'configured' : 'none'}>
      {notes.map((n) => <Alert key={n} severity="info" sx={{ mb: 1, py: 0 }} data-testid="map-note">{n}</Alert>)}
      <Box sx={{ position: 'relative', height: { xs: 300, md: 380 }, border: 1, borderColor: 'divider', borderRadius: 1, overflow: 'hidden', bgcolor: '#eef1f4' }}>
        {mode.kind === 'probing' ? <Typography sx={{ p: 2 }} color="text.secondary" role="status">{translate('caseMap.note.loading')}</Typography> : null}
        {mode.kind === 'gl' ? (
          <mode.Gl
            features={features}
            basemap={source.basemap}
            onBasemapState={setBasemapState}
            onFail={(reason) => {
              console.warn('map: MapLibre failed, drawing SVG instead:', reason);
              setMode({ kind: 'svg' });
            }}
          />
        ) : null}
        {mode.kind === 'svg' ? <CaseSvgMap features={features} /> : null}
      </Box>
      <MapLegend geofenceRadiusM={geofenceRadiusM} derivedTrack={track.length > 0 && track[0]!.source !== 'track'} />
      {replay ? (
        <>
          <Typography variant="body2" sx={{ mt: 1 }} data-testid="map-track-summary">
            {translate('caseMap.summary', {
              length: formatDistance(translate, replay.lengthM),
              duration: formatDuration(translate, replay.durationMs),
              count: replay.points.length,
            })}
          </Typography>
          <ReplayControls replay={replay} fraction={fraction} onFraction={setFraction} label={replayLabel} />
        </>
      ) : null}
    </Box>
  );
}

import { useEffect, useRef, useState } from 'react';
import { Box, IconButton, Stack } from '@mui/material';
import ZoomInIcon from '@mui/icons-material/Add';
import ZoomOutIcon from '@mui/icons-material/Remove';
import FitIcon from '@mui/icons-material/CenterFocusStrong';
import { useTranslate } from 'react-admin';
import type { MapFeatures } from '../../../../../ui-map/features';
import { mountGlMap, type BasemapState, type GlMapHandle } from '../../../../../ui-map/glMap';
import type { RasterBasemap } from '../../../../../ui-map/tiles';
import { distanceM } from '../../../../../ui-map/geo';
import { formatDistance } from './caseMapModel';

// The case map on MapLibre (this module, ui-map/glMap and MapLibre are one chunk, loaded only when WebGL 2 is there).

export interface CaseGlMapProps {
  features: MapFeatures;
  basemap: RasterBasemap | null;
  onBasemapState: (s: BasemapState) => void;
  onFail: (reason: string) => void;
}

export default function CaseGlMap({ features, basemap, onBasemapState, onFail }: CaseGlMapProps) {
  const translate = useTranslate();
  const box = useRef<HTMLDivElement>(null);
  const mapRef = useRef<GlMapHandle | null>(null);
  const [ready, setReady] = useState(false);
  const latest = useRef(features);
  latest.current = features;
  const callbacks = useRef({ onBasemapState, onFail });
  callbacks.current = { onBasemapState, onFail };
  const basemapKey = basemap ? basemap.tiles.join('|') : '';

  useEffect(() => {
    const container = box.current;
    if (!container) return undefined;
    let handle: GlMapHandle;
    try {
      handle = mountGlMap(container, {
        basemap,
        initial: latest.current,
        labels: {
          customer: translate('caseMap.legend.customer'),
          position: translate('caseMap.legend.replay'),
          replay: translate('caseMap.legend.replay'),
          checkIn: (c) => {
            const where = translate(c.inside ? 'caseMap.legend.checkInInside' : 'caseMap.legend.checkInOutside');
            const customer = latest.current.customer;
            return customer ? `${where} · ${translate('caseMap.replay.fromCustomer', { d: formatDistance(translate, distanceM(customer, c)) })}` : where;
          },
        },
        onBasemapState: (s) => callbacks.current.onBasemapState(s),
        onFail: (r) => callbacks.current.onFail(r),
        onReady: () => setReady(true),
        padding: { top: 24, right: 56, bottom: 40, left: 24 },
      });
    } catch (e) {
      callbacks.current.onFail(e instanceof Error ? e.message : String(e));
      return undefined;
    }
    mapRef.current = handle;
    return () => {
      setReady(false);
      mapRef.current = null;
      handle.remove();
    };
    // Rebuilt only when the basemap changes; features flow in through setFeatures.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [basemapKey]);

  useEffect(() => {
    if (ready) mapRef.current?.setFeatures(features);
  }, [features, ready]);
  useEffect(() => {
    if (ready) mapRef.current?.fit(latest.current);
  }, [ready]);

  return (
    <Box sx={{ position: 'absolute', inset: 0 }}>
      <Box ref={box} role="region" aria-label={translate('caseMap.aria')} data-testid="map-gl" sx={{ width: '100%', height: '100%' }} />
      <Stack spacing={0.5} sx={{ position: 'absolute', right: 8, top: 8, zIndex: 3 }}>
        <IconButton size="small" sx={{ bgcolor: 'background.paper' }} aria-label={translate('caseMap.zoomIn')} onClick={() => mapRef.current?.zoomIn()}><ZoomInIcon /></IconButton>
        <IconButton size="small" sx={{ bgcolor: 'background.paper' }} aria-label={translate('caseMap.zoomOut')} onClick={() => mapRef.current?.zoomOut()}><ZoomOutIcon /></IconButton>
        <IconButton size="small" sx={{ bgcolor: 'background.paper' }} aria-label={translate('caseMap.fit')} onClick={() => mapRef.current?.fit(latest.current)}><FitIcon /></IconButton>
      </Stack>
    </Box>
  );
}

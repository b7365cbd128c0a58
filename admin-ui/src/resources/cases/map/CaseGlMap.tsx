import { useEffect, useRef, useState } from 'react';
import { Box, IconButton, Stack } from '@mui/material';
import ZoomInIcon from '@mui/icons-material/Add';
import ZoomOutIcon from '@mui/icons-material/Remove';
import FitIcon from '@mui/icons-material/CenterFocusStrong';
import { useTranslate } from 'react-admin';
import type { MapFeatures } from '../../../../../ui-map/features';
import { mountGlMap, type BasemapState } from '../../../../../ui-map/glMap';
import { GlMapController } from '../../../../../ui-map/glMapController';
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
  const [map] = useState(() => new GlMapController(mountGlMap, features, { onBasemapState, onFail }));
  map.on = { onBasemapState, onFail };
  const basemapKey = basemap ? basemap.tiles.join('|') : '';

  // Rebuilt only when the basemap changes; features flow in through show().
  useEffect(() => {
    if (!box.current) return undefined;
    return map.mount(box.current, {
      basemap,
      labels: {
        customer: translate('caseMap.legend.customer'),
        position: translate('caseMap.legend.replay'),
        replay: translate('caseMap.legend.replay'),
        checkIn: (c) => {
          const where = translate(c.inside ? 'caseMap.legend.checkInInside' : 'caseMap.legend.checkInOutside');
          const customer = map.features.customer;
          return customer ? `${where} · ${translate('caseMap.replay.fromCustomer', { d: formatDistance(translate, distanceM(customer, c)) })}` : where;
        },
      },
      padding: { top: 24, right: 56, bottom: 40, left: 24 },
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [basemapKey]);
  useEffect(() => map.show(features), [map, features]);

  return (
    <Box sx={{ position: 'absolute', inset: 0 }}>
      <Box ref={box} role="region" aria-label={translate('caseMap.aria')} data-testid="map-gl" sx={{ width: '100%', height: '100%' }} />
      <Stack spacing={0.5} sx={{ position: 'absolute', right: 8, top: 8, zIndex: 3 }}>
        <IconButton size="small" sx={{ bgcolor: 'background.paper' }} aria-label={translate('caseMap.zoomIn')} onClick={() => map.zoomIn()}><ZoomInIcon /></IconButton>
        <IconButton size="small" sx={{ bgcolor: 'background.paper' }} aria-label={translate('caseMap.zoomOut')} onClick={() => map.zoomOut()}><ZoomOutIcon /></IconButton>
        <IconButton size="small" sx={{ bgcolor: 'background.paper' }} aria-label={translate('caseMap.fit')} onClick={() => map.fit()}><FitIcon /></IconButton>
      </Stack>
    </Box>
  );
}

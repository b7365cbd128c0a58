import type { ReactNode } from 'react';
import { Box, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { TRACK_COLOURS } from '../../../../../ui-map/features';

function LegendDot({ color, shape = 'circle' }: { color: string; shape?: 'circle' | 'pin' | 'ring' | 'line' }) {
  const base = { width: 12, height: 12, display: 'inline-block', flexShrink: 0 } as const;
  if (shape === 'pin') return <Box sx={{ ...base, bgcolor: color, borderRadius: '50% 50% 50% 0', transform: 'rotate(-45deg)' }} />;
  if (shape === 'ring') return <Box sx={{ ...base, border: `2px dashed ${color}`, borderRadius: '50%' }} />;
  if (shape === 'line') return <Box sx={{ ...base, height: 3, bgcolor: color }} />;
  return <Box sx={{ ...base, bgcolor: color, borderRadius: '50%' }} />;
}

/** What the map's marks mean (the shared map's colours); says so when the track is put together from check-ins and evidence. */
export function MapLegend({ geofenceRadiusM, derivedTrack }: { geofenceRadiusM: number; derivedTrack: boolean }) {
  const translate = useTranslate();
  const items: Array<[string, ReactNode]> = [
    [translate('caseMap.legend.customer'), <LegendDot color="#b00020" shape="pin" />],
    [translate('caseMap.legend.checkInInside'), <LegendDot color="#2e7d32" />],
    [translate('caseMap.legend.checkInOutside'), <LegendDot color="#d32f2f" />],
    [translate('caseMap.legend.geofence', { m: geofenceRadiusM }), <LegendDot color="#0b5394" shape="ring" />],
    [translate('caseMap.legend.track'), <LegendDot color={TRACK_COLOURS[0]!} shape="line" />],
    [translate('caseMap.legend.replay'), <LegendDot color="#ef6c00" />],
  ];
  return (
    <Box sx={{ mt: 1 }}>
      <Stack direction="row" flexWrap="wrap" useFlexGap columnGap={2} rowGap={0.5}>
        {items.map(([label, dot]) => (
          <Stack key={label} direction="row" spacing={0.75} alignItems="center">
            {dot}
            <Typography variant="caption">{label}</Typography>
          </Stack>
        ))}
      </Stack>
      {derivedTrack && (
        <Typography variant="caption" color="text.secondary" display="block" mt={0.5}>
          {translate('resources.cases.map.derivedTrack')}
        </Typography>
      )}
    </Box>
  );
}

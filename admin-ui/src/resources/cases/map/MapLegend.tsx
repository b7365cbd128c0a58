import type { ReactNode } from 'react';
import { Box, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

function LegendDot({ color, shape = 'circle' }: { color: string; shape?: 'circle' | 'diamond' | 'ring' | 'line' }) {
  const base = { width: 12, height: 12, display: 'inline-block', flexShrink: 0 } as const;
  if (shape === 'diamond') return <Box sx={{ ...base, bgcolor: color, transform: 'rotate(45deg) scale(0.8)' }} />;
  if (shape === 'ring') return <Box sx={{ ...base, border: `2px dashed ${color}`, borderRadius: '50%' }} />;
  if (shape === 'line') return <Box sx={{ ...base, height: 3, bgcolor: color }} />;
  return <Box sx={{ ...base, bgcolor: color, borderRadius: '50%' }} />;
}

/** What the map's marks mean; says so when the track is put together from check-ins and evidence. */
export function MapLegend({ geofenceRadiusM, derivedTrack }: { geofenceRadiusM: number; derivedTrack: boolean }) {
  const translate = useTranslate();
  const items: Array<[string, ReactNode]> = [
    ['resources.cases.map.customer', <LegendDot color="#1976d2" shape="diamond" />],
    ['resources.cases.map.checkInInside', <LegendDot color="#2e7d32" />],
    ['resources.cases.map.checkInOutside', <LegendDot color="#d32f2f" />],
    [translate('resources.cases.map.geofence', { m: geofenceRadiusM }), <LegendDot color="#1976d2" shape="ring" />],
    ['resources.cases.map.track', <LegendDot color="#ef6c00" shape="line" />],
  ];
  return (
    <Box sx={{ mt: 1, maxWidth: 560, mx: 'auto' }}>
      <Stack direction="row" flexWrap="wrap" useFlexGap spacing={2}>
        {items.map(([label, dot]) => (
          <Stack key={label} direction="row" spacing={0.75} alignItems="center">
            {dot}
            <Typography variant="caption">{translate(label, { _: label })}</Typography>
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

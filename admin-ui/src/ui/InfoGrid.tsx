import type { ReactNode } from 'react';
import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

export interface InfoItem {
  /** Translation key of the label. */
  label: string;
  value: ReactNode;
  /** Span the whole row (long text). */
  wide?: boolean;
}

/** Label/value pairs: one column on a phone, two on a tablet, three on a desktop. */
export function InfoGrid({ items }: { items: InfoItem[] }) {
  const translate = useTranslate();
  return (
    <Box
      component="dl"
      sx={{
        m: 0,
        display: 'grid',
        gap: 2,
        gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', lg: '1fr 1fr 1fr' },
      }}
    >
      {items.map((item) => (
        <Box key={item.label} sx={item.wide ? { gridColumn: '1 / -1' } : undefined}>
          <Typography component="dt" variant="caption" color="text.secondary">
            {translate(item.label, { _: item.label })}
          </Typography>
          <Typography component="dd" variant="body2" sx={{ m: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {item.value === null || item.value === undefined || item.value === '' ? '—' : item.value}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

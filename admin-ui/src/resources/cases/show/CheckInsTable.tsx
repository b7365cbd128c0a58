import { Box, Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { CheckIn } from './useCaseQueries';
import { formatDateTime } from '../../../format/dateTime';

/**
 * 签到记录: time, distance to the customer, GPS accuracy, inside the geofence or not; `detailed` (the review of a
 * doubtful visit) adds the device clock's offset from the server and what the terminal said about its fix.
 */
export function CheckInsTable({ checkIns, detailed = false }: { checkIns: readonly CheckIn[]; detailed?: boolean }) {
  const translate = useTranslate();
  const t = (k: string) => translate(`resources.cases.map.${k}`);
  const r = (k: string, o?: object) => translate(`resources.presence-reviews.checkIns.${k}`, o);
  if (checkIns.length === 0) return null;
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" data-testid="check-ins">
        <TableHead>
          <TableRow>
            <TableCell>{t('checkInAt')}</TableCell>
            <TableCell align="right">{t('distanceM')}</TableCell>
            <TableCell align="right">{t('accuracyM')}</TableCell>
            <TableCell>{t('geofenceColumn')}</TableCell>
            {detailed && <TableCell align="right">{r('skew')}</TableCell>}
            {detailed && <TableCell>{r('signals')}</TableCell>}
            <TableCell>{t('position')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {checkIns.map((c, i) => (
            <TableRow key={`${c.at}-${i}`}>
              <TableCell>{formatDateTime(c.at)}</TableCell>
              <TableCell align="right">{c.distanceM ?? '—'}</TableCell>
              <TableCell align="right">{c.accuracyM}</TableCell>
              <TableCell>
                <Chip
                  size="small"
                  color={c.insideGeofence ? 'success' : 'error'}
                  label={t(c.insideGeofence ? 'inside' : 'outside')}
                />
              </TableCell>
              {detailed && (
                <TableCell align="right" data-testid="check-in-skew">
                  {typeof c.clockSkewS === 'number' ? r('seconds', { s: c.clockSkewS > 0 ? `+${c.clockSkewS}` : c.clockSkewS }) : '—'}
                </TableCell>
              )}
              {detailed && (
                <TableCell data-testid="check-in-signals">
                  {c.signals?.source ? r(`source.${c.signals.source}`) : '—'}
                  {c.signals?.mockLocation && <Chip size="small" color="error" label={r('mock')} sx={{ ml: 1 }} />}
                </TableCell>
              )}
              <TableCell sx={{ fontFamily: 'monospace' }}>
                {c.lat.toFixed(6)}, {c.lon.toFixed(6)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

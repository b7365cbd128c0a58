import { Box, Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { CheckIn } from './useCaseQueries';
import { formatDateTime } from '../../../format/dateTime';

/** 签到记录: time, distance to the customer, GPS accuracy, inside the geofence or not. */
export function CheckInsTable({ checkIns }: { checkIns: readonly CheckIn[] }) {
  const translate = useTranslate();
  const t = (k: string) => translate(`resources.cases.map.${k}`);
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

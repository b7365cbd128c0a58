import { useState } from 'react';
import {
  Alert,
  Box,
  Button,
  ButtonBase,
  Card,
  CardContent,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
  useMediaQuery,
  type Theme,
} from '@mui/material';
import ZoomInIcon from '@mui/icons-material/ZoomIn';
import { useLocaleState, useTranslate } from 'react-admin';
import { formatDateTime, formatDuration } from '../../format/dateTime';
import { EmptyState } from '../../ui/LoadStates';
import { enumLabel } from '../cases/caseEnums';
import { VerifiedBadge } from '../cases/show/EvidenceGallery';
import type { ReasonCode, ReviewEvidence } from './presenceModel';
import { ReasonList } from './ReasonViews';

/** Which metadata row a reason is about, to mark that row. */
const ROW_OF: Partial<Record<ReasonCode, 'exifAt' | 'exifPos' | 'toCustomer' | 'detectedType'>> = {
  'evidence.exif-time-mismatch': 'exifAt',
  'evidence.captured-outside-visit': 'exifAt',
  'evidence.exif-position-mismatch': 'exifPos',
  'evidence.far-from-customer': 'toCustomer',
  'evidence.content-mismatch': 'detectedType',
};

const position = (lat: number | null | undefined, lon: number | null | undefined) =>
  typeof lat === 'number' && typeof lon === 'number' ? `${lat.toFixed(6)}, ${lon.toFixed(6)}` : null;

/** The full-size photo: fitted to the window, or at its own size to look at details (scrolls). */
function PhotoDialog({ item, n, onClose }: { item: ReviewEvidence; n: number; onClose: () => void }) {
  const translate = useTranslate();
  const fullScreen = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  const [actual, setActual] = useState(false);
  const t = (k: string, o?: object) => translate(`resources.presence-reviews.photo.${k}`, o);
  return (
    <Dialog open onClose={onClose} fullScreen={fullScreen} maxWidth="xl" fullWidth aria-labelledby="photo-dialog-title" data-testid="photo-dialog">
      <DialogTitle id="photo-dialog-title">{t('item', { n })}</DialogTitle>
      <DialogContent dividers sx={{ p: 0, bgcolor: '#111', display: 'flex', alignItems: actual ? 'flex-start' : 'center', justifyContent: actual ? 'flex-start' : 'center', overflow: 'auto' }}>
        <Box
          component="img"
          src={item.url!}
          alt={t('item', { n })}
          onClick={() => setActual((a) => !a)}
          data-testid="photo-full"
          data-size={actual ? 'actual' : 'fit'}
          sx={actual ? { maxWidth: 'none', cursor: 'zoom-out' } : { maxWidth: '100%', maxHeight: fullScreen ? 'calc(100vh - 140px)' : '75vh', objectFit: 'contain', cursor: 'zoom-in' }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={() => setActual((a) => !a)} sx={{ minHeight: 48 }}>
          {t(actual ? 'fit' : 'actualSize')}
        </Button>
        <Button onClick={onClose} variant="contained" sx={{ minHeight: 48 }}>
          {t('close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function EvidenceMedia({ item, n, onOpen }: { item: ReviewEvidence; n: number; onOpen: () => void }) {
  const translate = useTranslate();
  const t = (k: string, o?: object) => translate(`resources.presence-reviews.photo.${k}`, o);
  if (item.url && (item.kind === 'photo' || item.kind === 'signature')) {
    return (
      <ButtonBase onClick={onOpen} aria-label={t('open', { n })} data-testid="photo-open" sx={{ display: 'block', width: '100%', position: 'relative' }}>
        <Box component="img" src={item.url} alt={t('item', { n })} loading="lazy" sx={{ display: 'block', width: '100%', height: 220, objectFit: 'cover', bgcolor: '#f0f0f0' }} />
        <ZoomInIcon sx={{ position: 'absolute', right: 8, bottom: 8, color: '#fff', bgcolor: 'rgba(0,0,0,0.5)', borderRadius: 1, p: 0.5, fontSize: 32 }} />
      </ButtonBase>
    );
  }
  if (item.url && item.kind === 'audio') return <Box sx={{ p: 1 }}><audio controls preload="none" src={item.url} style={{ width: '100%' }} aria-label={t('item', { n })} /></Box>;
  if (item.url && item.kind === 'video') return <Box component="video" controls preload="metadata" src={item.url} sx={{ width: '100%', height: 220, bgcolor: 'black' }} />;
  return (
    <Box sx={{ height: 120, display: 'flex', alignItems: 'center', justifyContent: 'center', bgcolor: 'action.hover', px: 2 }} data-testid="photo-placeholder">
      <Typography variant="caption" color="text.secondary">{t('noPreview')}</Typography>
    </Box>
  );
}

/** One photo: the terminal's declaration beside what its EXIF says, the distances, and the reasons about it. */
function EvidenceCompareCard({ item, n, onOpen }: { item: ReviewEvidence; n: number; onOpen: () => void }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const t = (k: string, o?: object) => translate(`resources.presence-reviews.photo.${k}`, o);
  const exif = item.forensics?.exif ?? null;
  const flagged = new Set(item.reasons.map((r) => ROW_OF[r.code]).filter(Boolean));
  const metres = (m: number | null) => (m === null ? '—' : t('metres', { m }));
  const rows: Array<{ id: string; label: string; value: string }> = [
    { id: 'declaredAt', label: t('declaredAt'), value: formatDateTime(item.declared.capturedAt) },
    { id: 'exifAt', label: t('exifAt'), value: exif ? formatDateTime(exif.takenAt) : '—' },
    { id: 'declaredPos', label: t('declaredPos'), value: position(item.declared.lat, item.declared.lon) ?? t('noPosition') },
    { id: 'exifPos', label: t('exifPos'), value: exif ? (position(exif.lat, exif.lon) ?? t('noPosition')) : '—' },
    {
      id: 'toCustomer',
      label: t('toCustomer'),
      value: `${t('declared')} ${metres(item.compare.declaredToCustomerM)} · ${t('exif')} ${metres(item.compare.exifToCustomerM)}`,
    },
    ...(exif && (exif.make || exif.model) ? [{ id: 'camera', label: t('camera'), value: [exif.make, exif.model].filter(Boolean).join(' ') }] : []),
    ...(item.forensics?.detectedType ? [{ id: 'detectedType', label: t('detectedType'), value: item.forensics.detectedType }] : []),
  ];
  const skew = item.compare.exifMinusDeclaredS;
  return (
    <Card variant="outlined" data-testid="evidence-compare" data-evidence-id={item.evidenceId}>
      <EvidenceMedia item={item} n={n} onOpen={onOpen} />
      <CardContent sx={{ display: 'grid', gap: 1, '&:last-child': { pb: 2 } }}>
        <Stack direction="row" justifyContent="space-between" alignItems="center" gap={1}>
          <Typography variant="subtitle2">
            {t('item', { n })} · {translate(enumLabel('evidenceKind', item.kind))}
          </Typography>
          <VerifiedBadge verified={item.verified} />
        </Stack>
        <Table size="small" data-testid="evidence-metadata">
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.id} data-row={row.id} data-flagged={flagged.has(row.id as never) || undefined}>
                <TableCell component="th" scope="row" sx={{ pl: 0, color: 'text.secondary', whiteSpace: 'nowrap', width: '6.5em' }}>
                  {row.label}
                </TableCell>
                <TableCell sx={{ pr: 0, fontWeight: flagged.has(row.id as never) ? 600 : undefined, color: flagged.has(row.id as never) ? 'error.main' : undefined, wordBreak: 'break-word' }}>
                  {row.value}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {!item.forensics && <Alert severity="info" sx={{ py: 0 }}>{t('notExamined')}</Alert>}
        {item.forensics && !exif && <Alert severity="warning" sx={{ py: 0 }}>{t('noExif')}</Alert>}
        {skew !== null && Math.abs(skew) >= 60 && (
          <Typography variant="caption" color="error.main" data-testid="exif-time-diff">
            {t('timeDiff', { direction: t(skew > 0 ? 'later' : 'earlier'), duration: formatDuration(skew * 1000, locale) })}
          </Typography>
        )}
        {item.compare.exifToDeclaredM !== null && item.compare.exifToDeclaredM >= 50 && (
          <Typography variant="caption" color="error.main" data-testid="exif-pos-diff">
            {t('posDiff', { m: item.compare.exifToDeclaredM })}
          </Typography>
        )}
        {item.reasons.length > 0 && <ReasonList reasons={item.reasons} />}
      </CardContent>
    </Card>
  );
}

/** The visit's evidence side by side, each with its metadata; a photo opens at full size. */
export function EvidenceCompare({ items }: { items: readonly ReviewEvidence[] }) {
  const [open, setOpen] = useState<number | null>(null);
  if (items.length === 0) return <EmptyState message="resources.presence-reviews.show.noPhotos" />;
  return (
    <>
      <Box data-testid="evidence-compare-grid" sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, 1fr)', lg: 'repeat(3, 1fr)' }, alignItems: 'start' }}>
        {items.map((item, i) => (
          <EvidenceCompareCard key={item.evidenceId} item={item} n={i + 1} onOpen={() => setOpen(i)} />
        ))}
      </Box>
      {open !== null && items[open]?.url && <PhotoDialog item={items[open]!} n={open + 1} onClose={() => setOpen(null)} />}
    </>
  );
}

import { useCallback, useEffect, useRef, useState, type ReactNode, type PointerEvent as ReactPointerEvent } from 'react';
import { Alert, Box, Dialog, DialogContent, DialogTitle, IconButton, Stack, Tooltip, Typography, useMediaQuery, useTheme } from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import PrevIcon from '@mui/icons-material/ChevronLeft';
import NextIcon from '@mui/icons-material/ChevronRight';
import ZoomInIcon from '@mui/icons-material/ZoomIn';
import ZoomOutIcon from '@mui/icons-material/ZoomOut';
import FitIcon from '@mui/icons-material/FitScreen';
import RotateIcon from '@mui/icons-material/RotateRight';
import DownloadIcon from '@mui/icons-material/Download';
import { useTranslate } from 'react-admin';
import { distanceM } from '../../../../../ui-map/geo';
import type { LatLon } from '../../../../../ui-map/coords';
import { formatBytes } from '../../../format/bytes';
import { formatDateTime } from '../../../format/dateTime';
import { enumLabel } from '../caseEnums';
import { formatDistance } from '../map/caseMapModel';
import { ReasonList } from '../../presenceReviews/ReasonViews';
import type { EvidenceItem } from './evidenceSources';
import { usePersonNames } from '../../../ui/people/CasePeopleContext';
import { VerifiedBadge } from './EvidenceGallery';
import { cssTransform, FIT, keyAction, panBy, pinchFactor, rotateRight, step, wheelFactor, zoomBy, ZOOM_STEP, type ViewerAction, type ViewTransform } from './evidenceViewerModel';

export interface EvidenceViewerProps {
  items: readonly EvidenceItem[];
  index: number | null;
  onIndex: (i: number | null) => void;
  /** The customer's location, to say how far from it an item was captured. */
  customer?: LatLon | null;
  /**
   * Reads the evidence endpoint again: fresh presigned URLs (they live 5 minutes) for an expired preview and for each
   * download. Resolves to the items with their new URLs.
   */
  refresh?: () => Promise<readonly EvidenceItem[] | undefined>;
}

/** Photo and signature: zoom (buttons, wheel, pinch), drag to pan when zoomed, rotate in quarter turns. */
function ZoomableImage({ item, view, onView, onBroken, alt }: { item: EvidenceItem; view: ViewTransform; onView: (f: (v: ViewTransform) => ViewTransform) => void; onBroken: () => void; alt: string }) {
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const pinch = useRef<number | null>(null);
  const spread = () => {
    const [a, b] = [...pointers.current.values()];
    return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
  };
  const onDown = (e: ReactPointerEvent) => {
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.current.size === 2) pinch.current = spread();
    (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
  };
  const onMove = (e: ReactPointerEvent) => {
    const prev = pointers.current.get(e.pointerId);
    if (!prev) return;
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.current.size >= 2 && pinch.current !== null) {
      const now = spread();
      const f = pinchFactor(pinch.current, now);
      pinch.current = now;
      onView((v) => zoomBy(v, f));
    } else {
      onView((v) => panBy(v, e.clientX - prev.x, e.clientY - prev.y));
    }
  };
  const onUp = (e: ReactPointerEvent) => {
    pointers.current.delete(e.pointerId);
    if (pointers.current.size < 2) pinch.current = null;
  };
  // The wheel zooms the photo, never scrolls the dialog behind it: a non-passive listener may refuse the scroll.
  const stage = useRef<HTMLDivElement>(null);
  const zoomRef = useRef(onView);
  zoomRef.current = onView;
  useEffect(() => {
    const el = stage.current;
    if (!el) return undefined;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      zoomRef.current((v) => zoomBy(v, wheelFactor(e.deltaY)));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);
  return (
    <Box
      ref={stage}
      data-testid="viewer-stage"
      onPointerDown={onDown}
      onPointerMove={onMove}
      onPointerUp={onUp}
      onPointerCancel={onUp}
      sx={{ position: 'absolute', inset: 0, overflow: 'hidden', display: 'flex', alignItems: 'center', justifyContent: 'center', touchAction: 'none', cursor: view.zoom > 1 ? 'grab' : 'zoom-in', bgcolor: item.kind === 'signature' ? '#fff' : '#111' }}
    >
      <img
        src={item.url}
        alt={alt}
        draggable={false}
        onError={onBroken}
        data-testid="viewer-image"
        data-zoom={view.zoom.toFixed(3)}
        data-rotation={view.rotation}
        style={{ maxWidth: '100%', maxHeight: '100%', objectFit: 'contain', transform: cssTransform(view), transition: 'transform 120ms ease-out', userSelect: 'none' }}
      />
    </Box>
  );
}

function Media({ item, view, onView, onBroken }: { item: EvidenceItem; view: ViewTransform; onView: (f: (v: ViewTransform) => ViewTransform) => void; onBroken: () => void }) {
  const translate = useTranslate();
  const alt = `${translate(enumLabel('evidenceKind', item.kind))} ${item.evidenceId}`;
  if (!item.url) {
    return <Typography color="grey.400" sx={{ m: 'auto' }}>{translate('resources.cases.evidence.noPreview')}</Typography>;
  }
  if (item.kind === 'audio') {
    return <Box sx={{ m: 'auto', width: '90%' }}><audio controls src={item.url} onError={onBroken} aria-label={alt} data-testid="viewer-audio" style={{ width: '100%' }} /></Box>;
  }
  if (item.kind === 'video') {
    return <video controls src={item.url} onError={onBroken} aria-label={alt} data-testid="viewer-video" style={{ maxWidth: '100%', maxHeight: '100%', margin: 'auto' }} />;
  }
  return <ZoomableImage item={item} view={view} onView={onView} onBroken={onBroken} alt={alt} />;
}

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Box data-testid={testId}>
      <Typography variant="caption" color="text.secondary" display="block">{label}</Typography>
      <Typography variant="body2" sx={{ wordBreak: 'break-all' }}>{children}</Typography>
    </Box>
  );
}

const coords = (p: { lat?: number | null; lon?: number | null } | null | undefined): LatLon | null =>
  p && typeof p.lat === 'number' && typeof p.lon === 'number' ? { lat: p.lat, lon: p.lon } : null;

/** Capture time and position (the terminal's and the photo's own), the file, and the forensic warnings. */
function Details({ item, customer }: { item: EvidenceItem; customer: LatLon | null }) {
  const translate = useTranslate();
  const names = usePersonNames();
  const declared = coords(item);
  const exif = item.forensics?.exif ?? null;
  const exifAt = coords(exif);
  const where = (p: LatLon | null) =>
    p ? `${p.lat.toFixed(6)}, ${p.lon.toFixed(6)}${customer ? ` · ${translate('evidenceViewer.fromCustomer', { d: formatDistance(translate, distanceM(customer, p)) })}` : ''}` : translate('evidenceViewer.noPosition');
  const reasons = item.forensics?.reasons ?? [];
  return (
    <Stack spacing={1.25} data-testid="viewer-details">
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="subtitle2">{translate(enumLabel('evidenceKind', item.kind))}</Typography>
        <VerifiedBadge verified={item.verified} />
      </Box>
      <Row label={translate('evidenceViewer.capturedAt')} testId="viewer-captured-at">{formatDateTime(item.capturedAt)}</Row>
      {exif?.takenAt ? <Row label={translate('evidenceViewer.exifTakenAt')} testId="viewer-exif-taken-at">{formatDateTime(exif.takenAt)}</Row> : null}
      <Row label={translate('evidenceViewer.position')} testId="viewer-position">{where(declared)}</Row>
      {exifAt ? <Row label={translate('evidenceViewer.exifPosition')} testId="viewer-exif-position">{where(exifAt)}</Row> : null}
      {exif && (exif.make || exif.model) ? <Row label={translate('evidenceViewer.camera')}>{[exif.make, exif.model].filter(Boolean).join(' ')}</Row> : null}
      <Row label={translate('evidenceViewer.uploadedBy')}>{translate('resources.cases.evidence.attached', { name: names.short(item.by), time: formatDateTime(item.attachedAt) })}</Row>
      <Row label={translate('evidenceViewer.size')}>{`${item.contentType ?? ''} · ${formatBytes(item.sizeBytes)}`}</Row>
      <Row label="SHA-256"><Box component="span" sx={{ fontFamily: 'monospace', fontSize: 12 }}>{item.sha256}</Box></Row>
      <Box data-testid="viewer-warnings">
        <Typography variant="caption" color="text.secondary" display="block">{translate('evidenceViewer.warnings')}</Typography>
        {item.integrity && item.integrity.status !== 'ok' ? (
          <Alert severity="error" sx={{ my: 0.5, py: 0 }}>{translate(`resources.cases.evidence.integrity.${item.integrity.status}`, { time: formatDateTime(item.integrity.checkedAt) })}</Alert>
        ) : null}
        {!item.forensics ? (
          <Typography variant="body2" color="text.secondary">{translate('evidenceViewer.notChecked')}</Typography>
        ) : reasons.length === 0 ? (
          <Alert severity="success" sx={{ py: 0 }}>{translate('evidenceViewer.noWarnings')}</Alert>
        ) : (
          <ReasonList reasons={reasons} />
        )}
      </Box>
    </Stack>
  );
}

/**
 * 证据查看: the lightbox of the case's evidence — the original at full size with zoom (buttons, wheel, pinch, + −),
 * rotate (R), keyboard navigation (← →), download of the original through a freshly signed URL, capture time and
 * position beside the photo's own EXIF, and the forensic warnings (a copy on another case, EXIF that disagrees…);
 * audio and video play in it. Evidence stays private: every URL is a short-lived presigned one, renewed when it expires.
 */
export function EvidenceViewer({ items, index, onIndex, customer = null, refresh }: EvidenceViewerProps) {
  const translate = useTranslate();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('md'));
  const [view, setView] = useState<ViewTransform>(FIT);
  const [fresh, setFresh] = useState<ReadonlyMap<string, EvidenceItem>>(new Map());
  const [expired, setExpired] = useState(false);
  const [downloadFailed, setDownloadFailed] = useState(false);
  const retried = useRef(new Set<string>());
  const open = index !== null && items.length > 0;
  const base = open ? items[Math.min(index, items.length - 1)]! : null;
  const item = base ? { ...base, ...(fresh.get(base.evidenceId) ?? {}) } : null;

  useEffect(() => {
    setView(FIT);
    setExpired(false);
    setDownloadFailed(false);
  }, [index]);

  const renew = useCallback(async () => {
    const next = await refresh?.();
    if (next) setFresh(new Map(next.map((i) => [i.evidenceId, i])));
    return next;
  }, [refresh]);

  // A preview that fails to load is most likely an expired URL: fetch new ones, once per URL.
  const onBroken = useCallback(() => {
    if (!item?.url || retried.current.has(item.url)) return;
    retried.current.add(item.url);
    setExpired(true);
    void renew().finally(() => setExpired(false));
  }, [item?.url, renew]);

  const download = useCallback(async () => {
    if (!item) return;
    setDownloadFailed(false);
    // Always a fresh URL: the one on screen may be minutes old.
    const next = await renew().catch(() => undefined);
    const url = next?.find((i) => i.evidenceId === item.evidenceId)?.downloadUrl ?? (refresh ? undefined : item.downloadUrl);
    if (!url) {
      setDownloadFailed(true);
      return;
    }
    const a = document.createElement('a');
    a.href = url;
    a.rel = 'noopener';
    a.download = '';
    document.body.appendChild(a);
    a.click();
    a.remove();
  }, [item, renew, refresh]);

  const act = useCallback((a: ViewerAction) => {
    if (index === null) return;
    if (a === 'prev' || a === 'next') onIndex(step(index, items.length, a === 'next' ? 1 : -1));
    else if (a === 'zoomIn') setView((v) => zoomBy(v, ZOOM_STEP));
    else if (a === 'zoomOut') setView((v) => zoomBy(v, 1 / ZOOM_STEP));
    else if (a === 'reset') setView(FIT);
    else setView(rotateRight);
  }, [index, items.length, onIndex]);

  if (!open || !item) return null;
  const visual = item.kind === 'photo' || item.kind === 'signature';
  const button = (label: string, onClick: () => void, icon: ReactNode, testId: string, disabled = false) => (
    <Tooltip title={label}>
      <span>
        <IconButton onClick={onClick} aria-label={label} data-testid={testId} disabled={disabled} sx={{ color: 'inherit' }}>{icon}</IconButton>
      </span>
    </Tooltip>
  );

  return (
    <Dialog
      open
      onClose={() => onIndex(null)}
      fullScreen={fullScreen}
      maxWidth="lg"
      fullWidth
      data-testid="evidence-viewer"
      aria-labelledby="evidence-viewer-title"
      onKeyDown={(e) => {
        // Keys typed into a control (the audio/video player) are the control's.
        if ((e.target as HTMLElement).closest('audio, video')) return;
        const a = keyAction(e.key);
        if (a && (visual || a === 'prev' || a === 'next')) {
          e.preventDefault();
          act(a);
        }
      }}
    >
      <DialogTitle id="evidence-viewer-title" sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 1, flexWrap: 'wrap' }}>
        <Typography variant="h6" component="span" sx={{ flex: 1, minWidth: 120 }} data-testid="viewer-title">
          {translate('evidenceViewer.title', { n: (index ?? 0) + 1, total: items.length })}
        </Typography>
        {button(translate('evidenceViewer.previous'), () => act('prev'), <PrevIcon />, 'viewer-prev', items.length < 2)}
        {button(translate('evidenceViewer.next'), () => act('next'), <NextIcon />, 'viewer-next', items.length < 2)}
        {visual ? (
          <>
            {button(translate('evidenceViewer.zoomOut'), () => act('zoomOut'), <ZoomOutIcon />, 'viewer-zoom-out', view.zoom <= 1)}
            <Typography variant="caption" sx={{ minWidth: 48, textAlign: 'center' }} data-testid="viewer-zoom">{translate('evidenceViewer.zoom', { n: Math.round(view.zoom * 100) })}</Typography>
            {button(translate('evidenceViewer.zoomIn'), () => act('zoomIn'), <ZoomInIcon />, 'viewer-zoom-in')}
            {button(translate('evidenceViewer.zoomReset'), () => act('reset'), <FitIcon />, 'viewer-zoom-reset')}
            {button(translate('evidenceViewer.rotate'), () => act('rotate'), <RotateIcon />, 'viewer-rotate')}
          </>
        ) : null}
        {button(translate('evidenceViewer.download'), () => void download(), <DownloadIcon />, 'viewer-download', !item.url && !item.downloadUrl)}
        {button(translate('evidenceViewer.close'), () => onIndex(null), <CloseIcon />, 'viewer-close')}
      </DialogTitle>
      <DialogContent dividers sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 1fr) 320px' }, p: { xs: 1, md: 2 } }}>
        <Box sx={{ position: 'relative', minHeight: { xs: 300, md: 520 }, bgcolor: '#111', borderRadius: 1, display: 'flex', overflow: 'hidden' }}>
          <Media key={item.evidenceId} item={item} view={view} onView={setView} onBroken={onBroken} />
        </Box>
        <Stack spacing={1}>
          {expired ? <Alert severity="info" sx={{ py: 0 }}>{translate('evidenceViewer.expired')}</Alert> : null}
          {downloadFailed ? <Alert severity="error" sx={{ py: 0 }} data-testid="viewer-download-failed">{translate('evidenceViewer.downloadFailed')}</Alert> : null}
          <Details item={item} customer={customer} />
          <Typography variant="caption" color="text.secondary">{translate('evidenceViewer.keyboardHint')}</Typography>
        </Stack>
      </DialogContent>
    </Dialog>
  );
}

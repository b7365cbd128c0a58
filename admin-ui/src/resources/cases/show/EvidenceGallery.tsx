import { useState } from 'react';
import { Alert, Box, Button, Card, CardActionArea, CardContent, CardMedia, Chip, Tooltip, Typography } from '@mui/material';
import OpenIcon from '@mui/icons-material/OpenInFull';
import PhotoIcon from '@mui/icons-material/PhotoCameraOutlined';
import AudioIcon from '@mui/icons-material/MicNoneOutlined';
import VideoIcon from '@mui/icons-material/VideocamOutlined';
import SignatureIcon from '@mui/icons-material/DrawOutlined';
import VerifiedIcon from '@mui/icons-material/VerifiedOutlined';
import UnverifiedIcon from '@mui/icons-material/ReportProblemOutlined';
import { useTranslate } from 'react-admin';
import type { EvidenceItem } from './evidenceSources';
import { formatBytes } from '../../../format/bytes';
import { formatDateTime } from '../../../format/dateTime';
import { enumLabel, type EvidenceKind } from '../caseEnums';
import { EmptyState } from '../../../ui/LoadStates';
import type { LatLon } from '../../../../../ui-map/coords';
import { usePersonNames } from '../../../ui/people/CasePeopleContext';
import { EvidenceViewer } from './EvidenceViewer';

const KIND_ICONS: Record<EvidenceKind, typeof PhotoIcon> = { photo: PhotoIcon, audio: AudioIcon, video: VideoIcon, signature: SignatureIcon };

/** The media slot: the object itself when a (presigned) URL is served, a placeholder otherwise. */
function EvidenceMedia({ item }: { item: EvidenceItem }) {
  const translate = useTranslate();
  const alt = `${translate(enumLabel('evidenceKind', item.kind))} ${item.evidenceId}`;
  if (item.url && item.kind === 'photo') {
    return <CardMedia component="img" image={item.url} alt={alt} loading="lazy" sx={{ height: 160, objectFit: 'cover' }} />;
  }
  if (item.url && item.kind === 'signature') {
    // A drawn signature: dark strokes on a transparent PNG, shown whole on white.
    return <CardMedia component="img" image={item.url} alt={alt} loading="lazy" sx={{ height: 160, objectFit: 'contain', bgcolor: '#fff' }} />;
  }
  if (item.url && item.kind === 'audio') {
    return (
      <Box sx={{ height: 160, display: 'flex', alignItems: 'center', px: 1, bgcolor: 'action.hover' }}>
        <audio controls preload="none" src={item.url} style={{ width: '100%' }} aria-label={alt} />
      </Box>
    );
  }
  if (item.url && item.kind === 'video') {
    return <CardMedia component="video" controls preload="metadata" src={item.url} sx={{ height: 160, bgcolor: 'black' }} aria-label={alt} />;
  }
  const Icon = KIND_ICONS[item.kind] ?? PhotoIcon;
  return (
    <Box
      data-testid="evidence-placeholder"
      sx={{ height: 160, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', bgcolor: 'action.hover', color: 'text.secondary' }}
    >
      <Icon sx={{ fontSize: 48 }} />
      <Typography variant="caption">{translate('resources.cases.evidence.noPreview')}</Typography>
    </Box>
  );
}

/** Whether the server found the stored object's size and SHA-256 as declared. */
export function VerifiedBadge({ verified }: { verified: boolean }) {
  const translate = useTranslate();
  return verified ? (
    <Chip size="small" color="success" icon={<VerifiedIcon />} label={translate('resources.cases.evidence.verified')} data-testid="evidence-verified" />
  ) : (
    <Chip size="small" color="warning" icon={<UnverifiedIcon />} label={translate('resources.cases.evidence.unverified')} data-testid="evidence-unverified" />
  );
}

/**
 * The re-verification sweep found the stored object changed, gone or overwritten (now, or once: a failure stays):
 * "verified" at confirm no longer vouches for it, and the card says so above everything else.
 */
function IntegrityAlert({ integrity }: { integrity: EvidenceItem['integrity'] }) {
  const translate = useTranslate();
  if (!integrity || (integrity.status === 'ok' && !integrity.flaggedAt)) return null;
  const failing = integrity.status !== 'ok';
  return (
    <Alert severity={failing ? 'error' : 'warning'} data-testid="evidence-integrity-alert" sx={{ py: 0 }}>
      {failing
        ? translate(`resources.cases.evidence.integrity.${integrity.status}`, { time: formatDateTime(integrity.checkedAt) })
        : translate('resources.cases.evidence.integrity.flaggedBefore', { time: formatDateTime(integrity.flaggedAt!) })}
    </Alert>
  );
}

function EvidenceCard({ item, onOpen }: { item: EvidenceItem; onOpen: () => void }) {
  const translate = useTranslate();
  const names = usePersonNames();
  const hasGps = typeof item.lat === 'number' && typeof item.lon === 'number';
  const flagged = (item.forensics?.reasons.length ?? 0) > 0;
  // Audio and video keep their inline players (a click there is the player's); photos open the viewer on click.
  const visual = item.kind === 'photo' || item.kind === 'signature';
  return (
    <Card variant="outlined" data-testid="evidence-item" data-evidence-id={item.evidenceId}>
      {visual ? (
        <CardActionArea onClick={onOpen} aria-label={translate('evidenceViewer.open')} data-testid="evidence-open-media">
          <EvidenceMedia item={item} />
        </CardActionArea>
      ) : (
        <EvidenceMedia item={item} />
      )}
      <CardContent sx={{ display: 'grid', gap: 0.5, '&:last-child': { pb: 2 } }}>
        <IntegrityAlert integrity={item.integrity} />
        <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 1 }}>
          <Typography variant="subtitle2">
            {translate(enumLabel('evidenceKind', item.kind))} · {formatBytes(item.sizeBytes)}
          </Typography>
          <VerifiedBadge verified={item.verified} />
        </Box>
        <Typography variant="caption" color="text.secondary">
          {translate('resources.cases.evidence.capturedAt')}：{formatDateTime(item.capturedAt)}
        </Typography>
        <Typography variant="caption" color="text.secondary" data-testid="evidence-gps">
          {translate('resources.cases.evidence.gps')}：
          {hasGps ? `${item.lat!.toFixed(6)}, ${item.lon!.toFixed(6)}` : translate('resources.cases.evidence.noGps')}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {translate('resources.cases.evidence.attached', { name: names.short(item.by), time: formatDateTime(item.attachedAt) })}
        </Typography>
        {flagged && (
          <Chip size="small" color="error" variant="outlined" label={translate('evidenceViewer.warnings')} data-testid="evidence-forensic-flag" sx={{ justifySelf: 'start' }} />
        )}
        <Button size="small" startIcon={<OpenIcon />} onClick={onOpen} data-testid="evidence-open" sx={{ justifySelf: 'start' }}>
          {translate('evidenceViewer.open')}
        </Button>
        <Tooltip title={item.sha256}>
          <Typography
            variant="caption"
            data-testid="evidence-sha256"
            sx={{ fontFamily: 'monospace', wordBreak: 'break-all', userSelect: 'all' }}
          >
            SHA-256 {item.sha256}
          </Typography>
        </Tooltip>
      </CardContent>
    </Card>
  );
}

/**
 * Photos, audio and video of the field visit, with their integrity check and GPS; each opens in the viewer (zoom,
 * rotate, download, capture data, forensic warnings). `refresh` re-reads the evidence endpoint for fresh URLs.
 */
export function EvidenceGallery({ items, customer = null, refresh }: {
  items: readonly EvidenceItem[];
  customer?: LatLon | null;
  refresh?: () => Promise<readonly EvidenceItem[] | undefined>;
}) {
  const [open, setOpen] = useState<number | null>(null);
  if (items.length === 0) return <EmptyState message="resources.cases.evidence.empty" />;
  const ordered = [...items].sort((a, b) => Date.parse(a.capturedAt) - Date.parse(b.capturedAt));
  const byTime = (all: readonly EvidenceItem[] | undefined) =>
    all && [...all].sort((a, b) => Date.parse(a.capturedAt) - Date.parse(b.capturedAt));
  return (
    <>
    <EvidenceViewer items={ordered} index={open} onIndex={setOpen} customer={customer} refresh={refresh && (async () => byTime(await refresh()))} />
    <Box
      data-testid="evidence-gallery"
      sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, 1fr)', md: 'repeat(3, 1fr)', xl: 'repeat(4, 1fr)' } }}
    >
      {ordered.map((item, i) => (
        <EvidenceCard key={item.evidenceId} item={item} onOpen={() => setOpen(i)} />
      ))}
    </Box>
    </>
  );
}

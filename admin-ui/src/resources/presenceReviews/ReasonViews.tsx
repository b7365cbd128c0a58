import { Chip, List, ListItem, ListItemText, Stack } from '@mui/material';
import { useTranslate } from 'react-admin';
import { EmptyState } from '../../ui/LoadStates';
import { confidenceColor, formatConfidence, reasonLabel, reasonText, type PresenceReason } from './presenceModel';

/** The first reasons as short labels (heaviest first, as the API orders them), then how many more. */
export function ReasonChips({ codes, max = 3 }: { codes: readonly string[]; max?: number }) {
  const translate = useTranslate();
  const shown = codes.slice(0, max);
  return (
    <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap" data-testid="reason-chips">
      {shown.map((code) => (
        <Chip key={code} size="small" color="warning" variant="outlined" label={reasonLabel(code, translate)} data-code={code} />
      ))}
      {codes.length > max && (
        <Chip size="small" variant="outlined" label={translate('resources.presence-reviews.moreReasons', { smart_count: codes.length - max })} />
      )}
    </Stack>
  );
}

export function ConfidenceChip({ confidence }: { confidence: number | null | undefined }) {
  const color = confidenceColor(confidence);
  return <Chip size="small" color={color} variant={color === 'default' ? 'outlined' : 'filled'} label={formatConfidence(confidence)} data-testid="confidence" />;
}

/**
 * Every reason of the verdict as a sentence with its figures; a reason about one photo names it ("照片 2") in the
 * order the photos are shown.
 */
export function ReasonList({ reasons, photoNumber }: { reasons: readonly PresenceReason[]; photoNumber?: (evidenceId: string) => number | null }) {
  const translate = useTranslate();
  if (reasons.length === 0) return <EmptyState message="resources.presence-reviews.show.noReasons" />;
  return (
    <List dense disablePadding data-testid="reason-list">
      {reasons.map((r, i) => {
        const n = r.evidenceId && photoNumber ? photoNumber(r.evidenceId) : null;
        const text = reasonText(r, translate);
        return (
          <ListItem key={`${r.code}-${i}`} disableGutters data-code={r.code} sx={{ gap: 1, alignItems: 'flex-start' }}>
            <Chip
              size="small"
              color={r.severity === 'minor' ? 'default' : 'error'}
              variant={r.severity === 'minor' ? 'outlined' : 'filled'}
              label={translate(`presence.severity.${r.severity}`)}
              sx={{ mt: 0.5, minWidth: 48 }}
            />
            <ListItemText
              primary={n ? `${translate('presence.aboutPhoto', { n })}${text}` : text}
              secondary={reasonLabel(r.code, translate)}
            />
          </ListItem>
        );
      })}
    </List>
  );
}

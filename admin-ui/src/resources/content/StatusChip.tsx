import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { contentLabel, STATUS_COLOR, type CONTENT_ENUMS } from './contentEnums';

/** A status (or state) as a coloured chip, labelled from i18n. */
export function StatusChip({ resource, source, label: _label }: { resource: keyof typeof CONTENT_ENUMS; source: string; label?: string }) {
  const record = useRecordContext();
  const translate = useTranslate();
  const value = record?.[source] as string | undefined;
  if (!value) return null;
  return (
    <Chip
      size="small"
      color={STATUS_COLOR[value] ?? 'default'}
      variant={value === 'closed' || value === 'expired' ? 'outlined' : 'filled'}
      label={translate(contentLabel(resource, source, value), { _: value })}
      data-testid={`${resource}-${source}-chip`}
    />
  );
}

/** An enum value as text, labelled from i18n. */
export function EnumText({ resource, source, label: _label }: { resource: keyof typeof CONTENT_ENUMS; source: string; label?: string }) {
  const record = useRecordContext();
  const translate = useTranslate();
  const value = record?.[source] as string | undefined;
  return <>{value ? translate(contentLabel(resource, source, value), { _: value }) : '—'}</>;
}

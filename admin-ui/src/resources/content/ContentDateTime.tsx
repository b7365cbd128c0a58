import { useRecordContext } from 'react-admin';
import { formatDateTime } from '../../format/dateTime';

/** An ISO timestamp of the record in zh-CN Beijing time; — when absent. */
export function ContentDateTime({ source }: { source: string; label?: string; sortable?: boolean }) {
  const record = useRecordContext();
  const v = record?.[source] as string | null | undefined;
  return <span style={{ whiteSpace: 'nowrap' }}>{v ? formatDateTime(v) : '—'}</span>;
}

/** A form's `YYYY-MM-DDTHH:mm` (local time, from DateTimeInput) or Date as ISO; null when empty. */
export function toIso(v: unknown): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (typeof v !== 'string' || v.trim() === '') return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

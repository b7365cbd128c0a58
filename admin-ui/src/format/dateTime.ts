/** Deadlines run on the China working-day calendar (UTC+8): times show in Beijing time everywhere. */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

const DATE_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: CHINA_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const DATE = new Intl.DateTimeFormat('zh-CN', {
  timeZone: CHINA_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const parse = (iso: string | null | undefined): Date | null => {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
};

/** ISO timestamp → zh-CN "2026/12/08 16:00" in Beijing time; "—" when absent. */
export function formatDateTime(iso: string | null | undefined): string {
  const d = parse(iso);
  return d ? DATE_TIME.format(d) : '—';
}

/** ISO timestamp or YYYY-MM-DD → zh-CN "2026/12/08". */
export function formatDate(iso: string | null | undefined): string {
  if (iso && /^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso.replace(/-/g, '/');
  const d = parse(iso);
  return d ? DATE.format(d) : '—';
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A length of time, coarse (two units at most): "2 天 3 小时", "5 小时 10 分钟", "3 分钟"
 * in Chinese; "2 d 3 h", "5 h 10 min", "3 min" otherwise. Negative input is taken as its size.
 */
export function formatDuration(ms: number, locale: string): string {
  const zh = locale.startsWith('zh');
  const abs = Math.abs(ms);
  const days = Math.floor(abs / DAY);
  const hours = Math.floor((abs % DAY) / HOUR);
  const minutes = Math.floor((abs % HOUR) / MINUTE);
  const unit = (n: number, zhUnit: string, enUnit: string) => `${n} ${zh ? zhUnit : enUnit}`;
  if (days > 0) {
    return hours > 0 ? `${unit(days, '天', 'd')} ${unit(hours, '小时', 'h')}` : unit(days, '天', 'd');
  }
  if (hours > 0) {
    return minutes > 0 ? `${unit(hours, '小时', 'h')} ${unit(minutes, '分钟', 'min')}` : unit(hours, '小时', 'h');
  }
  return unit(Math.max(minutes, abs > 0 ? 1 : 0), '分钟', 'min');
}

const CHINA_OFFSET_MS = 8 * HOUR;

/** The China calendar date (YYYY-MM-DD) of an instant: what "today" means for deadlines and the working-day calendar. */
export function chinaDate(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

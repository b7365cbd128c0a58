// How the terminal writes money, energy and dates. The idea follows admin-ui/src/format (a separate package, so not
// imported): amounts in yuan with two decimals, kWh with thousands separators, and every date read on the China
// calendar (Asia/Shanghai) whatever the phone's time zone — a reading "of 2026-11-30" must not become the 29th on a
// phone set to UTC.

export const CHINA_TIME_ZONE = 'Asia/Shanghai';
const NONE = '—';

const YUAN = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const KWH = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });
const KVA = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });

const finite = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);

/** 12345.6 → "¥12,345.60"; absent → "—". */
export function formatYuan(amount: number | null | undefined): string {
  return finite(amount) ? YUAN.format(amount) : NONE;
}

/** 72050.4 → "72,050.4 kWh" (at most two decimals, as the upstream systems give them). */
export function formatKwh(kwh: number | null | undefined): string {
  return finite(kwh) ? `${KWH.format(kwh)} kWh` : NONE;
}

/** A number with thousands separators and at most two decimals, without a unit (chart axes). */
export function formatNumber(n: number | null | undefined): string {
  return finite(n) ? KWH.format(n) : NONE;
}

export function formatKva(kva: number | null | undefined): string {
  return finite(kva) ? `${KVA.format(kva)} kVA` : NONE;
}

const DATE_PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: CHINA_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

function chinaParts(iso: string): Record<string, string> | null {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const out: Record<string, string> = {};
  for (const p of DATE_PARTS.formatToParts(d)) out[p.type] = p.value;
  return out;
}

/** "2026-11-30" stays as it is (a calendar day has no time zone); a timestamp becomes its China date. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return NONE;
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const p = chinaParts(iso);
  return p ? `${p.year}-${p.month}-${p.day}` : NONE;
}

/** A timestamp as "YYYY-MM-DD HH:mm", China time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return NONE;
  const p = chinaParts(iso);
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : NONE;
}

/** Today's date in China, YYYY-MM-DD. */
export function chinaToday(now: Date = new Date()): string {
  return formatDate(now.toISOString());
}

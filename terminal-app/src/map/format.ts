import type { T } from '../i18n';
import { compassIndex, splitDistance } from '../../../ui-map/geo';
import { splitDuration } from '../../../ui-map/replay';

/** "850 米" / "1.2 公里" in the user's language. */
export function formatDistance(t: T, m: number): string {
  const { value, km } = splitDistance(m);
  return t(km ? 'map.km' : 'map.m', { n: value });
}

/** "方位 东北（45°）". */
export function formatBearing(t: T, deg: number): string {
  return t('map.bearing', { dir: t(`map.dir.${compassIndex(deg)}`), deg: Math.round(deg) % 360 });
}

/** "1 小时 5 分" / "9 分 40 秒" / "45 秒". */
export function formatDuration(t: T, ms: number): string {
  const { h, m, s } = splitDuration(ms);
  if (h > 0) return t('map.dur.h', { h, m });
  if (m > 0) return t('map.dur.m', { m, s });
  return t('map.dur.s', { s });
}

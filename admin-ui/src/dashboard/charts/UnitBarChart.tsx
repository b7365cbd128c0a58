import { Box } from '@mui/material';
import type { UnitFigures } from '../useDashboardStats';
import { axisTicks } from './chartScale';
import { formatCount } from './chartFormat';
import { ChartLegend, type TrendSeries } from './TrendChart';

const W = 640;
const LABEL_W = 200;
const RIGHT = 48;
const BAR_H = 9;
const ROW_GAP = 14;
const TOP = 8;
const LABEL_FONT = 13;

/** Cuts a name to the label column (a CJK character is about twice as wide as a Latin one); the full name stays in the tooltip. */
export function fitLabel(name: string, widthPx = LABEL_W - 12, fontPx = LABEL_FONT): string {
  const units = (ch: string) => (/[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 1 : 0.55);
  const max = widthPx / fontPx;
  let used = 0;
  let out = '';
  for (const ch of name) {
    used += units(ch);
    if (used > max - 0.6) return `${out}…`;
    out += ch;
  }
  return out;
}

/**
 * Grouped horizontal bars, one group per sub-unit (suspected, checked on site, confirmed). A group is a button:
 * it opens that unit's statistics.
 */
export function UnitBarChart({
  units,
  series,
  unitName,
  onOpen,
  openLabel,
  ariaLabel,
}: {
  units: readonly UnitFigures[];
  series: readonly TrendSeries[];
  unitName: (u: UnitFigures) => string;
  onOpen?: (unitId: string) => void;
  openLabel: (name: string) => string;
  ariaLabel: string;
}) {
  const max = Math.max(0, ...units.flatMap((u) => series.map((s) => u[s.key])));
  const top = axisTicks(max).at(-1)!;
  const plotW = W - LABEL_W - RIGHT;
  const rowH = series.length * BAR_H + ROW_GAP;
  const H = TOP + units.length * rowH;
  const width = (v: number) => (top > 0 ? (v / top) * plotW : 0);
  return (
    <Box data-testid="unit-chart">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="group" aria-label={ariaLabel} style={{ display: 'block' }}>
        {units.map((u, row) => {
          const y0 = TOP + row * rowH;
          const name = unitName(u);
          const open = onOpen ? () => onOpen(u.id) : undefined;
          return (
            <g
              key={u.id}
              data-testid="unit-row"
              data-unit-id={u.id}
              role={open ? 'button' : undefined}
              tabIndex={open ? 0 : undefined}
              aria-label={open ? openLabel(name) : name}
              onClick={open}
              onKeyDown={open ? (e) => (e.key === 'Enter' || e.key === ' ') && open() : undefined}
              style={{ cursor: open ? 'pointer' : 'default' }}
            >
              <rect x={0} y={y0 - 4} width={W} height={rowH - 4} fill="transparent" />
              <text x={LABEL_W - 8} y={y0 + (series.length * BAR_H) / 2} textAnchor="end" dominantBaseline="middle" fontSize={LABEL_FONT} fill={open ? '#1565c0' : '#424242'}>
                <title>{name}</title>
                {fitLabel(name)}
              </text>
              {series.map((s, i) => {
                const v = u[s.key];
                const y = y0 + i * BAR_H;
                return (
                  <g key={s.key}>
                    <rect data-testid={`unit-bar-${s.key}`} data-value={v} x={LABEL_W} y={y} width={width(v)} height={BAR_H - 2} fill={s.color}>
                      <title>{`${name} ${s.label}：${formatCount(v)}`}</title>
                    </rect>
                    <text x={LABEL_W + width(v) + 4} y={y + (BAR_H - 2) / 2} dominantBaseline="middle" fontSize={10} fill="#616161">
                      {formatCount(v)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <ChartLegend series={series} />
    </Box>
  );
}

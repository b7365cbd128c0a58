import { Box, Typography, useTheme } from '@mui/material';
import { useTranslate } from 'react-admin';
import { EmptyState } from '../../ui/LoadStates';

export interface ChartPoint {
  /** Unique key, e.g. "2026-03". */
  key: string;
  /** Short axis label, e.g. "03". */
  label: string;
  value: number;
  /** Tooltip / accessible text of the bar. */
  title: string;
  /** Drawn in the warning colour (e.g. a zero month, a month far below last year). */
  flagged?: boolean;
}

export interface BarLayout {
  key: string;
  label: string;
  title: string;
  x: number;
  y: number;
  width: number;
  height: number;
  flagged: boolean;
}

const PLOT_TOP = 8;
const AXIS_BOTTOM = 20;
const AXIS_LEFT = 44;

/** The smallest "nice" number (1, 2, 2.5, 5 × 10^n) at or above v: the y axis top. */
export function niceCeiling(v: number): number {
  if (!(v > 0)) return 1;
  const exp = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * exp >= v) return m * exp;
  return 10 * exp;
}

/** Bars in SVG user units: one per point, left to right, heights in proportion to the axis top. */
export function layoutBars(points: readonly ChartPoint[], width: number, height: number): { bars: BarLayout[]; top: number; plotHeight: number } {
  const top = niceCeiling(Math.max(0, ...points.map((p) => p.value)));
  const plotHeight = height - PLOT_TOP - AXIS_BOTTOM;
  const slot = points.length ? (width - AXIS_LEFT) / points.length : 0;
  const barWidth = Math.max(2, slot * 0.7);
  const bars = points.map((p, i) => {
    const h = Math.max(0, (Math.max(0, p.value) / top) * plotHeight);
    return {
      key: p.key,
      label: p.label,
      title: p.title,
      x: AXIS_LEFT + i * slot + (slot - barWidth) / 2,
      y: PLOT_TOP + plotHeight - h,
      width: barWidth,
      height: h,
      flagged: !!p.flagged,
    };
  });
  return { bars, top, plotHeight };
}

export interface ConsumptionChartProps {
  points: readonly ChartPoint[];
  /** Translation key of the chart's accessible name. */
  label: string;
  /** Unit shown by the axis top, e.g. "kWh". */
  unit: string;
  emptyMessage: string;
  height?: number;
}

const WIDTH = 640;

/** A bar chart in plain SVG (no chart library): scales to its container, so it reads on a tablet. */
export function ConsumptionChart({ points, label, unit, emptyMessage, height = 220 }: ConsumptionChartProps) {
  const translate = useTranslate();
  const theme = useTheme();
  if (points.length === 0) return <EmptyState message={emptyMessage} />;
  const { bars, top, plotHeight } = layoutBars(points, WIDTH, height);
  const every = Math.ceil(points.length / 12);
  const number = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
  return (
    <Box sx={{ width: '100%', overflowX: 'auto' }}>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-label={translate(label, { _: label })}
        data-testid="consumption-chart"
        style={{ display: 'block', minWidth: 320 }}
      >
        {[0, 0.5, 1].map((f) => {
          const y = PLOT_TOP + plotHeight * (1 - f);
          return (
            <g key={f}>
              <line x1={AXIS_LEFT} x2={WIDTH} y1={y} y2={y} stroke={theme.palette.divider} />
              <text x={AXIS_LEFT - 4} y={y + 4} textAnchor="end" fontSize={10} fill={theme.palette.text.secondary}>
                {number.format(top * f)}
              </text>
            </g>
          );
        })}
        {bars.map((b, i) => (
          <g key={b.key} data-testid="chart-bar" data-flagged={b.flagged || undefined}>
            <rect x={b.x} y={b.y} width={b.width} height={b.height} rx={1.5} fill={b.flagged ? theme.palette.warning.main : theme.palette.primary.main}>
              <title>{b.title}</title>
            </rect>
            {i % every === 0 && (
              <text x={b.x + b.width / 2} y={height - 6} textAnchor="middle" fontSize={10} fill={theme.palette.text.secondary}>
                {b.label}
              </text>
            )}
          </g>
        ))}
      </svg>
      <Typography variant="caption" color="text.secondary">
        {unit}
      </Typography>
    </Box>
  );
}

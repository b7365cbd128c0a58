import { Box, Stack, Typography } from '@mui/material';
import type { TrendPoint } from '../useDashboardStats';
import { axisTicks, scaleY } from './chartScale';
import { formatCount, formatMonth } from './chartFormat';

export type TrendSeriesKey = 'suspected' | 'checkedOnSite' | 'confirmed';

export interface TrendSeries {
  key: TrendSeriesKey;
  label: string;
  color: string;
}

const W = 640;
const H = 240;
const M = { left: 44, right: 16, top: 12, bottom: 30 };

/** At most this many month labels under the axis; the others are left out so they never overlap. */
const MAX_LABELS = 8;

/** Monthly counts as lines (SVG, scales with its box: fine on a tablet). */
export function TrendChart({ points, series, ariaLabel }: { points: readonly TrendPoint[]; series: readonly TrendSeries[]; ariaLabel: string }) {
  const max = Math.max(0, ...points.flatMap((p) => series.map((s) => p[s.key])));
  const ticks = axisTicks(max);
  const top = ticks.at(-1)!;
  const plotW = W - M.left - M.right;
  const x = (i: number) => M.left + (points.length > 1 ? (i / (points.length - 1)) * plotW : plotW / 2);
  const y = (v: number) => scaleY(v, top, M.top, H - M.bottom);
  const labelEvery = Math.ceil(points.length / MAX_LABELS);
  return (
    <Box data-testid="trend-chart">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={ariaLabel} style={{ display: 'block', maxHeight: 320 }}>
        {ticks.map((t) => (
          <g key={t} data-testid="trend-tick">
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke="#e0e0e0" />
            <text x={M.left - 6} y={y(t)} textAnchor="end" dominantBaseline="middle" fontSize={11} fill="#757575">
              {formatCount(t)}
            </text>
          </g>
        ))}
        {points.map((p, i) =>
          i % labelEvery === 0 || i === points.length - 1 ? (
            <text key={p.month} data-testid="trend-month" x={x(i)} y={H - 10} textAnchor="middle" fontSize={11} fill="#616161">
              {formatMonth(p.month)}
            </text>
          ) : null,
        )}
        {series.map((s) => (
          <g key={s.key} data-testid={`trend-series-${s.key}`}>
            {points.length > 1 && (
              <polyline
                points={points.map((p, i) => `${x(i)},${y(p[s.key])}`).join(' ')}
                fill="none"
                stroke={s.color}
                strokeWidth={2.5}
                strokeLinejoin="round"
              />
            )}
            {points.map((p, i) => (
              <circle key={p.month} data-testid="trend-point" data-value={p[s.key]} cx={x(i)} cy={y(p[s.key])} r={3.5} fill={s.color}>
                <title>{`${s.label} ${formatMonth(p.month)}：${formatCount(p[s.key])}`}</title>
              </circle>
            ))}
          </g>
        ))}
      </svg>
      <ChartLegend series={series} />
    </Box>
  );
}

export function ChartLegend({ series }: { series: readonly { label: string; color: string }[] }) {
  return (
    <Stack direction="row" spacing={2} useFlexGap flexWrap="wrap" justifyContent="center" sx={{ mt: 1 }}>
      {series.map((s) => (
        <Stack key={s.label} direction="row" spacing={0.75} alignItems="center">
          <Box sx={{ width: 12, height: 12, borderRadius: '2px', bgcolor: s.color }} />
          <Typography variant="caption">{s.label}</Typography>
        </Stack>
      ))}
    </Stack>
  );
}

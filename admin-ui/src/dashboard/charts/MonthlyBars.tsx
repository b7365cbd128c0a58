import { Box } from '@mui/material';
import { formatYuan } from '../../format/money';
import { axisTicks, scaleY } from './chartScale';
import { formatCompactYuan, formatMonth } from './chartFormat';

const W = 640;
const H = 200;
const M = { left: 52, right: 16, top: 12, bottom: 30 };
const MAX_LABELS = 8;

/** One amount per month as columns (the recovered back-billing and penalties). */
export function MonthlyBars({ points, color, ariaLabel }: { points: readonly { month: string; value: number }[]; color: string; ariaLabel: string }) {
  const ticks = axisTicks(Math.max(0, ...points.map((p) => p.value)));
  const top = ticks.at(-1)!;
  const plotW = W - M.left - M.right;
  const slot = plotW / Math.max(1, points.length);
  const barW = Math.min(48, slot * 0.6);
  const y = (v: number) => scaleY(v, top, M.top, H - M.bottom);
  const labelEvery = Math.ceil(points.length / MAX_LABELS);
  return (
    <Box data-testid="monthly-bars">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={ariaLabel} style={{ display: 'block', maxHeight: 260 }}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke="#e0e0e0" />
            <text x={M.left - 6} y={y(t)} textAnchor="end" dominantBaseline="middle" fontSize={11} fill="#757575">
              {formatCompactYuan(t)}
            </text>
          </g>
        ))}
        {points.map((p, i) => {
          const cx = M.left + slot * (i + 0.5);
          return (
            <g key={p.month}>
              <rect data-testid="monthly-bar" data-value={p.value} x={cx - barW / 2} y={y(p.value)} width={barW} height={y(0) - y(p.value)} fill={color}>
                <title>{`${formatMonth(p.month)}：${formatYuan(p.value)}`}</title>
              </rect>
              {(i % labelEvery === 0 || i === points.length - 1) && (
                <text x={cx} y={H - 10} textAnchor="middle" fontSize={11} fill="#616161">
                  {formatMonth(p.month)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </Box>
  );
}

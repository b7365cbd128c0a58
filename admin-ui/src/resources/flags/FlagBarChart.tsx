import { Box, Stack, Typography, useTheme, type Theme } from '@mui/material';
import { niceStep } from '../../dashboard/charts/chartScale';
import { pct } from './flagExplanation';
import { kwh, type BarChartModel, type LineTone, type Tone } from './flagChartModel';

// A small bar chart with reference lines in plain SVG (the app has no chart library; the dashboard's charts are
// drawn the same way). The viewBox scales to its container, so it reads at 390 px; the legend wraps below it.

const W = 360;
const H = 150;
const M = { left: 44, right: 6, top: 8, bottom: 20 };

function colour(theme: Theme, tone: Tone | LineTone | 'missing'): string {
  switch (tone) {
    case 'compared': case 'flagged': return theme.palette.warning.main;
    case 'alert': return theme.palette.error.main;
    case 'baseline': case 'normal': return theme.palette.primary.main;
    case 'other': return theme.palette.grey[400];
    case 'peer': return theme.palette.text.primary;
    case 'baselineAvg': return theme.palette.primary.dark;
    case 'norm': return theme.palette.success.main;
    case 'upper': case 'capacity': return theme.palette.error.dark;
    case 'missing': return theme.palette.text.disabled;
  }
}

/** The axis: from the lowest value (0, or below for a negative loss) to a round step above the highest. */
export function axisRange(values: number[]): { lo: number; hi: number; ticks: number[] } {
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values);
  const step = niceStep(max - min || 1);
  const lo = Math.floor(min / step) * step;
  const hi = Math.max(lo + step, Math.ceil(max / step) * step);
  const ticks: number[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return { lo, hi, ticks };
}

export function FlagBarChart({ model }: { model: BarChartModel }) {
  const theme = useTheme();
  const { bars, lines } = model;
  const values = [
    ...bars.flatMap((b) => (b.value === null ? [] : [b.value])),
    ...lines.flatMap((l) => (typeof l.values === 'number' ? [l.values] : l.values.filter((v): v is number => v !== null))),
  ];
  const { lo, hi, ticks } = axisRange(values);
  const y = (v: number) => M.top + ((hi - v) / (hi - lo)) * (H - M.top - M.bottom);
  const slot = (W - M.left - M.right) / Math.max(1, bars.length);
  const barW = Math.max(2, slot * 0.7);
  const cx = (i: number) => M.left + slot * (i + 0.5);
  const fmt = (v: number) => (model.percent ? pct(v) : kwh(v));
  return (
    <Box data-testid={model.testId}>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={model.summary} style={{ display: 'block', maxHeight: 220 }}>
        <title>{model.summary}</title>
        {ticks.map((tk) => (
          <g key={tk}>
            <line x1={M.left} x2={W - M.right} y1={y(tk)} y2={y(tk)} stroke={theme.palette.divider} />
            <text x={M.left - 4} y={y(tk)} textAnchor="end" dominantBaseline="middle" fontSize={9} fill={theme.palette.text.secondary}>
              {fmt(tk)}
            </text>
          </g>
        ))}
        {bars.map((b, i) => (
          <g key={b.key} data-testid="flag-bar" data-value={b.value ?? ''} data-tone={b.value === null ? 'missing' : b.tone}>
            {b.value === null ? (
              <text x={cx(i)} y={y(0) - 2} textAnchor="middle" fontSize={9} fill={colour(theme, 'missing')}>
                ×<title>{b.title}</title>
              </text>
            ) : (
              <rect x={cx(i) - barW / 2} y={Math.min(y(b.value), y(0))} width={barW} height={Math.abs(y(0) - y(b.value))} fill={colour(theme, b.tone)}>
                <title>{b.title}</title>
              </rect>
            )}
            {b.label && (
              <text x={cx(i)} y={H - 6} textAnchor="middle" fontSize={9} fill={theme.palette.text.secondary}>
                {b.label}
              </text>
            )}
          </g>
        ))}
        {lines.map((l) =>
          typeof l.values === 'number' ? (
            <line key={l.key} data-testid="flag-line" data-tone={l.tone} data-value={l.values} x1={M.left} x2={W - M.right} y1={y(l.values)} y2={y(l.values)}
              stroke={colour(theme, l.tone)} strokeWidth={1.5} strokeDasharray={l.dashed ? '4 3' : undefined} />
          ) : (
            <g key={l.key} data-testid="flag-line" data-tone={l.tone}>
              {segments(l.values).map((seg) => (
                <polyline key={seg[0]} fill="none" stroke={colour(theme, l.tone)} strokeWidth={1.5} strokeDasharray={l.dashed ? '4 3' : undefined}
                  points={seg.map((i) => `${cx(i)},${y((l.values as number[])[i] ?? 0)}`).join(' ')} />
              ))}
              {l.values.map((v, i) => (v === null ? null : <circle key={i} data-testid="flag-point" data-value={v} cx={cx(i)} cy={y(v)} r={2} fill={colour(theme, l.tone)} />))}
            </g>
          ),
        )}
      </svg>
      <Stack direction="row" flexWrap="wrap" useFlexGap columnGap={1.5} rowGap={0.25} data-testid="flag-legend">
        {model.legend.map((e) => (
          <Stack key={e.tone} direction="row" spacing={0.5} alignItems="center">
            <Box component="span" aria-hidden sx={{ width: 10, height: e.tone === 'peer' || e.tone === 'baselineAvg' || e.tone === 'norm' || e.tone === 'upper' || e.tone === 'capacity' ? 2 : 10, bgcolor: colour(theme, e.tone), display: 'inline-block' }} />
            <Typography variant="caption" color="text.secondary">{e.label}</Typography>
          </Stack>
        ))}
      </Stack>
    </Box>
  );
}

/** Runs of consecutive indexes with a value (a null breaks the line). */
function segments(values: (number | null)[]): number[][] {
  const out: number[][] = [];
  let cur: number[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (cur.length) out.push(cur);
      cur = [];
    } else cur.push(i);
  });
  if (cur.length) out.push(cur);
  return out;
}

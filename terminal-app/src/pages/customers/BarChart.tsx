import { useState } from 'react';
import { labelEvery, layoutBars, type BarInput } from './chart';
import { formatNumber } from './format';

// A small bar chart as inline SVG (no chart library: the initial bundle is budgeted). The viewBox is fixed and the
// SVG takes the page's width, so it fits a 360 px screen. Nothing hover-only: tapping a bar shows its value below.

const W = 320;
const H = 150;
const PAD = 8; // so that the first and last labels (centred under their bars) are not cut off
const PLOT_TOP = 14; // room for the axis' top value
const PLOT_H = 110;
const LABEL_Y = PLOT_TOP + PLOT_H + 14;

export function BarChart({ points, title, unit, readout, maxLabels = 12, testId }: {
  points: BarInput[];
  /** Said to screen readers (the values are also listed under the chart). */
  title: string;
  unit: string;
  /** The text under the chart for the tapped bar (by index; the largest before any tap). */
  readout: (index: number) => string;
  maxLabels?: number;
  testId?: string;
}) {
  const [selected, setSelected] = useState<number | null>(null);
  const { top, bars, maxIndex } = layoutBars(points, { width: W - 2 * PAD, height: PLOT_H, gap: points.length > 40 ? 1 : 3, minBar: 1.5 });
  const showLabel = labelEvery(points.length, maxLabels);
  const pick = selected ?? maxIndex;
  return (
    <figure style={{ margin: 0 }} data-testid={testId}>
      <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        <text x={0} y={10}>{formatNumber(top)} {unit}</text>
        <line className="axis" x1={0} x2={W} y1={PLOT_TOP} y2={PLOT_TOP} strokeDasharray="3 3" />
        <line className="axis" x1={0} x2={W} y1={PLOT_TOP + PLOT_H} y2={PLOT_TOP + PLOT_H} />
        {bars.map((b, i) => (
          <g key={`${b.label}-${i}`} transform={`translate(${PAD} 0)`} onClick={() => setSelected(i)} style={{ cursor: 'pointer' }}>
            {/* the whole column is the tap target, not just the (maybe tiny) bar */}
            <rect x={b.x} y={PLOT_TOP} width={b.width} height={PLOT_H} fill="transparent" />
            <rect className={i === selected ? 'bar bar-sel' : i === maxIndex ? 'bar bar-max' : 'bar'} x={b.x} y={PLOT_TOP + b.y} width={b.width} height={b.height} />
            {showLabel(i) ? <text x={b.x + b.width / 2} y={LABEL_Y} textAnchor="middle">{b.label}</text> : null}
          </g>
        ))}
      </svg>
      <figcaption className="chart-readout" aria-live="polite">{pick >= 0 ? readout(pick) : ''}</figcaption>
    </figure>
  );
}

import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { useI18n } from '../../i18n';
import { addStroke, drawStrokes, extendStroke, undoStroke, type Point, type Stroke } from './signature';

// The customer signs with a finger (or stylus, or mouse): pointer events with the pointer captured, so a stroke that
// leaves the box still ends cleanly; `touch-action: none` keeps the page from scrolling under the finger. The strokes
// live in the parent (they are what gets exported); the canvas only shows them.

export const PAD_HEIGHT = 200;

export function SignaturePad({ strokes, onChange, disabled = false }: { strokes: Stroke[]; onChange: (s: Stroke[]) => void; disabled?: boolean }) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<number | null>(null);
  const latest = useRef(strokes);
  latest.current = strokes;
  const [width, setWidth] = useState(0);

  // Follow the box's width (rotation, split screen): the canvas is redrawn from the strokes at the device's pixel ratio.
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const measure = () => setWidth(el.getBoundingClientRect().width);
    measure();
    if (typeof ResizeObserver === 'undefined') {
      window.addEventListener('resize', measure);
      return () => window.removeEventListener('resize', measure);
    }
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const el = canvas.current;
    if (!el || !width) return;
    const dpr = window.devicePixelRatio || 1;
    el.width = Math.round(width * dpr);
    el.height = Math.round(PAD_HEIGHT * dpr);
    const ctx = el.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, el.width, el.height);
    drawStrokes(ctx, strokes, dpr);
  }, [strokes, width]);

  const at = (e: PointerEvent<HTMLCanvasElement>): Point => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: Math.round((e.clientX - r.left) * 10) / 10, y: Math.round((e.clientY - r.top) * 10) / 10 };
  };

  const down = (e: PointerEvent<HTMLCanvasElement>) => {
    if (disabled || drawing.current !== null) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    drawing.current = e.pointerId;
    onChange(addStroke(latest.current, at(e)));
  };
  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    if (drawing.current !== e.pointerId) return;
    e.preventDefault();
    // Coalesced events: a fast finger reports many points per frame; without them a curve turns into a polygon.
    const native = e.nativeEvent as globalThis.PointerEvent;
    const events = typeof native.getCoalescedEvents === 'function' ? native.getCoalescedEvents() : [];
    let next = latest.current;
    const r = e.currentTarget.getBoundingClientRect();
    if (events.length) {
      for (const c of events) next = extendStroke(next, { x: Math.round((c.clientX - r.left) * 10) / 10, y: Math.round((c.clientY - r.top) * 10) / 10 });
    } else next = extendStroke(next, at(e));
    if (next !== latest.current) onChange(next);
  };
  const up = (e: PointerEvent<HTMLCanvasElement>) => {
    if (drawing.current !== e.pointerId) return;
    drawing.current = null;
    e.currentTarget.releasePointerCapture?.(e.pointerId);
  };

  return (
    <div data-testid="signature">
      <div className="sig-wrap">
        <canvas
          ref={canvas}
          style={{ height: PAD_HEIGHT }}
          onPointerDown={down}
          onPointerMove={move}
          onPointerUp={up}
          onPointerCancel={up}
          aria-label={t('findings.signature.pad')}
          role="img"
          data-testid="signature-pad"
        />
        {!strokes.length ? <span className="sig-hint">{t('findings.signature.hint')}</span> : null}
      </div>
      <div className="row-actions">
        <button type="button" className="btn btn-secondary" disabled={disabled || !strokes.length} onClick={() => onChange(undoStroke(strokes))} data-testid="signature-undo">{t('findings.signature.undo')}</button>
        <button type="button" className="btn btn-secondary" disabled={disabled || !strokes.length} onClick={() => onChange([])} data-testid="signature-clear">{t('findings.signature.clear')}</button>
      </div>
    </div>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { formatNumber } from '../format';

/** A line to draw, with its own x values (runs are not aligned), and optionally a band from lo to hi. */
export interface Line {
  label: string;
  color: string;
  xs: number[];
  ys: (number | null)[];
  lo?: (number | null)[];
  hi?: (number | null)[];
  width?: number;
}

const PAD = { left: 64, right: 16, top: 14, bottom: 34 };
const LINES_PER_FRAME = 25;

/** The x scale of the last draw: data x at the plot's left and right edges, and those edges in CSS pixels. */
interface XScale {
  x0: number;
  x1: number;
  left: number;
  right: number;
}

/**
 * Many lines on one canvas, each with its own x values: 200 runs of 1,000 points are 200,000 segments, drawn in a
 * single pass without aligning the runs onto one x array (which would multiply the points by the number of runs).
 * With `onZoom`, dragging across the plot selects an x range (handed over in data units) and a double-click
 * calls `onReset`; `xRange`, when given, is the x range drawn (the zoomed range) instead of the data's.
 */
export function LinesCanvas({
  lines,
  logY,
  xLabel,
  xRange,
  onZoom,
  onReset,
}: {
  lines: Line[];
  logY: boolean;
  xLabel: string;
  xRange?: [number, number] | null;
  onZoom?: (from: number, to: number) => void;
  onReset?: () => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const scale = useRef<XScale | null>(null);
  const [selection, setSelection] = useState<{ start: number; end: number } | null>(null);
  const rangeFrom = xRange?.[0];
  const rangeTo = xRange?.[1];
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const draw = () => {
      const ratio = window.devicePixelRatio || 1;
      const width = element.clientWidth;
      const height = element.clientHeight;
      element.width = width * ratio;
      element.height = height * ratio;
      const g = element.getContext('2d');
      if (!g) return;
      g.setTransform(ratio, 0, 0, ratio, 0, 0);
      g.clearRect(0, 0, width, height);
      const ty = (v: number) => (logY ? Math.log10(v) : v);
      let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
      const extend = (values: (number | null)[] | undefined) => {
        if (!values) return;
        for (const v of values) {
          if (v === null || (logY && v <= 0)) continue;
          const t = ty(v);
          if (t < y0) y0 = t;
          if (t > y1) y1 = t;
        }
      };
      for (const line of lines) {
        if (line.xs.length === 0) continue;
        x0 = Math.min(x0, line.xs[0]);
        x1 = Math.max(x1, line.xs[line.xs.length - 1]);
        extend(line.ys);
        extend(line.lo);
        extend(line.hi);
      }
      if (rangeFrom !== undefined && rangeTo !== undefined) (x0 = rangeFrom), (x1 = rangeTo);
      if (!Number.isFinite(x0) || !Number.isFinite(y0)) return;
      if (x0 === x1) (x0 -= 1), (x1 += 1);
      if (y0 === y1) (y0 -= 1), (y1 += 1);
      const w = width - PAD.left - PAD.right;
      const h = height - PAD.top - PAD.bottom;
      const sx = (x: number) => PAD.left + ((x - x0) / (x1 - x0)) * w;
      scale.current = { x0, x1, left: PAD.left, right: PAD.left + w };
      element.dataset.x0 = String(x0);
      element.dataset.x1 = String(x1);
      const sy = (v: number) => PAD.top + h - ((ty(v) - y0) / (y1 - y0)) * h;
      axes(g, x0, x1, y0, y1, sx, (t) => PAD.top + h - ((t - y0) / (y1 - y0)) * h, width, height, logY, xLabel);
      const ok = (v: number | null | undefined): v is number => v !== null && v !== undefined && (!logY || v > 0);
      const drawBand = (line: Line) => {
        if (!line.lo || !line.hi) return;
        g.beginPath();
        let started = false;
        for (let i = 0; i < line.xs.length; i++) {
          const v = line.hi[i];
          if (!ok(v)) continue;
          if (started) g.lineTo(sx(line.xs[i]), sy(v));
          else g.moveTo(sx(line.xs[i]), sy(v)), (started = true);
        }
        for (let i = line.xs.length - 1; i >= 0; i--) {
          const v = line.lo[i];
          if (ok(v)) g.lineTo(sx(line.xs[i]), sy(v));
        }
        g.closePath();
        g.globalAlpha = 0.18;
        g.fillStyle = line.color;
        g.fill();
        g.globalAlpha = 1;
      };
      const drawLine = (line: Line) => {
        g.beginPath();
        let pen = false;
        for (let i = 0; i < line.xs.length; i++) {
          const v = line.ys[i];
          if (!ok(v)) {
            pen = false;
            continue;
          }
          if (pen) g.lineTo(sx(line.xs[i]), sy(v));
          else g.moveTo(sx(line.xs[i]), sy(v)), (pen = true);
        }
        g.strokeStyle = line.color;
        g.lineWidth = line.width ?? 1.25;
        g.stroke();
      };
      lines.forEach(drawBand);
      // A slice of lines per frame, so hundreds of runs never hold the tab in one long task.
      let next = 0;
      const slice = () => {
        const end = Math.min(lines.length, next + LINES_PER_FRAME);
        for (; next < end; next++) drawLine(lines[next]);
        if (next < lines.length) frame = requestAnimationFrame(slice);
        else performance.mark('sacred:many-drawn', { detail: { lines: lines.length } });
      };
      slice();
    };
    let frame = 0;
    // Its first callback comes once the canvas is laid out: that is the first draw.
    const resize = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      draw();
    });
    resize.observe(element);
    return () => {
      cancelAnimationFrame(frame);
      resize.disconnect();
    };
  }, [lines, logY, xLabel, rangeFrom, rangeTo]);

  // Zoom by dragging: the selection follows the pointer in CSS pixels; on release it becomes a data x range.
  const within = (event: MouseEvent) => {
    const s = scale.current;
    const box = canvas.current!.getBoundingClientRect();
    const x = event.clientX - box.left;
    return s ? Math.min(s.right, Math.max(s.left, x)) : x;
  };
  const onMouseDown = (event: MouseEvent) => {
    if (!onZoom || event.button !== 0 || !scale.current) return;
    event.preventDefault();
    const start = within(event);
    setSelection({ start, end: start });
    const move = (e: MouseEvent) => setSelection({ start, end: within(e) });
    const up = (e: MouseEvent) => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
      setSelection(null);
      const s = scale.current;
      const end = within(e);
      if (!s || Math.abs(end - start) < 3) return;
      const toX = (px: number) => s.x0 + ((px - s.left) / (s.right - s.left)) * (s.x1 - s.x0);
      performance.mark('sacred:many-zoom-start');
      onZoom(toX(Math.min(start, end)), toX(Math.max(start, end)));
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  };

  return (
    <div class="many-canvas-host">
      <canvas
        class="many-canvas"
        ref={canvas}
        data-lines={lines.length}
        data-bands={lines.filter((l) => l.lo && l.hi).length}
        onMouseDown={onMouseDown}
        onDblClick={() => onReset?.()}
      />
      {selection && (
        <div class="many-selection" style={{ left: `${Math.min(selection.start, selection.end)}px`, width: `${Math.abs(selection.end - selection.start)}px` }} />
      )}
    </div>
  );
}

function axes(
  g: CanvasRenderingContext2D,
  x0: number,
  x1: number,
  y0: number,
  y1: number,
  sx: (x: number) => number,
  syT: (t: number) => number,
  width: number,
  height: number,
  logY: boolean,
  xLabel: string,
) {
  g.strokeStyle = '#e3e6ee';
  g.fillStyle = '#5b6275';
  g.font = '11px ui-monospace, monospace';
  g.lineWidth = 1;
  for (const t of ticks(y0, y1, 5)) {
    const y = syT(t);
    g.beginPath();
    g.moveTo(PAD.left, y);
    g.lineTo(width - PAD.right, y);
    g.stroke();
    g.textAlign = 'right';
    g.fillText(formatNumber(logY ? Math.pow(10, t) : t), PAD.left - 6, y + 4);
  }
  for (const t of ticks(x0, x1, 6)) {
    const x = sx(t);
    g.textAlign = 'center';
    g.fillText(formatNumber(t), x, height - PAD.bottom + 16);
  }
  g.textAlign = 'center';
  g.fillText(xLabel, PAD.left + (width - PAD.left - PAD.right) / 2, height - 4);
}

function ticks(a: number, b: number, n: number): number[] {
  const span = b - a;
  const raw = span / n;
  const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => span / s <= n) ?? raw;
  const out: number[] = [];
  for (let t = Math.ceil(a / step) * step; t <= b + step * 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

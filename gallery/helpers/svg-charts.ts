/**
 * Charts drawn on the server as accessible SVG (role="img" with a title and a description; each page
 * also shows the data as a table). Every label is escaped; colours are presentation attributes, so
 * the page's CSP (no inline style) holds. Pure functions: data in, markup out.
 */
import Handlebars from 'handlebars';

const esc = (value: unknown) => Handlebars.escapeExpression(String(value));
const INK = '#1f1f1f';
const GRID = '#c9c4b8';
export const SERIES_COLOURS = ['#1d4f8a', '#9b2f27', '#1f6b55'];

interface Frame {
  id: string;
  title: string;
  description: string;
}

function frame(f: Frame, width: number, height: number, body: string, kind = 'chart'): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" class="svg-${kind}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${f.id}-t ${f.id}-d" focusable="false"><title id="${f.id}-t">${esc(f.title)}</title><desc id="${f.id}-d">${esc(f.description)}</desc>${body}</svg>`;
}

/** A "nice" upper bound for an axis: 1, 2 or 5 times a power of ten. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

function axis(max: number, left: number, top: number, width: number, height: number): string {
  const ticks = [0, 0.5, 1].map((r) => {
    const y = top + height - r * height;
    return `<line x1="${left}" x2="${left + width}" y1="${y}" y2="${y}" stroke="${GRID}" stroke-width="1"/><text x="${left - 6}" y="${y + 4}" text-anchor="end" font-size="12" fill="${INK}">${esc(Math.round(max * r))}</text>`;
  });
  return ticks.join('');
}

/** Vertical bars, one per label. */
export function barChart(f: Frame, labels: string[], values: number[]): string {
  const [W, H, left, top, bottom] = [640, 260, 44, 12, 40];
  const plotW = W - left - 8;
  const plotH = H - top - bottom;
  const max = niceMax(Math.max(0, ...values));
  const slot = plotW / Math.max(1, values.length);
  const bars = values
    .map((v, i) => {
      const h = (v / max) * plotH;
      const x = left + i * slot + slot * 0.15;
      return `<rect x="${x.toFixed(1)}" y="${(top + plotH - h).toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" height="${h.toFixed(1)}" fill="${SERIES_COLOURS[0]}"/><text x="${(left + i * slot + slot / 2).toFixed(1)}" y="${H - bottom + 16}" text-anchor="middle" font-size="11" fill="${INK}">${esc(labels[i])}</text>`;
    })
    .join('');
  return frame(f, W, H, axis(max, left, top, plotW, plotH) + bars);
}

/** Lines, one per series, over the same labels; a legend on top. */
export function lineChart(f: Frame, labels: string[], series: { name: string; values: number[] }[]): string {
  const [W, H, left, top, bottom] = [640, 280, 44, 32, 40];
  const plotW = W - left - 32;
  const plotH = H - top - bottom;
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const x = (i: number) => left + (labels.length <= 1 ? plotW / 2 : (i / (labels.length - 1)) * plotW);
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const lines = series
    .map((s, k) => {
      const colour = SERIES_COLOURS[k % SERIES_COLOURS.length];
      const points = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
      const dots = s.values
        .map((v, i) => `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${colour}"/>`)
        .join('');
      const legend = `<rect x="${left + k * 160}" y="6" width="14" height="14" fill="${colour}"/><text x="${left + k * 160 + 20}" y="18" font-size="13" fill="${INK}">${esc(s.name)}</text>`;
      return `<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="2.5" ${k === 1 ? 'stroke-dasharray="6 4"' : ''}/>${dots}${legend}`;
    })
    .join('');
  const ticks = labels
    .map(
      (l, i) =>
        `<text x="${x(i).toFixed(1)}" y="${H - bottom + 16}" text-anchor="middle" font-size="11" fill="${INK}">${esc(l)}</text>`,
    )
    .join('');
  return frame(f, W, H, axis(max, left, top, plotW, plotH) + lines + ticks);
}

/** Horizontal bars with their labels and values, largest first as given. */
export function horizontalBars(f: Frame, items: { label: string; value: number }[]): string {
  const row = 22;
  const [W, left] = [640, 200];
  const H = Math.max(1, items.length) * row + 8;
  const max = niceMax(Math.max(0, ...items.map((i) => i.value)));
  const plotW = W - left - 60;
  const bars = items
    .map((item, i) => {
      const w = (item.value / max) * plotW;
      const y = 4 + i * row;
      return `<text x="${left - 8}" y="${y + 15}" text-anchor="end" font-size="12" fill="${INK}">${esc(item.label)}</text><rect x="${left}" y="${y + 3}" width="${w.toFixed(1)}" height="${row - 8}" fill="${SERIES_COLOURS[2]}"/><text x="${(left + w + 6).toFixed(1)}" y="${y + 15}" font-size="12" fill="${INK}">${esc(item.value)}</text>`;
    })
    .join('');
  return frame(f, W, H, bars);
}

/** A matrix of counts (rows → columns), darker for more, each non-empty cell labelled with its value. */
export function matrixChart(f: Frame, rows: string[], columns: string[], values: number[][]): string {
  const cell = 26;
  const left = 70;
  const top = 70;
  const W = left + columns.length * cell + 8;
  const H = top + rows.length * cell + 8;
  const max = Math.max(1, ...values.flat());
  const cells = values
    .flatMap((line, r) =>
      line.map((v, c) => {
        const x = left + c * cell;
        const y = top + r * cell;
        const strength = v === 0 ? 0 : 0.25 + 0.75 * (v / max);
        const fill =
          v === 0
            ? '#f4f1ea'
            : `rgb(${Math.round(230 - 200 * strength)},${Math.round(236 - 160 * strength)},${Math.round(245 - 110 * strength)})`;
        const text =
          v === 0
            ? ''
            : `<text x="${x + cell / 2}" y="${y + cell / 2 + 4}" text-anchor="middle" font-size="10" fill="${strength > 0.55 ? '#ffffff' : INK}">${esc(v)}</text>`;
        return `<rect x="${x}" y="${y}" width="${cell - 2}" height="${cell - 2}" fill="${fill}"/>${text}`;
      }),
    )
    .join('');
  const rowLabels = rows
    .map(
      (l, r) =>
        `<text x="${left - 6}" y="${top + r * cell + cell / 2 + 4}" text-anchor="end" font-size="11" fill="${INK}">${esc(l)}</text>`,
    )
    .join('');
  const colLabels = columns
    .map(
      (l, c) =>
        `<text x="${left + c * cell + cell / 2}" y="${top - 8}" text-anchor="start" font-size="11" fill="${INK}" transform="rotate(-60 ${left + c * cell + cell / 2} ${top - 8})">${esc(l)}</text>`,
    )
    .join('');
  return frame(f, W, H, rowLabels + colLabels + cells, 'matrix');
}
